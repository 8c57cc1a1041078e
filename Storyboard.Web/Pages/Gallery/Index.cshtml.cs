using Htmx;
using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Generation.Gallery;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Gallery;

/// <summary>
/// A clip's gallery: its generations as a grid, filtered and sorted by the address; rate, choose as the clip's image
/// or video, make again, move to the Trash and back, pick two to compare. Every action redirects back with a flash
/// message (no JS) or answers the grid with the message out of band (htmx).
/// </summary>
public sealed class IndexModel(IClipGallery gallery, ITimelineService timeline) : GalleryPageModel
{
    public const string Grid = "_GalleryGrid";

    public GalleryList List { get; private set; } = default!;
    public FlashMessage? OutOfBandFlash { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Request.IsHtmx() ? Partial(Grid, this) : Page();
    }

    public async Task<IActionResult> OnPostRateAsync(int generationId, int rating)
    {
        if (!CanEdit) return Forbid();
        return await gallery.RateAsync(ProjectId, ClipId, generationId, rating, Aborted) switch
        {
            GalleryOutcome.NotFound => NotFound(),
            GalleryOutcome.Invalid => await DoneAsync("A rating is 0 to 5 stars.", FlashKind.Error),
            _ => await DoneAsync(rating == 0 ? "The rating is cleared." : $"Rated {Format.Count(rating, "star")}."),
        };
    }

    public async Task<IActionResult> OnPostTrashAsync(int[] ids)
    {
        if (!CanEdit) return Forbid();
        if (ids.Length == 0) return await DoneAsync("Tick the generations to move to the Trash first.", FlashKind.Error);
        var moved = await gallery.TrashAsync(ProjectId, ClipId, ids, Aborted);
        return moved == 0 ? NotFound() : await DoneAsync($"{Format.Count(moved, "generation")} moved to the Trash.");
    }

    public async Task<IActionResult> OnPostRestoreAsync(int[] ids)
    {
        if (!CanEdit) return Forbid();
        if (ids.Length == 0) return await DoneAsync("Tick the generations to restore first.", FlashKind.Error);
        var restored = await gallery.RestoreAsync(ProjectId, ClipId, ids, Aborted);
        return restored == 0 ? NotFound() : await DoneAsync($"{Format.Count(restored, "generation")} restored from the Trash.");
    }

    /// <summary>Makes an image the clip's chosen one (its picture on the timeline); undoable on the timeline.</summary>
    public Task<IActionResult> OnPostChooseImageAsync(int generationId) =>
        ChooseAsync(() => timeline.ChooseImageAsync(ProjectId, ClipId, generationId, UserId, Aborted), "That image is now the clip's chosen one.");

    public Task<IActionResult> OnPostChooseVideoAsync(int generationId) =>
        ChooseAsync(() => timeline.ChooseVideoAsync(ProjectId, ClipId, generationId, UserId, Aborted), "That video is now the clip's chosen one.");

    /// <summary>Queues the generation's job again, with its seed or a new one.</summary>
    public async Task<IActionResult> OnPostAgainAsync(int generationId, bool newSeed)
    {
        if (!CanEdit) return Forbid();
        if (await gallery.AgainAsync(ProjectId, ClipId, generationId, UserId, newSeed, Aborted) is not { } jobId) return NotFound();
        return await DoneAsync(newSeed
            ? $"Queued again with a new seed (job {jobId}): it joins the gallery when it is done."
            : $"Queued again with the same settings (job {jobId}): it joins the gallery when it is done.");
    }

    /// <summary>Opens the side-by-side view of the two ticked generations; anything but two is explained.</summary>
    public async Task<IActionResult> OnPostCompareAsync(int[] ids)
    {
        var picked = ids.Distinct().ToArray();
        if (picked.Length != 2)
        {
            return await DoneAsync($"Tick exactly two generations to compare (you ticked {picked.Length}).", FlashKind.Error);
        }
        var url = Url.Page("/Gallery/Compare", Route(new { a = picked[0], b = picked[1] }))!;
        if (Request.IsHtmx())
        {
            Response.Htmx(h => h.Redirect(url));
            return new NoContentResult();
        }
        return Redirect(url);
    }

    private async Task<IActionResult> ChooseAsync(Func<Task<TimelineResult>> choose, string done)
    {
        if (!CanEdit) return Forbid();
        var result = await choose();
        return result.Outcome switch
        {
            TimelineOutcome.Ok => await DoneAsync(done),
            TimelineOutcome.NotFound => NotFound(),
            _ => await DoneAsync(string.Join(" ", result.Errors.Values), FlashKind.Error),
        };
    }

    /// <summary>No JS: back to the grid with a flash message. htmx: the grid again, the message out of band (an error with 422).</summary>
    private async Task<IActionResult> DoneAsync(string message, FlashKind kind = FlashKind.Success)
    {
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, message, kind);
            return Redirect(GridUrl());
        }
        if (!await LoadAsync()) return NotFound();
        OutOfBandFlash = new FlashMessage(kind, message);
        if (kind == FlashKind.Error)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Partial(Grid, this);
    }

    private async Task<bool> LoadAsync()
    {
        if (await gallery.ListAsync(ProjectId, ClipId, Filter.ToFilter(), Aborted) is not { } list)
        {
            return false;
        }
        List = list;
        return true;
    }

    /// <summary>The address of one of this page's handlers, keeping the filter.</summary>
    public string ActionUrl(string handler, object? extra = null) => Url.Page("/Gallery/Index", handler, Route(extra))!;

    public static string Describe(GalleryItem item) => $"{(item.Kind == Domain.OutputKind.Image ? "Image" : "Video")}, seed {item.Seed}";

    public bool IsChosen(GalleryItem item) =>
        item.MediaHash == (item.Kind == Domain.OutputKind.Image ? List.ChosenImageHash : List.ChosenVideoHash);
}
