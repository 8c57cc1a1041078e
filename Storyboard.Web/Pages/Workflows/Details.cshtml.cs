using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Workflows;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Workflows;

/// <summary>One workflow: where its placeholders sit, each server's verdict with every problem by node and input,
/// and for editors a new graph to replace it.</summary>
public sealed class DetailsModel(IWorkflowLibrary library) : PageModel
{
    [BindProperty]
    public ReplaceWorkflowInput Input { get; set; } = new();

    public WorkflowRow Workflow { get; private set; } = default!;
    public IReadOnlyList<PlaceholderUse> Uses { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    public FlashMessage? OutOfBandFlash { get; private set; }

    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        return Request.IsHtmx() ? Partial("_WorkflowDetails", this) : Page();
    }

    public async Task<IActionResult> OnPostReplaceAsync(int id)
    {
        if (!CanEdit) return Forbid();
        var source = await WorkflowSourceRead.ReadAsync(Input, Aborted);
        var result = source.Error is null ? await library.ReplaceJsonAsync(id, source.Json, Aborted) : WorkflowSaveResult.Refused("Json", source.Error);
        if (result.NotFound || !await LoadAsync(id))
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            foreach (var (_, error) in result.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{source.Field}", error);
            }
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Request.IsHtmx() ? Partial("_WorkflowDetails", this) : Page();
        }
        var message = $"The graph of “{Workflow.Name}” is replaced. {Workflow.ChecksSentence}";
        if (Request.IsHtmx())
        {
            ModelState.Clear();
            Input = new ReplaceWorkflowInput();
            OutOfBandFlash = new FlashMessage(FlashKind.Success, message);
            return Partial("_WorkflowDetails", this);
        }
        Flash.Set(TempData, message);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await library.GetAsync(id, Aborted) is not { } workflow)
        {
            return false;
        }
        Workflow = await WorkflowRow.FromAsync(library, workflow, Aborted);
        Uses = workflow.Workflow?.Uses ?? [];
        return true;
    }
}
