using Quartz;

namespace Storyboard.Web.Hosting;

public static class JobsSetup
{
    /// <summary>Quartz runs long work (song analysis now; queue polling, renders and backups later).</summary>
    public static IServiceCollection AddStoryboardJobs(this IServiceCollection services)
    {
        services.AddQuartz(quartz =>
        {
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = 4);
        });
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = false;
            options.AwaitApplicationStarted = true;
        });
        services.AddHostedService<StartupMemoryTrim>();
        return services;
    }
}
