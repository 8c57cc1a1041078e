using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Media;

/// <summary>Small JPEG copies of stored images, made on first use and kept beside the original.</summary>
public interface IThumbnails
{
    /// <summary>
    /// The full path of a thumbnail at most <paramref name="width"/> pixels wide, made now if missing; null when the
    /// original is missing or is not an image ImageSharp can read.
    /// </summary>
    Task<string?> GetAsync(MediaFile media, int width, CancellationToken cancellationToken);
}

public sealed class Thumbnails(IMediaStore store, ILogger<Thumbnails> logger) : IThumbnails
{
    public async Task<string?> GetAsync(MediaFile media, int width, CancellationToken cancellationToken)
    {
        var target = store.FullPath(MediaPaths.Derived(media.Hash, $"thumb-{width}.jpg"));
        if (File.Exists(target))
        {
            return target;
        }
        var original = store.FullPath(media.RelativePath);
        if (!File.Exists(original))
        {
            return null;
        }
        try
        {
            using var image = await Image.LoadAsync(original, cancellationToken);
            image.Mutate(x => x.AutoOrient().Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(width, width) }));
            // Written aside then moved, so two first requests at once never serve half a file.
            var temp = $"{target}.{Guid.NewGuid():N}.part";
            await image.SaveAsJpegAsync(temp, new JpegEncoder { Quality = 80 }, cancellationToken);
            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException)
        {
            logger.LogWarning("Media {Hash} is not a readable image: {Reason}", media.Hash, e.Message);
            return null;
        }
    }
}
