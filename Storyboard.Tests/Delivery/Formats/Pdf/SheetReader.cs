using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Storyboard.Tests.Delivery.Formats.Pdf;

/// <summary>One page of a storyboard sheet read back with PdfPig: its size, its text as lines and its images.</summary>
public sealed record SheetPage(int Number, double Width, double Height, IReadOnlyList<SheetLine> Lines, IReadOnlyList<SheetImage> Images)
{
    public IEnumerable<string> Texts => Lines.Select(l => l.Text);

    public bool Has(string line) => Lines.Any(l => l.Text == line);

    public override string ToString() => $"page {Number}:\n" + string.Join("\n", Texts);
}

/// <summary>One drawn string: the letters of one line in the order they were written, with the box around them.</summary>
public sealed record SheetLine(string Text, PdfRectangle Box, double MinPointSize);

public sealed record SheetImage(PdfRectangle Bounds, int WidthInSamples, int HeightInSamples, bool IsJpeg, byte[] Bytes);

public static class SheetReader
{
    public static (DocumentInformation Info, IReadOnlyList<SheetPage> Pages) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(page => new SheetPage(page.Number, page.Width, page.Height, LinesOf(page),
            page.GetImages().Select(i => new SheetImage(i.BoundingBox, i.WidthInSamples, i.HeightInSamples,
                i.ImageDictionary.TryGet(UglyToad.PdfPig.Tokens.NameToken.Filter, out var filter) && filter.ToString()!.Contains("DCTDecode"), i.RawBytes.ToArray())).ToList())).ToList();
        return (document.Information, pages);
    }

    /// <summary>
    /// Letters in content order, split into lines where the baseline changes or the pen jumps back or far ahead (each
    /// DrawString of the sheet is one line).
    /// </summary>
    private static List<SheetLine> LinesOf(Page page)
    {
        var lines = new List<SheetLine>();
        var current = new List<Letter>();
        foreach (var letter in page.Letters)
        {
            if (current.Count > 0)
            {
                var last = current[^1];
                var jump = letter.StartBaseLine.X - last.EndBaseLine.X;
                if (Math.Abs(letter.StartBaseLine.Y - last.StartBaseLine.Y) > 0.1 || jump < -0.5 || jump > last.PointSize * 2)
                {
                    lines.Add(Line(current));
                    current = [];
                }
            }
            current.Add(letter);
        }
        if (current.Count > 0)
        {
            lines.Add(Line(current));
        }
        return lines;
    }

    private static SheetLine Line(List<Letter> letters)
    {
        var boxes = letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => l.BoundingBox).DefaultIfEmpty(letters[0].BoundingBox).ToList();
        var box = new PdfRectangle(boxes.Min(b => b.Left), boxes.Min(b => b.Bottom), boxes.Max(b => b.Right), boxes.Max(b => b.Top));
        return new SheetLine(string.Concat(letters.Select(l => l.Value)), box, letters.Min(l => l.PointSize));
    }
}
