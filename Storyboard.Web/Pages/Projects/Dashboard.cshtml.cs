using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Projects;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Pages.Projects;

/// <summary>A project's home: figures, the song, the scenes and the settings.</summary>
public sealed class DashboardModel(IProjectService projects, ISongQueries songs) : PageModel
{
    public ProjectDetails Project { get; private set; } = default!;
    public SongPanelView Song { get; private set; } = default!;

    public bool CanEdit => User.IsInRole(Domain.Roles.Admin) || User.IsInRole(Domain.Roles.Editor);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var project = await projects.GetAsync(id, HttpContext.RequestAborted);
        var song = await songs.GetPanelAsync(id, CanEdit, HttpContext.RequestAborted);
        if (project is null || song is null)
        {
            return NotFound();
        }
        (Project, Song) = (project, song);
        return Page();
    }
}
