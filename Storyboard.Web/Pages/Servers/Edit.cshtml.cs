using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Generation.Servers;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Servers;

/// <summary>Adds a server (no id) or changes one. The secret is never shown: blank keeps it.</summary>
public sealed class EditModel(IGpuServerAdmin admin, IServerHealth health) : PageModel
{
    [BindProperty]
    public GpuServerInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public bool HasSecret { get; private set; }

    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            if (await admin.FormAsync(existing, Aborted) is not { } form || await admin.GetAsync(existing, Aborted) is not { } server)
            {
                return NotFound();
            }
            (Id, Input, HasSecret) = (existing, form, server.HasSecret);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var current = id is { } existing ? await admin.GetAsync(existing, Aborted) : null;
        if (id is not null && current is null)
        {
            return NotFound();
        }
        HasSecret = current?.HasSecret ?? false;
        if (!ModelState.IsValid)
        {
            return Refused();
        }
        var result = await admin.SaveAsync(id, Input, Aborted);
        switch (result.Outcome)
        {
            case ServerSaveOutcome.Ok:
                // A first answer now, so the list says straight away whether the server is reachable.
                await health.CheckAsync(result.Id, Aborted);
                var saved = await admin.GetAsync(result.Id, Aborted);
                Flash.Set(TempData, saved?.Status == Domain.GpuServerStatus.Offline
                    ? $"Server saved, but it is offline: {saved.LastError}"
                    : "Server saved.", saved?.Status == Domain.GpuServerStatus.Offline ? FlashKind.Error : FlashKind.Success);
                return RedirectToPage("Index");
            case ServerSaveOutcome.NotFound:
                return NotFound();
            case ServerSaveOutcome.Conflict:
                ModelState.Clear();
                ModelState.AddModelError("", result.Errors[""]);
                Input = (await admin.FormAsync(id!.Value, Aborted))!;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError($"{nameof(Input)}.{field}", message);
                }
                return Refused();
        }
    }

    private PageResult Refused()
    {
        // What was typed as a secret is not sent back to the browser (its error, if any, stays).
        ModelState.SetModelValue($"{nameof(Input)}.{nameof(Input.Secret)}", null, null);
        Input.Secret = null;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
