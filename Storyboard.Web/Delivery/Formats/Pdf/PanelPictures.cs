using System.Collections.Concurrent;
using System.Globalization;
using FFMpegCore;
using FFMpegCore.Enums;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Web.Delivery.Formats.Pdf;

/// <summary>
/// Small JPEGs of the clips' pictures for a storyboard sheet, each a few hundred pixels wide so a 300-clip PDF stays
/// small: an image's cached thumbnail; for a video its poster's thumbnail, else a frame ffmpeg grabs (cached); the
/// Draft card when the clip has no media or its file is missing or unreadable (and a notice says so by name).
/// Work runs in parallel, one clip per core; the database is read once, before.
/// </summary>
public sealed class PanelPictures(
    StoryboardDbContext db, IThumbnails thumbnails, IDeliveryMedia media, IMediaStore store, FfmpegLocator ffmpeg,
    IOptions<StorageOptions> storage, ILogger<PanelPictures> logger)
{
    /// <summary>Picture widths are rounded up to one of these, so sheets of every layout share cached thumbnails.</summary>
    private static readonly int[] Widths = [320, 480, 640, 960, 1280, 1920];

    /// <summary>One JPEG per clip, in the clips' order.</summary>
    public async Task<byte[][]> GetAsync(Cut cut, IReadOnlyList<CutClip> clips, int width, ExportReport report, CancellationToken cancellationToken)
    {
        width = Widths.FirstOrDefault(w => w >= width, Widths[^1]);
        var aspect = cut.Resolution.Width > 0 && cut.Resolution.Height > 0 ? (double)cut.Resolution.Width / cut.Resolution.Height : 16.0 / 9;
        var height = Math.Max(16, (int)Math.Round(width / aspect));
        var posters = await PostersAsync(clips, cancellationToken);
        var pictures = new byte[clips.Count][];
        var notices = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, clips.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var clip = clips[i];
                var path = await PictureAsync(clip, posters, width, token);
                if (path is null)
                {
                    if (clip.Media.Kind != CutMediaKind.Draft)
                    {
                        notices[i] = Missing(clip);
                    }
                    path = await DraftJpegAsync(cut, clip, width, height, token);
                }
                pictures[i] = await File.ReadAllBytesAsync(path, token);
            });
        foreach (var notice in notices.OrderBy(n => n.Key))
        {
            report.Add(notice.Value);
        }
        return pictures;
    }

    /// <summary>The Draft card of a clip whose picture cannot be used, for a picture PDFsharp could not read.</summary>
    public async Task<byte[]> DraftAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken) =>
        await File.ReadAllBytesAsync(await DraftJpegAsync(cut, clip, width, height, cancellationToken), cancellationToken);

    public static string Missing(CutClip clip) => clip.Media.Kind == CutMediaKind.Video
        ? $"The video of shot {clip.Number} “{clip.Name}” is missing or unreadable: the sheet shows its Draft card."
        : $"The image of shot {clip.Number} “{clip.Name}” is missing or unreadable: the sheet shows its Draft card.";

    private async Task<string?> PictureAsync(CutClip clip, IReadOnlyDictionary<string, MediaFile> posters, int width, CancellationToken cancellationToken)
    {
        if (clip.Media.RelativePath is not { } relative || !MediaPaths.IsHash(clip.Media.Hash))
        {
            return null;
        }
        if (clip.Media.Kind == CutMediaKind.Image)
        {
            return await thumbnails.GetAsync(new MediaFile { Hash = clip.Media.Hash, RelativePath = relative }, width, cancellationToken);
        }
        if (posters.TryGetValue(clip.Media.Hash, out var poster) && await thumbnails.GetAsync(poster, width, cancellationToken) is { } thumbnail)
        {
            return thumbnail;
        }
        return await FrameAsync(store.FullPath(relative), clip.Media.Hash, width, cancellationToken);
    }

    /// <summary>Each video's poster (any of its gallery rows that has one), by the video's hash.</summary>
    private async Task<Dictionary<string, MediaFile>> PostersAsync(IReadOnlyList<CutClip> clips, CancellationToken cancellationToken)
    {
        var videos = clips.Where(c => c.Media.Kind == CutMediaKind.Video).Select(c => c.Media.Hash).Distinct().ToList();
        if (videos.Count == 0)
        {
            return [];
        }
        var rows = await db.ClipGenerations.AsNoTracking().Where(g => videos.Contains(g.MediaHash) && g.PosterHash != null)
            .Join(db.MediaFiles, g => g.PosterHash, m => m.Hash, (g, m) => new { g.MediaHash, Poster = m })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MediaHash).ToDictionary(g => g.Key, g => g.First().Poster);
    }

    /// <summary>The video's first frame, <paramref name="width"/> wide at most, cached; null when ffmpeg cannot read it.</summary>
    private async Task<string?> FrameAsync(string video, string hash, int width, CancellationToken cancellationToken)
    {
        var target = Path.Combine(CacheFolder, $"{hash}-frame-{width}.jpg");
        if (File.Exists(target))
        {
            return target;
        }
        if (ffmpeg.FfmpegPath is null || !File.Exists(video))
        {
            return null;
        }
        var temp = $"{target}.{Guid.NewGuid():N}.jpg";
        try
        {
            var done = await FFMpegArguments.FromFileInput(video)
                .OutputToFile(temp, overwrite: true, o => o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture,
                    $"-map 0:v:0 -frames:v 1 -an -sn -dn -vf scale=w='min({width},iw)':h=-2 -q:v 3")))
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!done.Success || !File.Exists(temp) || new FileInfo(temp).Length == 0)
            {
                logger.LogWarning("ffmpeg found no frame in video {Hash} for a storyboard sheet", hash);
                return null;
            }
            File.Move(temp, target, overwrite: true);
            return target;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The clip's Draft card as a JPEG (the card is drawn as PNG and cached by <see cref="IDeliveryMedia"/>).</summary>
    private async Task<string> DraftJpegAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken)
    {
        var png = await media.DraftFileAsync(cut, clip, width, height, cancellationToken);
        var target = Path.Combine(CacheFolder, Path.GetFileNameWithoutExtension(png) + ".jpg");
        if (File.Exists(target))
        {
            return target;
        }
        using var image = await Image.LoadAsync(png, cancellationToken);
        var temp = $"{target}.{Guid.NewGuid():N}.part";
        await image.SaveAsJpegAsync(temp, new JpegEncoder { Quality = 85 }, cancellationToken);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    private string CacheFolder
    {
        get
        {
            var folder = Path.Combine(storage.Value.CacheFolder, "pdf");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
