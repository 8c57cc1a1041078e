using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Storyboard.Web.Media;

public interface IWaveformRenderer
{
    /// <summary>Draws the peaks as a PNG of <see cref="WaveformRenderer.Width"/> × <see cref="WaveformRenderer.Height"/>.</summary>
    Task RenderAsync(PeakSet peaks, string path, CancellationToken cancellationToken);
}

/// <summary>
/// A transparent PNG with one vertical bar per column spanning the loudest peaks under it, in a blue that reads on
/// both the dark and the light theme. Pixels are written directly (no drawing library).
/// </summary>
public sealed class WaveformRenderer : IWaveformRenderer
{
    public const int Width = 1600;
    public const int Height = 160;

    /// <summary>#5B7FE0: contrast above 3:1 against both theme surfaces (#ffffff and #181c25).</summary>
    public static readonly Rgba32 Colour = new(0x5B, 0x7F, 0xE0, 0xFF);

    public async Task RenderAsync(PeakSet peaks, string path, CancellationToken cancellationToken)
    {
        var (top, bottom) = Columns(peaks);
        using var image = new Image<Rgba32>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = y >= top[x] && y <= bottom[x] ? Colour : default;
                }
            }
        });
        using var png = new MemoryStream();
        await image.SaveAsPngAsync(png, cancellationToken);
        await AtomicFile.WriteAsync(path, png.ToArray(), cancellationToken);
    }

    /// <summary>The loudest peak reaches this share of the half height, leaving a margin above and below.</summary>
    private const double Headroom = 0.9;

    /// <summary>For each column, the rows its bar covers: at least the centre line, scaled to the loudest peak.</summary>
    internal static (int[] Top, int[] Bottom) Columns(PeakSet peaks)
    {
        var top = new int[Width];
        var bottom = new int[Width];
        var middle = (Height - 1) / 2.0;
        var loudest = 1;
        for (var i = 0; i < peaks.Count; i++)
        {
            loudest = Math.Max(loudest, Math.Max(Math.Abs((int)peaks.Min[i]), Math.Abs((int)peaks.Max[i])));
        }
        var scale = middle * Headroom / loudest;
        for (var x = 0; x < Width; x++)
        {
            if (peaks.Count == 0)
            {
                top[x] = bottom[x] = (int)middle;
                continue;
            }
            var first = (int)((long)x * peaks.Count / Width);
            var last = Math.Max(first, (int)((long)(x + 1) * peaks.Count / Width) - 1);
            int min = short.MaxValue, max = short.MinValue;
            for (var i = first; i <= last; i++)
            {
                min = Math.Min(min, peaks.Min[i]);
                max = Math.Max(max, peaks.Max[i]);
            }
            top[x] = (int)Math.Floor(middle - max * scale);
            bottom[x] = (int)Math.Ceiling(middle - min * scale);
            top[x] = Math.Clamp(top[x], 0, Height - 1);
            bottom[x] = Math.Clamp(Math.Max(bottom[x], top[x]), 0, Height - 1);
        }
        return (top, bottom);
    }
}
