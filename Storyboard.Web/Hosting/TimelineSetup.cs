using Storyboard.Web.Timeline;

namespace Storyboard.Web.Hosting;

public static class TimelineSetup
{
    /// <summary>The timeline service: every read and undoable edit of scenes and clips.</summary>
    public static IServiceCollection AddStoryboardTimeline(this IServiceCollection services)
    {
        services.AddScoped<ITimelineService, TimelineService>();
        return services;
    }
}
