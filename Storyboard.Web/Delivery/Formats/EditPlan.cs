using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// The cut laid out as an editor's single video track: clips and gaps end to end from frame 0 to the cut's length,
/// each transition fitted to its neighbours and to the media around the cut. Both XML formats write this plan.
/// <para>
/// A transition of D frames is centred on its cut: <see cref="EditTransition.Before"/> = D / 2 frames before it,
/// <see cref="EditTransition.After"/> = the rest after it. The incoming clip's media starts <c>Before</c> frames
/// early (its source in-point is <c>Before</c>, so its first frame shows as it begins to appear); the outgoing clip's
/// media runs <c>After</c> frames past its out-point. Stills and gaps have frames to spare; a video has as many as its
/// file. A transition that does not fit is shortened to the longest one that does, or left out, and the report says so.
/// </para>
/// </summary>
public sealed class EditPlan
{
    public required IReadOnlyList<EditItem> Items { get; init; }

    /// <summary>The item that shows <paramref name="frame"/> (the later one at a cut), or null past the end.</summary>
    public EditItem? ItemAt(long frame)
    {
        var (low, high) = (0, Items.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var item = Items[middle];
            if (frame < item.Start)
            {
                high = middle - 1;
            }
            else if (frame >= item.End)
            {
                low = middle + 1;
            }
            else
            {
                return item;
            }
        }
        return null;
    }

    /// <summary>The transition out of <paramref name="index"/>: the next item's incoming one, if any.</summary>
    public EditTransition? TransitionOut(int index) => index + 1 < Items.Count ? Items[index + 1].TransitionIn : null;

    public static EditPlan Build(Cut cut, ExportReport report)
    {
        var items = new List<EditItem>();
        var at = 0L;
        foreach (var clip in cut.Clips)
        {
            if (clip.StartFrame > at)
            {
                items.Add(new EditItem { Index = items.Count, Start = at, Length = clip.StartFrame - at });
            }
            items.Add(new EditItem
            {
                Index = items.Count, Start = clip.StartFrame, Length = clip.LengthFrames, Clip = clip,
                MediaLength = DeclaredVideoLength(clip, report),
            });
            at = clip.EndFrame;
        }
        if (cut.LengthFrames > at)
        {
            items.Add(new EditItem { Index = items.Count, Start = at, Length = cut.LengthFrames - at });
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Clip is not { TransitionIn: not TransitionKind.Cut, TransitionFrames: > 0 } clip)
            {
                continue;
            }
            var kind = KindLabel(clip.TransitionIn);
            if (i == 0)
            {
                report.Add($"“{clip.Name}” opens the timeline with a {kind}: there is nothing before it, so the export starts it with a cut.");
                continue;
            }
            var frames = Fit(items[i - 1], items[i], clip.TransitionFrames);
            if (frames == 0)
            {
                report.Add($"“{clip.Name}”: its {kind} of {clip.TransitionFrames} frames does not fit (a neighbour is too short or has too little media around the cut), so the export cuts there.");
                continue;
            }
            if (frames < clip.TransitionFrames)
            {
                report.Add($"“{clip.Name}”: its {kind} is shortened from {clip.TransitionFrames} to {frames} frames to fit its neighbours and their media.");
            }
            var transition = new EditTransition(clip.TransitionIn, frames / 2, frames - frames / 2, items[i - 1].IsGap);
            items[i] = items[i] with { TransitionIn = transition, SourceIn = transition.Before };
        }
        return new EditPlan { Items = items };
    }

    /// <summary>
    /// A video's length as the export declares it: its file's, or its slot's when unknown or shorter (an editor then
    /// holds or shows the missing tail; the report says which clip). Null for stills.
    /// </summary>
    public static long? DeclaredVideoLength(CutClip clip, ExportReport report)
    {
        if (clip.Media.IsStill)
        {
            return null;
        }
        if (clip.Media.LengthFrames is not { } frames)
        {
            report.Add($"“{clip.Name}”: its video's length is unknown, so the export assumes it fills its slot exactly (no spare frames for transitions).");
            return clip.LengthFrames;
        }
        if (frames < clip.LengthFrames)
        {
            report.Add($"“{clip.Name}”: its video has {frames} frames but its slot has {clip.LengthFrames}; the export declares the slot's length, so the editor holds or shows as missing the last {clip.LengthFrames - frames} frames.");
            return clip.LengthFrames;
        }
        return frames;
    }

    public static string KindLabel(TransitionKind kind) => kind switch
    {
        TransitionKind.Dissolve => "dissolve",
        TransitionKind.FadeFromBlack => "fade from black",
        TransitionKind.Wipe => "wipe",
        _ => "cut",
    };

    /// <summary>The longest centred transition of at most <paramref name="wanted"/> frames between the two items.</summary>
    private static int Fit(EditItem outgoing, EditItem incoming, int wanted)
    {
        // A one-frame "dissolve" shows nothing: below two frames (unless one was asked for) the export cuts instead.
        var shortest = Math.Min(2, wanted);
        for (var frames = Math.Min(wanted, (int)Math.Min(int.MaxValue, incoming.Length + outgoing.Length)); frames >= shortest; frames--)
        {
            var (before, after) = (frames / 2, frames - frames / 2);
            var outgoingUsed = outgoing.TransitionIn?.After ?? 0;
            var fits = before + outgoingUsed <= outgoing.Length
                && after <= incoming.Length
                && (outgoing.MediaLength is not { } outLength || outgoing.SourceIn + outgoing.Length + after <= outLength)
                && (incoming.MediaLength is not { } inLength || before + incoming.Length <= inLength);
            if (fits)
            {
                return frames;
            }
        }
        return 0;
    }
}

/// <summary>One stretch of the track: a clip (its medium from <see cref="SourceIn"/>) or a gap (<see cref="Clip"/> null).</summary>
public sealed record EditItem
{
    public required int Index { get; init; }
    public required long Start { get; init; }
    public required long Length { get; init; }
    public long End => Start + Length;
    public CutClip? Clip { get; init; }
    public bool IsGap => Clip is null;
    /// <summary>The frame of the medium shown at <see cref="Start"/>: the incoming transition's frames before the cut.</summary>
    public long SourceIn { get; init; }
    /// <summary>A video's declared length (see <see cref="EditPlan.DeclaredVideoLength"/>); null for stills and gaps.</summary>
    public long? MediaLength { get; init; }
    public EditTransition? TransitionIn { get; init; }

    /// <summary>The item's own time at timeline frame <paramref name="frame"/> (FCPXML's local time).</summary>
    public long LocalFrame(long frame) => SourceIn + (frame - Start);
}

/// <summary>A transition centred on the cut at the incoming item's start: <see cref="Before"/> + <see cref="After"/> frames.</summary>
public sealed record EditTransition(TransitionKind Kind, int Before, int After, bool FromGap)
{
    public int Frames => Before + After;
}
