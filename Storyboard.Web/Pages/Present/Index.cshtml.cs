using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Delivery;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Pages.Present;

/// <summary>
/// Presentation mode: the whole project's main takes with the song. The server renders every shot as a slideshow
/// list (picture, shot facts, lyrics) beside an &lt;audio controls&gt;; present.js turns that list into the full-screen
/// player (one shot, its scene or every shot) that follows the song. Every signed-in user may present.
/// </summary>
public sealed class IndexModel(ICutBuilder cuts, StoryboardDbContext db) : PageModel
{
    public PresentationView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var aborted = HttpContext.RequestAborted;
        if (await cuts.BuildAsync(id, new CutScope(), aborted) is not { } cut)
        {
            return NotFound();
        }
        var songId = await db.Projects.Where(p => p.Id == id).Select(p => p.CurrentSongId).SingleAsync(aborted);
        var hashes = cut.Clips.Where(c => c.Media.Kind != CutMediaKind.Draft).Select(c => c.Media.Hash).Distinct().ToList();
        var generations = await db.ClipGenerations.AsNoTracking().Where(g => g.ProjectId == id && hashes.Contains(g.MediaHash))
            .OrderBy(g => g.Id).Select(g => new GenerationMedia(g.Id, g.ClipId, g.MediaHash, g.PosterHash != null)).ToListAsync(aborted);
        View = PresentationView.Create(cut, songId, generations, new Links(Url, id));
        return Page();
    }

    private sealed class Links(IUrlHelper url, int projectId) : IPresentationLinks
    {
        public string Song(int songId) => url.RouteUrl(SongMediaEndpoints.AudioRoute, new { songId })!;
        public string GenerationFile(int generationId) => url.RouteUrl("generation-file", new { generationId })!;
        public string GenerationPoster(int generationId) => url.RouteUrl("generation-poster", new { generationId })!;
        public string Draft(int clipId) => url.Page("/Present/Draft", new { id = projectId, clipId })!;
    }
}
