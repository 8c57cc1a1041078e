using CsCheck;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Domain;

public sealed class FrameRateTests
{
    [Theory]
    [InlineData(24000, 1001, "23.976")]
    [InlineData(30000, 1001, "29.97")]
    [InlineData(60000, 1001, "59.94")]
    [InlineData(25, 1, "25")]
    public void Labels_read_as_editors_write_them(int numerator, int denominator, string label)
    {
        var rate = new FrameRate(numerator, denominator);
        Assert.Equal(label, rate.Label);
        Assert.True(FrameRate.TryParseLabel(label, out var parsed));
        Assert.Equal(rate, parsed);
    }

    [Theory]
    [InlineData("31")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("23.98")]
    public void Only_the_standard_rates_parse(string? label) => Assert.False(FrameRate.TryParseLabel(label, out _));

    [Fact]
    public void An_hour_at_ntsc_rates_is_an_exact_whole_number_of_frames()
    {
        Assert.Equal(107_892, FrameRate.Fps2997.FramesFromMicroseconds(3_600_000_000L) / 1);
        Assert.Equal(86_313, FrameRate.Fps23976.FramesFromMicroseconds(3_600_000_000L));
        Assert.Equal(90_000, FrameRate.Fps25.FramesFromMicroseconds(3_600_000_000L));
    }

    [Fact]
    public void Frames_never_decrease_as_time_grows_and_never_overshoot()
    {
        Gen.Select(Gen.Int[0, FrameRate.Standard.Count - 1], Gen.Long[0, 3L * 3600 * 1_000_000], Gen.Long[0, 1_000_000])
            .Sample((index, microseconds, extra) =>
            {
                var rate = FrameRate.Standard[index];
                var frames = rate.FramesFromMicroseconds(microseconds);
                Assert.True(rate.FramesFromMicroseconds(microseconds + extra) >= frames);
                // The frame's start time is never after the given time.
                Assert.True((System.Numerics.BigInteger)frames * rate.Denominator * 1_000_000 <= (System.Numerics.BigInteger)microseconds * rate.Numerator);
            });
    }
}
