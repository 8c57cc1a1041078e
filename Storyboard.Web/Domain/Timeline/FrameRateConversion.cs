namespace Storyboard.Web.Domain.Timeline;

/// <summary>A lane after a frame-rate change: spans in the order given, and how many of them changed.</summary>
/// <param name="Spans">The converted spans, index for index with the spans given.</param>
/// <param name="Moved">Spans whose start or end is now at a different real time (rounding or a push).</param>
/// <param name="Pushed">Spans pushed later so they would not collapse onto or overlap the one before.</param>
public sealed record LaneConversion(IReadOnlyList<FrameSpan> Spans, int Moved, int Pushed);

/// <summary>One take (scene or clip) of a take group, as <see cref="FrameRateConversion.ConvertTakes"/> sees it.</summary>
/// <param name="OnLane">False for takes that do not occupy the lane (a scene in the Trash).</param>
public sealed record TakeSpan(int Id, int GroupId, bool IsMain, int TakeNumber, FrameSpan Span, bool OnLane = true);

/// <summary>Every take's new span by id, and how many takes now start or end at a different real time.</summary>
public sealed record TakesConversion(IReadOnlyDictionary<int, FrameSpan> Spans, int Moved);

/// <summary>Frame positions from one rate to another, in exact integer arithmetic.</summary>
public static class FrameRateConversion
{
    /// <summary>The frame at <paramref name="to"/> nearest in time to <paramref name="frame"/> at <paramref name="from"/>; halves round up.</summary>
    public static long Convert(long frame, FrameRate from, FrameRate to)
    {
        if (from == to)
        {
            return frame;
        }
        // frame × (from.Den / from.Num) seconds × (to.Num / to.Den) frames per second.
        var numerator = (Int128)frame * from.Denominator * to.Numerator;
        var denominator = (Int128)from.Numerator * to.Denominator;
        return (long)FloorDivide(numerator * 2 + denominator, denominator * 2);
    }

    /// <summary>True when <paramref name="frame"/> at <paramref name="from"/> and <paramref name="converted"/> at <paramref name="to"/> start at the same instant.</summary>
    public static bool SameTime(long frame, FrameRate from, long converted, FrameRate to) =>
        (Int128)frame * from.Denominator * to.Numerator == (Int128)converted * to.Denominator * from.Numerator;

    /// <summary>
    /// Converts a lane of spans (each start and end to its nearest frame, so spans that touched still touch), then keeps
    /// the lane valid: in start order, a span shorter than one frame grows to one, and a span that would overlap the one
    /// before is pushed later by the minimum needed (keeping its length). Spans are returned in the order given.
    /// </summary>
    public static LaneConversion ConvertLane(IReadOnlyList<FrameSpan> spans, FrameRate from, FrameRate to)
    {
        var result = new FrameSpan[spans.Count];
        var moved = 0;
        var pushed = 0;
        long? previousEnd = null;
        foreach (var index in Enumerable.Range(0, spans.Count).OrderBy(i => spans[i].Start).ThenBy(i => spans[i].Length))
        {
            var span = spans[index];
            var start = Convert(span.Start, from, to);
            var length = Math.Max(1, Convert(span.End, from, to) - start);
            if (previousEnd is { } end && start < end)
            {
                start = end;
                pushed++;
            }
            result[index] = new FrameSpan(start, length);
            previousEnd = start + length;
            if (!SameTime(span.Start, from, start, to) || !SameTime(span.End, from, start + length, to))
            {
                moved++;
            }
        }
        return new LaneConversion(result, moved, pushed);
    }

    /// <summary>
    /// Converts the takes of one lane (a project's scenes, or its clips). Every take of a group gets the same span:
    /// its main take's, converted with the other main takes on the lane as one lane (<see cref="ConvertLane"/>).
    /// Groups with no main take on the lane (trashed, or inconsistent data) are converted on their own from their
    /// first take, so they never push the lane.
    /// </summary>
    public static TakesConversion ConvertTakes(IReadOnlyList<TakeSpan> takes, FrameRate from, FrameRate to)
    {
        var representatives = takes.GroupBy(t => t.GroupId)
            .Select(g => g.OrderByDescending(t => t.IsMain && t.OnLane).ThenBy(t => t.TakeNumber).ThenBy(t => t.Id).First())
            .ToList();
        var onLane = representatives.Where(t => t.IsMain && t.OnLane).ToList();
        var groupSpans = new Dictionary<int, FrameSpan>();
        var lane = ConvertLane(onLane.Select(t => t.Span).ToList(), from, to);
        for (var i = 0; i < onLane.Count; i++)
        {
            groupSpans[onLane[i].GroupId] = lane.Spans[i];
        }
        foreach (var take in representatives.Where(t => !groupSpans.ContainsKey(t.GroupId)))
        {
            groupSpans[take.GroupId] = ConvertLane([take.Span], from, to).Spans[0];
        }
        var spans = new Dictionary<int, FrameSpan>();
        var moved = 0;
        foreach (var take in takes)
        {
            var span = groupSpans[take.GroupId];
            spans[take.Id] = span;
            if (!SameTime(take.Span.Start, from, span.Start, to) || !SameTime(take.Span.End, from, span.End, to))
            {
                moved++;
            }
        }
        return new TakesConversion(spans, moved);
    }

    private static Int128 FloorDivide(Int128 numerator, Int128 denominator)
    {
        var quotient = numerator / denominator;
        return (numerator % denominator != 0) && ((numerator < 0) != (denominator < 0)) ? quotient - 1 : quotient;
    }
}
