using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Media;

/// <summary>
/// A clip's generated images and videos (its gallery), for signed-in users: the file itself (with ranges, for videos)
/// and a thumbnail of an image. Found by the generation's id; a client never names a path.
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
        return endpoints;
    }

    private sealed record Found(OutputKind Kind, MediaFile Media);

    private static Task<Found?> FindAsync(int generationId, StoryboardDbContext db, CancellationToken cancellationToken) =>
        db.ClipGenerations.AsNoTracking()
            .Where(g => g.Id == generationId && db.Projects.Any(p => p.Id == g.ProjectId && p.DeletedAt == null))
            .Join(db.MediaFiles, g => g.MediaHash, m => m.Hash, (g, m) => new Found(g.Kind, m))
            .SingleOrDefaultAsync(cancellationToken);

    internal static async Task<IResult> FileAsync(int generationId, StoryboardDbContext db, IMediaStore store, HttpContext context)
    {
        if (await FindAsync(generationId, db, context.RequestAborted) is not { } found || !File.Exists(store.FullPath(found.Media.RelativePath)))
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return Results.File(store.FullPath(found.Media.RelativePath), found.Media.ContentType, lastModified: found.Media.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{found.Media.Hash}\""), enableRangeProcessing: true);
    }

    internal static async Task<IResult> ThumbnailAsync(int generationId, StoryboardDbContext db, IThumbnails thumbnails, HttpContext context)
    {
        if (await FindAsync(generationId, db, context.RequestAborted) is not { } found || found.Kind != OutputKind.Image
            || await thumbnails.GetAsync(found.Media, ThumbnailWidth, context.RequestAborted) is not { } path)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return Results.File(path, "image/jpeg", lastModified: found.Media.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{found.Media.Hash}-{ThumbnailWidth}\""));
    }
}
