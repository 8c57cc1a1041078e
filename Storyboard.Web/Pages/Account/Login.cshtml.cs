using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Storyboard.Web.Api;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Pages.Account;

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}

[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is { IsDisabled: true })
        {
            ModelState.AddModelError("", "This account is disabled. Ask an admin to enable it.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserName} signed in", user?.UserName);
            return LocalRedirect(SafeReturnUrl);
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: {UserName} is locked out", Input.UserName.Trim());
            ModelState.AddModelError("", "Too many failed attempts: this account is locked for a while. Try again later or ask an admin.");
            return Page();
        }
        logger.LogInformation("Failed sign-in for {UserName}", Input.UserName.Trim());
        ModelState.AddModelError("", "The user name or password is wrong.");
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Projects";
}
