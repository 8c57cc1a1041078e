using CsCheck;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Domain;

public sealed class LrcTests
{
    private static TimeSpan Ms(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Timed_lines_come_back_in_time_order_with_metadata_and_blank_lines_left_out()
    {
        var result = Lrc.Parse("""
            [ar:The Midnight]
            [ti:Night Drive]
            [length: 03:45]

            [00:12.50]First line
            [00:05]Intro line
            untimed words
            [01:02.345] Third line  
            [00:20.5]Tenths
            [00:30.00]
            """);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(
            [new LrcLine(Ms(5_000), "Intro line"), new LrcLine(Ms(12_500), "First line"), new LrcLine(Ms(20_500), "Tenths"),
             new LrcLine(Ms(62_345), "Third line")],
            result.Lines);
    }

    [Fact]
    public void Several_tags_on_a_line_repeat_it_and_equal_times_keep_file_order()
    {
        var result = Lrc.Parse("[00:10.00][00:40.00]Chorus\n[00:10.00]Same time, later in the file\n[00:20.00]Verse");
        Assert.Equal(
            [new LrcLine(Ms(10_000), "Chorus"), new LrcLine(Ms(10_000), "Same time, later in the file"),
             new LrcLine(Ms(20_000), "Verse"), new LrcLine(Ms(40_000), "Chorus")],
            result.Lines);
    }

    [Theory]
    [InlineData("+500", 9_500)]
    [InlineData("-250", 10_250)]
    [InlineData("+20000", 0)] // never before the song starts
    public void The_offset_shifts_every_line(string offset, long expected)
    {
        var result = Lrc.Parse($"[00:10.00]Line\n[offset:{offset}]");
        Assert.Equal([new LrcLine(Ms(expected), "Line")], result.Lines);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_read()
    {
        var result = Lrc.Parse("\uFEFF[ti:x]\r\n[00:01.00]One\r\n\r\n[00:02.00]Two\r\n");
        Assert.Equal([new LrcLine(Ms(1_000), "One"), new LrcLine(Ms(2_000), "Two")], result.Lines);
    }

    [Fact]
    public void Bad_timestamps_are_reported_by_line_and_nothing_is_returned()
    {
        var result = Lrc.Parse("[ar:x]\n[00:01.00]One\n[00:02.00]Two\n[1:7x.0]Bad\n[00:75.00]Too many seconds\n[00:03.00 unclosed\n[offset:soon]");
        Assert.False(result.Succeeded);
        Assert.Empty(result.Lines);
        Assert.Equal(
            ["Line 4: '[1:7x.0]' is not a time.", "Line 5: '[00:75.00]' is not a time.", "Line 6: '[00:03.00 unclosed' is not a time.",
             "Line 7: '[offset:soon]' is not an offset in milliseconds (like [offset:+250])."],
            result.Errors);
    }

    [Fact]
    public void Empty_input_has_no_lines_and_no_errors()
    {
        Assert.Equal(new LrcResult([], []).Lines, Lrc.Parse(null).Lines);
        Assert.True(Lrc.Parse("").Succeeded);
        Assert.True(Lrc.Parse("just some words\nno times").Succeeded);
    }

    [Fact]
    public void Written_times_read_back_in_order() =>
        Gen.Select(Gen.Int[0, 5999], Gen.Int[0, 999], Gen.String[Gen.Char.AlphaNumeric, 1, 20]).List[0, 30].Sample(entries =>
        {
            var text = string.Join("\r\n", entries.Select(e => $"[{e.Item1 / 60:00}:{e.Item1 % 60:00}.{e.Item2:000}]{e.Item3}"));
            var result = Lrc.Parse(text);
            Assert.True(result.Succeeded);
            var expected = entries.Select(e => new LrcLine(TimeSpan.FromMilliseconds(e.Item1 * 1000L + e.Item2), e.Item3))
                .OrderBy(l => l.At).ToList(); // OrderBy is stable, like the file order for equal times
            Assert.Equal(expected, result.Lines);
        });
}
