using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Accounts;

public sealed record UserRow(string Id, string UserName, string DisplayName, string Role, bool IsDisabled, bool IsLockedOut, DateTimeOffset CreatedAt);

/// <summary>The outcome of an account change: success, or messages keyed by the form field they belong to ("" for the whole form).</summary>
public sealed record AccountResult(IReadOnlyList<(string Field, string Message)> Errors)
{
    public static readonly AccountResult Ok = new([]);
    public bool Succeeded => Errors.Count == 0;
    public static AccountResult Fail(string field, string message) => new([(field, message)]);
    public static AccountResult From(IdentityResult result, string field) =>
        result.Succeeded ? Ok : new(result.Errors.Select(e => (e.Code.StartsWith("Password", StringComparison.Ordinal) ? field : e.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName" : "", e.Description)).ToList());
}

public interface IUserAdministration
{
    /// <summary>Creates the first admin; refused once any user exists.</summary>
    Task<AccountResult> CreateFirstAdminAsync(string userName, string displayName, string password);
    Task<AccountResult> CreateUserAsync(string userName, string displayName, string role, string password);
    Task<AccountResult> SetDisabledAsync(string userId, bool disabled, string actingUserId);
    Task<AccountResult> SetRoleAsync(string userId, string role, string actingUserId);
    Task<IReadOnlyList<UserRow>> ListAsync();
}

public sealed class UserAdministration(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, FirstRunGate firstRun, TimeProvider clock,
    ILogger<UserAdministration> logger) : IUserAdministration
{
    public async Task<AccountResult> CreateFirstAdminAsync(string userName, string displayName, string password)
    {
        if (await users.Users.AnyAsync())
        {
            return AccountResult.Fail("", "Storyboard is already set up. Sign in instead.");
        }
        var result = await CreateUserAsync(userName, displayName, Roles.Admin, password);
        if (result.Succeeded)
        {
            firstRun.MarkSetUp();
            logger.LogInformation("First admin account {UserName} created", userName);
        }
        return result;
    }

    public async Task<AccountResult> CreateUserAsync(string userName, string displayName, string role, string password)
    {
        if (!Roles.All.Contains(role))
        {
            return AccountResult.Fail("Role", "Choose Admin, Editor or Viewer.");
        }
        if (await users.FindByNameAsync(userName.Trim()) is not null)
        {
            return AccountResult.Fail("UserName", "That user name is taken.");
        }
        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = userName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AccountResult.From(created, "Password");
        }
        await users.AddToRoleAsync(user, role);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> SetDisabledAsync(string userId, bool disabled, string actingUserId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Fail("", "That user does not exist.");
        }
        if (disabled && userId == actingUserId)
        {
            return AccountResult.Fail("", "You cannot disable your own account.");
        }
        if (disabled && await IsLastActiveAdminAsync(user))
        {
            return AccountResult.Fail("", "At least one enabled admin must remain.");
        }
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        // A new security stamp ends the user's open sessions.
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("User {UserName} {Action}", user.UserName, disabled ? "disabled" : "enabled");
        return AccountResult.Ok;
    }

    public async Task<AccountResult> SetRoleAsync(string userId, string role, string actingUserId)
    {
        if (!Roles.All.Contains(role))
        {
            return AccountResult.Fail("Role", "Choose Admin, Editor or Viewer.");
        }
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Fail("", "That user does not exist.");
        }
        if (role != Roles.Admin && await IsLastActiveAdminAsync(user))
        {
            return AccountResult.Fail("Role", "At least one enabled admin must remain.");
        }
        await EnsureRolesAsync();
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        return AccountResult.Ok;
    }

    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        var now = clock.GetUtcNow();
        var rows = new List<UserRow>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;
            rows.Add(new UserRow(user.Id, user.UserName ?? "", user.DisplayName, role, user.IsDisabled,
                user.LockoutEnd > now, user.CreatedAt));
        }
        return rows;
    }

    private async Task<bool> IsLastActiveAdminAsync(AppUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            return false;
        }
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => !a.IsDisabled && a.Id != user.Id) == 0;
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
