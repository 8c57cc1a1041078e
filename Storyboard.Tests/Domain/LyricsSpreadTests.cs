using CsCheck;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Domain;

public sealed class LyricsSpreadTests
{
    private static string[] Numbered(int count) => Enumerable.Range(1, count).Select(i => $"line {i}").ToArray();

    [Fact]
    public void As_many_lines_as_clips_gives_one_each()
    {
        var spread = LyricsSpread.Spread(Numbered(3), 3);
        Assert.Equal([["line 1"], ["line 2"], ["line 3"]], spread);
    }

    [Fact]
    public void More_lines_than_clips_makes_even_consecutive_groups_with_the_extra_lines_first()
    {
        var spread = LyricsSpread.Spread(Numbered(7), 3);
        Assert.Equal([["line 1", "line 2", "line 3"], ["line 4", "line 5"], ["line 6", "line 7"]], spread);
    }

    [Fact]
    public void Fewer_lines_than_clips_fills_the_first_clips()
    {
        var spread = LyricsSpread.Spread(["a", "b"], ["clip 1", "clip 2", "clip 3"]);
        Assert.Equal([("clip 1", "a"), ("clip 2", "b"), ("clip 3", "")], spread);
    }

    [Fact]
    public void Grouped_lines_are_joined_by_newlines_for_each_clip()
    {
        var spread = LyricsSpread.Spread(LyricsSpread.Lines("\uFEFFone\r\n\r\n  two  \nthree\n"), [10, 20]);
        Assert.Equal([(10, "one\ntwo"), (20, "three")], spread);
    }

    [Fact]
    public void No_clips_get_nothing() => Assert.Empty(LyricsSpread.Spread(Numbered(3), 0));

    [Fact]
    public void Every_line_is_used_once_in_order_and_groups_are_as_even_as_possible() =>
        Gen.Select(Gen.Int[0, 60], Gen.Int[1, 40]).Sample((lineCount, clipCount) =>
        {
            var lines = Numbered(lineCount);
            var spread = LyricsSpread.Spread(lines, clipCount);
            Assert.Equal(clipCount, spread.Count);
            Assert.Equal(lines, spread.SelectMany(g => g));
            var sizes = spread.Select(g => g.Count).ToList();
            Assert.True(sizes.Max() - sizes.Min() <= 1);
            // Larger groups come first, so with fewer lines than clips the first clips get them.
            Assert.Equal(sizes.OrderByDescending(s => s), sizes);
        });
}
