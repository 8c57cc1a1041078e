using Storyboard.Web.Delivery;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery;

/// <summary>
/// Cuts built in memory for the export formats' tests, modelled on the reference note's §1.4 timeline:
/// a Draft still of 150 frames, a video of 120 frames (its file is 300 frames long) that dissolves in over 30 frames
/// centred on the cut, a 30-frame gap, an image of 90 frames: 390 frames, with the song under all of it.
/// </summary>
public static class CutSamples
{
    public static Cut Sample(FrameRate? rate = null, string projectName = "Night Drive") => new()
    {
        ProjectId = 1,
        ProjectName = projectName,
        Title = projectName,
        Rate = rate ?? FrameRate.Fps2997,
        Resolution = new Resolution(1920, 1080),
        LengthFrames = 390,
        CreatedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        Song = Song(600),
        Scenes =
        [
            new CutScene { SceneId = 10, Name = "Scene 1", Section = SectionKind.Verse, SectionLabel = "Verse", StartFrame = 0, LengthFrames = 270 },
            new CutScene { SceneId = 11, Name = "Scene 2", Section = SectionKind.Chorus, SectionLabel = "Chorus", StartFrame = 300, LengthFrames = 90 },
        ],
        Clips =
        [
            Clip(1, 1, "Board 1", 0, 150, CutMediaKind.Draft, sceneId: 10) with { Lyrics = "Headlights on the highway", ShotSize = ShotSize.WideShot },
            Clip(2, 2, "Shot 2", 150, 120, CutMediaKind.Video, sceneId: 10, mediaFrames: 300) with
            {
                TransitionIn = TransitionKind.Dissolve, TransitionFrames = 30, CameraMove = CameraMove.DollyIn, Notes = "Slow push",
            },
            Clip(3, 3, "Board 3", 300, 90, CutMediaKind.Image, sceneId: 11) with { Lyrics = "We never stop" },
        ],
    };

    /// <summary>No clips and no song: every format must still write a valid, empty timeline.</summary>
    public static Cut Empty() => new()
    {
        ProjectId = 2,
        ProjectName = "Empty",
        Title = "Empty",
        Rate = FrameRate.Fps24,
        Resolution = new Resolution(1920, 1080),
        LengthFrames = 0,
        Notices = ["The project has no song: the export has no music, and it ends with the last clip."],
    };

    /// <summary>Names that break naive writers: quotes, ampersands, slashes, angle brackets, emoji, non-ASCII.</summary>
    public static Cut Nasty() => Sample(FrameRate.Fps23976, "Rock & \"Roll\" <Live> / Ça va 🎸") with
    {
        Title = "Rock & \"Roll\" <Live> / Ça va 🎸",
        Scenes = [new CutScene { SceneId = 10, Name = "Verse 'one' & <two>", SectionLabel = "Verse", StartFrame = 0, LengthFrames = 390 }],
        Clips =
        [
            Clip(1, 1, "Shot \"1\" & <b>", 0, 200, CutMediaKind.Image, sceneId: 10) with { Lyrics = "Ça va? 🎸 \"yes\" & <no>", Notes = "a/b\\c" },
            Clip(2, 2, "Émoji 🎸 / slash", 200, 190, CutMediaKind.Draft, sceneId: 10),
        ],
    };

    /// <summary><paramref name="count"/> clips of 18 frames each with a dissolve every tenth, at 30 fps, and the song.</summary>
    public static Cut Many(int count, FrameRate? rate = null)
    {
        var clips = Enumerable.Range(1, count).Select(i => Clip(i, i, $"Shot {i}", (i - 1) * 18L, 18,
                (i % 3) switch { 0 => CutMediaKind.Video, 1 => CutMediaKind.Image, _ => CutMediaKind.Draft }, mediaFrames: 60) with
        {
            TransitionIn = i > 1 && i % 10 == 0 ? TransitionKind.Dissolve : TransitionKind.Cut,
            TransitionFrames = i > 1 && i % 10 == 0 ? 8 : 0,
            Lyrics = $"Line {i}",
            Notes = $"Note {i}",
        }).ToList();
        return new Cut
        {
            ProjectId = 3,
            ProjectName = "Many",
            Title = "Many",
            Rate = rate ?? FrameRate.Fps30,
            Resolution = new Resolution(1920, 1080),
            LengthFrames = count * 18L,
            Song = Song(count * 18L),
            Clips = clips,
            Scenes = Enumerable.Range(0, (count + 9) / 10).Select(s => new CutScene { SceneId = 100 + s, Name = $"Scene {s + 1}", StartFrame = s * 180L, LengthFrames = 180 }).ToList(),
        };
    }

    /// <summary>A three-hour song at 29.97 with a clip near the end (timecodes past 02:59:00;00).</summary>
    public static Cut ThreeHours() => Sample(FrameRate.Fps2997) with
    {
        LengthFrames = 323_676,
        Song = Song(323_676),
        Clips = [Clip(1, 1, "Opening", 0, 300, CutMediaKind.Image), Clip(2, 2, "Finale", 323_376, 300, CutMediaKind.Draft)],
    };

    public static CutSong Song(long frames) => new()
    {
        Hash = new string('5', 64),
        FileName = "song-night-drive.wav",
        OriginalFileName = "Night Drive.wav",
        RelativePath = "55/" + new string('5', 64) + ".wav",
        ContentType = "audio/wav",
        LengthFrames = frames,
        DurationMicroseconds = frames * 1_000_000L * 1001 / 30000,
        SampleRate = 48000,
        Channels = 2,
    };

    public static CutClip Clip(int id, int number, string name, long start, long length, CutMediaKind kind, int? sceneId = null, long? mediaFrames = null)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"media {id}")));
        var (extension, type) = kind switch
        {
            CutMediaKind.Video => (".mp4", "video/mp4"),
            CutMediaKind.Image => (".png", "image/png"),
            _ => (".png", "image/png"),
        };
        return new CutClip
        {
            ClipId = id,
            Number = number,
            Name = name,
            StartFrame = start,
            LengthFrames = length,
            SceneId = sceneId,
            Media = new CutMedia
            {
                Kind = kind,
                Hash = hash,
                ContentType = type,
                Width = 1920,
                Height = 1080,
                FileName = $"{number:000}-{MediaNames.Slug(name)}-{(kind == CutMediaKind.Draft ? "draft-" : "")}{hash[..8]}{extension}",
                RelativePath = kind == CutMediaKind.Draft ? null : $"{hash[..2]}/{hash}{extension}",
                LengthFrames = kind == CutMediaKind.Video ? mediaFrames ?? length : null,
            },
        };
    }
}
