using System.Globalization;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// FCPXML's rational seconds, always from whole frames: 150 frames at 29.97 → "150150/30000s", 48 at 24 → "2s".
/// </summary>
public static class FcpxmlTime
{
    public static string Of(long frames, FrameRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        if (frames == 0)
        {
            return "0s";
        }
        var numerator = (Int128)frames * rate.Denominator;
        return numerator % rate.Numerator == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{numerator / rate.Numerator}s")
            : string.Create(CultureInfo.InvariantCulture, $"{numerator}/{rate.Numerator}s");
    }

    /// <summary>One frame: "1001/30000s" at 29.97, "1/24s" at 24.</summary>
    public static string FrameDuration(FrameRate rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{rate.Denominator}/{rate.Numerator}s");
}
