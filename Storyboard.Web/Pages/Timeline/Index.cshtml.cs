using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Songs;
using Storyboard.Web.Timeline;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>
/// A project's timeline: ruler, waveform, scenes and clips lanes, the details panel and the edit history. The zoom,
/// scroll position, playhead and selection live in the URL. Every edit handler calls one <see cref="ITimelineService"/>
/// method, acts on the selected clip or scene, then redirects back (no JS) or answers the workspace fragment (htmx).
/// This file holds the page state and the shared flow; the handlers are in Index.Clips.cs, Index.Scenes.cs and
/// Index.Lyrics.cs.
/// </summary>
public sealed partial class IndexModel(ITimelineService timeline, IGenerationQueue generations, IGpuChoices gpuChoices) : PageModel
{
    public const string Workspace = "_Workspace";

    [BindProperty(SupportsGet = true, Name = "zoom")] public int? Zoom { get; set; }
    [BindProperty(SupportsGet = true, Name = "at")] public long? At { get; set; }
    [BindProperty(SupportsGet = true, Name = "playhead")] public long? Playhead { get; set; }
    [BindProperty(SupportsGet = true, Name = "clip")] public int? ClipId { get; set; }
    [BindProperty(SupportsGet = true, Name = "scene")] public int? SceneId { get; set; }

    public TimelinePageView View { get; private set; } = default!;
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<TrashedScene> TrashedScenes { get; private set; } = [];
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

    /// <summary>
    /// True when an htmx edit changed only the selected clip's slot and the answer is <c>_SlotChanged</c>: its takes
    /// (the only lane items and list rows the view then has), the details and the history, each out of band.
    /// </summary>
    public bool SlotOnly { get; private set; }
    /// <summary>Set by the move and trim handlers: the selected clip's group and its slot before the edit.</summary>
    private SlotChange? _slotChange;

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
        View.Timeline.Scenes, FormErrors("NewClip"), null, SuggestionFor == "NewClip" ? SuggestedStartText : null, SuggestionFor == "NewClip" ? SuggestedStart : null,
        FollowsPlayhead: !NewClipOpen);
    public FormView<SceneFormInput> NewSceneView => new(
        NewScene, "NewScene", "CreateScene", "scene-form-new", "New scene", "Add the scene", View.State.Route(),
        View.Timeline.Scenes, FormErrors("NewScene"), null, SuggestionFor == "NewScene" ? SuggestedStartText : null, SuggestionFor == "NewScene" ? SuggestedStart : null,
        FollowsPlayhead: !NewSceneOpen);

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

    // The shared flow

    private string? UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    private ClipView? SelectedClip => _header?.Clip;

    private static int? First(TimelineResult result) => result.Ids.Count > 0 ? result.Ids[0] : null;

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
                return await DoneAsync(id, done, after: result.After);
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

    /// <param name="after">The timeline the edit left, when the service says; otherwise it is read again.</param>
    private async Task<IActionResult> DoneAsync(int id, string? message, bool flashSet = false, TimelineView? after = null)
    {
        if (Request.IsHtmx())
        {
            if ((after ?? await timeline.GetAsync(id, Aborted)) is not { } whole)
            {
                return NotFound();
            }
            // The flash region is outside the workspace: one out-of-band message.
            OutOfBandFlash = message is not null ? new FlashMessage(FlashKind.Success, message) : flashSet ? Flash.Take(TempData) : null;
            if (_slotChange is { } change && change.OnlyItChanged(whole, Zoom, At))
            {
                // Same selection, same address (nothing to push), and the main target stays as it is.
                await LoadAsync(id, whole, only: change.TakeIds(whole));
                SlotOnly = true;
                Response.Htmx(h => h.Reswap("none"));
                return Partial("_SlotChanged", this);
            }
            await LoadAsync(id, whole);
            // The address bar follows the selection an edit made (a duplicate is selected, a deleted clip is not).
            var url = Url.Page("/Timeline/Index", RouteAfter(id));
            Response.Htmx(h => h.PushUrl(url!));
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

    /// <param name="known">The timeline when the caller has it already.</param>
    /// <param name="only">Draw only these clips (an answer that redraws just them): no other lane item or list row.</param>
    private async Task<bool> LoadAsync(int id, TimelineView? known = null, IReadOnlySet<int>? only = null)
    {
        var whole = known ?? await timeline.GetAsync(id, Aborted);
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
        View = TimelinePageView.Build(whole, Zoom, At, Playhead, ClipId, SceneId, links, only);
        History = await timeline.HistoryAsync(id, 10, Aborted);
        TrashedScenes = only is null ? await timeline.TrashedScenesAsync(id, Aborted) : [];
        var rate = whole.FrameRate;
        if (View.SelectedClip is { } clip)
        {
            ClipForm ??= ClipFormInput.From(clip, rate);
            await LoadGenerationsAsync(id);
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

/// <summary>
/// A one-button form posting a handler for the selected item (the keyboard shortcuts press these). A button acting at
/// the playhead shows its time after the label (kept with the song by timeline.js).
/// </summary>
public sealed record ActionButton(
    Dictionary<string, string> Route, string Handler, string Id, string Label, string CssClass = "button-secondary",
    string? FieldName = null, string? FieldValue = null, string? PlayheadText = null);
