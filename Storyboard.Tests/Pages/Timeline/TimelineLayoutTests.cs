using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Timeline;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Pages.Timeline;

public sealed class TimelineLayoutTests
{
    [Theory]
    [InlineData(25, 1, 100, 25, "100")]
    [InlineData(25, 1, 100, 1, "4")]
    [InlineData(30000, 1001, 30, 30, "30.03")]
    [InlineData(24000, 1001, 24, 24, "24.02")]
    [InlineData(60, 1, 2400, 1, "40")]
    public void Pixel_positions_are_exact_for_frames(int numerator, int denominator, int zoom, long frame, string expected)
    {
        var layout = TimelineLayout.Create(new FrameRate(numerator, denominator), 100_000, zoom, 0);
        Assert.Equal(expected, TimelineLayout.Attr(layout.X(frame)));
    }

    [Fact]
    public void Positions_are_measured_from_the_left_edge_in_the_url()
    {
        var layout = TimelineLayout.Create(FrameRate.Fps25, 10_000, 50, 250);
        Assert.Equal(0m, layout.X(250));
        Assert.Equal(100m, layout.X(300));
        Assert.Equal(-50m, layout.X(225));
    }

    [Fact]
    public void Without_a_zoom_the_whole_timeline_fits_one_screen()
    {
        // 4 minutes at 25 fps on 1200 px: 5 px a second.
        var layout = TimelineLayout.Create(FrameRate.Fps25, 240 * 25, null, null);
        Assert.Equal(5, layout.Zoom);
        Assert.True(layout.X(240 * 25) <= TimelineLayout.ViewportWidth);
    }

    [Theory]
    [InlineData(0, TimelineLayout.MinZoom)]
    [InlineData(-5, TimelineLayout.MinZoom)]
    [InlineData(1_000_000, 25 * TimelineLayout.PixelsPerFrameAtMaxZoom)]
    public void The_zoom_is_clamped_from_one_pixel_a_second_to_frame_level(int asked, int expected) =>
        Assert.Equal(expected, TimelineLayout.Create(FrameRate.Fps25, 1000, asked, 0).Zoom);

    [Fact]
    public void The_left_edge_is_clamped_to_the_timeline()
    {
        Assert.Equal(0, TimelineLayout.Create(FrameRate.Fps25, 1000, 10, -40).At);
        Assert.Equal(1000, TimelineLayout.Create(FrameRate.Fps25, 1000, 10, 99_999).At);
    }

    [Theory]
    [InlineData(1000, 5)]      // 40 px a frame (frame level): every 5 frames (200 px)
    [InlineData(250, 10)]      // 10 px a frame: every 10 frames (100 px)
    [InlineData(100, 25)]      // 4 px a frame: every second
    [InlineData(50, 50)]       // every 2 seconds
    [InlineData(5, 25 * 30)]   // every 30 seconds
    [InlineData(1, 25 * 120)]  // every 2 minutes
    public void Ruler_ticks_are_the_smallest_round_step_at_least_90_pixels_apart(int zoom, long expectedFrames)
    {
        var layout = TimelineLayout.Create(FrameRate.Fps25, 1_000_000, zoom, 0);
        Assert.Equal(expectedFrames, layout.TickFrames);
        Assert.True(layout.Pixels(layout.TickFrames) >= TimelineLayout.MinTickSpacing);
    }

    [Fact]
    public void Ticks_cover_the_viewport_on_multiples_of_the_step()
    {
        var layout = TimelineLayout.Create(FrameRate.Fps25, 100_000, 100, 30);
        var ticks = layout.Ticks().ToList();
        Assert.Equal(50, ticks[0]);
        Assert.All(ticks, t => Assert.Equal(0, t % 25));
        Assert.True(ticks[^1] <= layout.VisibleEnd);
        Assert.Equal(300, layout.FramesVisible);
    }

    [Fact]
    public void Zoom_and_pan_steps_stay_in_range()
    {
        var layout = TimelineLayout.Create(FrameRate.Fps25, 10_000, 100, 0);
        Assert.Equal(200, layout.ZoomIn);
        Assert.Equal(50, layout.ZoomOut);
        Assert.False(layout.CanPanBack);
        Assert.Equal(150, layout.PanForward);
    }

    [Fact]
    public void Scene_statistics_count_main_clips_covered_time_and_gaps()
    {
        var rate = FrameRate.Fps25;
        var scene = new SceneView(1, 1, 0, true, "Verse", "", "", SectionKind.Verse, "", "#123456", "", 1, 0, 250, 1);
        ClipView Clip(int id, long start, long length, bool main = true) => new(id, main ? id : 10, main ? 0 : 1, main, 1, $"C{id}",
            start, length, "", "", "", "", ShotSize.Unset, CameraMove.Static, TransitionKind.Cut, 0, "", null, 1, false);
        var stats = TimelinePageView.Statistics(scene, [Clip(10, 25, 50), Clip(11, 25, 50, main: false), Clip(12, 100, 100)], rate);
        Assert.Equal(2, stats.ClipCount);
        Assert.Equal("00:00:06:00", stats.Covered);
        Assert.Equal(["00:00:00:00 to 00:00:01:00", "00:00:03:00 to 00:00:04:00", "00:00:08:00 to 00:00:10:00"], stats.Gaps);
    }

    [Theory]
    [InlineData("00:00:01:05", 30)]
    [InlineData("1.2", 30)]
    [InlineData("30f", 30)]
    [InlineData("-1", -25)]
    public void Typed_times_and_signed_deltas_become_frames(string text, long expected)
    {
        Assert.Null(TimeText.TryParse(text, FrameRate.Fps25, out var frames, allowNegative: true));
        Assert.Equal(expected, frames);
    }

    [Fact]
    public void A_bad_time_gets_a_message() =>
        Assert.NotNull(TimeText.TryParse("soon", FrameRate.Fps25, out _));
}
