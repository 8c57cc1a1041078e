using System.Security.Claims;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Animatic;

/// <summary>
/// The project's animatics: a form that queues a render (whole project or a scene, quick or full, overlays, .srt), and
/// the past renders with their status (polling while queued or running), a player and downloads. Everyone signed in
/// watches; Editors and Admins render, cancel and delete.
/// </summary>
public sealed class IndexModel(IRenders renders) : PageModel
{
    public const string List = "_RenderList";
    public const string Status = "_RenderStatus";

    [FromRoute(Name = "projectId")] public int ProjectId { get; set; }
    [BindProperty] public QueueRenderForm Input { get; set; } = new();

    public IReadOnlyList<RenderView> Renders { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Scenes { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    public string TimelineUrl => Url.Page("/Timeline/Index", new { id = ProjectId })!;
    /// <summary>What the last htmx action did, said in the list's live region.</summary>
    public string? Message { get; private set; }

    public string FileUrl(int renderId, RenderFileKind kind) =>
        Url.Page("Index", "File", new { projectId = ProjectId, renderId, kind = kind == RenderFileKind.Video ? "mp4" : "srt" })!;
    public string StatusUrl(int renderId) => Url.Page("Index", "Status", new { projectId = ProjectId, renderId })!;
    public Dictionary<string, string> Route(int renderId) => new()
    {
        ["projectId"] = ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["renderId"] = renderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() ? Partial(List, this) : Page();
    }

    /// <summary>One render's status part; it asks for itself every second while the render is queued or running.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int renderId)
    {
        if (!Request.IsHtmx()) return RedirectToPage("Index", new { projectId = ProjectId });
        if (await renders.GetAsync(ProjectId, renderId, Aborted) is not { } render) return NotFound();
        return Partial(Status, new RenderStatusModel(this, render));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        var (id, errors) = await renders.QueueAsync(ProjectId, Input.ToInput(), User.FindFirstValue(ClaimTypes.NameIdentifier), Aborted);
        if (errors.ContainsKey("")) return NotFound();
        foreach (var (key, error) in errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{key}", error);
        }
        var message = id is null ? "The render was not queued: " + string.Join(" ", errors.Values) : $"Render {id} queued.";
        return await AfterActionAsync(message, id is null ? FlashKind.Error : FlashKind.Success);
    }

    public async Task<IActionResult> OnPostCancelAsync(int renderId)
    {
        if (!CanEdit) return Forbid();
        return await renders.CancelAsync(ProjectId, renderId, Aborted) switch
        {
            RenderActionOutcome.NotFound => NotFound(),
            RenderActionOutcome.Conflict => await AfterActionAsync($"Render {renderId} has already finished.", FlashKind.Info),
            _ => await AfterActionAsync($"Render {renderId} is being cancelled.", FlashKind.Success),
        };
    }

    public async Task<IActionResult> OnPostDeleteAsync(int renderId)
    {
        if (!CanEdit) return Forbid();
        return await renders.DeleteAsync(ProjectId, renderId, Aborted) switch
        {
            RenderActionOutcome.NotFound => NotFound(),
            RenderActionOutcome.Conflict => await AfterActionAsync($"Render {renderId} is still running: cancel it first.", FlashKind.Error),
            _ => await AfterActionAsync($"Render {renderId} deleted.", FlashKind.Success),
        };
    }

    /// <summary>The MP4 (with range requests, so the player can seek) or the .srt.</summary>
    public async Task<IActionResult> OnGetFileAsync(int renderId, string? kind)
    {
        var fileKind = string.Equals(kind, "srt", StringComparison.OrdinalIgnoreCase) ? RenderFileKind.Subtitles : RenderFileKind.Video;
        if (await renders.FileAsync(ProjectId, renderId, fileKind, Aborted) is not { } file) return NotFound();
        var result = PhysicalFile(file.Path, file.ContentType, file.DownloadName);
        result.EnableRangeProcessing = true;
        return result;
    }

    /// <summary>Without htmx: redirect with a flash. With htmx: the list again, its live region saying what happened.</summary>
    private async Task<IActionResult> AfterActionAsync(string message, FlashKind kind)
    {
        if (!Request.IsHtmx())
        {
            if (!ModelState.IsValid)
            {
                if (!await LoadAsync()) return NotFound();
                return Page();
            }
            Flash.Set(TempData, message, kind);
            return RedirectToPage("Index", new { projectId = ProjectId });
        }
        if (!await LoadAsync()) return NotFound();
        Message = message;
        return Partial(List, this);
    }

    private async Task<bool> LoadAsync()
    {
        if (await renders.ListAsync(ProjectId, Aborted) is not { } list) return false;
        Renders = list;
        Scenes = await renders.ScenesAsync(ProjectId, Aborted);
        return true;
    }
}

/// <summary>A render's status part: the render and the page it belongs to (for URLs and rights).</summary>
public sealed record RenderStatusModel(IndexModel Page, RenderView Render);
