using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Songs;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>
/// A project's timeline: ruler, waveform, scenes and clips lanes, the details panel and the edit history. The zoom,
/// scroll position, playhead and selection live in the URL. Every edit handler calls one <see cref="ITimelineService"/>
/// method, acts on the selected clip or scene, then redirects back (no JS) or answers the workspace fragment (htmx).
/// </summary>
public sealed class IndexModel(ITimelineService timeline) : PageModel
{
    public const string Workspace = "_Workspace";

    [BindProperty(SupportsGet = true, Name = "zoom")] public int? Zoom { get; set; }
    [BindProperty(SupportsGet = true, Name = "at")] public long? At { get; set; }
    [BindProperty(SupportsGet = true, Name = "playhead")] public long? Playhead { get; set; }
    [BindProperty(SupportsGet = true, Name = "clip")] public int? ClipId { get; set; }
    [BindProperty(SupportsGet = true, Name = "scene")] public int? SceneId { get; set; }

    public TimelinePageView View { get; private set; } = default!;
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public ClipFormInput? ClipForm { get; private set; }
    public SceneFormInput? SceneForm { get; private set; }
    public ClipFormInput NewClip { get; private set; } = new();
    public SceneFormInput NewScene { get; private set; } = new();
    public TimeEditInput Edit { get; private set; } = new();
    /// <summary>The lyrics box: what was pasted is shown again when it is refused.</summary>
    public LyricsFormInput Lyrics { get; private set; } = new();
    public ConflictView? Conflict { get; private set; }
    /// <summary>After an overlap: the nearest free start, and which form offers it ("ClipForm", "NewClip", "Tools", …).</summary>
    public long? SuggestedStart { get; private set; }
    public string? SuggestionFor { get; private set; }
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    public string SuggestedStartText => SuggestedStart is { } s ? View.Time(s) : "";

    /// <summary>The flash message of an htmx edit, swapped out of band into the layout's flash region.</summary>
    public FlashMessage? OutOfBandFlash { get; private set; }

    private readonly Dictionary<string, string?> _typed = [];

