using Htmx;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storyboard.Web.Accounts;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Projects;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Pages.Projects;

/// <summary>
/// The song panel of a project: shown alone (GET), polled while a new upload is checked (GET Status) and the
/// target of the upload form (POST). The upload streams to disk, so the form is never read by model binding and the
/// antiforgery token is checked by <see cref="StreamedUpload"/> before the file is read.
/// </summary>
[IgnoreAntiforgeryToken]
[DisableFormValueModelBinding]
public sealed class SongModel(
    ISongQueries songs, ISongUploads uploads, IProjectService projects, IAuthorizationService authorization,
    IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions) : PageModel
{
    public SongPanelView Panel { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        return Request.IsHtmx() ? Partial("_SongPanel", Panel) : Page();
    }

    /// <summary>Polled every second while an upload is analysed; when it is done, the whole panel replaces the status.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Request.IsHtmx())
        {
            return RedirectToPage("Dashboard", new { id });
        }
        if (Panel.IsAnalyzing)
        {
            return Partial("_SongStatus", Panel);
        }
        Response.Htmx(h => h.Retarget("#song-panel").Reswap("outerHTML"));
        var project = await projects.GetAsync(id, HttpContext.RequestAborted);
        return Partial("_SongPanelUpdate", new SongPanelUpdate(Panel, project is null ? null : new ProjectStatsView(project, OutOfBand: true)));
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await CanEditAsync())
        {
            return Forbid();
        }
        var cancellationToken = HttpContext.RequestAborted;
        StreamedUpload.AllowBody(HttpContext, uploads.MaxBytes);
        var declared = StreamedUpload.DeclaredFileLength(Request);
        SongUploadResult result;
        if (declared > uploads.MaxBytes)
        {
            // Refused from the Content-Length alone, before a byte of the body is read.
            result = await uploads.UploadAsync(id, Stream.Null, "", declared, cancellationToken);
        }
        else
        {
            var read = await StreamedUpload.ReadAsync(HttpContext, antiforgery, antiforgeryOptions, cancellationToken);
            if (read.Problem is StreamedUploadProblem.BadForm or StreamedUploadProblem.Forged)
            {
                return BadRequest();
            }
            result = read.File is { FileName.Length: > 0 } file
                ? await uploads.UploadAsync(id, file.Body, file.FileName, null, cancellationToken)
                : SongUploadResult.Refused(SongUploadFailure.Empty, "Choose an audio file to upload.");
        }
        if (result.Failure == SongUploadFailure.ProjectNotFound)
        {
            return NotFound();
        }

        if (Request.IsHtmx())
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }
            if (!result.Succeeded)
            {
                ModelState.AddModelError(nameof(SongPanelView.File), result.Error!);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
            return Partial("_SongPanel", Panel);
        }
        if (result.Succeeded)
        {
            Flash.Set(TempData, "The song is uploaded. Storyboard is checking it and drawing its waveform.");
        }
        else
        {
            Flash.Set(TempData, $"The song was not uploaded. {result.Error}", FlashKind.Error);
        }
        return RedirectToPage("Dashboard", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var panel = await songs.GetPanelAsync(id, await CanEditAsync(), HttpContext.RequestAborted);
        if (panel is null)
        {
            return false;
        }
        Panel = panel;
        return true;
    }

    private async Task<bool> CanEditAsync() => (await authorization.AuthorizeAsync(User, Policies.CanEdit)).Succeeded;
}

public sealed record SongPanelUpdate(SongPanelView Panel, ProjectStatsView? Stats);
