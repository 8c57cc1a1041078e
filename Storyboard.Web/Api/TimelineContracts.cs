using System.ComponentModel;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Api;

/// <summary>A project's whole timeline as the API shows it: times are whole frames at the project's rate.</summary>
public sealed record TimelineApiView(
    int ProjectId,
    [property: Description("Frames per second, as a label: \"23.976\", \"24\", \"29.97\"…")] string FrameRate,
    [property: Description("The exact rate is frameRateNumerator / frameRateDenominator (24000/1001 for 23.976).")] int FrameRateNumerator,
    int FrameRateDenominator,
    [property: Description("The current song's length in frames (rounded down), or null without a song.")] long? SongFrames,
    [property: Description("The end of the song or of the last clip, whichever is later (at least one second).")] long EndFrame,
    IReadOnlyList<SceneApiView> Scenes,
    IReadOnlyList<ClipApiView> Clips,
    [property: Description("What POST …/timeline/undo would undo, or null when there is nothing to undo.")] string? UndoLabel,
    [property: Description("What POST …/timeline/redo would redo, or null when there is nothing to redo.")] string? RedoLabel)
{
    public static TimelineApiView From(TimelineView timeline) => new(
        timeline.ProjectId, timeline.FrameRate.Label, timeline.FrameRate.Numerator, timeline.FrameRate.Denominator,
        timeline.SongFrames, timeline.EndFrame,
        timeline.Scenes.Select(s => SceneApiView.From(s, timeline.FrameRate)).ToList(),
        timeline.Clips.Select(c => ClipApiView.From(c, timeline.FrameRate)).ToList(),
        timeline.History.UndoLabel, timeline.History.RedoLabel);
}

/// <summary>A scene (one take of a scene group) as the API shows it.</summary>
public sealed record SceneApiView(
    int Id,
    [property: Description("The id of the group's first take; all takes of a group share one slot.")] int GroupId,
    [property: Description("0 for the original take, 1, 2… for alternates (shown as A1, A2).")] int TakeNumber,
    [property: Description("True for the take the timeline plays.")] bool IsMain,
    [property: Description("The name with its take: \"Chorus\" or \"Chorus A2\".")] string DisplayName,
    string Name,
    string Description,
    string Lyrics,
    [property: Description("Intro, Verse, PreChorus, Chorus, Bridge, Breakdown, Outro or Custom.")] string Section,
    string CustomSection,
    string Color,
    string Notes,
    int SortOrder,
    long StartFrame,
    long LengthFrames,
    long EndFrame,
    [property: Description("SMPTE timecode of the first frame (HH:MM:SS;FF at drop-frame rates).")] string StartTimecode,
    [property: Description("SMPTE timecode of the frame just after the scene.")] string EndTimecode,
    [property: Description("The concurrency token: send it back with PUT; it changes with every edit.")] int Version)
{
    public static SceneApiView From(SceneView s, FrameRate rate) => new(
        s.Id, s.GroupId, s.TakeNumber, s.IsMain, s.DisplayName, s.Name, s.Description, s.Lyrics, s.Section.ToString(),
        s.CustomSection, s.Color, s.Notes, s.SortOrder, s.StartFrame, s.LengthFrames, s.End,
        Timecode.Format(s.StartFrame, rate), Timecode.Format(s.End, rate), s.Version);
}

/// <summary>A clip (one take of a clip group) as the API shows it.</summary>
public sealed record ClipApiView(
    int Id,
    [property: Description("The id of the group's first take; all takes of a group share one slot.")] int GroupId,
    [property: Description("0 for the original take, 1, 2… for alternates (shown as A1, A2).")] int TakeNumber,
    [property: Description("True for the take the timeline plays.")] bool IsMain,
    [property: Description("The name with its take: \"Intro shot\" or \"Intro shot A1\".")] string DisplayName,
    int? SceneId,
    string Name,
    long StartFrame,
    long LengthFrames,
    long EndFrame,
    [property: Description("SMPTE timecode of the first frame (HH:MM:SS;FF at drop-frame rates).")] string StartTimecode,
    [property: Description("SMPTE timecode of the frame just after the clip.")] string EndTimecode,
    string Lyrics,
    string ImagePrompt,
    string NegativePrompt,
    string VideoPrompt,
    [property: Description("Unset, ExtremeCloseUp, CloseUp, MediumCloseUp, MediumShot, MediumWideShot, WideShot or ExtremeWideShot.")] string ShotSize,
    [property: Description("Static, Pan, Tilt, DollyIn, DollyOut, Truck, Pedestal, Crane, Orbit, Zoom or Handheld.")] string CameraMove,
    [property: Description("Cut, Dissolve, FadeFromBlack or Wipe.")] string TransitionIn,
    int TransitionFrames,
    string Notes,
    string? ChosenImageHash,
    [property: Description("The concurrency token: send it back with PUT; it changes with every edit.")] int Version,
    [property: Description("True when the clip runs past the end of the song.")] bool PastSongEnd)
{
    public static ClipApiView From(ClipView c, FrameRate rate) => new(
        c.Id, c.GroupId, c.TakeNumber, c.IsMain, c.DisplayName, c.SceneId, c.Name, c.StartFrame, c.LengthFrames, c.End,
        Timecode.Format(c.StartFrame, rate), Timecode.Format(c.End, rate), c.Lyrics, c.ImagePrompt, c.NegativePrompt,
        c.VideoPrompt, c.ShotSize.ToString(), c.CameraMove.ToString(), c.TransitionIn.ToString(), c.TransitionFrames, c.Notes,
        c.ChosenImageHash, c.Version, c.PastSongEnd);
}

