using Storyboard.Web.Delivery;
using Quartz;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Jobs;

namespace Storyboard.Web.Hosting;

public static class DeliverySetup
{
    /// <summary>The cut every animatic and export reads, and the files behind it.</summary>
    public static IServiceCollection AddStoryboardDelivery(this IServiceCollection services)
    {
        services.AddScoped<ICutBuilder, CutBuilder>();
        services.AddScoped<IDeliveryMedia, DraftStills>();
        services.AddScoped<IAnimaticRenderer, AnimaticRenderer>();
        services.AddScoped<IRenders, Renders>();
        services.AddSingleton<IRenderQueue, RenderQueue>();
        services.AddSingleton<RenderRunner>();
        services.AddHostedService<RenderRecovery>();
        services.AddQuartz(quartz => quartz.AddJob<RenderAnimaticJob>(job => job.WithIdentity(RenderAnimaticJob.Key).StoreDurably()));
        return services;
    }
}
