using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Users;

public sealed class CreateUserInput : NewAccountInput
{
    [Required]
    public string Role { get; set; } = Roles.Editor;

    [Required(ErrorMessage = "Set a first password; the user can change it.")]
    [DataType(DataType.Password)]
    [Display(Name = "First password")]
    public string Password { get; set; } = "";
}

/// <summary>Admins add users, change roles, and disable or enable accounts (users are never deleted).</summary>
public sealed class IndexModel(IUserAdministration admin, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public CreateUserInput Input { get; set; } = new();

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public string CurrentUserId => users.GetUserId(User)!;

    public async Task OnGetAsync() => Users = await admin.ListAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await admin.CreateUserAsync(Input.UserName, Input.DisplayName ?? "", Input.Role, Input.Password);
            if (result.Succeeded)
            {
                Flash.Set(TempData, $"User {Input.UserName.Trim()} created as {Input.Role}.");
                return RedirectToPage();
            }
            ModelState.AddAccountErrors(result, nameof(Input));
        }
        Users = await admin.ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string userId) =>
        await Outcome(await admin.SetDisabledAsync(userId, true, CurrentUserId), "The user is disabled and signed out.");

    public async Task<IActionResult> OnPostEnableAsync(string userId) =>
        await Outcome(await admin.SetDisabledAsync(userId, false, CurrentUserId), "The user is enabled.");

    public async Task<IActionResult> OnPostRoleAsync(string userId, string role) =>
        await Outcome(await admin.SetRoleAsync(userId, role, CurrentUserId), $"The role is now {role}.");

    private Task<IActionResult> Outcome(AccountResult result, string success)
    {
        Flash.Set(TempData, result.Succeeded ? success : string.Join(" ", result.Errors.Select(e => e.Message)),
            result.Succeeded ? FlashKind.Success : FlashKind.Error);
        return Task.FromResult<IActionResult>(RedirectToPage());
    }
}
