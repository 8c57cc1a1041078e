using Microsoft.OpenApi;

namespace Storyboard.Web.Hosting;

public static class ApiSetup
{
    public static IServiceCollection AddStoryboardApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        });
        return services;
    }

    public static WebApplication MapStoryboardApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
