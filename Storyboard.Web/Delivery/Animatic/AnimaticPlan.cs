using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Animatic;

public enum SegmentKind
{
    /// <summary>A gap: black frames.</summary>
    Black,
    /// <summary>One clip's medium on its own.</summary>
    Body,
    /// <summary>A transition window: the outgoing picture (or black) into the incoming clip.</summary>
    Transition,
}

/// <summary>A clip's medium seen from <paramref name="Offset"/> frames after the clip's start (negative: its first frame held).</summary>
public sealed record PlanShot(CutClip Clip, long Offset);

/// <summary>
/// A piece of the animatic encoded on its own: [<paramref name="Start"/>, Start + <paramref name="Length"/>) of the cut.
/// A transition window has a segment of its own, so a changed clip invalidates only its body and the windows touching it.
/// </summary>
public sealed record PlanSegment(long Start, long Length, SegmentKind Kind, PlanShot? From = null, PlanShot? To = null,
    TransitionKind Transition = TransitionKind.Cut)
{
    public long End => Start + Length;
}

/// <summary>Splits a cut into segments: clip bodies, black gaps and transition windows centred on their cuts.</summary>
public static class AnimaticPlan
{
    public static IReadOnlyList<PlanSegment> Build(Cut cut, ICollection<string> notices)
    {
        var items = Items(cut);
        // Each transition takes at most half of the item before and half of its own clip, so windows never overlap.
        var before = new long[items.Count];
        var after = new long[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var clip = items[i].Clip;
            if (clip is null || clip.TransitionIn == TransitionKind.Cut || clip.TransitionFrames <= 0)
            {
                continue;
            }
            var wanted = clip.TransitionFrames;
            var a = Math.Min(wanted / 2, i == 0 ? 0 : (items[i - 1].End - items[i - 1].Start) / 2);
            var b = Math.Min(wanted - wanted / 2, (items[i].End - items[i].Start) / 2);
            if (a + b < wanted)
            {
                notices.Add(a + b == 0
                    ? $"“{clip.Name}”: its {Label(clip.TransitionIn)} has no room (the clips around it are too short) and became a cut."
                    : $"“{clip.Name}”: its {Label(clip.TransitionIn)} is {a + b} frames instead of {wanted} (the clips around it are too short).");
            }
            before[i] = a;
            after[i] = b;
        }

        var segments = new List<PlanSegment>();
        for (var i = 0; i < items.Count; i++)
        {
            var (start, end, clip) = items[i];
            if (before[i] + after[i] > 0 && clip is not null)
            {
                var previous = i == 0 ? null : items[i - 1].Clip;
                var from = clip.TransitionIn == TransitionKind.FadeFromBlack || previous is null
                    ? null
                    : new PlanShot(previous, previous.LengthFrames - before[i]);
                segments.Add(new PlanSegment(start - before[i], before[i] + after[i], SegmentKind.Transition, from,
                    new PlanShot(clip, -before[i]), clip.TransitionIn));
            }
            var bodyStart = start + after[i];
            var bodyEnd = end - (i + 1 < items.Count ? before[i + 1] : 0);
            if (bodyEnd > bodyStart)
            {
                segments.Add(clip is null
                    ? new PlanSegment(bodyStart, bodyEnd - bodyStart, SegmentKind.Black)
                    : new PlanSegment(bodyStart, bodyEnd - bodyStart, SegmentKind.Body, To: new PlanShot(clip, after[i])));
            }
        }
        return segments;
    }

    private static string Label(TransitionKind kind) => kind switch
    {
        TransitionKind.FadeFromBlack => "fade from black",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>The clips and the gaps between them, end to end over [0, length).</summary>
    private static List<(long Start, long End, CutClip? Clip)> Items(Cut cut)
    {
        var items = new List<(long Start, long End, CutClip? Clip)>();
        var at = 0L;
        foreach (var clip in cut.Clips.Where(c => c.LengthFrames > 0).OrderBy(c => c.StartFrame))
        {
            var start = Math.Max(clip.StartFrame, at);
            var end = Math.Min(clip.EndFrame, cut.LengthFrames);
            if (end <= start)
            {
                continue;
            }
            if (start > at)
            {
                items.Add((at, start, null));
            }
            items.Add((start, end, clip with { StartFrame = start, LengthFrames = end - start }));
            at = end;
        }
        if (cut.LengthFrames > at)
        {
            items.Add((at, cut.LengthFrames, null));
        }
        return items;
    }
}
