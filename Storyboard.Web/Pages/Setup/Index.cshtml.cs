using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Storyboard.Web.Accounts;
using Storyboard.Web.Api;
using Storyboard.Web.Hosting;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Setup;

public sealed class CreateAdminInput : NewAccountInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>First run: with no user in the database, this page creates the admin account.</summary>
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class IndexModel(IUserAdministration admin, FirstRunGate gate, StoryboardDbContext db,
    SignInManager<AppUser> signIn, IOptions<AccountOptions> accounts) : PageModel
{
    public int MinPasswordLength => accounts.Value.MinPasswordLength;

    [BindProperty]
    public CreateAdminInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await gate.IsSetUpAsync(db, HttpContext.RequestAborted) ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await gate.IsSetUpAsync(db, HttpContext.RequestAborted))
        {
            return RedirectToPage("/Account/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await admin.CreateFirstAdminAsync(Input.UserName, Input.DisplayName ?? "", Input.Password);
        if (!result.Succeeded)
        {
            ModelState.AddAccountErrors(result, nameof(Input));
            return Page();
        }
        await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: false);
        Flash.Set(TempData, "Welcome to Storyboard. Your admin account is ready; create your first project.");
        return RedirectToPage("/Projects/Index");
    }
}
