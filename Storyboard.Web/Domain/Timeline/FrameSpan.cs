namespace Storyboard.Web.Domain.Timeline;

/// <summary>A half-open run of frames [Start, Start + Length) on the song timeline.</summary>
public readonly record struct FrameSpan(long Start, long Length)
{
    public long End => Start + Length;

    /// <summary>Touching spans ([0,10) and [10,20)) do not overlap.</summary>
    public bool Overlaps(FrameSpan other) => Start < other.End && other.Start < End;

    public bool Contains(long frame) => frame >= Start && frame < End;

    public FrameSpan MoveTo(long start) => this with { Start = start };

    public override string ToString() => $"[{Start}, {End})";
}

/// <summary>An item occupying a lane: a main-take clip or scene, by the id of its take group.</summary>
public readonly record struct LaneItem(int GroupId, string Name, FrameSpan Span);
