using Htmx;
using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Batches;

/// <summary>
/// One batch: each clip's jobs with their status, progress and errors, the totals, and "retry the failed ones". The
/// status part asks for itself every 2 seconds while a job is unfinished.
/// </summary>
public sealed class DetailsModel(IBatches batches) : BatchPageModel
{
    public const string Status = "_BatchStatus";

    [FromRoute(Name = "batchId")] public int BatchId { get; set; }

    public BatchView Batch { get; private set; } = default!;
    /// <summary>What the last htmx post did, said in the status part's live region.</summary>
    public string? Message { get; private set; }

    public string? ThumbnailUrl(int generationId) => Url.RouteUrl("generation-thumbnail", new { generationId });
    public string ClipUrl(int clipId) => Url.Page("/Timeline/Index", new { id = ProjectId, clip = clipId })!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Request.IsHtmx() ? Partial(Status, this) : Page();
    }

    /// <summary>Every failed job of the batch back to the queue.</summary>
    public async Task<IActionResult> OnPostRetryAsync()
    {
        if (!CanEdit) return Forbid();
        if (await batches.RetryFailedAsync(ProjectId, BatchId, UserId, IsAdmin, Aborted) is not { } retried) return NotFound();
        var message = retried == 0 ? "No failed jobs to retry." : $"{Format.Count(retried, "failed job")} queued again.";
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, message, retried == 0 ? FlashKind.Info : FlashKind.Success);
            return RedirectToPage("Details", new { projectId = ProjectId, batchId = BatchId });
        }
        if (!await LoadAsync()) return NotFound();
        Message = message;
        return Partial(Status, this);
    }

    private async Task<bool> LoadAsync()
    {
        if (await batches.GetAsync(ProjectId, BatchId, Aborted) is not { } batch) return false;
        Batch = batch;
        return true;
    }
}
