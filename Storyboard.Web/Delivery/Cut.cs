using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery;

/// <summary>
/// The storyboard as it leaves Storyboard: the main takes in time order, each with the one medium it shows, the song
/// and the scene markers, all in whole frames at the project's rate (never floating seconds). Times are relative to the
/// cut's start: a scene's cut starts at 0 and <see cref="SongOffsetFrames"/> says where in the song it begins.
/// Every renderer and export format reads this and nothing else from the database.
/// </summary>
public sealed record Cut
{
    public required int ProjectId { get; init; }
    public required string ProjectName { get; init; }
    /// <summary>The scene this cut covers on its own, or null for the whole project.</summary>
    public int? SceneId { get; init; }
    /// <summary>"My song" or "My song – Chorus" for a scene; names exported timelines and files.</summary>
    public required string Title { get; init; }
    public required FrameRate Rate { get; init; }
    public required Resolution Resolution { get; init; }
    /// <summary>The cut's length: the song's (or the scene's), else up to the last clip's end when there is no song.</summary>
    public required long LengthFrames { get; init; }
    /// <summary>Where the cut starts in the song (0 for a whole project; the scene's start for a scene).</summary>
    public long SongOffsetFrames { get; init; }
    public CutSong? Song { get; init; }
    public IReadOnlyList<CutScene> Scenes { get; init; } = [];
    /// <summary>The main takes, in time order, never overlapping, within [0, <see cref="LengthFrames"/>).</summary>
    public IReadOnlyList<CutClip> Clips { get; init; } = [];
    /// <summary>Alternate takes (empty unless asked for), each on lane 1, 2… so that no two on a lane overlap.</summary>
    public IReadOnlyList<CutClip> Alternates { get; init; } = [];
    /// <summary>What the cut left out or changed, in words a user reads ("No song: …", "Clip X runs past…").</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The gaps between main takes (and before the first, after the last), as (start, length).</summary>
    public IEnumerable<(long Start, long Length)> Gaps()
    {
        var at = 0L;
        foreach (var clip in Clips)
        {
            if (clip.StartFrame > at)
            {
                yield return (at, clip.StartFrame - at);
            }
            at = clip.EndFrame;
        }
        if (LengthFrames > at)
        {
            yield return (at, LengthFrames - at);
        }
    }
}

public sealed record CutSong
{
    public required string Hash { get; init; }
    /// <summary>The name it gets in exports and packages: "song-my-track.mp3".</summary>
    public required string FileName { get; init; }
    public required string OriginalFileName { get; init; }
    /// <summary>Relative to the media folder (IMediaStore.FullPath gives the file).</summary>
    public required string RelativePath { get; init; }
    public required string ContentType { get; init; }
    public long DurationMicroseconds { get; init; }
    /// <summary>The whole song's length in frames, rounded down.</summary>
    public long LengthFrames { get; init; }
    public int SampleRate { get; init; }
    public int Channels { get; init; }
}

public sealed record CutScene
{
    public required int SceneId { get; init; }
    public required string Name { get; init; }
    public SectionKind Section { get; init; }
    /// <summary>"Chorus", "Pre-chorus", or a custom section's own label.</summary>
    public string SectionLabel { get; init; } = "";
    public string Color { get; init; } = "#5b7fe0";
    public long StartFrame { get; init; }
    public long LengthFrames { get; init; }
}

public sealed record CutClip
{
    public required int ClipId { get; init; }
    /// <summary>The shot number, 1, 2… in time order on the main timeline; an alternate has its original's number.</summary>
    public required int Number { get; init; }
    /// <summary>The name as the timeline shows it, with its take: "Intro shot", "Intro shot A1".</summary>
    public required string Name { get; init; }
    public int TakeNumber { get; init; }
    public bool IsMain { get; init; } = true;
    /// <summary>0 for main takes; 1, 2… for alternates.</summary>
    public int Lane { get; init; }
    public long StartFrame { get; init; }
    public long LengthFrames { get; init; }
    public long EndFrame => StartFrame + LengthFrames;
    /// <summary>How this clip begins; a transition's frames are centred on the cut at <see cref="StartFrame"/>.</summary>
    public TransitionKind TransitionIn { get; init; }
    public int TransitionFrames { get; init; }
    public int? SceneId { get; init; }
    public string SceneName { get; init; } = "";
    public string SectionLabel { get; init; } = "";
    public string Lyrics { get; init; } = "";
    public ShotSize ShotSize { get; init; }
    public CameraMove CameraMove { get; init; }
    public string Notes { get; init; } = "";
    public string ImagePrompt { get; init; } = "";
    public string VideoPrompt { get; init; } = "";
    public string? SceneColor { get; init; }
    public required CutMedia Media { get; init; }
}

public enum CutMediaKind
{
    /// <summary>The clip's chosen video.</summary>
    Video,
    /// <summary>The clip's chosen image.</summary>
    Image,
    /// <summary>No chosen media: Storyboard draws the clip's Draft card (IDeliveryMedia gives its file).</summary>
    Draft,
}

/// <summary>The one medium a clip shows: its chosen video, else its chosen image, else its Draft card.</summary>
public sealed record CutMedia
{
    public required CutMediaKind Kind { get; init; }
    /// <summary>The stored file's SHA-256; for a Draft card, a hash of what the card shows (stable while the clip's texts are).</summary>
    public required string Hash { get; init; }
    /// <summary>Its stable, unique, ASCII-only name in exports and packages: "003-intro-shot-a1-3f2a9c1b.png".</summary>
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    /// <summary>Relative to the media folder; null for a Draft card.</summary>
    public string? RelativePath { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>A video's own length in frames at the project's rate; null for stills and for a video of unknown length.</summary>
    public long? LengthFrames { get; init; }
    public bool IsStill => Kind != CutMediaKind.Video;
}
