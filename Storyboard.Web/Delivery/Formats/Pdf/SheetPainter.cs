using System.Globalization;
using PdfSharp.Drawing;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;
using Storyboard.Web.Generation.DraftCards;

namespace Storyboard.Web.Delivery.Formats.Pdf;

/// <summary>
/// Draws a storyboard sheet's pages: the cover, a panel, the footer. All text is real text in DejaVu Sans, wrapped and
/// cut with "…" to stay inside its box, and each panel is clipped to its rectangle as well.
/// </summary>
public sealed class SheetPainter(SheetLayout layout, Cut cut)
{
    private static readonly XPdfFontOptions Unicode = new(PdfSharp.Pdf.PdfFontEncoding.Unicode);
    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x1E, 0x21, 0x28));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x5A, 0x5F, 0x6A));
    private static readonly XBrush Letterbox = new XSolidBrush(XColor.FromArgb(0x14, 0x16, 0x1A));
    private static readonly XPen Frame = new(XColor.FromArgb(0xC8, 0xCB, 0xD2), 0.5);

    private readonly double _body = layout.BodySize;

    public static XFont Font(double size, bool bold = false, bool italic = false) => new(PdfFonts.Family, size,
        (bold ? XFontStyleEx.Bold : XFontStyleEx.Regular) | (italic ? XFontStyleEx.Italic : XFontStyleEx.Regular), Unicode);

    public void Cover(XGraphics graphics, ExportOptions options, DateTimeOffset exportedAt, IReadOnlyList<string> notices)
    {
        var content = new XRect(SheetLayout.Margin, SheetLayout.Margin, layout.PageWidth - 2 * SheetLayout.Margin,
            layout.PageHeight - 2 * SheetLayout.Margin - SheetLayout.FooterHeight);
        var y = content.Top + 24;
        y = Lines(graphics, TextFit.Wrap(graphics, cut.ProjectName, Font(26, bold: true), content.Width, 3), Font(26, bold: true), Ink, content.Left, y, content.Bottom);
        var subtitle = cut.SceneId is null ? "Storyboard" : $"Storyboard · {cut.Title}";
        y = Lines(graphics, TextFit.Wrap(graphics, subtitle, Font(14), content.Width, 2), Font(14), Muted, content.Left, y + 4, content.Bottom);
        y += 18;

        var rate = cut.Rate;
        var rows = new List<(string Label, string Value)>
        {
            ("Song", cut.Song is { } song ? $"{song.OriginalFileName} ({Clock(TimeSpan.FromMicroseconds(song.DurationMicroseconds))})" : "No song"),
            ("Exported", exportedAt.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            ("Shots", cut.Clips.Count.ToString(CultureInfo.InvariantCulture)),
            ("Length", $"{Timecode.Short(cut.LengthFrames, rate)} ({Timecode.Format(cut.LengthFrames, rate)} at {rate.Label} fps)"),
            ("Picture", $"{cut.Resolution.Width} × {cut.Resolution.Height}"),
            ("Sheet", $"{options.PanelsPerPage} panel{(options.PanelsPerPage == 1 ? "" : "s")} per page, {options.Paper} {options.Orientation.ToString().ToLowerInvariant()}"),
        };
        var label = Font(12, bold: true);
        var value = Font(12);
        const double labelWidth = 90;
        foreach (var (name, text) in rows)
        {
            var lines = TextFit.Wrap(graphics, text, value, content.Width - labelWidth, 2);
            graphics.DrawString(name, label, Muted, new XPoint(content.Left, y), XStringFormats.TopLeft);
            y = Lines(graphics, lines, value, Ink, content.Left + labelWidth, y, content.Bottom) + 4;
        }

        if (cut.Clips.Count == 0)
        {
            y = Lines(graphics, ["No shots yet"], Font(16, bold: true), Ink, content.Left, y + 18, content.Bottom);
        }
        if (notices.Count > 0 && y + 60 < content.Bottom)
        {
            y = Lines(graphics, ["Left out or replaced"], Font(12, bold: true), Ink, content.Left, y + 18, content.Bottom) + 2;
            var note = Font(10);
            var budget = (int)((content.Bottom - y) / (10 * 1.25));
            foreach (var notice in notices)
            {
                var lines = TextFit.Wrap(graphics, "• " + notice, note, content.Width, Math.Min(3, budget));
                budget -= lines.Count;
                y = Lines(graphics, lines, note, Muted, content.Left, y, content.Bottom);
                if (budget <= 0)
                {
                    break;
                }
            }
        }
    }

    public void Panel(XGraphics graphics, int slot, CutClip clip, XImage? image)
    {
        var panel = layout.Panel(slot);
        var state = graphics.Save();
        graphics.IntersectClip(panel);
        var box = layout.PictureBox(panel);
        graphics.DrawRectangle(Letterbox, box);
        if (image is not null && image.PixelWidth > 0 && image.PixelHeight > 0)
        {
            // Letterboxed, never stretched: the whole picture inside the box at its own aspect ratio.
            var scale = Math.Min(box.Width / image.PixelWidth, box.Height / image.PixelHeight);
            var (w, h) = (image.PixelWidth * scale, image.PixelHeight * scale);
            graphics.DrawImage(image, box.X + (box.Width - w) / 2, box.Y + (box.Height - h) / 2, w, h);
        }
        graphics.DrawRectangle(Frame, box);
        PanelText(graphics, layout.TextBox(panel), clip);
        graphics.Restore(state);
    }

    private void PanelText(XGraphics graphics, XRect box, CutClip clip)
    {
        var title = Font(_body * 1.2, bold: true);
        var body = Font(_body);
        var lyricsFont = Font(_body, italic: true);
        var leading = _body * 1.25;
        var bottom = box.Bottom;
        var y = box.Top;

        var start = clip.StartFrame + cut.SongOffsetFrames;
        var seconds = clip.LengthFrames * (double)cut.Rate.Denominator / cut.Rate.Numerator;
        var timing = string.Create(CultureInfo.InvariantCulture,
            $"{Timecode.Format(start, cut.Rate)} – {Timecode.Format(start + clip.LengthFrames, cut.Rate)} · {seconds:0.##} s ({clip.LengthFrames} f)");
        var section = string.Join(" · ", new[] { clip.SectionLabel, clip.SceneName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var shot = string.Join(" · ", new[]
        {
            clip.ShotSize == ShotSize.Unset ? "" : DraftCardLabels.Of(clip.ShotSize),
            DraftCardLabels.Of(clip.CameraMove),
            clip.TransitionIn switch
            {
                TransitionKind.Cut => "",
                TransitionKind.FadeFromBlack => $"fade from black {clip.TransitionFrames} f",
                var kind => $"{kind.ToString().ToLowerInvariant()} {clip.TransitionFrames} f",
            },
        }.Where(s => s.Length > 0));

        // A long name takes a second line only where the panel has room for eight.
        var nameLines = box.Height >= 8 * leading ? 2 : 1;
        y = Lines(graphics, TextFit.Wrap(graphics, $"{clip.Number} · {clip.Name}", title, box.Width, nameLines), title, Ink, box.Left, y, bottom);
        y = Lines(graphics, TextFit.Wrap(graphics, timing, body, box.Width, 2), body, Ink, box.Left, y, bottom);
        if (section.Length > 0)
        {
            y = Lines(graphics, [TextFit.Line(graphics, section, body, box.Width)], body, Muted, box.Left, y, bottom);
        }
        y = Lines(graphics, TextFit.Wrap(graphics, shot, body, box.Width, 2), body, Muted, box.Left, y, bottom);

        // Lyrics and notes share what is left; notes keep at least a third of it when both are long.
        var left = (int)Math.Floor((bottom - y) / leading);
        var notes = string.IsNullOrWhiteSpace(clip.Notes) ? "" : "Notes: " + clip.Notes.Trim();
        var lyricLines = TextFit.Wrap(graphics, clip.Lyrics, lyricsFont, box.Width, left);
        var noteLines = TextFit.Wrap(graphics, notes, body, box.Width, left);
        if (lyricLines.Count + noteLines.Count > left)
        {
            var noteQuota = Math.Min(noteLines.Count, left >= 2 ? Math.Max(1, left / 3) : 0);
            noteQuota = Math.Max(noteQuota, left - lyricLines.Count);
            lyricLines = TextFit.Wrap(graphics, clip.Lyrics, lyricsFont, box.Width, left - noteQuota);
            noteLines = TextFit.Wrap(graphics, notes, body, box.Width, noteQuota);
        }
        y = Lines(graphics, lyricLines, lyricsFont, Ink, box.Left, y, bottom);
        Lines(graphics, noteLines, body, Muted, box.Left, y, bottom);
    }

    public void Footer(XGraphics graphics, int page, int pages)
    {
        var font = Font(8);
        var top = layout.PageHeight - SheetLayout.Margin - SheetLayout.FooterHeight + 8;
        var width = layout.PageWidth - 2 * SheetLayout.Margin;
        graphics.DrawString(TextFit.Line(graphics, cut.ProjectName, font, width * 0.7), font, Muted,
            new XPoint(SheetLayout.Margin, top), XStringFormats.TopLeft);
        graphics.DrawString($"Page {page} of {pages}", font, Muted,
            new XPoint(layout.PageWidth - SheetLayout.Margin, top), XStringFormats.TopRight);
    }

    /// <summary>Draws lines from <paramref name="y"/> down while they fit above <paramref name="bottom"/>; returns the next y.</summary>
    private static double Lines(XGraphics graphics, IEnumerable<string> lines, XFont font, XBrush brush, double x, double y, double bottom)
    {
        var leading = font.Size * 1.25;
        foreach (var line in lines)
        {
            if (y + leading > bottom + 0.01)
            {
                break;
            }
            graphics.DrawString(line, font, brush, new XPoint(x, y), XStringFormats.TopLeft);
            y += leading;
        }
        return y;
    }

    /// <summary>"3:12", or "1:02:03" from an hour on.</summary>
    private static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
