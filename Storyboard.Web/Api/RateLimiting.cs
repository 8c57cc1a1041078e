using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Api;

/// <summary>Names of the rate limiter policies, for <c>RequireRateLimiting</c> and <c>[EnableRateLimiting]</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>/api: a budget per user a minute (per IP address for requests without a user).</summary>
    public const string Api = "api";

    /// <summary>Password form posts (sign-in, first-run setup): a small budget per IP address a minute; GETs are free.</summary>
    public const string SignIn = "sign-in";

    internal static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    internal static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static void SetRetryAfter(OnRejectedContext context)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        context.HttpContext.Response.Headers.RetryAfter =
            Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Runs after authorization, so an API request's user is the token's user. Requests that fail authentication
/// are answered 401 before they reach the limiter.
/// </summary>
public sealed class ApiRateLimitPolicy(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        RateLimitPolicies.SetRetryAfter(context);
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This token's user may send {options.Value.PermitsPerMinute} API requests a minute. Wait for the seconds in Retry-After, then try again.",
            },
        });
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var userId = httpContext.User.Identity?.IsAuthenticated == true
            ? httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;
        var key = userId is null ? "ip:" + RateLimitPolicies.ClientAddress(httpContext) : "user:" + userId;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitsPerMinute,
            Window = RateLimitPolicies.Window,
            QueueLimit = 0,
        });
    }
}

/// <summary>
/// Slows password guessing from one address. Razor Pages put the attribute on the whole page, so the policy itself
/// lets GET and HEAD through. A rejected post gets status 429, which the error page explains.
/// </summary>
public sealed class SignInRateLimitPolicy(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
    {
        RateLimitPolicies.SetRetryAfter(context);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter("ip:" + RateLimitPolicies.ClientAddress(httpContext), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.SignInPermitsPerMinute,
                Window = RateLimitPolicies.Window,
                QueueLimit = 0,
            });
}
