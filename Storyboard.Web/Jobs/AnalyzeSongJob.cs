using Quartz;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Jobs;

/// <summary>Decodes an uploaded song, draws its waveform and, once it is verified, makes it the project's song.</summary>
public sealed class AnalyzeSongJob(ISongAnalyzer analyzer, ILogger<AnalyzeSongJob> logger) : IJob
{
    public const string SongIdKey = "songId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var songId = context.MergedJobDataMap.GetInt(SongIdKey);
        var outcome = await analyzer.AnalyzeAsync(songId, cancellationToken);
        context.Result = outcome;
        logger.LogInformation("Analysis of song {SongId} finished: {Outcome}", songId, outcome);
    }
}
