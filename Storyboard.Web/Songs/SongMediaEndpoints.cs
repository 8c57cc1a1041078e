using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;

namespace Storyboard.Web.Songs;

/// <summary>
/// A song's audio (with HTTP ranges, so players can seek), its waveform PNG and its peaks as JSON, for signed-in users
/// (the fallback policy). Files are found from the song id in the database; a client never names a path.
/// Every answer carries an ETag and Last-Modified, so browsers revalidate with 304s.
/// </summary>
public static class SongMediaEndpoints
{
    public const string AudioRoute = "song-audio";
    public const string WaveformRoute = "song-waveform";
    public const string PeaksRoute = "song-peaks";

    private const string CacheControl = "private, max-age=86400";

    public static IEndpointRouteBuilder MapSongMedia(this IEndpointRouteBuilder endpoints)
    {
        var songs = endpoints.MapGroup("/media/songs/{songId:int:min(1)}").ExcludeFromDescription();
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        songs.MapMethods("/audio", methods, AudioAsync).WithName(AudioRoute);
        songs.MapMethods("/waveform.png", methods, WaveformAsync).WithName(WaveformRoute);
        songs.MapMethods("/peaks.json", methods, PeaksAsync).WithName(PeaksRoute);
        return endpoints;
    }

    internal static async Task<IResult> AudioAsync(int songId, ISongQueries songs, IMediaStore store, HttpContext context)
    {
        var media = await songs.FindMediaAsync(songId, context.RequestAborted);
        var path = media is null ? null : store.FullPath(media.RelativePath);
        if (media is null || !File.Exists(path))
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = CacheControl;
        return Results.File(path, media.ContentType, lastModified: media.StoredAt,
            entityTag: Tag(media.Hash), enableRangeProcessing: true);
    }

    internal static async Task<IResult> WaveformAsync(int songId, ISongQueries songs, IMediaStore store, HttpContext context)
    {
        var media = await songs.FindMediaAsync(songId, context.RequestAborted);
        if (media is not { Status: SongStatus.Ready, WaveformPath: { } relative } || !File.Exists(store.FullPath(relative)))
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = CacheControl;
        return Results.File(store.FullPath(relative), "image/png", lastModified: media.AnalyzedAt,
            entityTag: Tag(Path.GetFileName(relative)));
    }

    internal static async Task<IResult> PeaksAsync(int songId, ISongQueries songs, IMediaStore store, HttpContext context)
    {
        var media = await songs.FindMediaAsync(songId, context.RequestAborted);
        if (media is not { Status: SongStatus.Ready, PeaksPath: { } relative } || !File.Exists(store.FullPath(relative)))
        {
            return Results.NotFound();
        }
        var tag = Tag(Path.GetFileName(relative));
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.LastModified = media.AnalyzedAt;
        context.Response.Headers.CacheControl = CacheControl;
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var peaks = await PeaksFile.ReadAsync(store.FullPath(relative), context.RequestAborted);
        return Results.Json(new PeaksJson(peaks.PeaksPerSecond, peaks.Count,
            Math.Round(peaks.SampleCount / (double)peaks.SampleRate, 6),
            peaks.Min.Select(Normalise).ToArray(), peaks.Max.Select(Normalise).ToArray()), JsonSerializerOptions.Web);
    }

    /// <summary>-1…1 with four decimals: enough for any waveform, and short.</summary>
    private static double Normalise(short sample) => Math.Round(sample / 32768.0, 4);

    private static EntityTagHeaderValue Tag(string value) => new($"\"{value}\"");

    /// <summary>The peaks as the timeline reads them: min[i] and max[i] cover second i / peaksPerSecond.</summary>
    public sealed record PeaksJson(int PeaksPerSecond, int PeakCount, double DurationSeconds, double[] Min, double[] Max);
}
