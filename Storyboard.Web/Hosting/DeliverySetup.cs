using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Animatic;

namespace Storyboard.Web.Hosting;

public static class DeliverySetup
{
    /// <summary>The cut every animatic and export reads, and the files behind it.</summary>
    public static IServiceCollection AddStoryboardDelivery(this IServiceCollection services)
    {
        services.AddScoped<ICutBuilder, CutBuilder>();
        services.AddScoped<IDeliveryMedia, DraftStills>();
        services.AddScoped<IAnimaticRenderer, AnimaticRenderer>();
        return services;
    }
}
