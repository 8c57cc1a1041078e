using System.Text.Json.Serialization;
using Microsoft.AspNetCore.RateLimiting;
using Storyboard.Web.Accounts;
using Storyboard.Web.Api;

namespace Storyboard.Web.Hosting;

/// <summary>
/// The JSON API at /api/v1 (personal API tokens only, never the browser cookie), its OpenAPI document at
/// /openapi/v1.json, and the rate limiter (API budget per user; password posts per IP).
/// New resources add a <c>Map…Endpoints</c> call on the v1 group below; they inherit authentication,
/// rate limiting and the shared problem responses. Validation problems are always 422 (see <see cref="ApiProblems"/>).
/// </summary>
public static class ApiSetup
{
    public static IServiceCollection AddStoryboardApi(this IServiceCollection services)
    {
        // Numbers are numbers: "1920" is not a width, and the OpenAPI schemas say "integer" rather than "integer or string".
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<BearerOperationTransformer>();
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, ApiRateLimitPolicy>(RateLimitPolicies.Api);
            options.AddPolicy<string, SignInRateLimitPolicy>(RateLimitPolicies.SignIn);
        });
        return services;
    }

    public static WebApplication MapStoryboardApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();

        var v1 = app.MapGroup("/api/v1")
            .RequireAuthorization(Policies.Api)
            .RequireRateLimiting(RateLimitPolicies.Api)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapAccountEndpoints();
        v1.MapProjectsEndpoints();
        v1.MapProjectImportEndpoints();
        v1.MapSongsEndpoints();
        v1.MapTimelineEndpoints();
        v1.MapServersEndpoints();
        v1.MapJobsEndpoints();
        v1.MapGenerationsEndpoints();
        v1.MapModelsEndpoints();
        v1.MapWorkflowsEndpoints();
        v1.MapExportsEndpoints();
        v1.MapRendersEndpoints();

        app.MapFallback(ApiFallback.Pattern, ApiFallback.Answer)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Api)
            .ExcludeFromDescription();
        return app;
    }
}
