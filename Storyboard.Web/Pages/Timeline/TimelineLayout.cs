using System.Globalization;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>
/// The timeline's geometry, in pure integer-rational maths: a window <see cref="ViewportWidth"/> pixels wide starting
/// at frame <see cref="At"/>, at <see cref="Zoom"/> pixels per second. The zoom runs from the whole timeline fitting
/// one screen to frame level (<see cref="PixelsPerFrameAtMaxZoom"/> pixels a frame).
/// </summary>
public sealed class TimelineLayout
{
    public const int ViewportWidth = 1200;
    public const int MinZoom = 1;
    public const int PixelsPerFrameAtMaxZoom = 40;
    /// <summary>Ruler labels sit at least this far apart.</summary>
    public const int MinTickSpacing = 90;

    private static readonly int[] TickSeconds = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
    private static readonly int[] TickFramesUnderASecond = [1, 2, 5, 10];

    private TimelineLayout(FrameRate rate, long endFrame, int zoom, long at)
    {
        Rate = rate;
        EndFrame = endFrame;
        Zoom = zoom;
        At = at;
    }

    public FrameRate Rate { get; }
    public long EndFrame { get; }
    /// <summary>Pixels per second.</summary>
    public int Zoom { get; }
    /// <summary>The frame at the left edge.</summary>
    public long At { get; }

    public static int MaxZoom(FrameRate rate) => TimeText.NominalFps(rate) * PixelsPerFrameAtMaxZoom;

    /// <summary>The largest zoom at which frames 0 to <paramref name="endFrame"/> fit the viewport.</summary>
    public static int FitZoom(FrameRate rate, long endFrame) =>
        (int)Math.Clamp((long)((Int128)ViewportWidth * rate.Numerator / ((Int128)Math.Max(1, endFrame) * rate.Denominator)), MinZoom, MaxZoom(rate));

    /// <summary>The layout for the URL's zoom and left edge, each clamped (no zoom: the whole timeline fits).</summary>
    public static TimelineLayout Create(FrameRate rate, long endFrame, int? zoom, long? at)
    {
        var z = Math.Clamp(zoom ?? FitZoom(rate, endFrame), MinZoom, MaxZoom(rate));
        var a = Math.Clamp(at ?? 0, 0, Math.Max(0, endFrame));
        return new TimelineLayout(rate, endFrame, z, a);
    }

    /// <summary>Pixels from the left edge to <paramref name="frame"/>, exact to the rational frame rate.</summary>
    public decimal X(long frame) => Pixels(frame - At);

    /// <summary>The width in pixels of <paramref name="frames"/> frames.</summary>
    public decimal Pixels(long frames) =>
        Math.Round((decimal)((Int128)frames * Zoom * Rate.Denominator * 1000 / Rate.Numerator) / 1000m, 2);

    /// <summary>How many frames the viewport shows (rounded up).</summary>
    public long FramesVisible
    {
        get
        {
            var numerator = (Int128)ViewportWidth * Rate.Numerator;
            var denominator = (Int128)Zoom * Rate.Denominator;
            return (long)((numerator + denominator - 1) / denominator);
        }
    }

    public long VisibleEnd => At + FramesVisible;

    public bool IsVisible(long start, long end) => end > At && start < VisibleEnd;

    /// <summary>The ruler step in frames: the smallest "round" interval whose ticks are at least <see cref="MinTickSpacing"/> apart.</summary>
    public long TickFrames
    {
        get
        {
            foreach (var frames in TickFramesUnderASecond.Where(f => f < TimeText.NominalFps(Rate)))
            {
                if (Pixels(frames) >= MinTickSpacing)
                {
                    return frames;
                }
            }
            foreach (var seconds in TickSeconds)
            {
                var frames = (long)seconds * TimeText.NominalFps(Rate);
                if (Pixels(frames) >= MinTickSpacing)
                {
                    return frames;
                }
            }
            return 3600L * TimeText.NominalFps(Rate);
        }
    }

    /// <summary>The ruler's tick frames inside the viewport.</summary>
    public IEnumerable<long> Ticks()
    {
        var step = TickFrames;
        for (var frame = (At + step - 1) / step * step; frame <= VisibleEnd; frame += step)
        {
            yield return frame;
        }
    }

    public int ZoomIn => Math.Min(MaxZoom(Rate), Zoom * 2);
    public int ZoomOut => Math.Max(MinZoom, Zoom / 2);
    public bool CanZoomIn => Zoom < MaxZoom(Rate);
    public bool CanZoomOut => Zoom > MinZoom;
    public long PanBack => Math.Max(0, At - FramesVisible / 2);
    public long PanForward => Math.Min(Math.Max(0, EndFrame - FramesVisible / 2), At + FramesVisible / 2);
    public bool CanPanBack => At > 0;
    public bool CanPanForward => PanForward > At;

    /// <summary>SVG attribute text for a pixel value ("12.5").</summary>
    public static string Attr(decimal pixels) => pixels.ToString("0.##", CultureInfo.InvariantCulture);
}
