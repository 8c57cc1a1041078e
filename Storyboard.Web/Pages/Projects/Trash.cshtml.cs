using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

/// <summary>Trashed projects: restore, or purge after a confirmation.</summary>
[Authorize(Policy = Policies.CanEdit)]
public sealed class TrashModel(IProjectService projects) : PageModel
{
    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public async Task OnGetAsync() => Projects = await projects.ListTrashAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRestoreAsync(int id)
    {
        if (!await projects.RestoreAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        Flash.Set(TempData, "The project is restored.");
        return RedirectToPage("Dashboard", new { id });
    }
}
