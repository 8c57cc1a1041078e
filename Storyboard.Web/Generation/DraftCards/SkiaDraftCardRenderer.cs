using SkiaSharp;

namespace Storyboard.Web.Generation.DraftCards;

/// <summary>
/// Draws draft cards with SkiaSharp and the embedded DejaVu Sans. Every size is a share of the card's shorter side,
/// so a 480×270 card and a 3840×2160 one look alike; landscape cards put the frame beside the text, portrait and
/// square ones above it. Each text region is clipped to its box, so nothing is drawn past the margins.
/// </summary>
public sealed class SkiaDraftCardRenderer : IDraftCardRenderer
{
    private static readonly SKColor Paper = new(0xF7, 0xF5, 0xF0);
    private static readonly SKColor Ink = new(0x1E, 0x21, 0x28);
    private static readonly SKColor Muted = new(0x5A, 0x5F, 0x6A);
    /// <summary>Storyboard's blue, the scene colour's default.</summary>
    private static readonly SKColor DefaultAccent = new(0x5B, 0x7F, 0xE0);

    public byte[] RenderPng(DraftCard card, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(card);
        CheckSide(width, nameof(width));
        CheckSide(height, nameof(height));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"Skia could not make a {width}×{height} surface.");
        Draw(surface.Canvas, card, width, height);
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("Skia could not encode the card as PNG.");
        return png.ToArray();
    }

    private static void CheckSide(int value, string name)
    {
        if (value is < IDraftCardRenderer.MinSide or > IDraftCardRenderer.MaxSide)
        {
            throw new ArgumentOutOfRangeException(name, value,
                $"A draft card's {name} must be {IDraftCardRenderer.MinSide} to {IDraftCardRenderer.MaxSide} pixels; {value} was asked.");
        }
    }

    /// <summary>The card's layout unit: 1/54 of the shorter side (20 px on a 1920×1080 card).</summary>
    internal static float Unit(int width, int height) => Math.Min(width, height) / 54f;

    /// <summary>The margin kept clear of ink on every side.</summary>
    internal static float Margin(int width, int height) => Unit(width, height) * 1.5f;

    /// <summary>The height of the coloured header band holding the clip's name and times.</summary>
    internal static float HeaderHeight(int width, int height) => Unit(width, height) * 3.8f;

    private static void Draw(SKCanvas canvas, DraftCard card, int width, int height)
    {
        var u = Unit(width, height);
        var m = Margin(width, height);
        var accent = Accent(card.AccentColor);
        canvas.Clear(Paper);

        // Header band: the clip's name on the left, its times on the right.
        var band = HeaderHeight(width, height);
        using (var fill = new SKPaint { Color = accent, IsAntialias = true })
        {
            canvas.DrawRect(new SKRect(0, 0, width, band), fill);
        }
        var onAccent = Luminance(accent) > 0.5 ? Ink : SKColors.White;
        var content = new SKRect(m, 0, width - m, height);
        using var titleFont = DraftCardFonts.Create(DraftCardFonts.Bold, u * 1.7f);
        using var timeFont = DraftCardFonts.Create(DraftCardFonts.Regular, u * 1.2f);
        var times = Join("  ·  ", Join(" – ", card.TimecodeIn, card.TimecodeOut), card.Duration);
        times = TextWrap.Fit(times, timeFont, content.Width * 0.45f);
        var timesWidth = times.Length == 0 ? 0 : timeFont.MeasureText(times);
        var title = TextWrap.Fit(
            string.IsNullOrWhiteSpace(card.ClipName) ? "Untitled clip" : card.ClipName,
            titleFont, content.Width - timesWidth - (timesWidth > 0 ? u * 1.5f : 0));
        using (var paint = new SKPaint { Color = onAccent, IsAntialias = true })
        {
            var headerBox = new SKRect(content.Left, 0, content.Right, band);
            DrawLine(canvas, title, headerBox, titleFont, paint, SKTextAlign.Left);
            DrawLine(canvas, times, headerBox, timeFont, paint, SKTextAlign.Right);
        }

        // Under the band: where the clip belongs.
        var metaBox = new SKRect(content.Left, band, content.Right, band + u * 2.4f);
        using var metaFont = DraftCardFonts.Create(DraftCardFonts.Regular, u * 1.0f);
        using var mutedPaint = new SKPaint { Color = Muted, IsAntialias = true };
        using var inkPaint = new SKPaint { Color = Ink, IsAntialias = true };
        var transition = string.IsNullOrWhiteSpace(card.Transition) ? "" : $"In: {TextWrap.Collapse(card.Transition)}";
        var meta = Join("  ·  ", card.ProjectName, card.SceneName, card.TakeLabel, transition);
        DrawLine(canvas, TextWrap.Fit(meta, metaFont, metaBox.Width), metaBox, metaFont, mutedPaint, SKTextAlign.Left);

        // Footer: what this card is.
        using var footerFont = DraftCardFonts.Create(DraftCardFonts.Bold, u * 0.8f);
        var footerBox = new SKRect(content.Left, height - m - u * 1.4f, content.Right, height - m);
        DrawLine(canvas, "DRAFT CARD", footerBox, footerFont, mutedPaint, SKTextAlign.Right);

        // Body: the frame and its caption, and the texts.
        var body = new SKRect(content.Left, metaBox.Bottom + u * 0.4f, content.Right, footerBox.Top - u * 0.4f);
        var aspect = (float)width / height;
        var captionHeight = u * 2.2f;
        SKRect frame;
        SKRect texts;
        SKRect map;
        float captionRight;
        if (aspect >= 1.2f)
        {
            // Landscape: the frame on the left, the framing map under its caption, the texts on the right.
            frame = Fit(aspect, new SKRect(body.Left, body.Top, body.Left + body.Width * 0.5f, body.Bottom - captionHeight), centre: false);
            texts = new SKRect(frame.Right + u * 1.5f, body.Top, body.Right, body.Bottom);
            var mapTop = frame.Bottom + captionHeight + u * 0.3f;
            var mapHeight = Math.Min(body.Bottom - mapTop, frame.Height * 0.55f);
            map = new SKRect(frame.Left, mapTop, frame.Left + mapHeight * 0.8f, mapTop + mapHeight);
            captionRight = frame.Right;
        }
        else
        {
            // Portrait and square: the frame above the texts, the framing map beside the frame.
            var space = new SKRect(body.Left, body.Top, body.Right, body.Top + body.Height * 0.48f - captionHeight);
            var mapHeight = space.Height * 0.5f;
            var mapWidth = mapHeight * 0.8f;
            frame = Fit(aspect, space, centre: true);
            if (frame.Right + u + mapWidth > space.Right)
            {
                frame = Fit(aspect, new SKRect(space.Left, space.Top, space.Right - mapWidth - u, space.Bottom), centre: true);
            }
            map = new SKRect(frame.Right + u, frame.Bottom - mapHeight, frame.Right + u + mapWidth, frame.Bottom);
            texts = new SKRect(body.Left, frame.Bottom + captionHeight + u * 0.4f, body.Right, body.Bottom);
            captionRight = body.Right;
        }
        if (frame.Width > 1 && frame.Height > 1)
        {
            ShotSchematic.Draw(canvas, frame, card.ShotSize, card.CameraMove, accent, u);
            ShotSchematic.DrawMap(canvas, map, aspect, card.ShotSize, accent, u);
            using var captionFont = DraftCardFonts.Create(DraftCardFonts.Bold, u * 1.05f);
            var caption = $"{DraftCardLabels.Of(card.ShotSize)}  ·  {DraftCardLabels.Of(card.CameraMove)}";
            var captionBox = new SKRect(frame.Left, frame.Bottom, captionRight, frame.Bottom + captionHeight);
            DrawLine(canvas, TextWrap.Fit(caption, captionFont, captionBox.Width), captionBox, captionFont, inkPaint, SKTextAlign.Left);
        }
        if (texts.Width > u * 4 && texts.Height > u * 2)
        {
            DrawTexts(canvas, card, texts, u, inkPaint, mutedPaint);
        }
    }

    private sealed record Section(string Label, string Text, bool Italic, int Cap, int DropOrder);

    /// <summary>
    /// The prompt, negative prompt, lyrics and notes, each under a small label. The prompt gets the lines the others
    /// leave (they are capped at a few); a text that does not fit ends with an ellipsis.
    /// </summary>
    private static void DrawTexts(SKCanvas canvas, DraftCard card, SKRect box, float u, SKPaint ink, SKPaint muted)
    {
        using var labelFont = DraftCardFonts.Create(DraftCardFonts.Bold, u * 0.8f);
        using var bodyFont = DraftCardFonts.Create(DraftCardFonts.Regular, u * 1.15f);
        using var italicFont = DraftCardFonts.Create(DraftCardFonts.Regular, u * 1.15f, italic: true);
        var labelLine = u * 0.8f * 1.6f;
        var bodyLine = u * 1.15f * 1.35f;
        var gap = u * 0.7f;

        var sections = new List<Section>
        {
            new("PROMPT", card.Prompt, false, int.MaxValue, 3),
            new("NEGATIVE PROMPT", card.NegativePrompt, false, 2, 1),
            new("LYRICS", card.Lyrics, true, 4, 2),
            new("NOTES", card.Notes, false, 2, 0),
        }.Where(s => !string.IsNullOrWhiteSpace(s.Text)).ToList();

        canvas.Save();
        canvas.ClipRect(box);
        if (sections.Count == 0)
        {
            using var empty = DraftCardFonts.Create(DraftCardFonts.Regular, u * 1.15f, italic: true);
            DrawLine(canvas, TextWrap.Fit("No prompt yet", empty, box.Width * 0.9f),
                new SKRect(box.Left, box.Top, box.Right, box.Top + bodyLine), empty, muted, SKTextAlign.Left);
            canvas.Restore();
            return;
        }
        // Drop the least important sections until each has its label and at least one line.
        int Lines() => (int)Math.Floor((box.Height - sections.Count * (labelLine + gap) + gap) / bodyLine);
        while (sections.Count > 1 && Lines() < sections.Count)
        {
            sections.Remove(sections.MinBy(s => s.DropOrder)!);
        }
        var total = Lines();
        if (total < 1)
        {
            canvas.Restore();
            return;
        }
        SKFont FontOf(Section s) => s.Italic ? italicFont : bodyFont;
        float WidthOf(Section s) => s.Italic ? box.Width - u * 1.15f * 0.3f : box.Width;
        var needed = sections.Select(s => TextWrap.Wrap(s.Text, FontOf(s), WidthOf(s), total).Count).ToArray();
        var given = new int[sections.Count];
        for (var i = 0; i < sections.Count; i++)
        {
            given[i] = sections[i].Cap == int.MaxValue ? 1 : Math.Min(needed[i], sections[i].Cap);
        }
        // The prompt takes the lines left; then the others may go past their caps while lines remain.
        var left = total - given.Sum();
        foreach (var promptFirst in new[] { true, false })
        {
            for (var i = 0; i < sections.Count && left > 0; i++)
            {
                if (promptFirst && sections[i].Cap != int.MaxValue)
                {
                    continue;
                }
                var more = Math.Min(left, Math.Max(0, needed[i] - given[i]));
                given[i] += more;
                left -= more;
            }
        }
        // Over-budget (too little room for everyone's minimum): trim from the end.
        for (var i = sections.Count - 1; i >= 0 && given.Sum() > total; i--)
        {
            given[i] = Math.Max(1, given[i] - (given.Sum() - total));
        }

        var y = box.Top;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            DrawLine(canvas, TextWrap.Fit(section.Label, labelFont, box.Width),
                new SKRect(box.Left, y, box.Right, y + labelLine), labelFont, muted, SKTextAlign.Left);
            y += labelLine;
            var font = FontOf(section);
            foreach (var line in TextWrap.Wrap(section.Text, font, WidthOf(section), given[i]))
            {
                DrawLine(canvas, line, new SKRect(box.Left, y, box.Right, y + bodyLine), font, ink, SKTextAlign.Left);
                y += bodyLine;
            }
            y += gap;
        }
        canvas.Restore();
    }

    /// <summary>One line of text, vertically centred in <paramref name="box"/>, clipped to it.</summary>
    private static void DrawLine(SKCanvas canvas, string text, SKRect box, SKFont font, SKPaint paint, SKTextAlign align)
    {
        if (text.Length == 0)
        {
            return;
        }
        font.GetFontMetrics(out var metrics);
        var baseline = box.MidY - (metrics.Ascent + metrics.Descent) / 2;
        var x = align == SKTextAlign.Right ? box.Right : box.Left;
        canvas.Save();
        canvas.ClipRect(box);
        canvas.DrawText(text, x, baseline, align, font, paint);
        canvas.Restore();
    }

    /// <summary>The largest rectangle of <paramref name="aspect"/> inside <paramref name="space"/>, at its top.</summary>
    private static SKRect Fit(float aspect, SKRect space, bool centre)
    {
        if (space.Width <= 0 || space.Height <= 0)
        {
            return SKRect.Empty;
        }
        var w = Math.Min(space.Width, space.Height * aspect);
        var h = w / aspect;
        var left = centre ? space.MidX - w / 2 : space.Left;
        return new SKRect(left, space.Top, left + w, space.Top + h);
    }

    private static SKColor Accent(string? value) =>
        value is { Length: > 0 } && SKColor.TryParse(value.Trim(), out var colour) ? colour.WithAlpha(0xFF) : DefaultAccent;

    /// <summary>Relative luminance (WCAG) of an sRGB colour.</summary>
    private static double Luminance(SKColor colour)
    {
        static double Channel(byte c)
        {
            var s = c / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(colour.Red) + 0.7152 * Channel(colour.Green) + 0.0722 * Channel(colour.Blue);
    }

    private static string Join(string separator, params string[] parts) =>
        string.Join(separator, parts.Select(TextWrap.Collapse).Where(p => p.Length > 0));
}
