using CsCheck;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Domain;

public sealed class TimeInputTests
{
    [Theory]
    [InlineData("62.5", 25, 1, 1563)] // 1562.5 rounds up
    [InlineData("62.48", 25, 1, 1562)]
    [InlineData("62", 25, 1, 1550)]
    [InlineData(".5", 24, 1, 12)]
    [InlineData("0", 24, 1, 0)]
    [InlineData("1:02.5", 25, 1, 1563)]
    [InlineData("1:2.5", 25, 1, 1563)]
    [InlineData("75:00", 25, 1, 112500)]
    [InlineData("1:02:03", 25, 1, 93075)]
    [InlineData("1500f", 25, 1, 1500)]
    [InlineData(" 1500 F ", 25, 1, 1500)]
    [InlineData("00:01:02:12", 25, 1, 1562)]
    [InlineData("00:01:02:12", 24000, 1001, 1500)]
    [InlineData("00:01:00;02", 30000, 1001, 1800)]
    [InlineData("00:01:00:02", 30000, 1001, 1800)]
    [InlineData("60", 30000, 1001, 1798)] // 1798.2 frames
    [InlineData("1", 24000, 1001, 24)] // 23.976 frames
    [InlineData("0.0208541666", 24000, 1001, 0)] // just under half a frame (1001/48000 s = 0.0208541666…)
    [InlineData("0.0208541667", 24000, 1001, 1)] // just over it
    [InlineData("0.0208541666666666666667", 24000, 1001, 1)] // past half a frame by 1e-22: no double drift
    public void Times_users_type_become_the_nearest_frame(string text, int numerator, int denominator, long frames)
    {
        Assert.True(TimeInput.TryParse(text, new FrameRate(numerator, denominator), out var parsed, out var error), error);
        Assert.Null(error);
        Assert.Equal(frames, parsed);
    }

    [Fact]
    public void Exactly_half_a_frame_rounds_up()
    {
        // 0.02 s at 25 fps is exactly half a frame; 0.06 s is one and a half.
        Assert.True(TimeInput.TryParse("0.02", FrameRate.Fps25, out var half, out _));
        Assert.Equal(1, half);
        Assert.True(TimeInput.TryParse("0.06", FrameRate.Fps25, out var oneAndAHalf, out _));
        Assert.Equal(2, oneAndAHalf);
        Assert.True(TimeInput.TryParse("0.0199", FrameRate.Fps25, out var underHalf, out _));
        Assert.Equal(0, underHalf);
    }

    [Theory]
    [InlineData("62,5", "Use a point for decimals")]
    [InlineData("-5", "cannot be negative")]
    [InlineData("-00:00:01:00", "cannot be negative")]
    [InlineData("NaN", TimeInput.Hint)]
    [InlineData("Infinity", TimeInput.Hint)]
    [InlineData("∞", TimeInput.Hint)]
    [InlineData("1e3", TimeInput.Hint)]
    [InlineData("abc", TimeInput.Hint)]
    [InlineData("", TimeInput.Hint)]
    [InlineData("   ", TimeInput.Hint)]
    [InlineData(".", TimeInput.Hint)]
    [InlineData("5.", TimeInput.Hint)]
    [InlineData("+5", TimeInput.Hint)]
    [InlineData("1500ff", TimeInput.Hint)]
    [InlineData("١٢", TimeInput.Hint)] // Arabic-Indic digits
    [InlineData("1:75", "go up to 59")]
    [InlineData("1:60:00", "go up to 59")]
    [InlineData("00:00:00:25", "go up to 24")]
    [InlineData("00:01:00;00", "drop-frame")]
    [InlineData("123456789012345678901234567890", "too long")]
    [InlineData("21601", "past 6 hours")]
    [InlineData("999999999999999999999f", "past 6 hours")]
    [InlineData("7:00:00", "past 6 hours")]
    public void Anything_else_is_refused_with_a_message_for_the_field(string text, string message)
    {
        var rate = text.Contains(';') ? FrameRate.Fps2997 : FrameRate.Fps25;
        Assert.False(TimeInput.TryParse(text, rate, out var frames, out var error));
        Assert.Equal(0, frames);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Six_hours_is_the_last_time_allowed()
    {
        var max = TimelineRules.MaxFrames(FrameRate.Fps25);
        Assert.True(TimeInput.TryParse("21600", FrameRate.Fps25, out var frames, out _));
        Assert.Equal(max, frames);
        Assert.True(TimeInput.TryParse($"{max}f", FrameRate.Fps25, out _, out _));
        Assert.False(TimeInput.TryParse($"{max + 1}f", FrameRate.Fps25, out _, out _));
    }

    [Theory]
    [InlineData(1563, 25, 1, "62.52")]
    [InlineData(1550, 25, 1, "62")]
    [InlineData(1800, 30000, 1001, "60.06")]
    [InlineData(0, 24, 1, "0")]
    public void Seconds_format_to_the_millisecond(long frames, int numerator, int denominator, string text) =>
        Assert.Equal(text, TimeInput.FormatSeconds(frames, new FrameRate(numerator, denominator)));

    private static readonly Gen<(FrameRate Rate, long Frames)> AnyPosition =
        Gen.Int[0, FrameRate.Standard.Count - 1].SelectMany(index =>
            Gen.Long[0, TimelineRules.MaxFrames(FrameRate.Standard[index])].Select(frames => (FrameRate.Standard[index], frames)));

    [Fact]
    public void Frames_written_as_seconds_read_back_exactly() =>
        AnyPosition.Sample(p =>
        {
            var text = TimeInput.FormatSeconds(p.Frames, p.Rate);
            Assert.True(TimeInput.TryParse(text, p.Rate, out var parsed, out var error), error);
            Assert.Equal(p.Frames, parsed);
        }, iter: 20_000);

    [Fact]
    public void Frames_written_as_minutes_and_seconds_read_back_exactly() =>
        AnyPosition.Sample(p =>
        {
            var seconds = TimeInput.FormatSeconds(p.Frames, p.Rate).Split('.');
            var whole = long.Parse(seconds[0], System.Globalization.CultureInfo.InvariantCulture);
            var text = $"{whole / 60}:{whole % 60:00}" + (seconds.Length > 1 ? "." + seconds[1] : "");
            Assert.True(TimeInput.TryParse(text, p.Rate, out var parsed, out var error), error);
            Assert.Equal(p.Frames, parsed);
        }, iter: 5_000);

    [Fact]
    public void Frames_written_as_timecode_or_with_a_suffix_read_back_exactly() =>
        AnyPosition.Sample(p =>
        {
            Assert.True(TimeInput.TryParse(Timecode.Format(p.Frames, p.Rate), p.Rate, out var fromTimecode, out _));
            Assert.Equal(p.Frames, fromTimecode);
            Assert.True(TimeInput.TryParse($"{p.Frames}f", p.Rate, out var fromFrames, out _));
            Assert.Equal(p.Frames, fromFrames);
        }, iter: 5_000);
}
