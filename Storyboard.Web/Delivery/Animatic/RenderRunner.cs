using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>
/// Runs queued renders one after another: builds each cut, renders it, writes progress about twice a second, watches
/// for a cancel request (then ffmpeg is stopped, the files removed and the render marked Cancelled), and records the
/// outcome, the files and the notices on the row.
/// </summary>
public sealed class RenderRunner(IServiceScopeFactory scopes, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<RenderRunner> logger)
{
    /// <summary>How often progress is written and the cancel flag read.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs every queued render, oldest first; the number run.</summary>
    public async Task<int> RunQueuedAsync(CancellationToken stopping)
    {
        var count = 0;
        while (!stopping.IsCancellationRequested && await ClaimNextAsync(stopping) is { } render)
        {
            await RunAsync(render, stopping);
            count++;
        }
        return count;
    }

    private async Task<Render?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var render = await db.Renders.Where(r => r.Status == RenderStatus.Queued).OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (render is null)
        {
            return null;
        }
        render.Status = RenderStatus.Running;
        render.StartedAt = clock.GetUtcNow();
        render.Progress = 0;
        await db.SaveChangesAsync(cancellationToken);
        return render;
    }

    private async Task RunAsync(Render render, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<ICutBuilder>();
        var renderer = scope.ServiceProvider.GetRequiredService<IAnimaticRenderer>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var progress = new LatestProgress();
        var watcher = WatchAsync(render.Id, progress, cancel);
        string? video = null, subtitles = null;
        try
        {
            var cut = await builder.BuildAsync(render.ProjectId, new CutScope(render.SceneId), cancel.Token)
                ?? throw new AnimaticException(render.SceneId is null ? "The project no longer exists." : "The scene no longer exists (or it is in the Trash).");
            var settings = AnimaticSettings.FromJson(render.OptionsJson);
            video = Path.Combine(storage.Value.RendersFolder, Renders.FileNameFor(render.Id, cut.Title, ".mp4"));
            subtitles = settings.Subtitles ? Path.ChangeExtension(video, ".srt") : null;
            var result = await renderer.RenderAsync(cut, new AnimaticRequest(render.Preset, settings, video, subtitles), progress, cancel.Token);
            await FinishAsync(render.Id, r =>
            {
                r.Status = RenderStatus.Done;
                r.Progress = 1;
                r.FileName = Path.GetFileName(result.OutputPath);
                r.SubtitlesFileName = result.SubtitlesPath is null ? null : Path.GetFileName(result.SubtitlesPath);
                r.SizeBytes = new FileInfo(result.OutputPath).Length;
                r.LengthFrames = result.LengthFrames;
                r.Notices = string.Join('\n', result.Notices);
            });
            logger.LogInformation("Render {RenderId} done: {Encoded} segments encoded, {Reused} reused", render.Id, result.SegmentsEncoded, result.SegmentsReused);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            DeleteFiles(video, subtitles);
            var stopped = stopping.IsCancellationRequested;
            await FinishAsync(render.Id, r =>
            {
                r.Status = stopped ? RenderStatus.Failed : RenderStatus.Cancelled;
                r.Error = stopped ? RenderRecovery.StoppedMessage : null;
            });
        }
        catch (AnimaticException e)
        {
            DeleteFiles(video, subtitles);
            await FinishAsync(render.Id, r => (r.Status, r.Error) = (RenderStatus.Failed, e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or DbUpdateException)
        {
            logger.LogError(e, "Render {RenderId} failed", render.Id);
            DeleteFiles(video, subtitles);
            await FinishAsync(render.Id, r => (r.Status, r.Error) = (RenderStatus.Failed, $"The render failed: {e.Message}"));
        }
        finally
        {
            await cancel.CancelAsync();
            await watcher;
        }
    }

    /// <summary>Until the render ends: writes its progress when it moved and turns a cancel request into cancellation.</summary>
    private async Task WatchAsync(int renderId, LatestProgress progress, CancellationTokenSource cancel)
    {
        var written = -1.0;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, cancel.Token);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
                var value = Math.Round(progress.Value, 3);
                if (value > written)
                {
                    await db.Renders.Where(r => r.Id == renderId && r.Status == RenderStatus.Running)
                        .ExecuteUpdateAsync(r => r.SetProperty(x => x.Progress, value), CancellationToken.None);
                    written = value;
                }
                if (await db.Renders.AnyAsync(r => r.Id == renderId && r.CancelRequested, CancellationToken.None))
                {
                    await cancel.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FinishAsync(int renderId, Action<Render> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var render = await db.Renders.SingleAsync(r => r.Id == renderId, CancellationToken.None);
        change(render);
        render.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static void DeleteFiles(params string?[] paths)
    {
        foreach (var path in paths.OfType<string>().Where(File.Exists))
        {
            File.Delete(path);
        }
    }

    /// <summary>The renderer's latest progress, read by the watcher.</summary>
    private sealed class LatestProgress : IProgress<double>
    {
        private double _value;
        public double Value => Volatile.Read(ref _value);
        public void Report(double value) => Volatile.Write(ref _value, value);
    }
}
