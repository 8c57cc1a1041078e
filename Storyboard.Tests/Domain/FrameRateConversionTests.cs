using CsCheck;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Domain;

public sealed class FrameRateConversionTests
{
    [Theory]
    [InlineData(24, 24, 1, 25, 1, 25)]
    [InlineData(12, 24, 1, 25, 1, 13)] // 12.5 rounds up
    [InlineData(1, 24, 1, 25, 1, 1)]
    [InlineData(25, 25, 1, 24, 1, 24)]
    [InlineData(1, 50, 1, 25, 1, 1)] // 0.5 rounds up
    [InlineData(3, 50, 1, 25, 1, 2)] // 1.5 rounds up
    [InlineData(1800, 30000, 1001, 30, 1, 1802)] // 1801.8
    [InlineData(1001, 24000, 1001, 24, 1, 1002)] // 1002.001
    [InlineData(1000, 24, 1, 24000, 1001, 999)] // 999.0009
    [InlineData(107892, 30000, 1001, 25, 1, 90000)] // one hour
    [InlineData(0, 24, 1, 60000, 1001, 0)]
    public void A_frame_goes_to_the_nearest_frame_at_the_new_rate(long frame, int fromNum, int fromDen, int toNum, int toDen, long expected) =>
        Assert.Equal(expected, FrameRateConversion.Convert(frame, new FrameRate(fromNum, fromDen), new FrameRate(toNum, toDen)));

    [Fact]
    public void Spans_that_would_collapse_keep_a_frame_and_push_the_next_by_the_minimum()
    {
        List<FrameSpan> lane = [new(0, 1), new(1, 1), new(2, 1), new(10, 4)];
        var converted = FrameRateConversion.ConvertLane(lane, FrameRate.Fps50, FrameRate.Fps25);
        Assert.Equal([new(0, 1), new(1, 1), new(2, 1), new(5, 2)], converted.Spans);
        Assert.Equal(1, converted.Pushed);
        // [0,1) ends at 1/25 s instead of 1/50 s; only [10,14) → [5,7) is at the same times.
        Assert.Equal(3, converted.Moved);
    }

    [Fact]
    public void Exact_conversions_move_nothing()
    {
        List<FrameSpan> lane = [new(0, 25), new(25, 50), new(100, 1)];
        var doubled = FrameRateConversion.ConvertLane(lane, FrameRate.Fps25, FrameRate.Fps50);
        Assert.Equal([new(0, 50), new(50, 100), new(200, 2)], doubled.Spans);
        Assert.Equal(0, doubled.Moved);
        var same = FrameRateConversion.ConvertLane(lane, FrameRate.Fps25, FrameRate.Fps25);
        Assert.Equal(lane, same.Spans);
        Assert.Equal(0, same.Moved);
    }

    [Fact]
    public void Spans_come_back_in_the_order_given_even_when_the_lane_is_not_sorted()
    {
        List<FrameSpan> lane = [new(48, 24), new(0, 24), new(24, 24)];
        var converted = FrameRateConversion.ConvertLane(lane, FrameRate.Fps24, FrameRate.Fps25);
        Assert.Equal([new(50, 25), new(0, 25), new(25, 25)], converted.Spans);
        Assert.Equal(0, converted.Moved);
    }

    [Fact]
    public void Rounding_counts_as_moved_but_touching_spans_still_touch()
    {
        List<FrameSpan> lane = [new(0, 7), new(7, 13)];
        var converted = FrameRateConversion.ConvertLane(lane, FrameRate.Fps24, FrameRate.Fps25);
        Assert.Equal([new(0, 7), new(7, 14)], converted.Spans); // 7.29 → 7, 20.83 → 21
        Assert.Equal(2, converted.Moved);
        Assert.Equal(0, converted.Pushed);
    }

