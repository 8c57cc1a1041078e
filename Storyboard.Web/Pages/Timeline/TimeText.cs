using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>
/// The one place the timeline page turns frames into text and typed text into frames: tl-domain's
/// <see cref="Timecode"/> (drop-frame at 29.97 and 59.94) and <see cref="TimeInput"/>, plus signed deltas for moves.
/// </summary>
public static class TimeText
{
    public static int NominalFps(FrameRate rate) => Timecode.Timebase(rate);

    public static string Format(long frames, FrameRate rate) =>
        frames < 0 ? "-" + Timecode.Format(-frames, rate) : Timecode.Format(frames, rate);

    /// <summary>Null when <paramref name="text"/> is a time; else the message to show beside the field.</summary>
    public static string? TryParse(string? text, FrameRate rate, out long frames, bool allowNegative = false)
    {
        var value = (text ?? "").Trim();
        var negative = allowNegative && value.StartsWith('-');
        if (negative)
        {
            value = value[1..].TrimStart();
        }
        if (!TimeInput.TryParse(value, rate, out frames, out var error))
        {
            return error ?? TimeInput.Hint + ".";
        }
        if (negative)
        {
            frames = -frames;
        }
        return null;
    }
}
