using CsCheck;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Domain;

public sealed class TimecodeTests
{
    public static TheoryData<int, int, long, string> Vectors => new()
    {
        // Drop frame at 29.97 (vectors checked against smpte-timecode and OTIO in the NLE research note).
        { 30000, 1001, 0, "00:00:00;00" },
        { 30000, 1001, 1799, "00:00:59;29" },
        { 30000, 1001, 1800, "00:01:00;02" },
        { 30000, 1001, 3597, "00:01:59;29" },
        { 30000, 1001, 3598, "00:02:00;02" },
        { 30000, 1001, 17981, "00:09:59;29" },
        { 30000, 1001, 17982, "00:10:00;00" },
        { 30000, 1001, 17983, "00:10:00;01" },
        { 30000, 1001, 19782, "00:11:00;02" },
        { 30000, 1001, 107892, "01:00:00;00" },
        // Drop frame at 59.94: four frame numbers each minute.
        { 60000, 1001, 3599, "00:00:59;59" },
        { 60000, 1001, 3600, "00:01:00;04" },
        { 60000, 1001, 35964, "00:10:00;00" },
        { 60000, 1001, 215784, "01:00:00;00" },
        // 23.976 is non-drop and counts 24 per timecode second.
        { 24000, 1001, 86400, "01:00:00:00" },
        { 24000, 1001, 1500, "00:01:02:12" },
        { 25, 1, 90000, "01:00:00:00" },
        { 25, 1, 1562, "00:01:02:12" },
        { 24, 1, 23, "00:00:00:23" },
        { 60, 1, 216000, "01:00:00:00" },
        { 30, 1, 1800, "00:01:00:00" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Known_timecodes_format_and_parse(int numerator, int denominator, long frames, string timecode)
    {
        var rate = new FrameRate(numerator, denominator);
        Assert.Equal(timecode, Timecode.Format(frames, rate));
        Assert.True(Timecode.TryParse(timecode, rate, out var parsed, out var error), error);
        Assert.Equal(frames, parsed);
    }

    [Fact]
    public void Either_separator_is_accepted_before_the_frames()
    {
        Assert.True(Timecode.TryParse("00:01:00:02", FrameRate.Fps2997, out var colon, out _));
        Assert.True(Timecode.TryParse(" 00:01:00;02 ", FrameRate.Fps2997, out var semicolon, out _));
        Assert.Equal(1800, colon);
        Assert.Equal(1800, semicolon);
        Assert.True(Timecode.TryParse("00:00:01;00", FrameRate.Fps25, out var ndf, out _));
        Assert.Equal(25, ndf);
    }

    [Theory]
    [InlineData("00:01:00;00", 30000, 1001, "does not exist")]
    [InlineData("00:01:00;01", 30000, 1001, "does not exist")]
    [InlineData("00:01:00;03", 60000, 1001, "does not exist")]
    [InlineData("00:00:00:25", 25, 1, "go up to 24")]
    [InlineData("00:00:00:24", 24000, 1001, "go up to 23")]
    [InlineData("00:00:00;30", 30000, 1001, "go up to 29")]
    [InlineData("00:60:00:00", 25, 1, "up to 59")]
    [InlineData("00:00:60:00", 25, 1, "up to 59")]
    [InlineData("00:00:00", 25, 1, "HH:MM:SS:FF")]
    [InlineData("00;00:00:00", 25, 1, "HH:MM:SS:FF")]
    [InlineData("00:00:-1:00", 25, 1, "HH:MM:SS:FF")]
    [InlineData("", 25, 1, "HH:MM:SS:FF")]
    [InlineData("aa:bb:cc:dd", 25, 1, "HH:MM:SS:FF")]
    public void Impossible_timecodes_are_refused_with_a_reason(string text, int numerator, int denominator, string reason)
    {
        Assert.False(Timecode.TryParse(text, new FrameRate(numerator, denominator), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void The_tenth_minute_keeps_its_first_frame_numbers()
    {
        Assert.True(Timecode.TryParse("00:10:00;00", FrameRate.Fps2997, out var frames, out _));
        Assert.Equal(17982, frames);
        Assert.True(Timecode.TryParse("00:20:00;01", FrameRate.Fps2997, out frames, out _));
        Assert.Equal(2 * 17982 + 1, frames);
    }

    [Fact]
    public void Formatting_then_parsing_gives_back_every_frame_up_to_a_day_at_every_standard_rate()
    {
        Gen.Select(Gen.Int[0, FrameRate.Standard.Count - 1], Gen.Double[0, 1]).Sample((index, fraction) =>
        {
            var rate = FrameRate.Standard[index];
            var day = rate.FramesFromMicroseconds(24L * 3600 * 1_000_000);
            var frames = (long)(fraction * day);
            var text = Timecode.Format(frames, rate);
            Assert.True(Timecode.TryParse(text, rate, out var parsed, out var error), error);
            Assert.Equal(frames, parsed);
        }, iter: 20_000);
    }

    [Fact]
    public void Consecutive_frames_around_every_minute_boundary_round_trip_and_labels_only_grow()
    {
        foreach (var rate in FrameRate.Standard)
        {
            var previous = "";
            for (long frames = 0; frames < 20 * 60 * Timecode.Timebase(rate); frames++)
            {
                var text = Timecode.Format(frames, rate);
                Assert.True(string.CompareOrdinal(text.Replace(';', ':'), previous.Replace(';', ':')) > 0, $"{text} after {previous}");
                Assert.True(Timecode.TryParse(text, rate, out var parsed, out _));
                Assert.Equal(frames, parsed);
                previous = text;
            }
        }
    }

    [Fact]
    public void Drop_frame_stays_within_a_few_frames_of_the_clock()
    {
        // One hour of 29.97 drop-frame timecode is one hour of real time.
        Assert.Equal(107_892, FrameRate.Fps2997.FramesFromMicroseconds(3_600_000_000L));
        Assert.Equal("01:00:00;00", Timecode.Format(107_892, FrameRate.Fps2997));
        Assert.Equal("01:00:00;00", Timecode.Format(215_784, FrameRate.Fps5994));
    }

    [Theory]
    [InlineData(0, 25, 1, "0:00")]
    [InlineData(1562, 25, 1, "1:02.4")]
    [InlineData(1563, 25, 1, "1:02.5")]
    [InlineData(1500, 25, 1, "1:00")]
    [InlineData(90000, 25, 1, "1:00:00")]
    [InlineData(93075, 25, 1, "1:02:03")]
    [InlineData(1800, 30000, 1001, "1:00")]
    [InlineData(1799, 30000, 1001, "1:00")]
    [InlineData(1798, 30000, 1001, "0:59.9")]
    [InlineData(107892, 30000, 1001, "59:59.9")]
    [InlineData(107893, 30000, 1001, "1:00:00")]
    public void The_short_form_is_clock_time_for_rulers(long frames, int numerator, int denominator, string text) =>
        Assert.Equal(text, Timecode.Short(frames, new FrameRate(numerator, denominator)));
}
