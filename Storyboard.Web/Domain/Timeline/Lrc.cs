using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyboard.Web.Domain.Timeline;

/// <summary>A timed lyric line: shown from <see cref="At"/>.</summary>
public sealed record LrcLine(TimeSpan At, string Text);

/// <summary>The lines of an LRC file in time order, or (and then no lines) what is wrong with it, by line number.</summary>
public sealed record LrcResult(IReadOnlyList<LrcLine> Lines, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads timed lyrics (.lrc): "[mm:ss.xx]text" with tenths, hundredths or milliseconds (or none: "[mm:ss]"), several
/// time tags on one line ("[00:12.00][00:45.00]chorus"), "[offset:+250]" (milliseconds; positive shows lyrics sooner),
/// and metadata tags ("[ar:…]", "[ti:…]") that are ignored. Blank lines, lines without a time and timed lines without
/// text are skipped. A time tag that is not a time makes the whole file fail, with every bad line reported.
/// </summary>
public static partial class Lrc
{
    /// <summary>Files longer than this are not lyrics.</summary>
    public const int MaxLines = 10_000;

    [GeneratedRegex(@"^(?<m>[0-9]{1,4}):(?<s>[0-9]{1,2})(?:[.:](?<f>[0-9]{1,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[+-]?[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    public static LrcResult Parse(string? text)
    {
        var errors = new List<string>();
        var timed = new List<(TimeSpan At, int Order, string Text)>();
        var offset = TimeSpan.Zero;
        var lines = (text ?? "").TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines.Length > MaxLines)
        {
            return new LrcResult([], [$"The file has {lines.Length} lines; lyrics have at most {MaxLines}."]);
        }
        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var rest = lines[index].Trim();
            var times = new List<TimeSpan>();
            while (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                var tag = close < 0 ? rest : rest[..(close + 1)];
                var content = close < 0 ? rest[1..] : rest[1..close];
                rest = close < 0 ? "" : rest[(close + 1)..].TrimStart();
                if ((content.Length > 0 && char.IsAsciiLetter(content[0])) || content.StartsWith('#'))
                {
                    var colon = content.IndexOf(':');
                    if (colon > 0 && content[..colon].Trim().Equals("offset", StringComparison.OrdinalIgnoreCase))
                    {
                        var value = content[(colon + 1)..].Trim();
                        if (OffsetPattern().IsMatch(value))
                        {
                            offset = TimeSpan.FromMilliseconds(long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            errors.Add($"Line {number}: '{tag}' is not an offset in milliseconds (like [offset:+250]).");
                        }
                    }
                    // Any other letter tag is metadata ([ar:…], [ti:…], [length:…]): ignored.
                    continue;
                }
                if (close < 0 || !TryReadTime(content, out var at))
                {
                    errors.Add($"Line {number}: '{tag}' is not a time.");
                    continue;
                }
                times.Add(at);
            }
            if (times.Count == 0 || rest.Length == 0)
            {
                continue;
            }
            foreach (var at in times)
            {
                timed.Add((at, timed.Count, rest));
            }
        }
        if (errors.Count > 0)
        {
            return new LrcResult([], errors);
        }
        return new LrcResult(timed
            .Select(t => (At: t.At - offset, t.Order, t.Text))
            .OrderBy(t => t.At).ThenBy(t => t.Order)
            .Select(t => new LrcLine(t.At < TimeSpan.Zero ? TimeSpan.Zero : t.At, t.Text))
            .ToList(), []);
    }

    private static bool TryReadTime(string content, out TimeSpan at)
    {
        at = default;
        var match = TimePattern().Match(content.Trim());
        if (!match.Success)
        {
            return false;
        }
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (seconds >= 60)
        {
            return false;
        }
        // ".5" is tenths, ".50" hundredths, ".500" milliseconds.
        var fraction = match.Groups["f"].Value;
        var milliseconds = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0'), CultureInfo.InvariantCulture);
        at = TimeSpan.FromMilliseconds(((long)minutes * 60 + seconds) * 1000 + milliseconds);
        return true;
    }
}
