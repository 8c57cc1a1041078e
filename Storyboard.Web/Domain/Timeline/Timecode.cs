using System.Globalization;

namespace Storyboard.Web.Domain.Timeline;

/// <summary>
/// SMPTE timecode for frame positions, as editors write it. Integer rates count their own frames per timecode second;
/// 23.976 counts 24 (non-drop, so its timecode runs slow against the clock); 29.97 and 59.94 are drop-frame
/// ("HH:MM:SS;FF"): frame numbers 0–1 (29.97) or 0–3 (59.94) are skipped at the start of every minute except every
/// tenth, which keeps the label within a frame or two of the clock.
/// </summary>
public static class Timecode
{
    /// <summary>Frames per timecode second: 24, 25, 30, 50, 60 (23.976 → 24, 29.97 → 30, 59.94 → 60).</summary>
    public static int Timebase(FrameRate rate) =>
        (int)(((long)rate.Numerator + rate.Denominator / 2) / rate.Denominator);

    /// <summary>29.97 and 59.94 use drop-frame labels; every other rate is non-drop.</summary>
    public static bool IsDropFrame(FrameRate rate) => rate == FrameRate.Fps2997 || rate == FrameRate.Fps5994;

    /// <summary>Frame numbers skipped at the start of each non-tenth minute: 2 at 29.97, 4 at 59.94, else 0.</summary>
    public static int DroppedPerMinute(FrameRate rate) => IsDropFrame(rate) ? Timebase(rate) / 15 : 0;

    /// <summary>"HH:MM:SS:FF", or "HH:MM:SS;FF" at drop-frame rates. Hours go past 99 rather than wrap.</summary>
    public static string Format(long frames, FrameRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        var timebase = Timebase(rate);
        var label = frames;
        var drop = DroppedPerMinute(rate);
        if (drop > 0)
        {
            // Frames in ten minutes and in each dropped minute (29.97: 17982 and 1798).
            var perTenMinutes = timebase * 600L - 9L * drop;
            var perMinute = timebase * 60L - drop;
            var tens = frames / perTenMinutes;
            var rest = frames % perTenMinutes;
            label += 9L * drop * tens + (rest > drop ? drop * ((rest - drop) / perMinute) : 0);
        }
        var ff = label % timebase;
        var totalSeconds = label / timebase;
        return string.Create(CultureInfo.InvariantCulture,
            $"{totalSeconds / 3600:00}:{totalSeconds / 60 % 60:00}:{totalSeconds % 60:00}{(drop > 0 ? ';' : ':')}{ff:00}");
    }

    /// <summary>
    /// Reads "HH:MM:SS:FF" (or ';' before FF, either at any rate: the rate decides drop-frame) back into frames.
    /// Refuses values that cannot occur: minutes or seconds ≥ 60, FF ≥ the timebase, or a frame number drop-frame
    /// skips (00:01:00;00 at 29.97).
    /// </summary>
    public static bool TryParse(string? text, FrameRate rate, out long frames, out string? error)
    {
        frames = 0;
        error = null;
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length == 3 && parts[2].Split(';') is { Length: 2 } last)
        {
            parts = [parts[0], parts[1], last[0], last[1]];
        }
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 4 || !p.All(char.IsAsciiDigit)))
        {
            error = "Write timecode as HH:MM:SS:FF (HH:MM:SS;FF for drop frame).";
            return false;
        }
        var (hh, mm, ss, ff) = (long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
        var timebase = Timebase(rate);
        if (mm >= 60 || ss >= 60)
        {
            error = "Minutes and seconds in a timecode go up to 59.";
            return false;
        }
        if (ff >= timebase)
        {
            error = $"At {rate.Label} fps the frames in a timecode go up to {timebase - 1}.";
            return false;
        }
        var drop = DroppedPerMinute(rate);
        if (drop > 0 && ss == 0 && mm % 10 != 0 && ff < drop)
        {
            error = $"At {rate.Label} fps drop-frame timecode skips frames 00 to {drop - 1:00} at the start of each minute except every tenth; {parts[0]}:{parts[1]}:00;{ff:00} does not exist.";
            return false;
        }
        var totalMinutes = hh * 60 + mm;
        frames = ((hh * 3600) + mm * 60 + ss) * timebase + ff - drop * (totalMinutes - totalMinutes / 10);
        return true;
    }

    /// <summary>
    /// A short clock-time label for rulers and lists: "1:02.5" (minutes, seconds, tenths; tenths left out when
    /// zero: "1:02") under an hour, "1:02:03" from an hour on. Real time, rounded down to the tenth or second the frame
    /// starts in, so labels never run ahead of the picture.
    /// </summary>
    public static string Short(long frames, FrameRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        var tenths = (long)((Int128)frames * rate.Denominator * 10 / rate.Numerator);
        var seconds = tenths / 10;
        if (seconds >= 3600)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        }
        var tenth = tenths % 10;
        return tenth == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}.{tenth}");
    }
}
