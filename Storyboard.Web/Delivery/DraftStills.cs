using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;
using Storyboard.Web.Generation.DraftCards;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Web.Delivery;

/// <summary>
/// Local files for a cut's media. A clip without chosen media shows its Draft card, drawn at the size asked for and
/// cached under the data folder's cache (named by what the card shows, so an edited clip gets a new card).
/// </summary>
public sealed class DraftStills(IDraftCardRenderer renderer, IMediaStore media, IOptions<StorageOptions> storage) : IDeliveryMedia
{
    public async Task<string?> FileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken)
    {
        if (clip.Media.Kind == CutMediaKind.Draft || clip.Media.RelativePath is null)
        {
            return await DraftFileAsync(cut, clip, width, height, cancellationToken);
        }
        var path = media.FullPath(clip.Media.RelativePath);
        return File.Exists(path) ? path : null;
    }

    public async Task<string> DraftFileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken)
    {
        (width, height) = (Math.Clamp(width, IDraftCardRenderer.MinSide, IDraftCardRenderer.MaxSide),
            Math.Clamp(height, IDraftCardRenderer.MinSide, IDraftCardRenderer.MaxSide));
        var card = CardFor(cut, clip);
        var folder = Path.Combine(storage.Value.CacheFolder, "drafts");
        var path = Path.Combine(folder, $"{CardHash(card)}-{width}x{height}.png");
        if (File.Exists(path))
        {
            return path;
        }
        Directory.CreateDirectory(folder);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, renderer.RenderPng(card, width, height), cancellationToken);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    public Task DrawDraftsAsync(Cut cut, int width, int height, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(cut.Clips.Concat(cut.Alternates).Where(c => c.Media.Kind == CutMediaKind.Draft).DistinctBy(c => c.Media.Hash),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (clip, token) => await DraftFileAsync(cut, clip, width, height, token));

    public string? SongFile(Cut cut)
    {
        if (cut.Song is null)
        {
            return null;
        }
        var path = media.FullPath(cut.Song.RelativePath);
        return File.Exists(path) ? path : null;
    }

    /// <summary>What the clip's Draft card shows; times are the song's (a scene's cut adds its offset back).</summary>
    public static DraftCard CardFor(Cut cut, CutClip clip)
    {
        var rate = cut.Rate;
        var start = clip.StartFrame + cut.SongOffsetFrames;
        var seconds = clip.LengthFrames * (double)rate.Denominator / rate.Numerator;
        return new DraftCard
        {
            ProjectName = cut.ProjectName,
            SceneName = clip.SceneName,
            ClipName = clip.Name,
            TakeLabel = clip.TakeNumber == 0 ? "" : $"Take A{clip.TakeNumber}",
            ShotSize = clip.ShotSize,
            CameraMove = clip.CameraMove,
            Transition = DraftCardLabels.Transition(clip.TransitionIn, clip.TransitionFrames),
            TimecodeIn = Timecode.Format(start, rate),
            TimecodeOut = Timecode.Format(start + clip.LengthFrames, rate),
            Duration = string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
            Prompt = clip.ImagePrompt,
            Lyrics = clip.Lyrics,
            Notes = clip.Notes,
            AccentColor = clip.SceneColor,
        };
    }

    /// <summary>A SHA-256 of everything the card shows: two clips that look alike share a card file.</summary>
    public static string CardHash(DraftCard card) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("draft-card-v1\n" + JsonSerializer.Serialize(card))));
}