    [Fact]
    public void Takes_of_a_group_share_the_main_takes_converted_slot_and_off_lane_groups_push_nothing()
    {
        List<TakeSpan> takes =
        [
            new(1, 1, true, 0, new FrameSpan(50, 1)),
            new(2, 1, false, 1, new FrameSpan(50, 1)),
            new(3, 3, true, 0, new FrameSpan(51, 1)),
            new(4, 4, true, 0, new FrameSpan(52, 1)),
            new(5, 5, true, 0, new FrameSpan(50, 4), OnLane: false), // trashed, overlapping: converted alone
            new(6, 6, false, 2, new FrameSpan(200, 3)), // a group without a main take: converted alone
            new(7, 6, false, 3, new FrameSpan(300, 3)),
        ];
        var converted = FrameRateConversion.ConvertTakes(takes, FrameRate.Fps50, FrameRate.Fps25);
        Assert.Equal(new FrameSpan(25, 1), converted.Spans[1]);
        Assert.Equal(new FrameSpan(25, 1), converted.Spans[2]);
        Assert.Equal(new FrameSpan(26, 1), converted.Spans[3]);
        Assert.Equal(new FrameSpan(27, 1), converted.Spans[4]); // pushed past 3
        Assert.Equal(new FrameSpan(25, 2), converted.Spans[5]);
        Assert.Equal(new FrameSpan(100, 2), converted.Spans[6]); // the lowest take number sets the slot
        Assert.Equal(new FrameSpan(100, 2), converted.Spans[7]);
        // 1–4 moved (rounding or a push), 6 by rounding its end, 7 to its group's slot; only 5 is exact.
        Assert.Equal(6, converted.Moved);
    }

    private static readonly Gen<FrameRate> AnyRate = Gen.Int[0, FrameRate.Standard.Count - 1].Select(i => FrameRate.Standard[i]);

    /// <summary>A valid lane: sorted, lengths ≥ 1, gaps ≥ 0.</summary>
    private static readonly Gen<List<FrameSpan>> AnyLane =
        Gen.Select(Gen.Long[0, 200], Gen.Long[1, 200]).Array[0, 40].Select(parts =>
        {
            var lane = new List<FrameSpan>();
            var at = 0L;
            foreach (var (gap, length) in parts)
            {
                lane.Add(new FrameSpan(at + gap, length));
                at += gap + length;
            }
            return lane;
        });

    [Fact]
    public void Converting_to_a_finer_or_equal_rate_and_back_gives_every_frame_back() =>
        Gen.Select(AnyRate, AnyRate, Gen.Long[0, 30L * 3600 * 60]).Sample((a, b, frame) =>
        {
            var (coarse, fine) = a.FramesPerSecond <= b.FramesPerSecond ? (a, b) : (b, a);
            var there = FrameRateConversion.Convert(frame, coarse, fine);
            Assert.Equal(frame, FrameRateConversion.Convert(there, fine, coarse));
        }, iter: 20_000);

    [Fact]
    public void A_lane_converted_to_a_finer_or_equal_rate_and_back_is_unchanged() =>
        Gen.Select(AnyRate, AnyRate, AnyLane).Sample((a, b, lane) =>
        {
            var (coarse, fine) = a.FramesPerSecond <= b.FramesPerSecond ? (a, b) : (b, a);
            var there = FrameRateConversion.ConvertLane(lane, coarse, fine);
            Assert.Equal(0, there.Pushed);
            Assert.Equal(lane, FrameRateConversion.ConvertLane(there.Spans, fine, coarse).Spans);
        });

    [Fact]
    public void A_valid_lane_stays_valid_and_in_order_at_any_rate() =>
        Gen.Select(AnyRate, AnyRate, AnyLane).Sample((from, to, lane) =>
        {
            var converted = FrameRateConversion.ConvertLane(lane, from, to);
            Assert.Equal(lane.Count, converted.Spans.Count);
            Assert.All(converted.Spans, s => Assert.True(s.Length >= 1 && s.Start >= 0, s.ToString()));
            for (var i = 1; i < converted.Spans.Count; i++)
            {
                Assert.True(converted.Spans[i - 1].End <= converted.Spans[i].Start, $"{converted.Spans[i - 1]} then {converted.Spans[i]}");
            }
            Assert.InRange(converted.Moved, converted.Pushed, lane.Count);
            // Nothing moves further than a pushed neighbour forces it to: at most one frame per span before it.
            for (var i = 0; i < lane.Count; i++)
            {
                var nearest = FrameRateConversion.Convert(lane[i].Start, from, to);
                Assert.InRange(converted.Spans[i].Start, nearest, nearest + i);
            }
        });
}
