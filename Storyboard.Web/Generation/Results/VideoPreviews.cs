using System.Globalization;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Exceptions;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Web.Generation.Results;

/// <summary>
/// A generated video's poster (JPEG) and short preview (MP4, or none for an animated WebP), as temp files the caller
/// stages into the media store (<see cref="IMediaStore.StageAsync"/>, <see cref="IMediaStore.CommitAsync"/>) and then
/// deletes.
/// </summary>
public sealed record VideoPreview(string PosterPath, long PosterBytes, int PosterWidth, int PosterHeight, string? PreviewPath, long? PreviewBytes);

/// <summary>The file is empty, not a video ffmpeg (or, for WebP, ImageSharp) can read, or ffmpeg is missing; the message is for the user.</summary>
public sealed class VideoPreviewException(string message, Exception? inner = null) : Exception(message, inner);

public interface IVideoPreviews
{
    /// <summary>
    /// Makes a poster (a frame at 10 % of the duration, or 0.5 s when the duration is unknown; at most
    /// <see cref="VideoPreviews.PosterMaxWidth"/> wide, even dimensions) and a preview (at most
    /// <see cref="VideoPreviews.PreviewMaxWidth"/> wide and <see cref="VideoPreviews.PreviewMaxSeconds"/> long, H.264
    /// yuv420p, no audio, <c>+faststart</c>). A <c>.webp</c> (ComfyUI's SaveAnimatedWEBP) gets a poster from its first
    /// frame and no preview: ffmpeg's WebP decoder cannot read animations.
    /// </summary>
    /// <exception cref="VideoPreviewException">The file cannot be read as a video.</exception>
    Task<VideoPreview> MakeAsync(string videoPath, CancellationToken cancellationToken);
}

public sealed class VideoPreviews(FfmpegLocator ffmpeg, IOptions<StorageOptions> storage, ILogger<VideoPreviews> logger) : IVideoPreviews
{
    public const int PosterMaxWidth = 640;
    public const int PreviewMaxWidth = 320;
    public const double PreviewMaxSeconds = 4;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan UnknownDurationPosterTime = TimeSpan.FromSeconds(0.5);

    public async Task<VideoPreview> MakeAsync(string videoPath, CancellationToken cancellationToken)
    {
        var info = new FileInfo(videoPath);
        if (!info.Exists)
        {
            throw new VideoPreviewException("The video file is missing.");
        }
        if (info.Length == 0)
        {
            throw new VideoPreviewException("The video file is empty.");
        }
        Directory.CreateDirectory(storage.Value.TempFolder);
        var stem = Path.Combine(storage.Value.TempFolder, $"preview-{Guid.NewGuid():N}");
        var (posterPath, previewPath) = ($"{stem}.jpg", $"{stem}.mp4");
        try
        {
            if (await WebpFrames.IsWebpAsync(videoPath, cancellationToken))
            {
                return await WebpPosterAsync(videoPath, posterPath, cancellationToken);
            }
            return await VideoAsync(videoPath, posterPath, previewPath, cancellationToken);
        }
        catch
        {
            File.Delete(posterPath);
            File.Delete(previewPath);
            throw;
        }
    }

    private static async Task<VideoPreview> WebpPosterAsync(string videoPath, string posterPath, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(videoPath, cancellationToken);
        try
        {
            using var image = Image.Load(WebpFrames.FirstFrameAsStill(bytes));
            image.Mutate(x => x.Resize(EvenSize(image.Width, image.Height, PosterMaxWidth)));
            await image.SaveAsJpegAsync(posterPath, new JpegEncoder { Quality = 85 }, cancellationToken);
            return new VideoPreview(posterPath, new FileInfo(posterPath).Length, image.Width, image.Height, null, null);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or InvalidDataException)
        {
            throw new VideoPreviewException("The WebP file cannot be read: it is damaged or not a WebP image.", e);
        }
    }

