using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Accounts;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Hosting;

public static class IdentitySetup
{
    public static IServiceCollection AddStoryboardIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var accounts = new AccountOptions();
        configuration.GetSection(AccountOptions.Section).Bind(accounts);

        // Cookie, antiforgery and (later) server-secret keys live in the data folder, so sessions survive restarts
        // and a container keeps them on its one volume.
        services.AddDataProtection()
            .SetApplicationName("Storyboard")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration.GetStorageOptions().KeysFolder));

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = accounts.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters =
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddEntityFrameworkStores<StoryboardDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "storyboard.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(accounts.SessionMinutes);
            options.Events.OnRedirectToLogin = context => RedirectOrRespond(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrRespond(context, StatusCodes.Status403Forbidden);
        });
        // A disabled user's or a changed password's sessions end within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenDefaults.Scheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.CanEdit, policy => policy.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Api, policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser());

        services.AddSingleton<FirstRunGate>();
        services.AddScoped<IApiTokenService, ApiTokenService>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        return services;
    }

    /// <summary>Browsers go to the login page; htmx requests are told to navigate there instead of swapping it in.</summary>
    private static Task RedirectOrRespond(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Headers["HX-Redirect"] = context.RedirectUri;
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
