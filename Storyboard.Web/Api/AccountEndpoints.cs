using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Api;

/// <summary>/api/v1/me: the user a token acts as, so a script can check its token and role.</summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/me", GetMeAsync).WithName("GetMe")
            .WithTags("Account")
            .WithSummary("The user this token acts as")
            .Produces<MeView>();
        return v1;
    }

    private static async Task<IResult> GetMeAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("The token's user was not found.");
        var role = Roles.All.FirstOrDefault(principal.IsInRole) ?? Roles.Viewer;
        return TypedResults.Ok(new MeView(user.UserName ?? "", user.DisplayName, role));
    }
}
