using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Storyboard.Web.Data;
using Storyboard.Web.Media;

namespace Storyboard.Web.Hosting;

public static class HealthSetup
{
    private const string Ready = "ready";

    public static IServiceCollection AddStoryboardHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<StoryboardDbContext>("database", tags: [Ready])
            .AddCheck<FfmpegHealthCheck>("ffmpeg", tags: [Ready])
            .AddCheck<DiskSpaceHealthCheck>("disk", tags: [Ready]);
        return services;
    }

    /// <summary>/health answers while the process lives; /health/ready checks the database, ffmpeg and free disk.</summary>
    public static WebApplication MapStoryboardHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson })
            .AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            totalMilliseconds = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web);
    }
}

public sealed class DiskSpaceHealthCheck(Microsoft.Extensions.Options.IOptions<StorageOptions> storage,
    Microsoft.Extensions.Options.IOptions<HealthOptions> health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(storage.Value.DataFolder);
        var freeMb = drive.AvailableFreeSpace / (1024 * 1024);
        var data = new Dictionary<string, object> { ["freeMegabytes"] = freeMb, ["minimumMegabytes"] = health.Value.MinFreeDiskMegabytes };
        return Task.FromResult(freeMb >= health.Value.MinFreeDiskMegabytes
            ? HealthCheckResult.Healthy($"{freeMb} MB free in the data folder", data)
            : HealthCheckResult.Unhealthy($"Only {freeMb} MB free in the data folder; at least {health.Value.MinFreeDiskMegabytes} MB needed", data: data));
    }
}
