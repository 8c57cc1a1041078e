using System.Globalization;
using System.Text;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// The text of a CMX 3600 EDL: fixed columns (event 1–3, reel 6–13, channels 15–18, edit 21–24, transition length
/// 26–28, then four timecodes from column 30), ASCII only, drop-frame timecode with ';' before the frames.
/// </summary>
public static class EdlText
{
    public const int ReelWidth = 8;
    public const int TitleWidth = 70;
    /// <summary>The reel of black (fades from black, dissolves from a gap).</summary>
    public const string Black = "BL";
    /// <summary>An auxiliary (file) source: the song.</summary>
    public const string Auxiliary = "AX";

    /// <summary>Record timecode starts at one hour, as editors' own sequences do: 01:00:00:00 (01:00:00;00 in drop frame).</summary>
    public static long RecordStart(FrameRate rate)
    {
        Timecode.TryParse("01:00:00:00", rate, out var frames, out _);
        return frames;
    }

    /// <summary>"SH001" for shot 1; never longer than 8 characters.</summary>
    public static string Reel(int number) => "SH" + (Math.Abs(number) % 1_000_000).ToString("000", CultureInfo.InvariantCulture);

    /// <summary>One event line in the standard columns. <paramref name="transitionFrames"/> is written for non-cut edits.</summary>
    public static string Line(int number, int numberWidth, string reel, string channels, string edit, int? transitionFrames,
        long sourceIn, long sourceOut, long recordIn, long recordOut, FrameRate rate)
    {
        var duration = transitionFrames is { } frames ? Math.Min(frames, 999).ToString("000", CultureInfo.InvariantCulture) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{number.ToString(new string('0', numberWidth), CultureInfo.InvariantCulture)}  {reel,-ReelWidth} {channels,-4}  {edit,-4} {duration,3} "
            + $"{Timecode.Format(sourceIn, rate)} {Timecode.Format(sourceOut, rate)} {Timecode.Format(recordIn, rate)} {Timecode.Format(recordOut, rate)}");
    }

    /// <summary>
    /// Printable ASCII only (accents dropped, other characters left out, runs of spaces collapsed), at most
    /// <paramref name="maxLength"/> characters; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Ascii(string text, string fallback, int maxLength = TitleWidth)
    {
        var result = new StringBuilder();
        foreach (var c in MediaNames.Fold(text))
        {
            var ch = char.IsWhiteSpace(c) ? ' ' : c;
            if (ch is < ' ' or > '~' || (ch == ' ' && (result.Length == 0 || result[^1] == ' ')))
            {
                continue;
            }
            result.Append(ch);
        }
        var ascii = result.ToString().Trim();
        if (ascii.Length > maxLength)
        {
            ascii = ascii[..maxLength].TrimEnd();
        }
        return ascii.Length == 0 ? fallback : ascii;
    }
}
