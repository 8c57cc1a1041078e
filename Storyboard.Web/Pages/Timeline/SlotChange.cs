using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>
/// An edit of one clip group's slot (move, trim, place at a free start) and the slot it had before. After the edit it
/// tells whether the rest of the page still stands as drawn, so that the htmx answer can redraw just the group's
/// takes (lane items and list rows) with the details and the history, instead of the whole workspace.
/// </summary>
public sealed record SlotChange(int GroupId, long OldStart, long OldLength)
{
    /// <summary>
    /// True when only the group's takes look different: the view (zoom, left edge, timeline end) is the same as it was
    /// before the edit, the clip list keeps its order, and each take is on screen now exactly when it was before.
    /// <paramref name="zoom"/> and <paramref name="at"/> are the URL's, which the view is drawn from.
    /// </summary>
    public bool OnlyItChanged(TimelineView timeline, int? zoom, long? at)
    {
        var takes = timeline.Clips.Where(c => c.GroupId == GroupId).ToList();
        if (takes.Count == 0 || takes.Any(c => c.StartFrame != takes[0].StartFrame || c.LengthFrames != takes[0].LengthFrames))
        {
            return false;
        }
        var (newStart, newEnd) = (takes[0].StartFrame, takes[0].End);
        var before = timeline with
        {
            Clips = timeline.Clips.Select(c => c.GroupId == GroupId ? c with { StartFrame = OldStart, LengthFrames = OldLength } : c).ToList(),
        };
        var was = TimelineLayout.Create(timeline.FrameRate, TimelinePageView.EndOf(before), zoom, at);
        var now = TimelineLayout.Create(timeline.FrameRate, TimelinePageView.EndOf(timeline), zoom, at);
        if (was.Zoom != now.Zoom || was.At != now.At || was.EndFrame != now.EndFrame)
        {
            return false;
        }
        if (now.IsVisible(OldStart, OldStart + OldLength) != now.IsVisible(newStart, newEnd))
        {
            return false;
        }
        // The list is in (start, group, take) order: it keeps its order unless another group's clip sorts between the
        // group's old place and its new one.
        var (low, high) = OldStart <= newStart ? ((OldStart, GroupId), (newStart, GroupId)) : ((newStart, GroupId), (OldStart, GroupId));
        return !timeline.Clips.Any(c => c.GroupId != GroupId && Between((c.StartFrame, c.GroupId), low, high));
    }

    private static bool Between((long Start, int Group) key, (long Start, int Group) low, (long Start, int Group) high) =>
        key.CompareTo(low) > 0 && key.CompareTo(high) < 0;

    /// <summary>The ids of the group's takes.</summary>
    public IReadOnlySet<int> TakeIds(TimelineView timeline) =>
        timeline.Clips.Where(c => c.GroupId == GroupId).Select(c => c.Id).ToHashSet();
}
