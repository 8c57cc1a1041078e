using Storyboard.Web.Domain;

namespace Storyboard.Web.Timeline;

/// <summary>A project's whole timeline in one read: what the page, its fragments and the API render.</summary>
public sealed record TimelineView(
    int ProjectId,
    string ProjectName,
    FrameRate FrameRate,
    int Width,
    int Height,
    /// <summary>The current song's length in frames (rounded down), or null without a song.</summary>
    long? SongFrames,
    int? SongId,
    IReadOnlyList<SceneView> Scenes,
    IReadOnlyList<ClipView> Clips,
    HistoryState History)
{
    /// <summary>The end of the song or of the last clip, whichever is later (at least one second).</summary>
    public long EndFrame => Math.Max(Math.Max(SongFrames ?? 0, Clips.Select(c => c.End).DefaultIfEmpty(0).Max()),
        FrameRate.FramesFromMicroseconds(1_000_000));
}

/// <summary>A project's frame rate with one clip (null when not asked for or not live) and whether a scene is live.</summary>
public sealed record TimelineHeader(FrameRate FrameRate, ClipView? Clip, bool SceneFound);

public sealed record SceneView(
    int Id, int GroupId, int TakeNumber, bool IsMain, string Name, string Description, string Lyrics,
    SectionKind Section, string CustomSection, string Color, string Notes, int SortOrder,
    long StartFrame, long LengthFrames, int Version)
{
    public long End => StartFrame + LengthFrames;
    /// <summary>"Chorus" or "Chorus A2".</summary>
    public string DisplayName => TakeNumber == 0 ? Name : $"{Name} A{TakeNumber}";
}

public sealed record ClipView(
    int Id, int GroupId, int TakeNumber, bool IsMain, int? SceneId, string Name,
    long StartFrame, long LengthFrames, string Lyrics, string ImagePrompt, string NegativePrompt, string VideoPrompt,
    ShotSize ShotSize, CameraMove CameraMove, TransitionKind TransitionIn, int TransitionFrames, string Notes,
    string? ChosenImageHash, int Version,
    /// <summary>True when the clip runs past the end of the song.</summary>
    bool PastSongEnd)
{
    public long End => StartFrame + LengthFrames;
    public string DisplayName => TakeNumber == 0 ? Name : $"{Name} A{TakeNumber}";
}

/// <summary>Undo and redo availability, with what each would undo or redo.</summary>
public sealed record HistoryState(string? UndoLabel, string? RedoLabel)
{
    public bool CanUndo => UndoLabel is not null;
    public bool CanRedo => RedoLabel is not null;
}

public sealed record HistoryEntry(int Id, string Label, string? UserName, DateTimeOffset CreatedAt, bool IsUndone);

public sealed record TrashedScene(int Id, string DisplayName, DateTimeOffset DeletedAt, int ClipCount);
