using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Storyboard.Web.Media;

public sealed class FfmpegHealthCheck(FfmpegLocator ffmpeg) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ffmpeg.Version is { } version
            ? HealthCheckResult.Healthy(version)
            : HealthCheckResult.Unhealthy("ffmpeg or ffprobe was not found. Install it (apt-get install ffmpeg) or set Media:FfmpegFolder."));
}
