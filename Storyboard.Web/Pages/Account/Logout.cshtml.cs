using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Flash.Set(TempData, "You are signed out.", FlashKind.Info);
        return RedirectToPage("/Account/Login");
    }
}
