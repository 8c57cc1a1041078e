namespace Storyboard.Web.Domain.Timeline;

/// <summary>
/// The rules every timeline edit obeys, checked on the server: a start at or after frame 0, at least one frame of
/// length, an end within <see cref="MaxDuration"/>, and no two main takes overlapping within a lane (alternates share
/// their original's slot, which is not an overlap).
/// </summary>
public static class TimelineRules
{
    /// <summary>No song or storyboard is longer than this; anything past it is a typo.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(6);

    public static long MaxFrames(FrameRate rate) => rate.FramesFromMicroseconds((long)MaxDuration.TotalMicroseconds);

    /// <summary>Null when the span is allowed; else the reason, for the user.</summary>
    public static string? CheckSpan(FrameSpan span, FrameRate rate)
    {
        if (span.Start < 0)
        {
            return "The start cannot be before the beginning of the song.";
        }
        if (span.Length < 1)
        {
            return "A clip lasts at least one frame.";
        }
        return span.End > MaxFrames(rate) ? $"That is past {MaxDuration.TotalHours:0} hours, longer than any song." : null;
    }

    /// <summary>The first lane item, other than the moving group itself, that <paramref name="candidate"/> would overlap.</summary>
    public static LaneItem? FindOverlap(FrameSpan candidate, IEnumerable<LaneItem> lane, int? movingGroupId = null)
    {
        foreach (var item in lane)
        {
            if (item.GroupId != movingGroupId && item.Span.Overlaps(candidate))
            {
                return item;
            }
        }
        return null;
    }

    /// <summary>
    /// The start nearest to <paramref name="candidate"/>'s where its length fits without overlapping anything in
    /// <paramref name="lane"/> (ties go to the earlier start), or null when there is no room before the lane's limit.
    /// </summary>
    public static long? NearestFreeStart(FrameSpan candidate, IEnumerable<FrameSpan> lane, long maxEnd)
    {
        var occupied = lane.Where(s => s.Length > 0).OrderBy(s => s.Start).ToList();
        long? best = null;
        var gapStart = 0L;
        foreach (var span in occupied.Append(new FrameSpan(maxEnd, 0)))
        {
            var gapEnd = Math.Min(span.Start, maxEnd);
            if (gapEnd - gapStart >= candidate.Length)
            {
                // Within this gap, the start closest to the wanted one.
                var start = Math.Clamp(candidate.Start, gapStart, gapEnd - candidate.Length);
                if (best is null || Math.Abs(start - candidate.Start) < Math.Abs(best.Value - candidate.Start))
                {
                    best = start;
                }
            }
            gapStart = Math.Max(gapStart, span.End);
        }
        return best;
    }

    /// <summary>
    /// The earliest start at or after <paramref name="candidate"/>'s where its length fits without overlapping anything
    /// in <paramref name="lane"/>, or null when that would end past <paramref name="maxEnd"/>.
    /// </summary>
    public static long? FirstFreeStartAtOrAfter(FrameSpan candidate, IEnumerable<FrameSpan> lane, long maxEnd)
    {
        var occupied = lane.Where(s => s.Length > 0).OrderBy(s => s.Start).ToList();
        var start = Math.Max(0, candidate.Start);
        foreach (var span in occupied)
        {
            if (span.Overlaps(new FrameSpan(start, candidate.Length)))
            {
                start = Math.Max(start, span.End);
            }
        }
        return start + candidate.Length <= maxEnd ? start : null;
    }
}
