using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>One item on a planned track, at a record (timeline) position in frames.</summary>
public abstract record PlanItem(long Start, long Length)
{
    public long End => Start + Length;
}

/// <summary>
/// A clip as the track shows it: <see cref="Length"/> may be shorter than the clip's own when a fade from black after it
/// needs black before the cut. <see cref="HandleBefore"/> / <see cref="HandleAfter"/> are the frames of media the
/// transitions around it use beyond its visible range (before its start, after its end).
/// </summary>
public sealed record PlanClip(CutClip Clip, long Start, long Length) : PlanItem(Start, Length)
{
    public int HandleBefore { get; init; }
    public int HandleAfter { get; init; }
}

public sealed record PlanGap(long Start, long Length) : PlanItem(Start, Length);

/// <summary>
/// A transition into the clip that follows it, at the cut <see cref="Cut"/>: <see cref="Before"/> frames before the cut
/// (the next clip's media shown early) and <see cref="After"/> frames after it (the previous item shown late). It takes
/// no track time. <see cref="FromBlack"/>: the outgoing side is black (a fade from black, or a gap before the clip).
/// </summary>
public sealed record PlanTransition(TransitionKind Kind, long Cut, int Before, int After, bool FromBlack) : PlanItem(Cut, 0)
{
    public int Frames => Before + After;
}

/// <summary>
/// Lays a lane's clips out as clips, gaps and transitions that every interchange format can encode: transitions
/// centred on the cut (half before, the rest after), shortened where a neighbour is too short, and a fade from black
/// preceded by black (the previous clip ends where the fade starts).
/// </summary>
public static class TrackPlan
{
    public static IReadOnlyList<PlanItem> Build(IEnumerable<CutClip> clips, long length, Action<string> notice)
    {
        var items = new List<PlanItem>();
        var at = 0L;
        foreach (var clip in clips.OrderBy(c => c.StartFrame))
        {
            var start = Math.Max(clip.StartFrame, at);
            var clipLength = clip.EndFrame - start;
            if (clipLength <= 0)
            {
                continue;
            }
            if (start > at)
            {
                items.Add(new PlanGap(at, start - at));
            }
            if (clip.TransitionIn != TransitionKind.Cut && clip.TransitionFrames > 0)
            {
                AddTransition(items, clip, start, clipLength, notice);
            }
            items.Add(new PlanClip(clip, start, clipLength));
            at = start + clipLength;
        }
        if (length > at)
        {
            items.Add(new PlanGap(at, length - at));
        }
        return WithHandles(items);
    }

    private static void AddTransition(List<PlanItem> items, CutClip clip, long cut, long clipLength, Action<string> notice)
    {
        var wanted = clip.TransitionFrames;
        var before = wanted / 2;
        var after = (int)Math.Min(wanted - before, clipLength);
        var previous = items.Count > 0 ? items[^1] : null;
        var fromBlack = clip.TransitionIn == TransitionKind.FadeFromBlack || previous is not PlanClip;
        // What the item before the cut can give: its length, less what a transition into it already shows after its own cut.
        var available = previous switch
        {
            null => 0,
            PlanClip p when items.Count > 1 && items[^2] is PlanTransition t => p.Length - t.After,
            _ => previous.Length,
        };
        if (clip.TransitionIn == TransitionKind.FadeFromBlack && previous is PlanClip)
        {
            available--; // the previous clip keeps at least a frame
        }
        before = (int)Math.Min(before, Math.Max(0, available));
        if (before + after < wanted)
        {
            notice($"The {Describe(clip.TransitionIn)} into “{clip.Name}” is {before + after} frames instead of {wanted}: the clips around it are too short.");
        }
        if (before + after == 0)
        {
            return;
        }
        if (clip.TransitionIn == TransitionKind.FadeFromBlack && previous is PlanClip outgoing && before > 0)
        {
            // Black before the cut: the previous clip ends where the fade starts.
            items[^1] = outgoing with { Length = outgoing.Length - before };
            items.Add(new PlanGap(cut - before, before));
        }
        items.Add(new PlanTransition(clip.TransitionIn, cut, before, after, fromBlack));
    }

    /// <summary>Records on each clip the media its transitions use beyond what it shows.</summary>
    private static List<PlanItem> WithHandles(List<PlanItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not PlanTransition transition)
            {
                continue;
            }
            if (i + 1 < items.Count && items[i + 1] is PlanClip incoming)
            {
                items[i + 1] = incoming with { HandleBefore = transition.Before };
            }
            if (i > 0 && items[i - 1] is PlanClip outgoing)
            {
                items[i - 1] = outgoing with { HandleAfter = transition.After };
            }
        }
        return items;
    }

    public static string Describe(TransitionKind kind) => kind switch
    {
        TransitionKind.FadeFromBlack => "fade from black",
        TransitionKind.Wipe => "wipe",
        _ => "dissolve",
    };
}
