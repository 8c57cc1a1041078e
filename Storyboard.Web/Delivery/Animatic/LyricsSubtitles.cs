using System.Globalization;
using System.Text;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>SubRip (.srt) text: one cue per clip with lyrics, timed to the clip's frames.</summary>
public static class LyricsSubtitles
{
    public static string Write(IEnumerable<(long Start, long End, string Text)> cues, FrameRate rate)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var (start, end, lyrics) in cues)
        {
            var lines = lyrics.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (lines.Length == 0 || end <= start)
            {
                continue;
            }
            number++;
            text.Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(Time(start, rate)).Append(" --> ").Append(Time(end, rate)).Append('\n')
                // A blank line ends a cue: keep the lyrics' own paragraphs as single line breaks.
                .Append(string.Join('\n', lines.Split('\n').Where(l => l.Trim().Length > 0))).Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>The cut's clips with lyrics, timed to the cut.</summary>
    public static string ForCut(Cut cut) =>
        Write(cut.Clips.Select(c => (c.StartFrame, c.EndFrame, c.Lyrics)), cut.Rate);

    /// <summary>"00:01:02,345": the millisecond frame <paramref name="frames"/> starts at, rounded down.</summary>
    public static string Time(long frames, FrameRate rate)
    {
        var ms = (long)((Int128)frames * rate.Denominator * 1000 / rate.Numerator);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00},{ms % 1000:000}");
    }
}
