using Htmx;
using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>The selected clip's generations: queue Draft cards, watch the jobs, cancel one, choose an image from the gallery.</summary>
public sealed partial class IndexModel
{
    public const string Generations = "_ClipGenerations";

    /// <summary>The selected clip's latest jobs (newest first) and its gallery.</summary>
    public IReadOnlyList<JobView> ClipJobs { get; private set; } = [];
    public IReadOnlyList<GenerationView> Gallery { get; private set; } = [];
    public bool JobsRunning => ClipJobs.Any(j => j.Status is JobStatus.Queued or JobStatus.Dispatched or JobStatus.Running);
    public string? GenerationError { get; private set; }

    /// <summary>The generations section alone, while its jobs run (it asks again every second until they are done).</summary>
    public async Task<IActionResult> OnGetGenerationsAsync(int id)
    {
        if (!await LoadTimelineAsync(id) || SelectedClip is null) return NotFound();
        await LoadGenerationsAsync(id);
        return GenerationsPartial();
    }

    /// <summary>Queues GPU jobs for the selected clip with the choices of the form (kept for the next time).</summary>
    public async Task<IActionResult> OnPostGenerateGpuAsync(int id, [FromForm(Name = "Gpu")] GpuChoicesInput gpu)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id) || SelectedClip is not { } clip) return NotFound();
        var (seed, template, errors) = gpu.Check();
        var result = errors.Count > 0
            ? new EnqueueResult([], errors)
            : await generations.EnqueueAsync(new EnqueueRequest(id, clip.Id, UserId, OutputKind.Image, DraftCard: false, gpu.ServerId, gpu.Count, seed, template), Aborted);
        var message = result.Succeeded
            ? $"{Format.Count(result.JobIds.Count, "job")} queued."
            : "Not queued: " + string.Join(" ", result.Errors.Values);
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, message, result.Succeeded ? FlashKind.Success : FlashKind.Error);
            return RedirectToPage(RouteAfter(id));
        }
        await LoadGenerationsAsync(id);
        GpuInput = gpu;
        GpuErrors = result.Errors;
        GenerationStatus = message;
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return GenerationsPartial();
    }

    /// <summary>Queues a Draft card of the selected clip.</summary>
    public async Task<IActionResult> OnPostGenerateAsync(int id)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id) || SelectedClip is not { } clip) return NotFound();
        var result = await generations.EnqueueAsync(
            new EnqueueRequest(id, clip.Id, UserId, OutputKind.Image, DraftCard: true, ServerId: null, Count: 1, Seed: null), Aborted);
        var message = result.Succeeded
            ? "A Draft card is on its way."
            : string.Join(" ", result.Errors.Values);
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, message, result.Succeeded ? FlashKind.Success : FlashKind.Error);
            return RedirectToPage(RouteAfter(id));
        }
        await LoadGenerationsAsync(id);
        if (!result.Succeeded)
        {
            GenerationError = message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return GenerationsPartial();
    }

    public async Task<IActionResult> OnPostCancelJobAsync(int id, int jobId)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id) || SelectedClip is null) return NotFound();
        var outcome = await generations.CancelAsync(id, jobId, UserId, User.IsInRole(Roles.Admin), Aborted);
        if (outcome == CancelOutcome.NotFound) return NotFound();
        if (outcome == CancelOutcome.NotAllowed) return Forbid();
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, outcome == CancelOutcome.Cancelled ? "The job is cancelled." : "That job had already finished.");
            return RedirectToPage(RouteAfter(id));
        }
        await LoadGenerationsAsync(id);
        return GenerationsPartial();
    }

    /// <summary>A Draft card for each clip of the selected scene, to block the scene out before any GPU time.</summary>
    public async Task<IActionResult> OnPostSceneDraftCardsAsync(int id)
    {
        if (!CanEdit) return Forbid();
        if (SceneId is not { } sceneId || await generations.EnqueueSceneDraftCardsAsync(id, sceneId, UserId, Aborted) is not { } queued)
        {
            return NotFound();
        }
        return await DoneAsync(id, queued == 0
            ? "The scene has no clips to draw yet."
            : $"{Format.Count(queued, "Draft card")} queued, one for each clip of the scene: select a clip to see its gallery.");
    }

    /// <summary>Makes a gallery image the clip's chosen one (its thumbnail on the timeline); undoable like any edit.</summary>
    public Task<IActionResult> OnPostChooseImageAsync(int id, int generationId) =>
        RunAsync(id, () => timeline.ChooseImageAsync(id, ClipId ?? 0, generationId, UserId, Aborted),
            "That image is now the clip's chosen one.", _ => (ClipId, null));

    private PartialViewResult GenerationsPartial() => Partial(Generations, this);

    private async Task LoadGenerationsAsync(int id)
    {
        if ((View?.SelectedClip ?? SelectedClip) is not { } clip)
        {
            return;
        }
        ClipJobs = await generations.ClipJobsAsync(id, clip.Id, 5, Aborted);
        Gallery = await generations.GalleryAsync(id, clip.Id, Aborted);
        // The view's route when the page is drawn; the address's own values when only this section is.
        GenerationsRoute = View is not null
            ? View.State.Route()
            : RouteAfter(id).ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)!);
        ChosenImageHash = clip.ChosenImageHash;
        if (CanEdit)
        {
            GpuOptions = await gpuChoices.OptionsAsync(Aborted);
            GpuInput = await gpuChoices.LastAsync(id, UserId, Aborted);
        }
    }

    /// <summary>The GPU form: what it offers, what was chosen (the last choices, or what was just posted) and its errors.</summary>
    public GpuChoiceOptions? GpuOptions { get; private set; }
    public GpuChoicesInput GpuInput { get; private set; } = new();
    public IReadOnlyDictionary<string, string> GpuErrors { get; private set; } = new Dictionary<string, string>();
    public GpuChoicesFields GpuFields(GpuChoiceOptions options) => new(GpuInput, options, GpuErrors, "gpu");
    /// <summary>What the last post in the section did, said in its live region.</summary>
    public string? GenerationStatus { get; private set; }

    /// <summary>Route values of the generations section's forms (the selection and view, as elsewhere on the page).</summary>
    public Dictionary<string, string> GenerationsRoute { get; private set; } = [];
    public string? ChosenImageHash { get; private set; }
}
