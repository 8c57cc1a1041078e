using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Tests.Delivery.Animatic;

/// <summary>
/// A renderer over real ffmpeg with media files made in the test's own folder: solid-colour PNG stills (colours are
/// unambiguous when a frame is sampled), ffmpeg-made videos, and Draft cards drawn as solid grey.
/// </summary>
public sealed class AnimaticTestBed : IDisposable
{
    public static readonly Rgb24 DraftGrey = new(128, 128, 128);

    public AnimaticTestBed()
    {
        Folder = TestFolders.Create("animatic");
        Storage = new StorageOptions { DataPath = Path.Combine(Folder, "data") };
        Media = new FileMedia(this);
        Renderer = new AnimaticRenderer(Media, new FfmpegLocator(Options.Create(new MediaOptions())), Options.Create(Storage),
            NullLogger<AnimaticRenderer>.Instance);
    }

    public string Folder { get; }
    public StorageOptions Storage { get; }
    public FileMedia Media { get; }
    public AnimaticRenderer Renderer { get; }
    public string SegmentsFolder => Path.Combine(Storage.RendersFolder, "segments");

    public Task<AnimaticResult> RenderAsync(Cut cut, RenderPreset preset = RenderPreset.Full, AnimaticSettings? settings = null, string name = "out",
        CancellationToken cancellationToken = default) =>
        Renderer.RenderAsync(cut, new AnimaticRequest(preset, settings ?? new AnimaticSettings(), Path.Combine(Folder, name + ".mp4"),
            Path.Combine(Folder, name + ".srt")), null, cancellationToken);

    /// <summary>A cut of <paramref name="clips"/> at <paramref name="rate"/> and 160×90 with the given song (or none).</summary>
    public static Cut Cut(FrameRate rate, long length, IReadOnlyList<CutClip> clips, CutSong? song = null, int width = 160, int height = 90) => new()
    {
        ProjectId = 1,
        ProjectName = "Test",
        Title = "Test",
        Rate = rate,
        Resolution = new Resolution(width, height),
        LengthFrames = length,
        Song = song,
        Clips = clips,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>A clip showing <paramref name="file"/> (a still unless <paramref name="kind"/> says video).</summary>
    public CutClip Clip(int id, long start, long length, string? file, CutMediaKind kind = CutMediaKind.Image) =>
        CutSamples.Clip(id, id, $"Shot {id}", start, length, file is null ? CutMediaKind.Draft : kind) is var clip && file is not null
            ? Media.Assign(clip with { Media = clip.Media with { Hash = Hash(file) } }, file)
            : clip;

    public string Still(Rgb24 colour, int width = 160, int height = 90)
    {
        var path = Path.Combine(Folder, $"still-{colour.R}-{colour.G}-{colour.B}-{width}x{height}.png");
        using var image = new Image<Rgb24>(width, height, colour);
        image.SaveAsPng(path);
        return path;
    }

    /// <summary>A solid-colour H.264 video of <paramref name="frames"/> frames at <paramref name="rate"/>.</summary>
    public string Video(string colour, int frames, string rate, int width = 160, int height = 90)
    {
        var path = Path.Combine(Folder, $"video-{colour}-{frames}-{rate.Replace('/', '_')}.mp4");
        Ffmpeg("-f", "lavfi", "-i", $"color=c={colour}:s={width}x{height}:r={rate}", "-frames:v", frames.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path);
        return path;
    }

    public static string Hash(string file) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>ffprobe's view of the video stream and the container.</summary>
    public static VideoProbe Probe(string path)
    {
        using var json = JsonDocument.Parse(Run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
            "stream=codec_type,codec_name,pix_fmt,r_frame_rate,avg_frame_rate,nb_read_frames,width,height:format=duration,format_name", "-of", "json", path));
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.Single(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.SingleOrDefault(s => s.GetProperty("codec_type").GetString() == "audio");
        return new VideoProbe(
            video.GetProperty("codec_name").GetString()!, video.GetProperty("pix_fmt").GetString()!,
            video.GetProperty("r_frame_rate").GetString()!, video.GetProperty("avg_frame_rate").GetString()!,
            long.Parse(video.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture),
            video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32(),
            double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            audio.ValueKind == JsonValueKind.Undefined ? null : audio.GetProperty("codec_name").GetString());
    }

    /// <summary>Frame <paramref name="index"/> of the video, decoded to an image.</summary>
    public Image<Rgb24> Frame(string video, long index)
    {
        var png = Path.Combine(Folder, $"frame-{Guid.NewGuid():N}.png");
        Ffmpeg("-i", video, "-vf", $"select=eq(n\\,{index})", "-fps_mode", "passthrough", "-frames:v", "1", png);
        return Image.Load<Rgb24>(png);
    }

    /// <summary>The mean colour of a region (the whole frame by default).</summary>
    public static Rgb24 Mean(Image<Rgb24> image, Rectangle? region = null)
    {
        var area = region ?? new Rectangle(0, 0, image.Width, image.Height);
        long r = 0, g = 0, b = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var p = image[x, y];
                (r, g, b) = (r + p.R, g + p.G, b + p.B);
            }
        }
        var n = (long)area.Width * area.Height;
        return new Rgb24((byte)(r / n), (byte)(g / n), (byte)(b / n));
    }

    public static bool Near(Rgb24 actual, Rgb24 expected, int tolerance = 24) =>
        Math.Abs(actual.R - expected.R) <= tolerance && Math.Abs(actual.G - expected.G) <= tolerance && Math.Abs(actual.B - expected.B) <= tolerance;

    public static void Ffmpeg(params string[] arguments) => Run("ffmpeg", ["-v", "error", "-y", .. arguments]);

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
        return output.Result;
    }

    public void Dispose() => TestFolders.TryDelete(Folder);

    /// <summary>Files by clip id; Draft cards are solid grey PNGs at the size asked for.</summary>
    public sealed class FileMedia(AnimaticTestBed bed) : IDeliveryMedia
    {
        private readonly Dictionary<int, string> _files = [];
        public string? SongPath { get; set; }
        public int DraftsDrawn { get; private set; }

        public CutClip Assign(CutClip clip, string file)
        {
            _files[clip.ClipId] = file;
            return clip;
        }

        public async Task<string?> FileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken) =>
            clip.Media.Kind == CutMediaKind.Draft
                ? await DraftFileAsync(cut, clip, width, height, cancellationToken)
                : _files.TryGetValue(clip.ClipId, out var file) && File.Exists(file) ? file : null;

        public Task<string> DraftFileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken)
        {
            DraftsDrawn++;
            return Task.FromResult(bed.Still(DraftGrey, width, height));
        }

        public Task DrawDraftsAsync(Cut cut, int width, int height, CancellationToken cancellationToken) => Task.CompletedTask;

        public string? SongFile(Cut cut) => cut.Song is null ? null : SongPath;
    }
}

public sealed record VideoProbe(string Codec, string PixelFormat, string FrameRate, string AverageFrameRate, long Frames, int Width, int Height,
    double Duration, string? AudioCodec);
