using Storyboard.Web.Domain;

namespace Storyboard.Web.Timeline;

/// <summary>Everything a user sets on a scene (the form and the API come down to this).</summary>
public sealed record SceneInput(
    string Name, string Description, string Lyrics, SectionKind Section, string CustomSection, string Color, string Notes,
    long StartFrame, long LengthFrames);

/// <summary>Everything a user sets on a clip.</summary>
public sealed record ClipInput(
    string Name, int? SceneId, long StartFrame, long LengthFrames, string Lyrics, string ImagePrompt,
    string NegativePrompt, string VideoPrompt, ShotSize ShotSize, CameraMove CameraMove, TransitionKind TransitionIn,
    int TransitionFrames, string Notes);

/// <summary>
/// The outcome of a timeline edit. Exactly one of: success (<see cref="Ids"/> of what was created or changed),
/// invalid values (<see cref="Errors"/> keyed by input property name; "" for the whole request), an overlap
/// (<see cref="Errors"/> says with what, <see cref="SuggestedStartFrame"/> is the nearest free slot, if any),
/// a concurrency conflict (<see cref="CurrentScene"/> or <see cref="CurrentClip"/> holds the values now stored),
/// or not found. Nothing is stored unless it succeeded.
/// </summary>
public sealed record TimelineResult(
    TimelineOutcome Outcome,
    IReadOnlyList<int> Ids,
    IReadOnlyDictionary<string, string> Errors,
    long? SuggestedStartFrame = null,
    SceneView? CurrentScene = null,
    ClipView? CurrentClip = null)
{
    /// <summary>After a successful edit: the timeline as it left it (null when unknown), so it need not be read again.</summary>
    public TimelineView? After { get; init; }

    public bool Succeeded => Outcome == TimelineOutcome.Ok;

    public static TimelineResult Ok(params int[] ids) => new(TimelineOutcome.Ok, ids, new Dictionary<string, string>());
    public static TimelineResult Invalid(IReadOnlyDictionary<string, string> errors) => new(TimelineOutcome.Invalid, [], errors);
    public static TimelineResult Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
    public static TimelineResult Overlap(string field, string message, long? suggestedStart) =>
        new(TimelineOutcome.Overlap, [], new Dictionary<string, string> { [field] = message }, suggestedStart);
    public static TimelineResult Conflict(SceneView? scene, ClipView? clip) => new(TimelineOutcome.Conflict, [],
        new Dictionary<string, string> { [""] = "Someone else changed this since you opened it. Their values are shown; apply your change again if it still makes sense." },
        CurrentScene: scene, CurrentClip: clip);
    public static TimelineResult NotFound(string what) =>
        new(TimelineOutcome.NotFound, [], new Dictionary<string, string> { [""] = $"{what} does not exist in this project." });
}

public enum TimelineOutcome
{
    Ok,
    Invalid,
    Overlap,
    Conflict,
    NotFound,
}
