using PdfSharp.Drawing;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats.Pdf;

/// <summary>
/// Where things go on a storyboard sheet, in points (1/72 inch): the paper, the grid of panels, and inside a panel the
/// picture box (the project's aspect ratio) above the text. Pure geometry, no drawing.
/// </summary>
public sealed record SheetLayout
{
    public const double Margin = 36;
    public const double FooterHeight = 18;
    public const double Gutter = 14;
    /// <summary>Pictures are embedded at about this many pixels per inch of paper.</summary>
    public const double PictureDpi = 150;

    public required double PageWidth { get; init; }
    public required double PageHeight { get; init; }
    public required int Columns { get; init; }
    public required int Rows { get; init; }
    /// <summary>Width over height of a picture box: the project's, else 16:9.</summary>
    public required double Aspect { get; init; }

    public int PanelsPerPage => Columns * Rows;

    /// <summary>The area panels share: the page less its margins and the footer band.</summary>
    public XRect Content => new(Margin, Margin, PageWidth - 2 * Margin, PageHeight - 2 * Margin - FooterHeight);

    public double PanelWidth => (Content.Width - (Columns - 1) * Gutter) / Columns;
    public double PanelHeight => (Content.Height - (Rows - 1) * Gutter) / Rows;

    /// <summary>The body text size: smaller for small panels, never below 7 pt.</summary>
    public double BodySize => Math.Clamp(Math.Min(PanelWidth / 30, PanelHeight / 20), 7, 11);

    /// <exception cref="ArgumentException">The options ask for a panel count other than 1, 4, 6 or 9.</exception>
    public static SheetLayout For(ExportOptions options, Resolution resolution)
    {
        if (!ExportOptions.PanelCounts.Contains(options.PanelsPerPage))
        {
            throw new ArgumentException(
                $"A storyboard sheet has 1, 4, 6 or 9 panels per page; {options.PanelsPerPage} was asked.", nameof(options));
        }
        var (shortSide, longSide) = options.Paper switch
        {
            PaperSize.A4 => (595.276, 841.89),
            PaperSize.Letter => (612.0, 792.0),
            _ => throw new ArgumentException($"Unknown paper size {options.Paper}.", nameof(options)),
        };
        var landscape = options.Orientation switch
        {
            PageOrientation.Landscape => true,
            PageOrientation.Portrait => false,
            _ => throw new ArgumentException($"Unknown orientation {options.Orientation}.", nameof(options)),
        };
        // Six panels sit three across on a landscape page and two across on a portrait one.
        var (columns, rows) = options.PanelsPerPage switch
        {
            1 => (1, 1),
            4 => (2, 2),
            6 => landscape ? (3, 2) : (2, 3),
            _ => (3, 3),
        };
        var aspect = resolution.Width > 0 && resolution.Height > 0 ? (double)resolution.Width / resolution.Height : 16.0 / 9;
        return new SheetLayout
        {
            PageWidth = landscape ? longSide : shortSide,
            PageHeight = landscape ? shortSide : longSide,
            Columns = columns,
            Rows = rows,
            Aspect = aspect,
        };
    }

    /// <summary>The <paramref name="index"/>th panel on a page, left to right, then top to bottom.</summary>
    public XRect Panel(int index)
    {
        var (row, column) = Math.DivRem(index, Columns);
        var content = Content;
        return new XRect(content.X + column * (PanelWidth + Gutter), content.Y + row * (PanelHeight + Gutter), PanelWidth, PanelHeight);
    }

    /// <summary>The picture box at the top of a panel: the project's aspect, at most 58 % of the panel's height, centred.</summary>
    public XRect PictureBox(XRect panel)
    {
        var width = Math.Min(panel.Width, panel.Height * 0.58 * Aspect);
        var height = width / Aspect;
        return new XRect(panel.X + (panel.Width - width) / 2, panel.Y, width, height);
    }

    /// <summary>The text area below the picture.</summary>
    public XRect TextBox(XRect panel)
    {
        var picture = PictureBox(panel);
        var top = picture.Bottom + BodySize * 0.6;
        return new XRect(panel.X, top, panel.Width, Math.Max(0, panel.Bottom - top));
    }

    /// <summary>The picture's size in pixels at <see cref="PictureDpi"/>.</summary>
    public (int Width, int Height) PicturePixels()
    {
        var box = PictureBox(Panel(0));
        return ((int)Math.Ceiling(box.Width / 72 * PictureDpi), (int)Math.Ceiling(box.Height / 72 * PictureDpi));
    }

    /// <summary>Pages after the cover for <paramref name="clips"/> clips.</summary>
    public int PanelPages(int clips) => (clips + PanelsPerPage - 1) / PanelsPerPage;
}
