using Htmx;
using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Batches;

/// <summary>
/// A new batch: what it covers (picked clips, a scene or the whole project, from the address), Draft cards or the
/// shared GPU choices; queued, it opens the batch page with a flash saying how many were queued and which clips were
/// skipped and why.
/// </summary>
public sealed class NewModel(IBatches batches, IGpuChoices gpuChoices) : BatchPageModel
{
    [BindProperty(SupportsGet = true, Name = "scope")] public BatchScope Scope { get; set; } = BatchScope.Project;
    [BindProperty(SupportsGet = true, Name = "scene")] public int? SceneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "clip")] public int[] ClipIds { get; set; } = [];
    /// <summary>The timeline list's checkboxes, when its "Generate for picked clips" button sends them here.</summary>
    [BindProperty(SupportsGet = true, Name = "selected")] public int[] Selected { get; set; } = [];
    [BindProperty(Name = "draftCard")] public bool DraftCard { get; set; }

    public BatchCoverage Coverage { get; private set; } = default!;
    public GpuChoiceOptions? GpuOptions { get; private set; }
    public GpuChoicesInput GpuInput { get; private set; } = new();
    public IReadOnlyDictionary<string, string> GpuErrors { get; private set; } = new Dictionary<string, string>();
    public GpuChoicesFields GpuFields(GpuChoiceOptions options) => new(GpuInput, options, GpuErrors, "batch-gpu");

    public async Task<IActionResult> OnGetAsync()
    {
        if (!CanEdit) return Forbid();
        // From the timeline's list form: the same page at its own short address, loaded whole (htmx asked for it inside the timeline).
        if (Selected.Length > 0 || Request.IsHtmx())
        {
            var url = Url.Page("/Batches/New", Route(Selected.Length > 0 ? Selected : ClipIds))!;
            if (!Request.IsHtmx()) return Redirect(url);
            Response.Htmx(h => h.Redirect(url));
            return new OkResult();
        }
        if (!await LoadAsync()) return NotFound();
        GpuInput = await gpuChoices.LastAsync(ProjectId, UserId, Aborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "Gpu")] GpuChoicesInput gpu)
    {
        if (!CanEdit) return Forbid();
        if (await batches.CreateAsync(ProjectId, UserId, Target, DraftCard, gpu, Aborted) is not { } created) return NotFound();
        if (created.BatchId is { } batchId)
        {
            var message = $"{Format.Count(created.JobCount, DraftCard ? "Draft card" : "job")} queued for {Format.Count(created.ClipCount, "clip")}."
                + (created.Skipped.Count == 0 ? "" : " Skipped: " + Skipped(created.Skipped));
            Flash.Set(TempData, message, created.Skipped.Count == 0 ? FlashKind.Success : FlashKind.Info);
            return RedirectToPage("Details", new { projectId = ProjectId, batchId });
        }
        foreach (var (field, error) in created.Errors.Where(e => e.Key.Length == 0))
        {
            ModelState.AddModelError(field, error);
        }
        if (created.Skipped.Count > 0)
        {
            ModelState.AddModelError("", "Nothing was queued: " + Skipped(created.Skipped));
        }
        if (!await LoadAsync()) return NotFound();
        GpuInput = gpu;
        GpuErrors = created.Errors.Where(e => e.Key.Length > 0).ToDictionary(e => e.Key, e => e.Value);
        if (GpuOptions is not { Any: true })
        {
            // No GPU fields to show them beside: said at the top of the form.
            foreach (var error in GpuErrors.Values)
            {
                ModelState.AddModelError("", error);
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private BatchTarget Target => new(Scope, SceneId, ClipIds);

    private static string Skipped(IEnumerable<SkippedClip> skipped) => string.Join(" ", skipped.Select(s => $"{s.Name} ({s.Reason})"));

    private Dictionary<string, object?> Route(int[] clips) => new()
    {
        ["projectId"] = ProjectId,
        ["scope"] = Scope == BatchScope.Project && clips.Length > 0 ? BatchScope.Picked.ToString().ToLowerInvariant() : Scope.ToString().ToLowerInvariant(),
        ["scene"] = SceneId,
        ["clip"] = clips,
    };

    private async Task<bool> LoadAsync()
    {
        if (await batches.CoverAsync(ProjectId, Target, Aborted) is not { } coverage) return false;
        Coverage = coverage;
        GpuOptions = await gpuChoices.OptionsAsync(Aborted);
        return true;
    }
}
