using System.ComponentModel.DataAnnotations;
using Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Accounts;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Account;

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm new password")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class CreateTokenInput
{
    [Required(ErrorMessage = "Name the token after what will use it.")]
    [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
    [Display(Name = "Token name")]
    public string Name { get; set; } = "";
}

/// <summary>The signed-in user's own account: password and personal API tokens.</summary>
public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IApiTokenService tokens) : PageModel
{
    public ChangePasswordInput Password { get; set; } = new();
    public CreateTokenInput Token { get; set; } = new();
    public ApiTokensView Tokens { get; private set; } = new([], null);
    public string Role { get; private set; } = "";

    public async Task OnGetAsync() => await LoadAsync(null);

    public async Task<IActionResult> OnPostChangePasswordAsync([Bind(Prefix = nameof(Password))] ChangePasswordInput input)
    {
        Password = input;
        if (!ModelState.IsValid)
        {
            await LoadAsync(null);
            return Page();
        }
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? "Password.CurrentPassword" : "Password.NewPassword";
                ModelState.AddModelError(field, error.Code == "PasswordMismatch" ? "The current password is wrong." : error.Description);
            }
            await LoadAsync(null);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        Flash.Set(TempData, "Your password is changed.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync([Bind(Prefix = nameof(Token))] CreateTokenInput input)
    {
        Token = input;
        string? secret = null;
        if (ModelState.IsValid)
        {
            secret = await tokens.CreateAsync(users.GetUserId(User)!, input.Name, HttpContext.RequestAborted);
            Token = new CreateTokenInput();
            ModelState.Clear();
        }
        await LoadAsync(secret);
        if (Request.IsHtmx())
        {
            if (secret is null)
            {
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
            return Partial("_ApiTokens", this);
        }
        // The secret is shown in this response only; it is never put in a cookie or a redirect.
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(int id)
    {
        var revoked = await tokens.RevokeAsync(users.GetUserId(User)!, id, HttpContext.RequestAborted);
        if (Request.IsHtmx())
        {
            await LoadAsync(null);
            return Partial("_ApiTokens", this);
        }
        Flash.Set(TempData, revoked ? "The token is revoked." : "That token was already revoked.", revoked ? FlashKind.Success : FlashKind.Info);
        return RedirectToPage();
    }

    private async Task LoadAsync(string? newSecret)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        Role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;
        Tokens = new ApiTokensView(await tokens.ListAsync(user.Id, HttpContext.RequestAborted), newSecret);
    }
}

public sealed record ApiTokensView(IReadOnlyList<ApiTokenRow> Rows, string? NewSecret);
