using System.Globalization;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>
/// The picture every segment of a render is encoded to. All segments of a render share these settings exactly, so the
/// concat demuxer can join them without re-encoding.
/// </summary>
public sealed record AnimaticFormat(int Width, int Height, FrameRate Rate, string Speed, int Crf, int AudioKbps)
{
    /// <summary>The height of a quick preview.</summary>
    public const int QuickHeight = 480;

    public static AnimaticFormat For(Cut cut, RenderPreset preset)
    {
        var (width, height) = (cut.Resolution.Width, cut.Resolution.Height);
        if (preset == RenderPreset.Full)
        {
            return new AnimaticFormat(Even(width), Even(height), cut.Rate, "veryfast", 23, 192);
        }
        var quickHeight = Math.Min(QuickHeight, Even(height));
        var quickWidth = Even((int)Math.Round((double)width * quickHeight / height));
        return new AnimaticFormat(quickWidth, quickHeight, cut.Rate, "ultrafast", 28, 128);
    }

    public string RateText => string.Create(CultureInfo.InvariantCulture, $"{Rate.Numerator}/{Rate.Denominator}");

    /// <summary>The output options of every segment: same codec, profile, pixel format and rate, no audio.</summary>
    public string VideoArguments => string.Create(CultureInfo.InvariantCulture,
        $"-c:v libx264 -preset {Speed} -crf {Crf} -profile:v high -pix_fmt yuv420p -r {RateText} -fps_mode cfr -an -sn -dn");

    /// <summary>What of the format changes a segment's bytes (part of every segment's cache key).</summary>
    public string Fingerprint => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}@{RateText}|{VideoArguments}");

    /// <summary>Frame <paramref name="frames"/> as seconds, to the microsecond (exact enough: a frame is ≥ 16 ms).</summary>
    public string Seconds(long frames) => Seconds(frames, Rate);

    public static string Seconds(long frames, FrameRate rate) =>
        (Microseconds(frames, rate) / 1_000_000m).ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>The microsecond at which frame <paramref name="frames"/> starts, rounded to the nearest.</summary>
    public static long Microseconds(long frames, FrameRate rate) =>
        (long)(((Int128)frames * rate.Denominator * 1_000_000 * 2 + rate.Numerator) / ((Int128)rate.Numerator * 2));

    private static int Even(int side) => Math.Max(2, side / 2 * 2);
}
