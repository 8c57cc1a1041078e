using Storyboard.Web.Media;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Hosting;

public static class MediaSetup
{
    public static IServiceCollection AddStoryboardMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FfmpegLocator>();
        services.AddScoped<IMediaStore, MediaStore>();
        services.AddSingleton<IWaveformRenderer, WaveformRenderer>();
        services.AddScoped<IThumbnails, Thumbnails>();
        services.AddSingleton<IAudioProbe, AudioProbe>();
        services.AddScoped<ISongUploads, SongUploadService>();
        services.AddScoped<ISongAnalyzer, SongAnalyzer>();
        services.AddScoped<ISongQueries, SongQueries>();
        services.AddSingleton<ISongAnalysisQueue, SongAnalysisQueue>();
        services.AddHostedService<SongAnalysisRecovery>();
        return services;
    }

    /// <summary>The media endpoints: songs (/media/songs/{id}/audio, waveform.png, peaks.json) and clip thumbnails.</summary>
    public static WebApplication MapStoryboardMedia(this WebApplication app)
    {
        app.MapSongMedia();
        app.MapClipMedia();
        app.MapGenerationMedia();
        return app;
    }
}
