using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Media;

/// <summary>
/// A clip's generated images and videos (its gallery), for signed-in users: the file itself (with ranges, for videos)
/// a thumbnail of an image (of a video: of its poster frame), and a video's poster and low-resolution preview. Found by
/// the generation's id; a client never names a path.
/// </summary>
public static class GenerationMediaEndpoints
{
    public const int ThumbnailWidth = 320;

    public static IEndpointRouteBuilder MapGenerationMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/media/generations/{generationId:int:min(1)}", [HttpMethods.Get, HttpMethods.Head], FileAsync)
            .WithName("generation-file").ExcludeFromDescription();
        endpoints.MapMethods("/media/generations/{generationId:int:min(1)}/thumbnail.jpg", [HttpMethods.Get, HttpMethods.Head], ThumbnailAsync)
            .WithName("generation-thumbnail").ExcludeFromDescription();
        endpoints.MapMethods("/media/generations/{generationId:int:min(1)}/poster", [HttpMethods.Get, HttpMethods.Head], PosterAsync)
            .WithName("generation-poster").ExcludeFromDescription();
        endpoints.MapMethods("/media/generations/{generationId:int:min(1)}/preview", [HttpMethods.Get, HttpMethods.Head], PreviewAsync)
            .WithName("generation-preview").ExcludeFromDescription();
        return endpoints;
    }

    private sealed record Found(OutputKind Kind, MediaFile Media);

    private enum Part
    {
        Media,
        /// <summary>What a thumbnail is made from: an image itself, a video's poster frame.</summary>
        Still,
        Poster,
        Preview,
    }

    private static Task<Found?> FindAsync(int generationId, StoryboardDbContext db, CancellationToken cancellationToken, Part part = Part.Media) =>
        db.ClipGenerations.AsNoTracking()
            .Where(g => g.Id == generationId && db.Projects.Any(p => p.Id == g.ProjectId && p.DeletedAt == null))
            .Join(db.MediaFiles,
                g => part == Part.Media ? g.MediaHash
                    : part == Part.Poster ? g.PosterHash
                    : part == Part.Preview ? g.PreviewHash
                    : g.Kind == OutputKind.Image ? g.MediaHash : g.PosterHash,
                m => m.Hash, (g, m) => new Found(g.Kind, m))
            .SingleOrDefaultAsync(cancellationToken);

    internal static Task<IResult> FileAsync(int generationId, StoryboardDbContext db, IMediaStore store, HttpContext context) =>
        ServeAsync(generationId, Part.Media, db, store, context);

    internal static Task<IResult> PosterAsync(int generationId, StoryboardDbContext db, IMediaStore store, HttpContext context) =>
        ServeAsync(generationId, Part.Poster, db, store, context);

    internal static Task<IResult> PreviewAsync(int generationId, StoryboardDbContext db, IMediaStore store, HttpContext context) =>
        ServeAsync(generationId, Part.Preview, db, store, context);

    private static async Task<IResult> ServeAsync(int generationId, Part part, StoryboardDbContext db, IMediaStore store, HttpContext context)
    {
        if (await FindAsync(generationId, db, context.RequestAborted, part) is not { } found || !File.Exists(store.FullPath(found.Media.RelativePath)))
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return Results.File(store.FullPath(found.Media.RelativePath), found.Media.ContentType, lastModified: found.Media.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{found.Media.Hash}\""), enableRangeProcessing: true);
    }

    internal static async Task<IResult> ThumbnailAsync(int generationId, StoryboardDbContext db, IThumbnails thumbnails, HttpContext context)
    {
        if (await FindAsync(generationId, db, context.RequestAborted, Part.Still) is not { } found
            || await thumbnails.GetAsync(found.Media, ThumbnailWidth, context.RequestAborted) is not { } path)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return Results.File(path, "image/jpeg", lastModified: found.Media.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{found.Media.Hash}-{ThumbnailWidth}\""));
    }
}