/// <summary>The body of POST /api/v1/projects/{id}/scenes and PUT …/scenes/{sceneId}. PUT replaces every field.</summary>
public sealed record SaveSceneInput(
    [property: Description("Required; at most 200 characters.")] string? Name,
    [property: Description("Required: the first frame, a whole number from 0.")] long? StartFrame,
    [property: Description("Required: the length in frames, at least 1.")] long? LengthFrames,
    string? Description = null,
    string? Lyrics = null,
    [property: Description("Intro, Verse (the default), PreChorus, Chorus, Bridge, Breakdown, Outro or Custom (then name it in customSection).")] string? Section = null,
    string? CustomSection = null,
    [property: Description("#rrggbb; defaults to #5b7fe0.")] string? Color = null,
    string? Notes = null,
    [property: Description("PUT only, required there: the version you read. A stale one answers 409 with the current values.")] int? Version = null)
{
    public const string DefaultColor = "#5b7fe0";
}

/// <summary>The body of POST /api/v1/projects/{id}/clips and PUT …/clips/{clipId}. PUT replaces every field.</summary>
public sealed record SaveClipInput(
    [property: Description("Required; at most 200 characters.")] string? Name,
    [property: Description("Required: the first frame, a whole number from 0.")] long? StartFrame,
    [property: Description("Required: the length in frames, at least 1.")] long? LengthFrames,
    [property: Description("A scene of this project, or null.")] int? SceneId = null,
    string? Lyrics = null,
    string? ImagePrompt = null,
    string? NegativePrompt = null,
    string? VideoPrompt = null,
    [property: Description("Unset (the default), ExtremeCloseUp, CloseUp, MediumCloseUp, MediumShot, MediumWideShot, WideShot or ExtremeWideShot.")] string? ShotSize = null,
    [property: Description("Static (the default), Pan, Tilt, DollyIn, DollyOut, Truck, Pedestal, Crane, Orbit, Zoom or Handheld.")] string? CameraMove = null,
    [property: Description("Cut (the default), Dissolve, FadeFromBlack or Wipe.")] string? TransitionIn = null,
    [property: Description("Frames of the transition; 0 for a cut, at most the clip's length.")] int? TransitionFrames = null,
    string? Notes = null,
    [property: Description("PUT only, required there: the version you read. A stale one answers 409 with the current values.")] int? Version = null);

/// <summary>The body of POST /api/v1/projects/{id}/clips/move.</summary>
public sealed record MoveClipsInput(
    [property: Description("The clips to move together (their alternates move with them).")] int[]? ClipIds,
    [property: Description("Frames to move by; negative moves earlier.")] long? DeltaFrames);

/// <summary>The body of POST /api/v1/projects/{id}/clips/{clipId}/span: move and trim in one.</summary>
public sealed record SetClipSpanInput(
    [property: Description("Required: the new first frame, a whole number from 0.")] long? StartFrame,
    [property: Description("Required: the new length in frames, at least 1.")] long? LengthFrames);

/// <summary>The body of POST /api/v1/projects/{id}/clips/{clipId}/split.</summary>
public sealed record SplitClipInput(
    [property: Description("Required: the first frame of the second part; strictly inside the clip (after its first frame, before its end).")] long? AtFrame);

/// <summary>The body of POST /api/v1/projects/{id}/clips/ripple.</summary>
public sealed record RippleClipsInput(
    [property: Description("Required: every main-take clip starting at or after this frame moves (with its alternates); from 0.")] long? FromFrame,
    [property: Description("Required: frames to move by; negative moves earlier.")] long? DeltaFrames);

/// <summary>The body of POST /api/v1/projects/{id}/clips/delete.</summary>
public sealed record DeleteClipsInput(
    [property: Description("The clips to delete together. A main take takes its alternates with it.")] int[]? ClipIds);

/// <summary>The body of POST /api/v1/projects/{id}/scenes/{sceneId}/reorder.</summary>
public sealed record ReorderSceneInput(
    [property: Description("Required: -1 moves the scene (with its takes) one place up the scene list, 1 one place down.")] int? Direction);

/// <summary>The body of POST /api/v1/projects/{id}/timeline/lyrics/lrc.</summary>
public sealed record ImportLrcInput(
    [property: Description("Required: LRC text, lines like \"[00:12.50] the words\". Each timed line becomes a clip.")] string? Text);

/// <summary>The body of POST /api/v1/projects/{id}/timeline/lyrics/spread.</summary>
public sealed record SpreadLyricsInput(
    [property: Description("The clips to share the lines over, in any order (they are taken in timeline order).")] int[]? ClipIds,
    [property: Description("Required: plain lyrics, one line a line; blank lines are skipped.")] string? Text);

/// <summary>One recorded timeline edit, newest first.</summary>
public sealed record HistoryEntryView(int Id, string Label, string? UserName, DateTimeOffset CreatedAt,
    [property: Description("True when the edit has been undone (and could be redone).")] bool IsUndone)
{
    public static HistoryEntryView From(HistoryEntry e) => new(e.Id, e.Label, e.UserName, e.CreatedAt, e.IsUndone);
}
