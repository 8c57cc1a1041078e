using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Storyboard.Tests.Infrastructure;

/// <summary>Real media made by ffmpeg (sine tones, a test-pattern video) and disguised files, in a test's own folder.</summary>
public static class TestAudio
{
    public static readonly string[] Formats = ["mp3", "wav", "flac", "m4a", "ogg", "opus"];

    /// <summary>A mono sine tone of <paramref name="seconds"/> in <paramref name="format"/> (one of <see cref="Formats"/>).</summary>
    public static string Sine(string folder, string format, double seconds = 3, int frequency = 440, string? name = null)
    {
        var codec = format switch
        {
            "mp3" => ["-c:a", "libmp3lame", "-b:a", "64k"],
            "m4a" => ["-c:a", "aac", "-b:a", "64k"],
            "ogg" => ["-c:a", "libvorbis"],
            "opus" => ["-c:a", "libopus", "-b:a", "48k"],
            "wav" or "flac" => Array.Empty<string>(),
            _ => throw new ArgumentException($"No recipe for {format}", nameof(format)),
        };
        var path = Path.Combine(folder, name ?? $"sine-{frequency}-{seconds:0.###}s.{format}");
        Run(["-f", "lavfi", "-i", $"sine=frequency={frequency}:duration={seconds:0.###}", .. codec, path]);
        return path;
    }

    /// <summary>An H.264 test pattern with an AAC tone: real video, which the song upload must refuse.</summary>
    public static string Video(string folder, double seconds = 2)
    {
        var path = Path.Combine(folder, "pattern.mp4");
        Run(["-f", "lavfi", "-i", $"testsrc=duration={seconds:0.###}:size=160x120:rate=10",
            "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds:0.###}",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path]);
        return path;
    }

    /// <summary>An H.264 test pattern of <paramref name="width"/>×<paramref name="height"/> with an AAC tone, as a GPU server's video.</summary>
    public static string Pattern(string folder, double seconds, int width, int height, string name = "pattern.mp4")
    {
        var path = Path.Combine(folder, name);
        Run(["-f", "lavfi", "-i", $"testsrc=duration={seconds:0.###}:size={width}x{height}:rate=16",
            "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds:0.###}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path]);
        return path;
    }

    /// <summary>
    /// An animated WebP like ComfyUI's SaveAnimatedWEBP writes (ImageSharp 2.x cannot encode animations, so ffmpeg's
    /// libwebp_anim makes it): lossy frames, or lossless ones.
    /// </summary>
    public static string AnimatedWebp(string folder, int width, int height, bool lossless = false, string name = "animated.webp")
    {
        var path = Path.Combine(folder, name);
        Run(["-f", "lavfi", "-i", $"testsrc=duration=1:size={width}x{height}:rate=8",
            "-c:v", "libwebp_anim", "-lossless", lossless ? "1" : "0", "-loop", "0", "-f", "webp", path]);
        return path;
    }

    /// <summary>An MP3 with a PNG cover picture attached, as music libraries make them.</summary>
    public static string Mp3WithCover(string folder)
    {
        var song = Sine(folder, "mp3", name: "plain.mp3");
        var cover = Png(folder, "cover.png");
        var path = Path.Combine(folder, "with-cover.mp3");
        Run(["-i", song, "-i", cover, "-map", "0", "-map", "1", "-c", "copy", "-id3v2_version", "3",
            "-disposition:v", "attached_pic", path]);
        return path;
    }

    public static string Png(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        using var image = new Image<Rgba32>(32, 32, new Rgba32(200, 40, 40));
        image.SaveAsPng(path);
        return path;
    }

    /// <summary>Random bytes from a fixed seed (so the test is the same every run).</summary>
    public static string Random(string folder, string name, int bytes = 64 * 1024)
    {
        var data = new byte[bytes];
        new System.Random(20261124).NextBytes(data);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>The first half of <paramref name="source"/>'s bytes: a header that promises more than the file holds.</summary>
    public static string Truncated(string source, string name)
    {
        var bytes = File.ReadAllBytes(source);
        var path = Path.Combine(Path.GetDirectoryName(source)!, name);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    public static string CopyAs(string source, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        File.Copy(source, path, overwrite: true);
        return path;
    }

    private static void Run(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("ffmpeg took over a minute");
        }
        Assert.True(process.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed: {errors.Result}");
    }
}
