using Quartz;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Jobs;

/// <summary>Every few seconds (Generation:HealthCheckSeconds): asks every GPU server how it is.</summary>
[DisallowConcurrentExecution]
public sealed class CheckServersJob(IServerHealth health) : IJob
{
    public static readonly JobKey Key = new("check-servers");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await health.CheckAllAsync(cancellationToken);
}
