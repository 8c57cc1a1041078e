using SkiaSharp;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.DraftCards;

/// <summary>
/// The frame of a card: a figure seen as the shot size frames it (a face filling the frame for an extreme close-up, a
/// small figure on the horizon for an extreme wide shot), a map of that framing on the whole figure, and the camera
/// move drawn over it as arrows.
/// </summary>
internal static class ShotSchematic
{
    // The figure is drawn in units of its own height: top of the head at 0, feet at 1.

    /// <summary>How much of the figure's height the frame spans, and where the frame's top edge is.</summary>
    internal static (float Span, float Top) Framing(ShotSize size) => size switch
    {
        ShotSize.ExtremeCloseUp => (0.075f, 0.025f),
        ShotSize.CloseUp => (0.2f, -0.02f),
        ShotSize.MediumCloseUp => (0.32f, -0.03f),
        ShotSize.MediumShot => (0.55f, -0.05f),
        ShotSize.MediumWideShot => (0.82f, -0.06f),
        ShotSize.WideShot => (1.45f, -0.2f),
        ShotSize.ExtremeWideShot => (4.2f, -2.4f),
        _ => (1.45f, -0.2f),
    };

    public static void Draw(SKCanvas canvas, SKRect frame, ShotSize size, CameraMove move, SKColor accent, float unit)
    {
        using var sky = new SKPaint { Color = new SKColor(0xE6, 0xE4, 0xDE), IsAntialias = true };
        canvas.DrawRect(frame, sky);

        var (span, top) = Framing(size);
        var scale = frame.Height / span;
        var centreX = frame.MidX;
        SKPoint At(float x, float y) => new(centreX + x * scale, frame.Top + (y - top) * scale);

        canvas.Save();
        canvas.ClipRect(frame);
        // The ground from the feet down.
        var groundY = At(0, 1).Y;
        if (groundY < frame.Bottom)
        {
            using var ground = new SKPaint { Color = new SKColor(0xD3, 0xD0, 0xC7), IsAntialias = true };
            canvas.DrawRect(new SKRect(frame.Left, Math.Max(frame.Top, groundY), frame.Right, frame.Bottom), ground);
        }
        using var figure = new SKPaint
        {
            Color = size == ShotSize.Unset ? new SKColor(0x9A, 0x97, 0x90) : new SKColor(0x55, 0x58, 0x60),
            IsAntialias = true,
        };
        DrawFigure(canvas, figure, At, scale);
        canvas.Restore();

        DrawMove(canvas, frame, move, accent, unit);

        using var border = new SKPaint
        {
            Color = new SKColor(0x1E, 0x21, 0x28), Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1, unit * 0.12f),
            IsAntialias = true,
        };
        canvas.DrawRect(Inset(frame, border.StrokeWidth / 2), border);
    }

    /// <summary>A plain figure: head, neck, torso, arms, legs.</summary>
    private static void DrawFigure(SKCanvas canvas, SKPaint paint, Func<float, float, SKPoint> at, float scale)
    {
        var head = at(0, 0.065f);
        canvas.DrawCircle(head, 0.062f * scale, paint);
        using var eyes = new SKPaint { Color = new SKColor(0xE6, 0xE4, 0xDE), IsAntialias = true };
        canvas.DrawCircle(at(-0.022f, 0.058f), 0.0075f * scale, eyes);
        canvas.DrawCircle(at(0.022f, 0.058f), 0.0075f * scale, eyes);
        using var body = new SKPathBuilder();
        body.MoveTo(at(-0.022f, 0.12f));
        body.LineTo(at(0.022f, 0.12f));
        body.LineTo(at(0.024f, 0.16f));
        body.LineTo(at(0.13f, 0.18f));      // right shoulder
        body.LineTo(at(0.145f, 0.2f));
        body.LineTo(at(0.15f, 0.47f));      // right hand
        body.LineTo(at(0.11f, 0.47f));
        body.LineTo(at(0.1f, 0.27f));       // armpit
        body.LineTo(at(0.095f, 0.52f));     // hip
        body.LineTo(at(0.085f, 0.99f));     // right foot
        body.LineTo(at(0.02f, 0.99f));
        body.LineTo(at(0, 0.56f));          // crotch
        body.LineTo(at(-0.02f, 0.99f));
        body.LineTo(at(-0.085f, 0.99f));
        body.LineTo(at(-0.095f, 0.52f));
        body.LineTo(at(-0.1f, 0.27f));
        body.LineTo(at(-0.11f, 0.47f));
        body.LineTo(at(-0.15f, 0.47f));
        body.LineTo(at(-0.145f, 0.2f));
        body.LineTo(at(-0.13f, 0.18f));
        body.LineTo(at(-0.024f, 0.16f));
        body.Close();
        using var outline = body.Detach();
        canvas.DrawPath(outline, paint);
    }

    /// <summary>
    /// The whole figure in <paramref name="box"/> with the shot's framing as a rectangle in the accent colour (of the
    /// frame's aspect ratio), so the shot sizes compare at a glance. Nothing for an unset shot size.
    /// </summary>
    public static void DrawMap(SKCanvas canvas, SKRect box, float frameAspect, ShotSize size, SKColor accent, float unit)
    {
        if (size == ShotSize.Unset || box.Width < 4 || box.Height < 4)
        {
            return;
        }
        using var back = new SKPaint { Color = new SKColor(0xFF, 0xFF, 0xFF, 0xE0), IsAntialias = true };
        canvas.DrawRect(box, back);
        // The figure and the framing together fill most of the box.
        var (span, top) = Framing(size);
        var low = Math.Min(0, top);
        var high = Math.Max(1, top + span);
        var scale = Math.Min(box.Height * 0.86f / (high - low), box.Width * 0.86f / Math.Max(0.3f, span * frameAspect));
        var origin = new SKPoint(box.MidX, box.MidY - (low + high) / 2 * scale);
        SKPoint At(float x, float y) => new(origin.X + x * scale, origin.Y + y * scale);
        canvas.Save();
        canvas.ClipRect(box);
        using var figure = new SKPaint { Color = new SKColor(0x55, 0x58, 0x60), IsAntialias = true };
        DrawFigure(canvas, figure, At, scale);
        var framing = new SKRect(
            origin.X - span * frameAspect * scale / 2, At(0, top).Y, origin.X + span * frameAspect * scale / 2, At(0, top + span).Y);
        using var outline = new SKPaint
        {
            Color = accent, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1, unit * 0.15f), IsAntialias = true,
        };
        canvas.DrawRect(framing, outline);
        canvas.Restore();
        using var edge = new SKPaint
        {
            Color = new SKColor(0x1E, 0x21, 0x28, 0x80), Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1, unit * 0.06f),
            IsAntialias = true,
        };
        canvas.DrawRect(Inset(box, edge.StrokeWidth / 2), edge);
    }

    /// <summary>The camera move as strokes in the accent colour over the frame.</summary>
    private static void DrawMove(SKCanvas canvas, SKRect frame, CameraMove move, SKColor accent, float unit)
    {
        var stroke = Math.Max(1.5f, Math.Min(frame.Width, frame.Height) * 0.022f);
        using var halo = new SKPaint
        {
            Color = new SKColor(0xFF, 0xFF, 0xFF, 0xC0), Style = SKPaintStyle.Stroke, StrokeWidth = stroke * 2.2f,
            StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round, IsAntialias = true,
        };
        using var pen = new SKPaint
        {
            Color = accent, Style = SKPaintStyle.Stroke, StrokeWidth = stroke, StrokeCap = SKStrokeCap.Round,
            StrokeJoin = SKStrokeJoin.Round, IsAntialias = true,
        };
        using var path = new SKPathBuilder();
        var c = new SKPoint(frame.MidX, frame.MidY);
        var w = frame.Width;
        var h = frame.Height;
        var head = Math.Min(w, h) * 0.06f;
        switch (move)
        {
            case CameraMove.Pan:
                // A shallow arc across the frame: the camera turns on the spot.
                path.MoveTo(frame.Left + w * 0.2f, c.Y - h * 0.25f);
                path.QuadTo(c.X, c.Y - h * 0.4f, frame.Right - w * 0.2f, c.Y - h * 0.25f);
                ArrowHead(path, new SKPoint(c.X, c.Y - h * 0.4f), new SKPoint(frame.Right - w * 0.2f, c.Y - h * 0.25f), head);
                break;
            case CameraMove.Tilt:
                path.MoveTo(frame.Left + w * 0.2f, frame.Bottom - h * 0.2f);
                path.QuadTo(frame.Left + w * 0.1f, c.Y, frame.Left + w * 0.2f, frame.Top + h * 0.2f);
                ArrowHead(path, new SKPoint(frame.Left + w * 0.1f, c.Y), new SKPoint(frame.Left + w * 0.2f, frame.Top + h * 0.2f), head);
                break;
            case CameraMove.Truck:
                // Straight across, with the track under it.
                Arrow(path, new SKPoint(frame.Left + w * 0.15f, frame.Bottom - h * 0.14f), new SKPoint(frame.Right - w * 0.15f, frame.Bottom - h * 0.14f), head);
                path.MoveTo(frame.Left + w * 0.15f, frame.Bottom - h * 0.07f);
                path.LineTo(frame.Right - w * 0.15f, frame.Bottom - h * 0.07f);
                break;
            case CameraMove.Pedestal:
                Arrow(path, new SKPoint(frame.Left + w * 0.12f, frame.Bottom - h * 0.15f), new SKPoint(frame.Left + w * 0.12f, frame.Top + h * 0.15f), head);
                path.MoveTo(frame.Left + w * 0.07f, frame.Bottom - h * 0.15f);
                path.LineTo(frame.Left + w * 0.17f, frame.Bottom - h * 0.15f);
                break;
            case CameraMove.DollyIn:
            case CameraMove.DollyOut:
                foreach (var (dx, dy) in new[] { (-1f, -1f), (1f, -1f), (-1f, 1f), (1f, 1f) })
                {
                    var outer = new SKPoint(c.X + dx * w * 0.42f, c.Y + dy * h * 0.4f);
                    var inner = new SKPoint(c.X + dx * w * 0.24f, c.Y + dy * h * 0.22f);
                    if (move == CameraMove.DollyIn)
                    {
                        Arrow(path, outer, inner, head);
                    }
                    else
                    {
                        Arrow(path, inner, outer, head);
                    }
                }
                break;
            case CameraMove.Zoom:
                // The frame tightening: an inner frame with its corners tied to the outer one.
                var inside = new SKRect(c.X - w * 0.22f, c.Y - h * 0.22f, c.X + w * 0.22f, c.Y + h * 0.22f);
                var outside = Inset(frame, Math.Min(w, h) * 0.06f);
                path.AddRect(inside);
                Arrow(path, new SKPoint(outside.Left, outside.Top), new SKPoint(inside.Left, inside.Top), head);
                Arrow(path, new SKPoint(outside.Right, outside.Top), new SKPoint(inside.Right, inside.Top), head);
                Arrow(path, new SKPoint(outside.Left, outside.Bottom), new SKPoint(inside.Left, inside.Bottom), head);
                Arrow(path, new SKPoint(outside.Right, outside.Bottom), new SKPoint(inside.Right, inside.Bottom), head);
                break;
            case CameraMove.Crane:
                // Rising and swinging over.
                path.MoveTo(frame.Left + w * 0.15f, frame.Bottom - h * 0.15f);
                path.QuadTo(frame.Left + w * 0.2f, frame.Top + h * 0.12f, frame.Right - w * 0.2f, frame.Top + h * 0.18f);
                ArrowHead(path, new SKPoint(frame.Left + w * 0.2f, frame.Top + h * 0.12f), new SKPoint(frame.Right - w * 0.2f, frame.Top + h * 0.18f), head);
                break;
            case CameraMove.Orbit:
                var ring = new SKRect(c.X - w * 0.36f, frame.Bottom - h * 0.3f, c.X + w * 0.36f, frame.Bottom - h * 0.06f);
                path.AddArc(ring, 200, 300);
                var end = PointOn(ring, 200 + 300);
                var before = PointOn(ring, 200 + 280);
                ArrowHead(path, before, end, head);
                break;
            case CameraMove.Handheld:
                // A wobble across the top of the frame.
                var y = frame.Top + h * 0.12f;
                var step = w * 0.7f / 8;
                path.MoveTo(frame.Left + w * 0.15f, y);
                for (var i = 1; i <= 8; i++)
                {
                    path.LineTo(frame.Left + w * 0.15f + i * step, y + (i % 2 == 0 ? 0 : h * 0.05f));
                }
                break;
            default:
                // Static: a tripod in the top left corner.
                var foot = frame.Top + h * 0.3f;
                var top = new SKPoint(frame.Left + w * 0.12f, frame.Top + h * 0.12f);
                path.AddRect(new SKRect(top.X - head, top.Y - head * 0.8f, top.X + head, top.Y));
                path.MoveTo(top); path.LineTo(top.X - head * 1.2f, foot);
                path.MoveTo(top); path.LineTo(top.X, foot);
                path.MoveTo(top); path.LineTo(top.X + head * 1.2f, foot);
                break;
        }
        canvas.Save();
        canvas.ClipRect(frame);
        using var strokes = path.Detach();
        canvas.DrawPath(strokes, halo);
        canvas.DrawPath(strokes, pen);
        canvas.Restore();
    }

    private static SKPoint PointOn(SKRect oval, float degrees)
    {
        var radians = degrees * MathF.PI / 180;
        return new SKPoint(oval.MidX + oval.Width / 2 * MathF.Cos(radians), oval.MidY + oval.Height / 2 * MathF.Sin(radians));
    }

    private static void Arrow(SKPathBuilder path, SKPoint from, SKPoint to, float head)
    {
        path.MoveTo(from);
        path.LineTo(to);
        ArrowHead(path, from, to, head);
    }

    /// <summary>Two barbs at <paramref name="tip"/>, pointing along the direction from <paramref name="from"/>.</summary>
    private static void ArrowHead(SKPathBuilder path, SKPoint from, SKPoint tip, float head)
    {
        var dx = tip.X - from.X;
        var dy = tip.Y - from.Y;
        var length = MathF.Sqrt(dx * dx + dy * dy);
        if (length <= 0)
        {
            return;
        }
        dx /= length;
        dy /= length;
        const float spread = 0.55f;
        path.MoveTo(tip.X - head * (dx - spread * dy), tip.Y - head * (dy + spread * dx));
        path.LineTo(tip);
        path.LineTo(tip.X - head * (dx + spread * dy), tip.Y - head * (dy - spread * dx));
    }

    internal static SKRect Inset(SKRect rect, float by) => new(rect.Left + by, rect.Top + by, rect.Right - by, rect.Bottom - by);
}
