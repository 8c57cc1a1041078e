using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>Where a render goes and what it shows besides the clips.</summary>
public sealed record AnimaticRequest(RenderPreset Preset, AnimaticSettings Settings, string OutputPath, string? SubtitlesPath = null);

/// <summary>What a render made: the files, what it replaced or left out, and how much it encoded anew.</summary>
public sealed record AnimaticResult(
    string OutputPath,
    string? SubtitlesPath,
    long LengthFrames,
    IReadOnlyList<string> Notices,
    int SegmentsEncoded,
    int SegmentsReused);

/// <summary>A render that cannot be made; the message is for the user.</summary>
public sealed class AnimaticException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Renders a cut to an MP4 (H.264 yuv420p + AAC, fast start): each clip's medium for exactly its slot, black gaps,
/// transitions centred on their cuts, the song from the cut's offset. Segments are cached, so a re-render after one
/// clip changed encodes only that clip's segments and joins the rest as they are.
/// </summary>
public interface IAnimaticRenderer
{
    /// <summary>Renders <paramref name="cut"/>; <paramref name="progress"/> hears 0 to 1. Throws <see cref="AnimaticException"/>
    /// when the render cannot be made, <see cref="OperationCanceledException"/> when cancelled (temporary files removed).</summary>
    Task<AnimaticResult> RenderAsync(Cut cut, AnimaticRequest request, IProgress<double>? progress, CancellationToken cancellationToken);
}
