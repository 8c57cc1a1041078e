using PdfSharp.Drawing;
using PdfSharp.Events;
using Storyboard.Web.Delivery.Formats.Pdf;

namespace Storyboard.Tests.Delivery.Formats.Pdf;

/// <summary>Line breaking and ellipses, measured with the sheet's own font through PDFsharp.</summary>
public sealed class TextFitTests : IDisposable
{
    private readonly XGraphics _graphics;
    private readonly XFont _font;

    public TextFitTests()
    {
        PdfFonts.Install();
        _graphics = XGraphics.CreateMeasureContext(new XSize(600, 800), XGraphicsUnit.Point, XPageDirection.Downwards, new RenderEvents());
        _font = SheetPainter.Font(10);
    }

    public void Dispose() => _graphics.Dispose();

    private double Width(string text) => _graphics.MeasureString(text, _font).Width;

    [Fact]
    public void Text_that_fits_is_one_line_as_typed()
    {
        Assert.Equal(["Headlights on the highway"], TextFit.Wrap(_graphics, "Headlights on the highway", _font, 400, 3));
        Assert.Equal("Headlights", TextFit.Line(_graphics, "Headlights", _font, 400));
    }

    [Fact]
    public void Lines_break_at_spaces_keep_typed_line_breaks_and_never_exceed_the_width()
    {
        var text = "we never stop we never stop\r\nheadlights on the highway headlights on the highway";
        var lines = TextFit.Wrap(_graphics, text, _font, 90, 20);

        Assert.Equal(text.Replace("\r\n", " ", StringComparison.Ordinal), string.Join(" ", lines));
        Assert.All(lines, line => Assert.True(Width(line) <= 90, $"“{line}” is wider than 90 pt"));
        Assert.Contains("stop", lines.First(l => l.EndsWith("stop", StringComparison.Ordinal)));
        Assert.StartsWith("headlights", lines.SkipWhile(l => !l.EndsWith("stop", StringComparison.Ordinal)).Skip(1).First());
    }

    [Fact]
    public void Text_past_the_last_line_is_cut_and_ends_with_an_ellipsis_that_fits()
    {
        var lines = TextFit.Wrap(_graphics, string.Join(" ", Enumerable.Repeat("lyric", 200)), _font, 120, 3);

        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[^1]);
        Assert.All(lines, line => Assert.True(Width(line) <= 120));
        Assert.EndsWith("…", TextFit.Line(_graphics, new string('m', 300), _font, 50));
        Assert.True(Width(TextFit.Line(_graphics, new string('m', 300), _font, 50)) <= 50);
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_between_characters_without_splitting_an_emoji()
    {
        var word = string.Concat(Enumerable.Repeat("🎸ab", 40));
        var lines = TextFit.Wrap(_graphics, word, _font, 60, 50);

        Assert.True(lines.Count > 1);
        Assert.Equal(word, string.Concat(lines));
        Assert.All(lines, line => Assert.False(char.IsHighSurrogate(line[^1]), $"“{line}” ends inside a surrogate pair"));
    }

    [Fact]
    public void Empty_text_or_no_room_gives_no_lines()
    {
        Assert.Empty(TextFit.Wrap(_graphics, "", _font, 100, 3));
        Assert.Empty(TextFit.Wrap(_graphics, "  \n ", _font, 100, 3));
        Assert.Empty(TextFit.Wrap(_graphics, "words", _font, 100, 0));
        Assert.Empty(TextFit.Wrap(_graphics, null, _font, 100, 3));
    }
}
