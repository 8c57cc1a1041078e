using System.Security.Cryptography;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Storyboard.Web.Delivery.Formats.Pdf;

/// <summary>
/// The PDF storyboard sheet: a cover page (project, song, date, shots, length), then the main takes in time order as
/// panels, 1, 4, 6 or 9 to a page on A4 or Letter, each with its picture letterboxed into the project's aspect and its
/// shot number, name, timecodes, duration, section, shot size, camera move, lyrics and notes as real text.
/// </summary>
public sealed class PdfSheetFormat(PanelPictures pictures, TimeProvider clock) : IExportFormat
{
    public string Key => "pdf";
    public string Label => "PDF storyboard sheet";
    public string Editors => "Any PDF reader: print it, or share it with the artist and the label";
    public string Extension => ".pdf";
    public string ContentType => "application/pdf";
    public int Order => 60;

    /// <exception cref="ArgumentException">The options ask for a panel count other than 1, 4, 6 or 9.</exception>
    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cut);
        ArgumentNullException.ThrowIfNull(options);
        var layout = SheetLayout.For(options, cut.Resolution);
        PdfFonts.Install();
        foreach (var notice in cut.Notices)
        {
            report.Add(notice);
        }
        if (cut.Alternates.Count > 0)
        {
            report.Add($"The PDF storyboard sheet shows the main takes only: {Plural(cut.Alternates.Count, "alternate take")} left out.");
        }
        var drafts = cut.Clips.Count(c => c.Media.Kind == CutMediaKind.Draft);
        if (drafts > 0)
        {
            report.Add($"{Plural(drafts, "shot")} without a chosen image or video: the sheet shows {(drafts == 1 ? "its" : "their")} Draft card{(drafts == 1 ? "" : "s")}.");
        }

        var (width, height) = layout.PicturePixels();
        var jpegs = await pictures.GetAsync(cut, cut.Clips, width, report, cancellationToken);
        var exportedAt = cut.CreatedAt != default ? cut.CreatedAt : clock.GetUtcNow();

        using var document = new PdfDocument();
        document.Info.Title = $"{cut.Title} – storyboard";
        document.Info.Author = "Storyboard";
        document.Info.Subject = $"Storyboard sheet of {cut.ProjectName}: {Plural(cut.Clips.Count, "shot")}";
        document.Info.Creator = "Storyboard";
        document.Info.CreationDate = exportedAt.UtcDateTime;

        var pageCount = 1 + layout.PanelPages(cut.Clips.Count);
        var painter = new SheetPainter(layout, cut);
        using (var cover = XGraphics.FromPdfPage(AddPage(document, layout)))
        {
            painter.Cover(cover, options, exportedAt, report.Notices);
            painter.Footer(cover, 1, pageCount);
        }

        var images = new Dictionary<string, XImage>();
        var streams = new List<MemoryStream>();
        try
        {
            for (var pageIndex = 1; pageIndex < pageCount; pageIndex++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var graphics = XGraphics.FromPdfPage(AddPage(document, layout));
                var first = (pageIndex - 1) * layout.PanelsPerPage;
                for (var slot = 0; slot < layout.PanelsPerPage && first + slot < cut.Clips.Count; slot++)
                {
                    var clip = cut.Clips[first + slot];
                    var image = await ImageAsync(cut, clip, jpegs[first + slot], width, height, images, streams, report, cancellationToken);
                    painter.Panel(graphics, slot, clip, image);
                }
                painter.Footer(graphics, pageIndex + 1, pageCount);
            }
            using var buffer = new MemoryStream();
            await document.SaveAsync(buffer, closeStream: false);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            foreach (var image in images.Values)
            {
                image.Dispose();
            }
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static PdfPage AddPage(PdfDocument document, SheetLayout layout)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(layout.PageWidth);
        page.Height = XUnit.FromPoint(layout.PageHeight);
        return page;
    }

    /// <summary>
    /// The clip's picture for PDFsharp, shared between clips showing the same file; a picture PDFsharp cannot read is
    /// replaced by the clip's Draft card, with a notice.
    /// </summary>
    private async Task<XImage?> ImageAsync(Cut cut, CutClip clip, byte[] jpeg, int width, int height, Dictionary<string, XImage> images,
        List<MemoryStream> streams, ExportReport report, CancellationToken cancellationToken)
    {
        if (Load(jpeg, images, streams) is { } image)
        {
            return image;
        }
        report.Add(PanelPictures.Missing(clip));
        return Load(await pictures.DraftAsync(cut, clip, width, height, cancellationToken), images, streams);
    }

    private static XImage? Load(byte[] bytes, Dictionary<string, XImage> images, List<MemoryStream> streams)
    {
        var key = Convert.ToHexString(SHA256.HashData(bytes));
        if (images.TryGetValue(key, out var known))
        {
            return known;
        }
        // PDFsharp reads the stream again when it writes the document: it stays open until then.
        var stream = new MemoryStream(bytes, writable: false);
        try
        {
            var image = XImage.FromStream(stream);
            streams.Add(stream);
            images[key] = image;
            return image;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or IOException)
        {
            stream.Dispose();
            return null;
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
