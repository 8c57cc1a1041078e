using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

[Authorize(Policy = Policies.CanEdit)]
public sealed class EditModel(IProjectService projects) : PageModel
{
    [BindProperty]
    public ProjectFormInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string ProjectName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var project = await projects.GetAsync(id, HttpContext.RequestAborted);
        if (project is null)
        {
            return NotFound();
        }
        (Id, ProjectName, Input) = (id, project.Name, ProjectFormInput.From(project));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var project = await projects.GetAsync(id, HttpContext.RequestAborted);
        if (project is null)
        {
            return NotFound();
        }
        (Id, ProjectName) = (id, project.Name);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await projects.UpdateAsync(id, Input.ToSettings(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ProjectFormInput.AddErrors(ModelState, result, nameof(Input));
            return Page();
        }
        Flash.Set(TempData, result.RateChange is { } change ? $"Project settings saved. {change.Summary}" : "Project settings saved.");
        return RedirectToPage("Dashboard", new { id });
    }

    public async Task<IActionResult> OnPostTrashAsync(int id)
    {
        if (!await projects.TrashAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        Flash.Set(TempData, "The project is in the Trash. You can restore it from there.");
        return RedirectToPage("Index");
    }
}
