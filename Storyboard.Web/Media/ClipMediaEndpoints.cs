using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storyboard.Web.Data;

namespace Storyboard.Web.Media;

/// <summary>
/// A clip's chosen image as a thumbnail for the timeline's clips lane, for signed-in users (the fallback policy). The
/// image is found from the clip id; a client never names a path. The ETag is the image's hash, so a newly chosen image
/// is fetched again and an unchanged one is a 304.
/// </summary>
public static class ClipMediaEndpoints
{
    public const string ThumbnailFile = "thumbnail.jpg";
    public const int ThumbnailWidth = 160;

    public static IEndpointRouteBuilder MapClipMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods($"/media/clips/{{clipId:int:min(1)}}/{ThumbnailFile}", [HttpMethods.Get, HttpMethods.Head], ThumbnailAsync)
            .WithName("clip-thumbnail").ExcludeFromDescription();
        return endpoints;
    }

    internal static async Task<IResult> ThumbnailAsync(int clipId, StoryboardDbContext db, IThumbnails thumbnails, HttpContext context)
    {
        var media = await db.Clips.AsNoTracking()
            .Where(c => c.Id == clipId && c.ChosenImageHash != null && db.Projects.Any(p => p.Id == c.ProjectId && p.DeletedAt == null))
            .Join(db.MediaFiles, c => c.ChosenImageHash, m => m.Hash, (c, m) => m)
            .SingleOrDefaultAsync(context.RequestAborted);
        if (media is null || await thumbnails.GetAsync(media, ThumbnailWidth, context.RequestAborted) is not { } path)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "private, no-cache";
        return Results.File(path, "image/jpeg", lastModified: media.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{media.Hash}-{ThumbnailWidth}\""));
    }
}
