using System.Globalization;
using Storyboard.Web.Delivery;
using Storyboard.Web.Domain.Timeline;
using Storyboard.Web.Generation.DraftCards;

namespace Storyboard.Web.Pages.Present;

/// <summary>A stored generation whose file is some clip's chosen medium: the gallery's endpoints serve it by this id.</summary>
public sealed record GenerationMedia(int Id, int ClipId, string MediaHash, bool HasPoster);

/// <summary>Where the presentation's files are served; the page builds these from routing.</summary>
public interface IPresentationLinks
{
    string Song(int songId);
    string GenerationFile(int generationId);
    string GenerationPoster(int generationId);
    string Draft(int clipId);
}

/// <summary>The presentation: the whole project's main takes in time order, each with its picture and shot facts.</summary>
public sealed record PresentationView
{
    public required int ProjectId { get; init; }
    public required string ProjectName { get; init; }
    public string? SongUrl { get; init; }
    public string SongLabel { get; init; } = "";
    /// <summary>The rate as a fraction and the cut's length in frames: the player turns the audio clock into a clip.</summary>
    public required int RateNumerator { get; init; }
    public required int RateDenominator { get; init; }
    public required long LengthFrames { get; init; }
    public IReadOnlyList<PresentedClip> Clips { get; init; } = [];
    public bool HasSong => SongUrl is not null;

    public string FrameRateText => RateNumerator.ToString(CultureInfo.InvariantCulture) + "/" + RateDenominator.ToString(CultureInfo.InvariantCulture);

    public static PresentationView Create(Cut cut, int? songId, IReadOnlyList<GenerationMedia> generations, IPresentationLinks links)
    {
        // A chosen file may have been made for another clip (a duplicate shares its media): any generation of it serves.
        var byHash = generations.GroupBy(g => g.MediaHash).ToDictionary(g => g.Key, g => g.ToList());
        var count = cut.Clips.Count;
        return new PresentationView
        {
            ProjectId = cut.ProjectId,
            ProjectName = cut.ProjectName,
            SongUrl = cut.Song is not null && songId is { } id ? links.Song(id) : null,
            SongLabel = cut.Song is null ? "" : $"Song: {cut.Song.OriginalFileName}",
            RateNumerator = cut.Rate.Numerator,
            RateDenominator = cut.Rate.Denominator,
            LengthFrames = cut.LengthFrames,
            Clips = cut.Clips.Select((clip, index) => Present(cut, clip, index, count, Find(byHash, clip), links)).ToList(),
        };
    }

    private static GenerationMedia? Find(Dictionary<string, List<GenerationMedia>> byHash, CutClip clip) =>
        clip.Media.Kind == CutMediaKind.Draft || !byHash.TryGetValue(clip.Media.Hash, out var found)
            ? null
            : found.FirstOrDefault(g => g.ClipId == clip.ClipId) ?? found[0];

    private static PresentedClip Present(Cut cut, CutClip clip, int index, int count, GenerationMedia? generation, IPresentationLinks links)
    {
        var songStart = clip.StartFrame + cut.SongOffsetFrames;
        var timecodeIn = Timecode.Format(songStart, cut.Rate);
        var shot = $"Shot {clip.Number}";
        var name = clip.Name.Length > 0 ? clip.Name : "untitled";
        // A chosen file with no generation behind it (put there by hand) has no URL: its Draft card stands in.
        var kind = generation is null ? CutMediaKind.Draft : clip.Media.Kind;
        var picture = kind switch
        {
            CutMediaKind.Draft => links.Draft(clip.ClipId),
            _ => links.GenerationFile(generation!.Id),
        };
        var description = clip.Media.Kind == CutMediaKind.Video ? clip.VideoPrompt : clip.ImagePrompt;
        return new PresentedClip
        {
            ClipId = clip.ClipId,
            Index = index,
            Number = clip.Number,
            Name = clip.Name,
            Title = $"{shot}: {name}",
            StartFrame = clip.StartFrame,
            EndFrame = clip.EndFrame,
            TimecodeIn = timecodeIn,
            TimecodeOut = Timecode.Format(songStart + clip.LengthFrames, cut.Rate),
            Duration = string.Create(CultureInfo.InvariantCulture, $"{clip.LengthFrames * (double)cut.Rate.Denominator / cut.Rate.Numerator:0.0#} s"),
            SceneKey = clip.SceneId?.ToString(CultureInfo.InvariantCulture) ?? "",
            SceneName = clip.SceneName,
            Section = clip.SectionLabel,
            Lyrics = clip.Lyrics,
            ShotSize = clip.ShotSize == Domain.ShotSize.Unset ? "" : DraftCardLabels.Of(clip.ShotSize),
            CameraMove = DraftCardLabels.Of(clip.CameraMove),
            Notes = clip.Notes,
            IsVideo = kind == CutMediaKind.Video,
            IsDraft = kind == CutMediaKind.Draft,
            PictureUrl = picture,
            PosterUrl = kind == CutMediaKind.Video && generation!.HasPoster ? links.GenerationPoster(generation.Id) : null,
            Width = clip.Media.Width > 0 && kind != CutMediaKind.Draft ? clip.Media.Width : cut.Resolution.Width,
            Height = clip.Media.Height > 0 && kind != CutMediaKind.Draft ? clip.Media.Height : cut.Resolution.Height,
            Alt = kind == CutMediaKind.Draft
                ? $"Draft card of {shot.ToLowerInvariant()}, {name}"
                : description.Length > 0 ? description : $"Picture of {shot.ToLowerInvariant()}, {name}",
            Announcement = $"{shot} of {count}: {name}, {timecodeIn}",
        };
    }
}

/// <summary>One shot as the slideshow list and the player show it.</summary>
public sealed record PresentedClip
{
    public required int ClipId { get; init; }
    public required int Index { get; init; }
    public required int Number { get; init; }
    public required string Name { get; init; }
    /// <summary>"Shot 3: Night road".</summary>
    public required string Title { get; init; }
    /// <summary>Frames from the cut's start (the song's start for a whole project).</summary>
    public required long StartFrame { get; init; }
    public required long EndFrame { get; init; }
    public required string TimecodeIn { get; init; }
    public required string TimecodeOut { get; init; }
    public required string Duration { get; init; }
    /// <summary>The scene's id as text, "" for a clip outside any scene: the scene view groups by it.</summary>
    public string SceneKey { get; init; } = "";
    public string SceneName { get; init; } = "";
    public string Section { get; init; } = "";
    public string Lyrics { get; init; } = "";
    public string ShotSize { get; init; } = "";
    public string CameraMove { get; init; } = "";
    public string Notes { get; init; } = "";
    public bool IsVideo { get; init; }
    public bool IsDraft { get; init; }
    public required string PictureUrl { get; init; }
    public string? PosterUrl { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required string Alt { get; init; }
    /// <summary>What the live region says when the player reaches this shot: "Shot 3 of 24: Night road, 00:00:12:04".</summary>
    public required string Announcement { get; init; }

    public string ElementId => $"present-clip-{ClipId}";
    public string TitleId => $"present-clip-{ClipId}-title";
}
