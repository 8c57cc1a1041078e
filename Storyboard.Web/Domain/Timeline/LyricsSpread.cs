namespace Storyboard.Web.Domain.Timeline;

/// <summary>Shares lyric lines out over selected clips, in order.</summary>
public static class LyricsSpread
{
    /// <summary>The non-blank lines of pasted lyrics, trimmed, in order.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    /// <summary>
    /// The lines each of <paramref name="clipCount"/> clips gets, index for index: one each when the counts match;
    /// with more lines than clips, consecutive groups as even as possible (the earlier clips take the extra lines);
    /// with fewer, one each to the first clips and none to the rest. Every line is used once, in order.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Spread(IReadOnlyList<string> lines, int clipCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clipCount);
        if (clipCount == 0)
        {
            return [];
        }
        var groups = new List<IReadOnlyList<string>>(clipCount);
        var (each, extra) = Math.DivRem(lines.Count, clipCount);
        var next = 0;
        for (var i = 0; i < clipCount; i++)
        {
            var size = each + (i < extra ? 1 : 0);
            groups.Add(lines.Skip(next).Take(size).ToList());
            next += size;
        }
        return groups;
    }

    /// <summary>Pairs each clip with its lines, joined by newlines ("" for clips that get none).</summary>
    public static IReadOnlyList<(T Clip, string Lyrics)> Spread<T>(IReadOnlyList<string> lines, IReadOnlyList<T> clips) =>
        Spread(lines, clips.Count).Select((group, i) => (clips[i], string.Join('\n', group))).ToList();
}
