using System.Globalization;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Pipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Web.Songs;

public enum SongAnalysisOutcome
{
    Ready,
    Failed,
    /// <summary>The song is gone or no longer waiting for analysis.</summary>
    Skipped,
}

public interface ISongAnalyzer
{
    /// <summary>
    /// Decodes the song, verifies it is whole, writes its peaks and waveform and marks it Ready (and only then the
    /// project's current song), or marks it Failed with a message for the user.
    /// </summary>
    Task<SongAnalysisOutcome> AnalyzeAsync(int songId, CancellationToken cancellationToken);
}

public sealed class SongAnalyzer(
    StoryboardDbContext db, IMediaStore store, IWaveformRenderer waveform, FfmpegLocator ffmpeg,
    IOptions<MediaOptions> options, TimeProvider clock, ILogger<SongAnalyzer> logger) : ISongAnalyzer
{
    /// <summary>Decoders may differ from the header by encoder delay and padding; a shortfall beyond this is a cut file.</summary>
    private static readonly TimeSpan ShortfallAllowance = TimeSpan.FromMilliseconds(500);
    private const double ShortfallFraction = 0.05;

    public async Task<SongAnalysisOutcome> AnalyzeAsync(int songId, CancellationToken cancellationToken)
    {
        var song = await db.Songs.Include(s => s.Media).SingleOrDefaultAsync(s => s.Id == songId, cancellationToken);
        if (song is null || song.Status != SongStatus.Analyzing)
        {
            return SongAnalysisOutcome.Skipped;
        }
        string? failure;
        try
        {
            failure = await TryReuseAsync(song, cancellationToken) ? null : await AnalyzeFileAsync(song, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Analysis of song {SongId} failed unexpectedly", songId);
            failure = "Storyboard could not analyse the song because of an unexpected error. Try again; the log has the details.";
        }
        if (failure is not null)
        {
            song.Status = SongStatus.Failed;
            song.Error = failure.Length <= 1000 ? failure : failure[..1000];
            song.AnalyzedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Song {SongId} failed its analysis: {Reason}", songId, failure);
            return SongAnalysisOutcome.Failed;
        }
        await PromoteAsync(song, cancellationToken);
        return SongAnalysisOutcome.Ready;
    }

    /// <summary>The same bytes were analysed before at the same resolution: take that result.</summary>
    private async Task<bool> TryReuseAsync(Song song, CancellationToken cancellationToken)
    {
        var done = await db.Songs.AsNoTracking()
            .Where(s => s.MediaHash == song.MediaHash && s.Status == SongStatus.Ready && s.Id != song.Id &&
                        s.PeaksPerSecond == options.Value.PeaksPerSecond && s.PeaksPath != null && s.WaveformPath != null)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (done is null || !File.Exists(store.FullPath(done.PeaksPath!)) || !File.Exists(store.FullPath(done.WaveformPath!)))
        {
            return false;
        }
        (song.PeaksPerSecond, song.PeakCount, song.PeaksPath, song.WaveformPath, song.DurationMicroseconds) =
            (done.PeaksPerSecond, done.PeakCount, done.PeaksPath, done.WaveformPath, done.DurationMicroseconds);
        return true;
    }

    /// <returns>null when the song is whole and its peaks and waveform are written; else the reason for the user.</returns>
    private async Task<string?> AnalyzeFileAsync(Song song, CancellationToken cancellationToken)
    {
        var media = song.Media;
        var path = media is null ? null : store.FullPath(media.RelativePath);
        if (media is null || !File.Exists(path))
        {
            return "The uploaded file is missing from the media folder.";
        }
        if (ffmpeg.FfmpegPath is null)
        {
            return "Storyboard cannot decode audio because ffmpeg is not installed. Ask your admin to install it.";
        }

        var peaks = new PeakAccumulator(song.SampleRate, options.Value.PeaksPerSecond);
        var errors = new List<string>();
        var sink = new StreamPipeSink(peaks.ReadAsync) { Format = "s16le" };
        var result = await FFMpegArguments
            .FromFileInput(path)
            .OutputToPipe(sink, output => output
                .WithCustomArgument($"-map 0:a:0 -vn -sn -dn -ac 1 -ar {song.SampleRate.ToString(CultureInfo.InvariantCulture)} -c:a pcm_s16le"))
            .WithLogLevel(FFMpegLogLevel.Error)
            .NotifyOnStandardError(line => errors.Add(line))
            .CancellableThrough(cancellationToken)
            .ProcessAsynchronously(throwOnError: false);
        cancellationToken.ThrowIfCancellationRequested();

        if (!result.Success)
        {
            var reason = errors.LastOrDefault(e => !string.IsNullOrWhiteSpace(e))?.Replace(path, song.OriginalFileName) ?? "no reason given";
            logger.LogWarning("ffmpeg could not decode song {SongId} (exit {ExitCode}): {Errors}", song.Id, result.ExitCode,
                string.Join(" | ", errors.Select(e => e.Replace(path, "<song>"))));
            return $"ffmpeg could not decode the audio ({reason.Trim()}).";
        }
        if (peaks.SampleCount == 0)
        {
            return "The file holds no sound Storyboard can decode.";
        }

        var decoded = peaks.DurationMicroseconds;
        var promised = song.DurationMicroseconds;
        var allowance = Math.Max(ShortfallAllowance.Ticks / 10, (long)(promised * ShortfallFraction));
        if (promised - decoded > allowance)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The file is cut short: it holds {decoded / 1e6:0.0} s of the {promised / 1e6:0.0} s its header promises.");
        }

        var set = peaks.ToPeaks();
        var peaksPath = MediaPaths.Derived(media.Hash, $"peaks{set.PeaksPerSecond}.bin");
        var waveformPath = MediaPaths.Derived(media.Hash, "waveform.png");
        await PeaksFile.WriteAsync(store.FullPath(peaksPath), set, cancellationToken);
        await waveform.RenderAsync(set, store.FullPath(waveformPath), cancellationToken);

        // The header may count encoder padding (MP3) and the decoder priming (AAC); the audio is what both agree on.
        song.DurationMicroseconds = Math.Min(promised, decoded);
        (song.PeaksPerSecond, song.PeakCount, song.PeaksPath, song.WaveformPath) =
            (set.PeaksPerSecond, set.Count, peaksPath, waveformPath);
        return null;
    }

    /// <summary>Ready, and now the project's song, unless a newer upload already took its place.</summary>
    private async Task PromoteAsync(Song song, CancellationToken cancellationToken)
    {
        // Pruned first, so whoever sees the song ready also sees the refused uploads and their files gone.
        await PruneFailedAsync(song);
        var now = clock.GetUtcNow();
        song.Status = SongStatus.Ready;
        song.Error = null;
        song.AnalyzedAt = now;
        var project = await db.Projects.SingleAsync(p => p.Id == song.ProjectId, cancellationToken);
        if (project.CurrentSongId is null || project.CurrentSongId < song.Id)
        {
            project.CurrentSongId = song.Id;
            project.UpdatedAt = now;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Song {SongId} is ready ({PeakCount} peaks); project {ProjectId} plays song {CurrentSongId}",
            song.Id, song.PeakCount, project.Id, project.CurrentSongId);
    }

    /// <summary>
    /// Refused uploads older than a song that made it are no longer shown; drop them, and their stored files when no
    /// other song uses the same bytes, so a failed 200 MB upload does not stay on disk.
    /// </summary>
    private async Task PruneFailedAsync(Song ready)
    {
        var failed = await db.Songs.Where(s => s.ProjectId == ready.ProjectId && s.Status == SongStatus.Failed && s.Id < ready.Id)
            .ToListAsync(CancellationToken.None);
        if (failed.Count == 0)
        {
            return;
        }
        db.Songs.RemoveRange(failed);
        await db.SaveChangesAsync(CancellationToken.None);
        await store.DeleteUnusedAsync(failed.Select(s => s.MediaHash), CancellationToken.None);
        logger.LogInformation("Removed {Count} refused uploads of project {ProjectId}", failed.Count, ready.ProjectId);
    }
}
