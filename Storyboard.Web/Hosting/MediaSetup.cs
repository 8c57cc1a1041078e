using Storyboard.Web.Media;

namespace Storyboard.Web.Hosting;

public static class MediaSetup
{
    public static IServiceCollection AddStoryboardMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FfmpegLocator>();
        services.AddScoped<IMediaStore, MediaStore>();
        return services;
    }
}
