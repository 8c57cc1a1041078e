using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

/// <summary>The explicit, confirmed purge of one trashed project.</summary>
[Authorize(Policy = Policies.CanEdit)]
public sealed class PurgeModel(IProjectService projects) : PageModel
{
    public ProjectRow Project { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var project = (await projects.ListTrashAsync(HttpContext.RequestAborted)).FirstOrDefault(p => p.Id == id);
        if (project is null)
        {
            return NotFound();
        }
        Project = project;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await projects.PurgeAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        Flash.Set(TempData, "The project is deleted for good.");
        return RedirectToPage("Trash");
    }
}
