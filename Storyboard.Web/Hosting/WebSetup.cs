using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Storyboard.Web.Accounts;

namespace Storyboard.Web.Hosting;

public static class WebSetup
{
    public static IServiceCollection AddStoryboardWeb(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToFolder("/Setup");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AuthorizeFolder("/Users", Policies.Admin);
            options.Conventions.AuthorizeFolder("/Servers", Policies.Admin);
        });
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            options.Cookie.Name = "storyboard.csrf";
        });
        services.AddProblemDetails();
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Projects.IProjectService, Projects.ProjectService>();
        return services;
    }

    /// <summary>The web root is the top-level wwwroot/, copied beside the binaries at build and publish.</summary>
    public static string FindWebRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(beside))
        {
            return beside;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storyboard.sln")))
            {
                return Path.Combine(dir.FullName, "wwwroot");
            }
        }
        return beside;
    }

    public static WebApplication UseStoryboardPipeline(this WebApplication app)
    {
        app.UseMiddleware<ServerTimingMiddleware>();
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor |
                               Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages
            .UseExceptionHandler("/Error")
            .UseStatusCodePagesWithReExecute("/Error", "?code={0}"));

        var contentTypes = new FileExtensionContentTypeProvider();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath),
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = context =>
                context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseStoryboardRequestLogging();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapRazorPages();
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
