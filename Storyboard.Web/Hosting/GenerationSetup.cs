using Quartz;
using Storyboard.Web.Generation;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Dispatch;
using Storyboard.Web.Generation.Gallery;
using Storyboard.Web.Generation.DraftCards;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Generation.Results;
using Storyboard.Web.Generation.Servers;
using Storyboard.Web.Generation.Workflows;
using Storyboard.Web.Jobs;

namespace Storyboard.Web.Hosting;

public static class GenerationSetup
{
    /// <summary>
    /// GPU servers (encrypted secrets, administration, the health check every few seconds) and the generation queue
    /// (the dispatcher, woken at once on changes and by the Quartz tick, and the built-in Draft cards).
    /// </summary>
    public static IServiceCollection AddStoryboardGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IServerSecrets, ServerSecrets>();
        services.AddDraftCards();
        services.AddSingleton<IDispatcherSignal, DispatcherSignal>();
        services.AddScoped<IGenerationQueue, GenerationQueue>();
        services.AddScoped<IQueuePause, QueuePause>();
        services.AddScoped<IGpuChoices, GpuChoices>();
        services.AddScoped<IQueueAdmin, QueueAdmin>();
        services.AddScoped<IBatches, Batches>();
        services.AddScoped<IClipGallery, ClipGallery>();
        services.AddScoped<DraftCardWorker>();
        services.AddHostedService<GenerationDispatcher>();
        services.AddSingleton<GpuJobTracker>();
        services.AddHostedService(provider => provider.GetRequiredService<GpuJobTracker>());
        services.AddSingleton<IGpuConnections, GpuConnections>();
        services.AddScoped<GpuDispatch>();
        services.AddSingleton<WaitingParameters>();
        services.AddSingleton<DispatchStats>();
        services.AddScoped<JobSubmitter>();
        services.AddScoped<JobStates>();
        services.AddScoped<ResultStore>();
        services.AddScoped<IGpuServerAdmin, GpuServerAdmin>();
        services.AddScoped<IServerHealth, ServerHealth>();
        services.AddSingleton<IServerCatalogs, ServerCatalogs>();
        services.AddScoped<ICatalogReader, CatalogReader>();
        services.AddScoped<IModelBrowser, ModelBrowser>();
        services.AddScoped<IWorkflowLibrary, WorkflowLibrary>();
        services.AddSingleton<IVideoPreviews, VideoPreviews>();
        // No per-request logging scopes on the client that talks to GPU servers (many calls a second while jobs run).
        services.AddHttpClient(CatalogReader.HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) });
        // Redirects are not followed: a proxy's login page must not look like a healthy server.
        services.AddHttpClient<IGpuServerProbe, GpuServerProbe>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) });

        var options = new GenerationOptions();
        configuration.GetSection(GenerationOptions.Section).Bind(options);
        services.AddQuartz(quartz => quartz.ScheduleJob<CheckServersJob>(trigger => trigger
            .WithIdentity("check-servers")
            .StartAt(DateTimeOffset.UtcNow.AddSeconds(2))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.HealthCheckSeconds)).RepeatForever()),
            job => job.WithIdentity(CheckServersJob.Key)));
        services.AddQuartz(quartz => quartz.ScheduleJob<DispatchTickJob>(trigger => trigger
            .WithIdentity("dispatch-tick")
            .StartAt(DateTimeOffset.UtcNow.AddSeconds(1))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.DispatchTickSeconds)).RepeatForever()),
            job => job.WithIdentity(DispatchTickJob.Key)));
        return services;
    }
}
