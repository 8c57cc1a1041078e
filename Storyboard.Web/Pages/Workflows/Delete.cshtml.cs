using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Generation.Workflows;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Workflows;

/// <summary>The confirmed deletion of one custom workflow.</summary>
[Authorize(Policy = Policies.CanEdit)]
public sealed class DeleteModel(IWorkflowLibrary library) : PageModel
{
    public StoredWorkflow Workflow { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await library.GetAsync(id, HttpContext.RequestAborted) is not { } workflow)
        {
            return NotFound();
        }
        Workflow = workflow;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var workflow = await library.GetAsync(id, HttpContext.RequestAborted);
        if (workflow is null || !await library.DeleteAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        Flash.Set(TempData, $"“{workflow.Name}” is deleted.");
        return RedirectToPage("Index");
    }
}
