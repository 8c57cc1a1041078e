using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>One event line read by its CMX 3600 columns; timecodes as frames at the EDL's rate.</summary>
public sealed record EdlLine(int Number, int NumberWidth, string Reel, string Channels, string Edit, int? TransitionFrames,
    string SourceInText, long SourceIn, long SourceOut, long RecordIn, long RecordOut);

public sealed record EdlEvent(int Number, IReadOnlyList<EdlLine> Lines, IReadOnlyList<string> Comments);

public sealed record Edl(string Title, string Fcm, IReadOnlyList<EdlEvent> Events);

/// <summary>
/// A strict reader for the EDLs the tests write: CRLF lines, the header, then events whose lines are read by position
/// (event 1–3, reel 6–13, channels 15–18, edit 21–24, transition length 26–28, timecodes at 30, 42, 54, 66 — shifted
/// by three with six-digit event numbers), with every separating column checked to be blank.
/// </summary>
public static class EdlReader
{
    public static Edl Parse(string text, FrameRate rate)
    {
        Assert.All(text, c => Assert.InRange(c, '\0', '\x7f'));
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        var lines = text[..^2].Split("\r\n");
        Assert.StartsWith("TITLE: ", lines[0]);
        Assert.StartsWith("FCM: ", lines[1]);
        var events = new List<EdlEvent>();
        var current = (Lines: new List<EdlLine>(), Comments: new List<string>());
        void Close()
        {
            if (current.Lines.Count > 0)
            {
                events.Add(new EdlEvent(current.Lines[0].Number, current.Lines, current.Comments));
            }
            current = ([], []);
        }
        foreach (var line in lines.Skip(2))
        {
            if (line.Length == 0)
            {
                Close();
            }
            else if (char.IsAsciiDigit(line[0]))
            {
                var parsed = Line(line, rate);
                Assert.True(current.Lines.Count == 0 || current.Lines[0].Number == parsed.Number, $"One event per block: {line}");
                current.Lines.Add(parsed);
            }
            else
            {
                Assert.True(line.StartsWith("* ", StringComparison.Ordinal) || line.StartsWith("EFFECTS NAME IS ", StringComparison.Ordinal), $"Unknown line: {line}");
                current.Comments.Add(line);
            }
        }
        Close();
        return new Edl(lines[0]["TITLE: ".Length..], lines[1]["FCM: ".Length..], events);
    }

    public static EdlLine Line(string line, FrameRate rate)
    {
        var w = line.IndexOf(' ');
        Assert.True(w is 3 or 6, $"Event numbers have 3 or 6 digits: {line}");
        Assert.Equal(w + 73, line.Length);
        foreach (var blank in new[] { w, w + 1, w + 10, w + 15, w + 16, w + 21, w + 25, w + 37, w + 49, w + 61 })
        {
            Assert.True(line[blank] == ' ', $"Column {blank + 1} must be blank: {line}");
        }
        var duration = line[(w + 22)..(w + 25)];
        return new EdlLine(
            int.Parse(line[..w], System.Globalization.CultureInfo.InvariantCulture), w,
            line[(w + 2)..(w + 10)].TrimEnd(), line[(w + 11)..(w + 15)].TrimEnd(), line[(w + 17)..(w + 21)].TrimEnd(),
            duration.Trim().Length == 0 ? null : int.Parse(duration, System.Globalization.CultureInfo.InvariantCulture),
            line[(w + 26)..(w + 37)],
            Frames(line[(w + 26)..(w + 37)], rate), Frames(line[(w + 38)..(w + 49)], rate),
            Frames(line[(w + 50)..(w + 61)], rate), Frames(line[(w + 62)..(w + 73)], rate));
    }

    /// <summary>Reads a timecode, checking its separators: ';' before the frames exactly at drop-frame rates.</summary>
    public static long Frames(string timecode, FrameRate rate)
    {
        Assert.Equal(11, timecode.Length);
        Assert.Equal(':', timecode[2]);
        Assert.Equal(':', timecode[5]);
        Assert.Equal(Timecode.IsDropFrame(rate) ? ';' : ':', timecode[8]);
        Assert.True(Timecode.TryParse(timecode, rate, out var frames, out var error), error);
        return frames;
    }
}