    /// <summary>The error of a small time field (keyed by its element id), for the message beside it.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
    public string? Invalid(string key) => ErrorFor(key) is null ? null : "true";
    public string? DescribedBy(string key) => ErrorFor(key) is null ? null : $"{key}-error";
    /// <summary>What the user typed into a refused small field, shown again for correcting.</summary>
    public string? Typed(string key) => _typed.GetValueOrDefault(key);
    public bool ToolsOpen => SuggestionFor == "Tools" || ToolKeys.Any(k => ErrorFor(k) is not null);
    private static readonly string[] ToolKeys = ["tools", "move-by", "move-to", "trim-start", "trim-end", "split-at"];
    public bool NewClipOpen => HasErrors("NewClip") || SuggestionFor == "NewClip";
    public bool NewSceneOpen => HasErrors("NewScene") || SuggestionFor == "NewScene";
    private bool HasErrors(string prefix) =>
        ModelState.Any(e => e.Value is { Errors.Count: > 0 } && (e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal)));

    public FormView<ClipFormInput>? ClipFormView => ClipForm is null || View.SelectedClip is null ? null : new(
        ClipForm, "ClipForm", "UpdateClip", $"clip-form-{View.SelectedClip.Id}", "Edit the clip", "Save the clip", View.State.Route(),
        View.Timeline.Scenes, FormErrors("ClipForm"), Conflict, SuggestionFor == "ClipForm" ? SuggestedStartText : null, SuggestionFor == "ClipForm" ? SuggestedStart : null);
    public FormView<SceneFormInput>? SceneFormView => SceneForm is null || View.SelectedScene is null ? null : new(
        SceneForm, "SceneForm", "UpdateScene", $"scene-form-{View.SelectedScene.Id}", "Edit the scene", "Save the scene", View.State.Route(),
        View.Timeline.Scenes, FormErrors("SceneForm"), Conflict, SuggestionFor == "SceneForm" ? SuggestedStartText : null, SuggestionFor == "SceneForm" ? SuggestedStart : null);
    public FormView<ClipFormInput> NewClipView => new(
        NewClip, "NewClip", "CreateClip", "clip-form-new", "New clip", "Insert the clip", View.State.Route(),
        View.Timeline.Scenes, FormErrors("NewClip"), null, SuggestionFor == "NewClip" ? SuggestedStartText : null, SuggestionFor == "NewClip" ? SuggestedStart : null);
    public FormView<SceneFormInput> NewSceneView => new(
        NewScene, "NewScene", "CreateScene", "scene-form-new", "New scene", "Add the scene", View.State.Route(),
        View.Timeline.Scenes, FormErrors("NewScene"), null, SuggestionFor == "NewScene" ? SuggestedStartText : null, SuggestionFor == "NewScene" ? SuggestedStart : null);

    private CancellationToken Aborted => HttpContext.RequestAborted;
    /// <summary>What an edit handler reads first: the frame rate and the selected clip, not the whole timeline.</summary>
    private TimelineHeader? _header;
    private FrameRate Rate => _header!.FrameRate;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Request.IsHtmx())
        {
            return Request.Headers["HX-Target"] == "details" ? Partial("_Details", this) : Partial(Workspace, this);
        }
        return Page();
    }

    /// <summary>"Go to" a typed time: moves the playhead there and scrolls it into view.</summary>
    public async Task<IActionResult> OnPostGoAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        if (await timeline.GetAsync(id, Aborted) is not { } whole)
        {
            return NotFound();
        }
        if (TimeText.TryParse(input.At, whole.FrameRate, out var frame) is { } error)
        {
            return await FieldErrorAsync(id, "go-at", error, input.At);
        }
        var layout = TimelineLayout.Create(whole.FrameRate, TimelinePageView.EndOf(whole), Zoom, At);
        Playhead = frame;
        if (!layout.IsVisible(Playhead.Value, Playhead.Value + 1))
        {
            At = Math.Max(0, Playhead.Value - layout.FramesVisible / 4);
        }
        return await DoneAsync(id, null);
    }

    // Scenes

    public Task<IActionResult> OnPostCreateSceneAsync(int id, [Bind(Prefix = "NewScene.Input")] SceneFormInput input, long? placeAt) =>
        SceneFormAsync(id, input, placeAt, "NewScene", (scene, version) => timeline.CreateSceneAsync(id, scene, UserId, Aborted), null);

    public Task<IActionResult> OnPostUpdateSceneAsync(int id, [Bind(Prefix = "SceneForm.Input")] SceneFormInput input, long? placeAt) =>
        SceneFormAsync(id, input, placeAt, "SceneForm", (scene, version) => timeline.UpdateSceneAsync(id, SceneId ?? 0, scene, version, UserId, Aborted), SceneId);

    public Task<IActionResult> OnPostTrashSceneAsync(int id) =>
        RunAsync(id, () => timeline.TrashSceneAsync(id, SceneId ?? 0, UserId, Aborted), "The scene is in the Trash; its clips stay on the timeline.", _ => (null, null));

    public Task<IActionResult> OnPostDuplicateSceneAsync(int id) =>
        RunAsync(id, () => timeline.DuplicateSceneAsync(id, SceneId ?? 0, UserId, Aborted), "The scene is duplicated.", r => (null, First(r)));

    public Task<IActionResult> OnPostSceneAlternateAsync(int id) =>
        RunAsync(id, () => timeline.CreateSceneAlternateAsync(id, SceneId ?? 0, UserId, Aborted), "An alternate of the scene is added.", r => (null, First(r)));

    public Task<IActionResult> OnPostPromoteSceneAsync(int id) =>
        RunAsync(id, () => timeline.PromoteSceneAsync(id, SceneId ?? 0, UserId, Aborted), "That take is now the main one.", _ => (null, SceneId));

    // Clips

    public Task<IActionResult> OnPostCreateClipAsync(int id, [Bind(Prefix = "NewClip.Input")] ClipFormInput input, long? placeAt) =>
        ClipFormAsync(id, input, placeAt, "NewClip", (clip, version) => timeline.CreateClipAsync(id, clip, UserId, Aborted), null);

    public Task<IActionResult> OnPostUpdateClipAsync(int id, [Bind(Prefix = "ClipForm.Input")] ClipFormInput input, long? placeAt) =>
        ClipFormAsync(id, input, placeAt, "ClipForm", (clip, version) => timeline.UpdateClipAsync(id, ClipId ?? 0, clip, version, UserId, Aborted), ClipId);

    /// <summary>Moves the selected clip by a typed delta ("By", may be negative) or to a typed start ("To").</summary>
    public async Task<IActionResult> OnPostMoveClipAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        var rate = Rate;
        if (!string.IsNullOrWhiteSpace(input.To))
        {
            if (TimeText.TryParse(input.To, rate, out var to) is { } error)
            {
                return await FieldErrorAsync(id, "move-to", error, input.To);
            }
            return await RunAsync(id, () => timeline.SetClipSpanAsync(id, clip.Id, to, clip.LengthFrames, UserId, Aborted),
                $"The clip now starts at {TimeText.Format(to, rate)}.", _ => (clip.Id, null), "tools");
        }
        if (TimeText.TryParse(input.By, rate, out var by, allowNegative: true) is { } byError)
        {
            return await FieldErrorAsync(id, "move-by", byError, input.By);
        }
        return await RunAsync(id, () => timeline.MoveClipsAsync(id, [clip.Id], by, UserId, Aborted),
            // The new time, not just "moved": repeated nudges each say something new to a screen reader.
            $"The clip now starts at {TimeText.Format(clip.StartFrame + by, rate)}.", _ => (clip.Id, null), "tools");
    }

    /// <summary>Trims the selected clip: a new start (the end stays) and/or a new end (the start stays).</summary>
    public async Task<IActionResult> OnPostTrimClipAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        var rate = Rate;
        var (start, end) = (clip.StartFrame, clip.End);
        if (!string.IsNullOrWhiteSpace(input.Start) && TimeText.TryParse(input.Start, rate, out start) is { } startError)
        {
            return await FieldErrorAsync(id, "trim-start", startError, input.Start);
        }
        if (!string.IsNullOrWhiteSpace(input.End) && TimeText.TryParse(input.End, rate, out end) is { } endError)
        {
            return await FieldErrorAsync(id, "trim-end", endError, input.End);
        }
        if (end <= start)
        {
            return await FieldErrorAsync(id, "trim-end", "The end must come after the start.", input.End);
        }
        return await RunAsync(id, () => timeline.SetClipSpanAsync(id, clip.Id, start, end - start, UserId, Aborted),
            "The clip is trimmed.", _ => (clip.Id, null), "tools");
    }

    /// <summary>Places the selected clip at the suggested free start offered after an overlap.</summary>
    public async Task<IActionResult> OnPostPlaceClipAsync(int id, long placeAt)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        return await RunAsync(id, () => timeline.SetClipSpanAsync(id, clip.Id, placeAt, clip.LengthFrames, UserId, Aborted),
            $"The clip now starts at {TimeText.Format(placeAt, Rate)}.", _ => (clip.Id, null), "tools");
    }

    /// <summary>Splits the selected clip at a typed time, or at the playhead when none is typed.</summary>
    public async Task<IActionResult> OnPostSplitClipAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        var at = Playhead ?? 0;
        if (!string.IsNullOrWhiteSpace(input.At) && TimeText.TryParse(input.At, Rate, out at) is { } error)
        {
            return await FieldErrorAsync(id, "split-at", error, input.At);
        }
        return await RunAsync(id, () => timeline.SplitClipAsync(id, clip.Id, at, UserId, Aborted),
            "The clip is split in two.", _ => (clip.Id, null), "split-at");
    }

    public Task<IActionResult> OnPostDuplicateClipAsync(int id) =>
        RunAsync(id, () => timeline.DuplicateClipAsync(id, ClipId ?? 0, UserId, Aborted), "The clip is duplicated.", r => (First(r), null));

    public Task<IActionResult> OnPostDeleteClipAsync(int id) =>
        RunAsync(id, () => timeline.DeleteClipsAsync(id, [ClipId ?? 0], UserId, Aborted), "The clip is deleted. Undo brings it back.", _ => (null, null));

    public Task<IActionResult> OnPostClipAlternateAsync(int id) =>
        RunAsync(id, () => timeline.CreateClipAlternateAsync(id, ClipId ?? 0, UserId, Aborted), "An alternate of the clip is added.", r => (First(r), null));

    public Task<IActionResult> OnPostPromoteClipAsync(int id) =>
        RunAsync(id, () => timeline.PromoteClipAsync(id, ClipId ?? 0, UserId, Aborted), "That take is now the main one.", _ => (ClipId, null));

    /// <summary>Moves every main clip starting at or after a time by a typed delta.</summary>
    public async Task<IActionResult> OnPostRippleAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        var rate = Rate;
        if (TimeText.TryParse(input.From, rate, out var from) is { } fromError)
        {
            return await FieldErrorAsync(id, "ripple-from", fromError, input.From);
        }
        if (TimeText.TryParse(input.By, rate, out var by, allowNegative: true) is { } byError)
        {
            return await FieldErrorAsync(id, "ripple-by", byError, input.By);
        }
        return await RunAsync(id, () => timeline.RippleMoveAsync(id, from, by, UserId, Aborted),
            "Everything from there on is moved.", _ => (ClipId, SceneId), "ripple-from");
    }

    /// <summary>The clip list's checkboxes: move the chosen clips by a delta, or delete them.</summary>
    public async Task<IActionResult> OnPostBatchAsync(int id, int[] selected, string? batch, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (selected.Length == 0)
        {
            return await FieldErrorAsync(id, "batch-selected", "Pick at least one clip.", null);
        }
        if (batch == "delete")
        {
            return await RunAsync(id, () => timeline.DeleteClipsAsync(id, selected, UserId, Aborted),
                $"{Format.Count(selected.Length, "clip")} deleted. Undo brings them back.", _ => (null, null));
        }
        if (TimeText.TryParse(input.By, Rate, out var by, allowNegative: true) is { } error)
        {
            return await FieldErrorAsync(id, "batch-by", error, input.By);
        }
        return await RunAsync(id, () => timeline.MoveClipsAsync(id, selected, by, UserId, Aborted),
            $"{Format.Count(selected.Length, "clip")} moved.", _ => (ClipId, SceneId), "batch-by");
    }

    // Lyrics

    /// <summary>Pasted timed LRC: a clip per line at its time.</summary>
    public Task<IActionResult> OnPostImportLrcAsync(int id, [Bind(Prefix = "Lyrics")] LyricsFormInput input)
    {
        Lyrics = input;
        return RunAsync(id, () => timeline.ImportLrcAsync(id, input.Text ?? "", UserId, Aborted),
            r => $"{Format.Count(r.Ids.Count, "clip")} made from the lyrics.", _ => (ClipId, SceneId), LyricsField);
    }

    /// <summary>Pasted plain lines shared out over the clips picked in the clip list.</summary>
    public Task<IActionResult> OnPostSpreadLyricsAsync(int id, [Bind(Prefix = "Lyrics")] LyricsFormInput input, int[] selected)
    {
        Lyrics = input;
        return RunAsync(id, () => timeline.SpreadLyricsAsync(id, selected, input.Text ?? "", UserId, Aborted),
            r => $"The lyrics are spread over {Format.Count(r.Ids.Count, "clip")}.", _ => (ClipId, SceneId), LyricsField);
    }

    private const string LyricsField = "Lyrics.Text";

    public Task<IActionResult> OnPostUndoAsync(int id) => HistoryStepAsync(id, undo: true);
    public Task<IActionResult> OnPostRedoAsync(int id) => HistoryStepAsync(id, undo: false);

    private async Task<IActionResult> HistoryStepAsync(int id, bool undo)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        var history = await timeline.HistoryStateAsync(id, Aborted);
        var label = undo ? history.UndoLabel : history.RedoLabel;
        var result = undo ? await timeline.UndoAsync(id, UserId, Aborted) : await timeline.RedoAsync(id, UserId, Aborted);
        if (result.Outcome == TimelineOutcome.NotFound)
        {
            Flash.Set(TempData, undo ? "There is nothing to undo." : "There is nothing to redo.", FlashKind.Info);
            return await DoneAsync(id, null, flashSet: true);
        }
        return await DoneAsync(id, undo ? $"Undone: {label}." : $"Redone: {label}.");
    }

    // The shared flow

    private string? UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    private ClipView? SelectedClip => _header?.Clip;

    private static int? First(TimelineResult result) => result.Ids.Count > 0 ? result.Ids[0] : null;

    private async Task<IActionResult> ClipFormAsync(int id, ClipFormInput input, long? placeAt, string prefix,
        Func<ClipInput, int, Task<TimelineResult>> save, int? clipId)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (clipId is not null && SelectedClip is null) return NotFound();
        if (prefix == "NewClip") NewClip = input; else ClipForm = input;
        _formPrefix = prefix;
        var errors = new Dictionary<string, string>();
        var clip = input.ToInput(Rate, placeAt, errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{prefix}.Input.{field}", message);
        }
        if (!ModelState.IsValid || clip is null)
        {
            return await RefusedAsync(id, StatusCodes.Status422UnprocessableEntity);
        }
        var result = await save(clip, input.Version);
        if (result.Outcome == TimelineOutcome.Conflict && result.CurrentClip is { } current)
        {
            var rate = Rate;
            Conflict = new ConflictView(result.Errors.GetValueOrDefault("") ?? "", [
                ("Name", input.Name, current.Name),
                ("Start", input.Start, TimeText.Format(current.StartFrame, rate)),
                ("Length", input.Length, TimeText.Format(current.LengthFrames, rate)),
                ("Lyrics", input.Lyrics ?? "", current.Lyrics),
                ("Image prompt", input.ImagePrompt ?? "", current.ImagePrompt),
                ("Notes", input.Notes ?? "", current.Notes),
            ]);
            ModelState.Clear();
            ClipForm = ClipFormInput.From(current, rate);
        }
        return await RunResultAsync(id, result, prefix == "NewClip" ? "The clip is added." : "The clip is saved.",
            r => (First(r) ?? clipId, null), prefix);
    }

    private async Task<IActionResult> SceneFormAsync(int id, SceneFormInput input, long? placeAt, string prefix,
        Func<SceneInput, int, Task<TimelineResult>> save, int? sceneId)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (sceneId is not null && !_header!.SceneFound) return NotFound();
        if (prefix == "NewScene") NewScene = input; else SceneForm = input;
        _formPrefix = prefix;
        var errors = new Dictionary<string, string>();
        var scene = input.ToInput(Rate, placeAt, errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{prefix}.Input.{field}", message);
        }
        if (!ModelState.IsValid || scene is null)
        {
            return await RefusedAsync(id, StatusCodes.Status422UnprocessableEntity);
        }
        var result = await save(scene, input.Version);
        if (result.Outcome == TimelineOutcome.Conflict && result.CurrentScene is { } current)
        {
            var rate = Rate;
            Conflict = new ConflictView(result.Errors.GetValueOrDefault("") ?? "", [
                ("Name", input.Name, current.Name),
                ("Start", input.Start, TimeText.Format(current.StartFrame, rate)),
                ("Length", input.Length, TimeText.Format(current.LengthFrames, rate)),
                ("Description", input.Description ?? "", current.Description),
                ("Lyrics", input.Lyrics ?? "", current.Lyrics),
                ("Notes", input.Notes ?? "", current.Notes),
            ]);
            ModelState.Clear();
            SceneForm = SceneFormInput.From(current, rate);
        }
        return await RunResultAsync(id, result, prefix == "NewScene" ? "The scene is added." : "The scene is saved.",
            r => (null, First(r) ?? sceneId), prefix);
    }

    private Task<IActionResult> RunAsync(int id, Func<Task<TimelineResult>> edit, string done,
        Func<TimelineResult, (int? Clip, int? Scene)> selectAfter, string errorField = "") =>
        RunAsync(id, edit, _ => done, selectAfter, errorField);

    private async Task<IActionResult> RunAsync(int id, Func<Task<TimelineResult>> edit, Func<TimelineResult, string> done,
        Func<TimelineResult, (int? Clip, int? Scene)> selectAfter, string errorField = "")
    {
        if (!CanEdit) return Forbid();
        if (_header is null && !await LoadTimelineAsync(id)) return NotFound();
        var result = await edit();
        return await RunResultAsync(id, result, done(result), selectAfter, errorField);
    }

    /// <summary>
    /// Success: redirect (no JS) or the workspace (htmx) with the new selection. Refusals: the page or workspace again
    /// with 422 (invalid, overlap) or 409 (conflict) and the errors beside their fields. Not found: 404.
    /// </summary>
    private async Task<IActionResult> RunResultAsync(int id, TimelineResult result, string done,
        Func<TimelineResult, (int? Clip, int? Scene)> selectAfter, string errorField)
    {
        switch (result.Outcome)
        {
            case TimelineOutcome.Ok:
                (ClipId, SceneId) = selectAfter(result);
                return await DoneAsync(id, done);
            case TimelineOutcome.NotFound:
                return NotFound();
            case TimelineOutcome.Conflict:
                return await RefusedAsync(id, StatusCodes.Status409Conflict);
            case TimelineOutcome.Invalid when errorField == "":
                // An action without a field (duplicate, alternate, trash…): the app-wide flash convention.
                return await FlashErrorAsync(id, string.Join(" ", result.Errors.Values));
            default:
                var isForm = errorField is "ClipForm" or "NewClip" or "SceneForm" or "NewScene";
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError(isForm ? FormField(errorField, field) : errorField, message);
                }
                if (result.Outcome == TimelineOutcome.Overlap)
                {
                    SuggestedStart = result.SuggestedStartFrame;
                    SuggestionFor = isForm ? errorField : errorField == "tools" ? "Tools" : null;
                }
                return await RefusedAsync(id, StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>A service error key (an input property) as the form field it belongs to.</summary>
    private static string FormField(string prefix, string field) => field switch
    {
        "" => prefix,
        "StartFrame" => $"{prefix}.Input.Start",
        "LengthFrames" => $"{prefix}.Input.Length",
        _ => $"{prefix}.Input.{field}",
    };

    private async Task<IActionResult> FlashErrorAsync(int id, string message)
    {
        if (Request.IsHtmx())
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Response.Htmx(h => h.Retarget("#flash").Reswap("innerHTML"));
            return Partial("Shared/_Flash", new FlashMessage(FlashKind.Error, message));
        }
        Flash.Set(TempData, message, FlashKind.Error);
        return RedirectToPage(RouteAfter(id));
    }

    /// <summary>The errors of one form as a whole (keyed by its prefix), shown at its top.</summary>
    public IReadOnlyList<string> FormErrors(string prefix) =>
        ModelState.TryGetValue(prefix, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];

    private async Task<IActionResult> FieldErrorAsync(int id, string field, string message, string? typed)
    {
        ModelState.AddModelError(field, message);
        _typed[field] = typed;
        return await RefusedAsync(id, StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<IActionResult> RefusedAsync(int id, int status)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Response.StatusCode = status;
        if (!Request.IsHtmx())
        {
            return Page();
        }
        // A refused clip or scene form answers just that form, swapped in its place (the htmx 422 convention).
        object? form = _formPrefix switch
        {
            "ClipForm" => ClipFormView,
            "NewClip" => NewClipView,
            "SceneForm" => SceneFormView,
            "NewScene" => NewSceneView,
            _ => null,
        };
        if (form is FormView<ClipFormInput> clipForm)
        {
            Response.Htmx(h => h.Retarget($"#{clipForm.FormId}").Reswap("outerHTML"));
            return Partial("_ClipForm", clipForm);
        }
        if (form is FormView<SceneFormInput> sceneForm)
        {
            Response.Htmx(h => h.Retarget($"#{sceneForm.FormId}").Reswap("outerHTML"));
            return Partial("_SceneForm", sceneForm);
        }
        return Partial(Workspace, this);
    }

    /// <summary>Which form ("ClipForm", "NewClip", "SceneForm", "NewScene") the current handler posted, if any.</summary>
    private string? _formPrefix;

    private async Task<IActionResult> DoneAsync(int id, string? message, bool flashSet = false)
    {
        if (Request.IsHtmx())
        {
            if (!await LoadAsync(id))
            {
                return NotFound();
            }
            // The address bar follows the selection an edit made (a duplicate is selected, a deleted clip is not).
            var url = Url.Page("/Timeline/Index", RouteAfter(id));
            Response.Htmx(h => h.PushUrl(url!));
            // The flash region is outside the workspace: one out-of-band message.
            OutOfBandFlash = message is not null ? new FlashMessage(FlashKind.Success, message) : flashSet ? Flash.Take(TempData) : null;
            return Partial(Workspace, this);
        }
        if (message is not null && !flashSet)
        {
            Flash.Set(TempData, message);
        }
        return RedirectToPage(RouteAfter(id));
    }

    private RouteValueDictionary RouteAfter(int id)
    {
        var values = new RouteValueDictionary { ["id"] = id };
        if (Zoom is not null) values["zoom"] = Zoom;
        if (At is not null) values["at"] = At;
        if (Playhead is not null) values["playhead"] = Playhead;
        if (ClipId is not null) values["clip"] = ClipId;
        if (SceneId is not null) values["scene"] = SceneId;
        return values;
    }

    private async Task<bool> LoadTimelineAsync(int id)
    {
        _header = await timeline.HeaderAsync(id, ClipId, SceneId, Aborted);
        return _header is not null;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var whole = await timeline.GetAsync(id, Aborted);
        if (whole is null)
        {
            return false;
        }
        var waveform = whole.SongId is { } songId
            ? Url.RouteUrl(SongMediaEndpoints.WaveformRoute, new { songId })
            : null;
        var pagePath = Url.Page("/Timeline/Index", new { id })!;
        var clipMedia = Url.Content("~/media/clips/");
        var links = new TimelineLinks(
            route => pagePath + QueryString.Create(route.Where(kv => kv.Key != "id").Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))),
            waveform,
            clipId => $"{clipMedia}{clipId}/{ClipMediaEndpoints.ThumbnailFile}");
        View = TimelinePageView.Build(whole, Zoom, At, Playhead, ClipId, SceneId, links);
        History = await timeline.HistoryAsync(id, 10, Aborted);
        var rate = whole.FrameRate;
        if (View.SelectedClip is { } clip)
        {
            ClipForm ??= ClipFormInput.From(clip, rate);
        }
        if (View.SelectedScene is { } scene)
        {
            SceneForm ??= SceneFormInput.From(scene, rate);
        }
        // New items start at the playhead, a scene two seconds and a clip one second long by default.
        if (string.IsNullOrEmpty(NewClip.Start))
        {
            NewClip.Start = View.PlayheadText;
            NewClip.Length = TimeText.Format(TimeText.NominalFps(rate), rate);
            NewClip.SceneId = View.SelectedScene?.Id ?? View.SelectedClip?.SceneId;
        }
        if (string.IsNullOrEmpty(NewScene.Start))
        {
            NewScene.Start = View.PlayheadText;
            NewScene.Length = TimeText.Format(TimeText.NominalFps(rate) * 8L, rate);
        }
        return true;
    }
}

/// <summary>A one-button form posting a handler for the selected item (the keyboard shortcuts press these).</summary>
public sealed record ActionButton(
    Dictionary<string, string> Route, string Handler, string Id, string Label, string CssClass = "button-secondary",
    string? FieldName = null, string? FieldValue = null);
