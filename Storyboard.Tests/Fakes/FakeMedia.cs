using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Storyboard.Tests.Fakes;

/// <summary>Real, tiny media files for the fakes' outputs: a PNG from ImageSharp, and an MP4 and an animated WebP
/// made once per test process with ffmpeg.</summary>
public static class FakeMedia
{
    static readonly Lazy<byte[]> png = new(() => MakePng(64, 64, new Rgba32(200, 60, 40)));
    static readonly Lazy<byte[]> mp4 = new(() => Ffmpeg("mp4", "-c:v libx264 -pix_fmt yuv420p -preset ultrafast -movflags +faststart -f mp4"));
    static readonly Lazy<byte[]> webp = new(() => Ffmpeg("webp", "-c:v libwebp_anim -loop 0 -f webp"));

    public static byte[] Png => png.Value;

    public static byte[] Mp4 => mp4.Value;

    public static byte[] AnimatedWebp => webp.Value;

    public static byte[] MakePng(int width, int height, Rgba32 colour)
    {
        using var image = new Image<Rgba32>(width, height, colour);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    static byte[] Ffmpeg(string extension, string encoder)
    {
        var file = Path.Combine(Path.GetTempPath(), $"storyboard-fake-{Guid.NewGuid():N}.{extension}");
        try
        {
            var start = new ProcessStartInfo("ffmpeg",
                $"-hide_banner -loglevel error -y -f lavfi -i testsrc=size=64x64:rate=8:duration=0.5 {encoder} \"{file}\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg failed making a fake .{extension}: {errors}");
            }
            return File.ReadAllBytes(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
