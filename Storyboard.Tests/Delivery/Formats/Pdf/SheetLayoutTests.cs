using PdfSharp.Fonts;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats.Pdf;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats.Pdf;

/// <summary>The sheet's geometry and its font resolver, without writing a PDF.</summary>
public sealed class SheetLayoutTests
{
    public static TheoryData<int, PageOrientation, int, int> Grids => new()
    {
        { 1, PageOrientation.Landscape, 1, 1 },
        { 4, PageOrientation.Portrait, 2, 2 },
        { 6, PageOrientation.Landscape, 3, 2 },
        { 6, PageOrientation.Portrait, 2, 3 },
        { 9, PageOrientation.Landscape, 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Grids))]
    public void Panels_form_a_grid_inside_the_margins_with_a_picture_box_of_the_projects_aspect(int perPage, PageOrientation orientation, int columns, int rows)
    {
        foreach (var paper in new[] { PaperSize.A4, PaperSize.Letter })
        {
            var layout = SheetLayout.For(new ExportOptions { PanelsPerPage = perPage, Orientation = orientation, Paper = paper }, new Resolution(1920, 1080));

            Assert.Equal((columns, rows), (layout.Columns, layout.Rows));
            var panels = Enumerable.Range(0, perPage).Select(layout.Panel).ToList();
            Assert.All(panels, panel =>
            {
                Assert.True(panel.Left >= SheetLayout.Margin - 0.01 && panel.Right <= layout.PageWidth - SheetLayout.Margin + 0.01);
                Assert.True(panel.Top >= SheetLayout.Margin - 0.01 && panel.Bottom <= layout.PageHeight - SheetLayout.Margin - SheetLayout.FooterHeight + 0.01);
                var box = layout.PictureBox(panel);
                Assert.Equal(16.0 / 9, box.Width / box.Height, 3);
                Assert.True(box.Width <= panel.Width + 0.01 && box.Bottom < panel.Bottom);
                Assert.True(layout.TextBox(panel).Height >= 4 * layout.BodySize, "room for at least four lines of text");
            });
            // No two panels overlap.
            Assert.All(panels.SelectMany((a, i) => panels.Skip(i + 1).Select(b => (a, b))), pair => Assert.True(Intersection(pair.a, pair.b) < 0.01));
            Assert.InRange(layout.BodySize, 7, 11);
        }
    }

    private static double Intersection(PdfSharp.Drawing.XRect a, PdfSharp.Drawing.XRect b)
    {
        var copy = a;
        copy.Intersect(b);
        return copy.IsEmpty ? 0 : copy.Width * copy.Height;
    }

    [Fact]
    public void Pictures_are_asked_for_at_about_150_dpi_of_their_box()
    {
        var layout = SheetLayout.For(new ExportOptions { PanelsPerPage = 1 }, new Resolution(1920, 1080));
        var box = layout.PictureBox(layout.Panel(0));

        var (width, height) = layout.PicturePixels();

        Assert.Equal(box.Width / 72 * 150, width, 1.0);
        Assert.Equal(box.Height / 72 * 150, height, 1.0);
    }

    [Fact]
    public void The_font_resolver_can_be_installed_again_from_many_threads_and_serves_regular_and_bold_dejavu()
    {
        Parallel.For(0, 16, _ => PdfFonts.Install());
        PdfFonts.Install();

        var resolver = Assert.IsType<PdfFonts>(GlobalFontSettings.FontResolver);
        var bold = resolver.ResolveTypeface("Arial", bold: true, italic: false);
        var italic = resolver.ResolveTypeface(PdfFonts.Family, bold: false, italic: true);
        Assert.NotEqual(bold.FaceName, italic.FaceName);
        Assert.True(italic.MustSimulateItalic);
        Assert.False(bold.MustSimulateBold);
        Assert.NotEmpty(resolver.GetFont(bold.FaceName)!);
        Assert.NotEmpty(resolver.GetFont(italic.FaceName)!);
        Assert.Null(resolver.GetFont("Comic Sans"));
    }
}
