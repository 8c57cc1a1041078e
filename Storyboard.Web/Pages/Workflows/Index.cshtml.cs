using System.Security.Claims;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Workflows;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Workflows;

/// <summary>
/// Custom workflows: everyone signed in sees the list (placeholders, and whether each ComfyUI server can run it);
/// editors and admins upload a ComfyUI "Export (API)" file or paste its JSON.
/// </summary>
public sealed class IndexModel(IWorkflowLibrary library) : PageModel
{
    [BindProperty]
    public AddWorkflowInput Input { get; set; } = new();

    public IReadOnlyList<WorkflowRow> Workflows { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);

    /// <summary>An htmx save's message, swapped out of band into the layout's flash region.</summary>
    public FlashMessage? OutOfBandFlash { get; private set; }

    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        Workflows = await WorkflowRow.ListAsync(library, Aborted);
        return Request.IsHtmx() ? Partial("_WorkflowLibrary", this) : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        var source = await WorkflowSourceRead.ReadAsync(Input, Aborted);
        if (source.Error is not null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{source.Field}", source.Error);
        }
        if (!ModelState.IsValid)
        {
            return await RefusedAsync();
        }
        var result = await library.AddAsync(Input.Name, Input.Kind, source.Json, User.FindFirstValue(ClaimTypes.NameIdentifier), Aborted);
        if (!result.Succeeded)
        {
            foreach (var (field, error) in result.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{(field == "Json" ? source.Field : field)}", error);
            }
            return await RefusedAsync();
        }
        var saved = await WorkflowRow.FromAsync(library, (await library.GetAsync(result.Id!.Value, Aborted))!, Aborted);
        var message = $"“{saved.Name}” is saved. {saved.ChecksSentence}";
        if (Request.IsHtmx())
        {
            ModelState.Clear();
            Input = new AddWorkflowInput();
            Workflows = await WorkflowRow.ListAsync(library, Aborted);
            OutOfBandFlash = new FlashMessage(FlashKind.Success, message);
            return Partial("_WorkflowLibrary", this);
        }
        Flash.Set(TempData, message);
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync()
    {
        Workflows = await WorkflowRow.ListAsync(library, Aborted);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Request.IsHtmx() ? Partial("_WorkflowLibrary", this) : Page();
    }
}
