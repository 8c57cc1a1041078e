using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyboard.Web.Domain.Timeline;

/// <summary>
/// What users type into start and length fields, read into whole frames at the project rate:
/// timecode ("00:01:02:12", ';' before the frames for drop frame), minutes and seconds ("1:02.5"), hours, minutes and
/// seconds ("1:02:03"), plain seconds ("62.5") or frames with a suffix ("1500f"). Decimals are read as integers and
/// rounded to the nearest frame (half a frame rounds up) in exact arithmetic.
/// </summary>
public static partial class TimeInput
{
    public const string Hint = "Enter a time like 1:02.5, 62.5 or 00:01:02:12";

    /// <summary>Longer than any time anyone types; anything longer is refused before reading digits.</summary>
    public const int MaxLength = 24;

    [GeneratedRegex(@"^(?<s>[0-9]+)?(?:\.(?<d>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsPattern();

    [GeneratedRegex(@"^(?:(?<h>[0-9]+):(?<m>[0-9]{1,2})|(?<m>[0-9]+)):(?<s>[0-9]{1,2})(?:\.(?<d>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"^(?<f>[0-9]+) ?[fF]$", RegexOptions.CultureInvariant)]
    private static partial Regex FramesPattern();

    public static bool TryParse(string? text, FrameRate rate, out long frames, out string? error)
    {
        frames = 0;
        error = null;
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            error = Hint + ".";
            return false;
        }
        if (value.Length > MaxLength)
        {
            error = $"That is too long for a time. {Hint}.";
            return false;
        }
        if (value.StartsWith('-'))
        {
            error = "A time cannot be negative.";
            return false;
        }
        if (value.Contains(','))
        {
            error = $"Use a point for decimals (62.5, not 62,5). {Hint}.";
            return false;
        }

        Int128 result;
        if (value.Count(c => c is ':' or ';') == 3)
        {
            if (!Timecode.TryParse(value, rate, out var timecodeFrames, out error))
            {
                return false;
            }
            result = timecodeFrames;
        }
        else if (FramesPattern().Match(value) is { Success: true } framesMatch)
        {
            result = Int128.Parse(framesMatch.Groups["f"].Value, CultureInfo.InvariantCulture);
        }
        else if (SecondsPattern().Match(value) is { Success: true } seconds && (seconds.Groups["s"].Success || seconds.Groups["d"].Success))
        {
            result = Round(Number(seconds.Groups["s"]), seconds.Groups["d"], rate);
        }
        else if (ClockPattern().Match(value) is { Success: true } clock)
        {
            var (hours, minutes, secs) = (Number(clock.Groups["h"]), Number(clock.Groups["m"]), Number(clock.Groups["s"]));
            if (secs >= 60 || (clock.Groups["h"].Success && minutes >= 60))
            {
                error = $"Minutes and seconds go up to 59. {Hint}.";
                return false;
            }
            result = Round((hours * 60 + minutes) * 60 + secs, clock.Groups["d"], rate);
        }
        else
        {
            error = Hint + ".";
            return false;
        }

        var max = TimelineRules.MaxFrames(rate);
        if (result > max)
        {
            error = $"That is past {TimelineRules.MaxDuration.TotalHours:0} hours, longer than any song.";
            return false;
        }
        frames = (long)result;
        return true;
    }

    /// <summary>
    /// Exact seconds for a frame position, to the millisecond (trailing zeros left out): "62.5", "60.06". Reading it
    /// back with <see cref="TryParse"/> gives the same frame at every standard rate.
    /// </summary>
    public static string FormatSeconds(long frames, FrameRate rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        var milliseconds = ((Int128)frames * rate.Denominator * 2000 + rate.Numerator) / ((Int128)rate.Numerator * 2);
        var text = string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000}.{milliseconds % 1000:000}");
        return text.TrimEnd('0').TrimEnd('.');
    }

    private static Int128 Number(Group group) =>
        group.Success ? Int128.Parse(group.Value, CultureInfo.InvariantCulture) : Int128.Zero;

    /// <summary>round((whole + digits / 10^k) × rate) with halves rounding up.</summary>
    private static Int128 Round(Int128 wholeSeconds, Group decimals, FrameRate rate)
    {
        var scale = Int128.One;
        var fraction = Int128.Zero;
        if (decimals.Success)
        {
            foreach (var digit in decimals.Value)
            {
                scale *= 10;
                fraction = fraction * 10 + (digit - '0');
            }
        }
        var numerator = (wholeSeconds * scale + fraction) * rate.Numerator;
        var denominator = scale * rate.Denominator;
        return (numerator * 2 + denominator) / (denominator * 2);
    }
}