    private async Task<VideoPreview> VideoAsync(string videoPath, string posterPath, string previewPath, CancellationToken cancellationToken)
    {
        if (ffmpeg.FfmpegPath is null || ffmpeg.FfprobePath is null)
        {
            throw new VideoPreviewException("Storyboard cannot read videos because ffmpeg is not installed. Ask your admin to install it.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(videoPath, cancellationToken: timeout.Token);
        }
        catch (FFMpegException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VideoPreviewException("The file is not a video ffmpeg can read: it is damaged or of an unknown format.", e);
        }
        if (analysis.PrimaryVideoStream is not { } stream || stream.Width <= 0 || stream.Height <= 0)
        {
            throw new VideoPreviewException("The file holds no video picture.");
        }
        var duration = stream.Duration > TimeSpan.Zero ? stream.Duration : analysis.Duration;
        var at = duration > TimeSpan.Zero ? duration * 0.1 : UnknownDurationPosterTime;

        await RunAsync(videoPath, at, posterPath,
            $"-map 0:v:0 -frames:v 1 -an -sn -dn -vf {ScaleFilter(PosterMaxWidth)} -q:v 3", timeout.Token);
        if (!HasContent(posterPath) && at > TimeSpan.Zero)
        {
            // The frame at that time could not be decoded (a short or oddly timed file): the first one will do.
            await RunAsync(videoPath, null, posterPath, $"-map 0:v:0 -frames:v 1 -an -sn -dn -vf {ScaleFilter(PosterMaxWidth)} -q:v 3", timeout.Token);
        }
        if (!HasContent(posterPath))
        {
            throw new VideoPreviewException("ffmpeg found no frame to make a poster from: the video is damaged.");
        }
        await RunAsync(videoPath, null, previewPath, string.Create(CultureInfo.InvariantCulture,
            $"-map 0:v:0 -t {PreviewMaxSeconds} -an -sn -dn -vf {ScaleFilter(PreviewMaxWidth)} -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -movflags +faststart"),
            timeout.Token);
        if (!HasContent(previewPath))
        {
            throw new VideoPreviewException("ffmpeg could not make a preview: the video is damaged.");
        }
        var size = await Image.IdentifyAsync(posterPath, cancellationToken)
            ?? throw new VideoPreviewException("ffmpeg wrote a poster that cannot be read.");
        return new VideoPreview(posterPath, new FileInfo(posterPath).Length, size.Width, size.Height, previewPath, new FileInfo(previewPath).Length);
    }

    private async Task RunAsync(string input, TimeSpan? seek, string output, string arguments, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        bool succeeded;
        try
        {
            var processed = await FFMpegArguments
                .FromFileInput(input, verifyExists: true, options => options.WithCustomArgument(seek is { } at
                    ? string.Create(CultureInfo.InvariantCulture, $"-ss {at.TotalSeconds:0.###}") : ""))
                .OutputToFile(output, overwrite: true, options => options.WithCustomArgument(arguments))
                .WithLogLevel(FFMpegLogLevel.Error)
                .NotifyOnStandardError(errors.Add)
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: false);
            succeeded = processed.Success;
        }
        catch (FFMpegException e)
        {
            throw new VideoPreviewException("ffmpeg could not read the video: it is damaged or of an unknown format.", e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (!succeeded)
        {
            logger.LogWarning("ffmpeg could not make a video preview: {Errors}", string.Join(" | ", errors.Select(e => e.Replace(input, "<video>", StringComparison.Ordinal))));
            throw new VideoPreviewException("ffmpeg could not read the video: it is damaged or of an unknown format.");
        }
    }

    /// <summary>No wider than <paramref name="maxWidth"/> (never enlarged), both sides even, as H.264 in yuv420p needs.</summary>
    private static string ScaleFilter(int maxWidth) =>
        string.Create(CultureInfo.InvariantCulture, $"scale=w='trunc(min({maxWidth},iw)/2)*2':h=-2");

    private static Size EvenSize(int width, int height, int maxWidth)
    {
        var w = Math.Min(maxWidth, width) / 2 * 2;
        var h = (int)Math.Round((double)height * w / width / 2) * 2;
        return new Size(Math.Max(2, w), Math.Max(2, h));
    }

    private static bool HasContent(string path) => File.Exists(path) && new FileInfo(path).Length > 0;
}
