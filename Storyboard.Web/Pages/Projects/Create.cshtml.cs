using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

[Authorize(Policy = Policies.CanEdit)]
public sealed class CreateModel(IProjectService projects, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public ProjectFormInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await projects.CreateAsync(Input.ToSettings(), users.GetUserId(User), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ProjectFormInput.AddErrors(ModelState, result, nameof(Input));
            return Page();
        }
        Flash.Set(TempData, $"Project “{Input.Name.Trim()}” created.");
        return RedirectToPage("Dashboard", new { id = result.ProjectId });
    }
}
