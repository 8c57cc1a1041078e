using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Storyboard.Web.Delivery;
using Storyboard.Web.Generation.DraftCards;

namespace Storyboard.Web.Pages.Present;

/// <summary>
/// A clip's Draft card as a PNG, for a clip with no chosen media (or one whose file has no gallery entry), at the
/// project's aspect ratio and at most <see cref="LongSide"/> pixels on its long side. Drawn once and cached by what
/// the card shows (the ETag), so an edited clip gets a new card. For signed-in users, like the other media.
/// </summary>
public sealed class DraftModel(ICutBuilder cuts, IDeliveryMedia media) : PageModel
{
    public const int LongSide = 1280;

    public async Task<IActionResult> OnGetAsync(int id, int clipId)
    {
        var aborted = HttpContext.RequestAborted;
        if (await cuts.BuildAsync(id, new CutScope(IncludeAlternates: true), aborted) is not { } cut
            || cut.Clips.Concat(cut.Alternates).FirstOrDefault(c => c.ClipId == clipId) is not { } clip)
        {
            return NotFound();
        }
        var (width, height) = Fit(cut.Resolution.Width, cut.Resolution.Height);
        var path = await media.DraftFileAsync(cut, clip, width, height, aborted);
        var hash = DraftStills.CardHash(DraftStills.CardFor(cut, clip));
        Response.Headers.CacheControl = "private, no-cache";
        return new PhysicalFileResult(path, "image/png") { EntityTag = new EntityTagHeaderValue($"\"{hash}-{width}x{height}\"") };
    }

    /// <summary>The project's frame scaled down (never up) so that its long side is at most <see cref="LongSide"/>.</summary>
    public static (int Width, int Height) Fit(int width, int height)
    {
        var scale = Math.Min(1.0, (double)LongSide / Math.Max(1, Math.Max(width, height)));
        return (Math.Clamp((int)Math.Round(width * scale), IDraftCardRenderer.MinSide, IDraftCardRenderer.MaxSide),
            Math.Clamp((int)Math.Round(height * scale), IDraftCardRenderer.MinSide, IDraftCardRenderer.MaxSide));
    }
}
