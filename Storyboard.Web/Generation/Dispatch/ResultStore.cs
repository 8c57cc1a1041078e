using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Generation.Results;
using Storyboard.Web.Media;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>One output of a finished job, fetched from the server on demand (ComfyUI <c>/view</c>, RunPod base64 or URL).</summary>
public sealed record ResultFile(string FileName, Func<Stream, CancellationToken, Task> CopyToAsync);

/// <summary>
/// Keeps what a finished GPU job made: each output is downloaded into the media store and added to the clip's gallery
/// with the job's parameters, seed, model, server, timings and graph, and the job is marked done, all in one
/// transaction that applies only while the job is still on the server under the same remote id (a job cancelled
/// meanwhile keeps nothing). The server's measured speed is updated from the run time.
/// </summary>
public sealed class ResultStore(StoryboardDbContext db, IMediaStore media, IVideoPreviews previews, IOptions<GenerationOptions> options,
    TimeProvider clock, ILogger<ResultStore> logger)
{
    private const double SpeedWeight = 0.3;

    /// <param name="finishedOnServer">When the server said it finished (its websocket), for the measured speed; null: now.</param>
    public async Task<bool> StoreAsync(int jobId, string remoteId, IReadOnlyList<ResultFile> files, DateTimeOffset? finishedOnServer,
        CancellationToken cancellationToken)
    {
        var job = await db.GenerationJobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == jobId && j.RemoteId == remoteId && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running), cancellationToken);
        if (job is null)
        {
            return false;
        }
        var server = job.ServerId is { } id ? await db.GpuServers.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(cancellationToken) : null;
        var parameters = GenerationParameters.FromJson(job.ParametersJson);
        var stored = new List<Output>();
        foreach (var file in files)
        {
            stored.Add(await DownloadAsync(file, cancellationToken));
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var completed = await db.GenerationJobs
            .Where(j => j.Id == jobId && j.RemoteId == remoteId && (j.Status == JobStatus.Dispatched || j.Status == JobStatus.Running))
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, stored.Count > 0 ? JobStatus.Completed : JobStatus.Failed)
                .SetProperty(j => j.Error, stored.Count > 0 ? null : "The server finished without any image or video output.")
                .SetProperty(j => j.Progress, 1)
                .SetProperty(j => j.ProgressText, (string?)null)
                .SetProperty(j => j.StartedAt, j => j.StartedAt ?? j.DispatchedAt)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;
        if (!completed)
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.LogInformation("Generation job {JobId} changed while its results were fetched (cancelled?); they are not kept", jobId);
            await media.DeleteUnusedAsync(stored.SelectMany(s => new[] { s.File.Hash, s.Poster, s.Preview }).OfType<string>(), cancellationToken);
            return false;
        }
        if (job.ClipId is { } clipId)
        {
            foreach (var (file, kind, width, height, poster, preview, duration) in stored)
            {
                db.ClipGenerations.Add(new ClipGeneration
                {
                    ProjectId = job.ProjectId, ClipId = clipId, JobId = job.Id, Kind = kind, MediaHash = file.Hash, Width = width, Height = height, DurationMicroseconds = duration,
                    PosterHash = poster, PreviewHash = preview, Seed = parameters.Seed, Model = parameters.ModelFile ?? "Custom workflow", Source = server?.Name ?? "GPU server", ServerId = server?.Id,
                    ParametersJson = job.ParametersJson, GraphJson = job.GraphJson, QueuedAt = job.CreatedAt, StartedAt = job.StartedAt ?? job.DispatchedAt,
                    CreatedAt = now,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (server is not null && stored.Count > 0)
        {
            var end = finishedOnServer ?? now;
            await RecordSpeedAsync(server.Id, job.Kind, (end - (job.StartedAt ?? job.DispatchedAt ?? end)).TotalSeconds, cancellationToken);
        }
        return true;
    }

    private sealed record Output(MediaFile File, OutputKind Kind, int Width, int Height, string? Poster, string? Preview, long? DurationMicroseconds);

    private async Task<Output> DownloadAsync(ResultFile file, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        var (kind, contentType) = extension switch
        {
            ".png" => (OutputKind.Image, "image/png"),
            ".jpg" or ".jpeg" => (OutputKind.Image, "image/jpeg"),
            ".webp" => (OutputKind.Image, "image/webp"),
            ".gif" => (OutputKind.Video, "image/gif"),
            ".mp4" => (OutputKind.Video, "video/mp4"),
            ".webm" => (OutputKind.Video, "video/webm"),
            ".mov" => (OutputKind.Video, "video/quicktime"),
            _ => throw new InvalidDataException($"The server returned {file.FileName}, which is not an image or video Storyboard keeps."),
        };
        var temp = Path.GetTempFileName();
        try
        {
            await using (var download = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await file.CopyToAsync(download, cancellationToken);
                download.Position = 0;
                var staged = await media.StageAsync(download, options.Value.MaxOutputMegabytes * 1024L * 1024, cancellationToken)
                    ?? throw new InvalidDataException($"{file.FileName} is larger than {options.Value.MaxOutputMegabytes} MB.");
                var (width, height, animated, duration) = await MeasureAsync(staged.TempPath, kind == OutputKind.Image || extension == ".gif", cancellationToken);
                if (animated)
                {
                    kind = OutputKind.Video;
                }
                var stored = await media.CommitAsync(staged, extension, contentType, cancellationToken);
                var (poster, preview) = kind == OutputKind.Video ? await PreviewsAsync(stored, cancellationToken) : (null, null);
                return new Output(stored, kind, width, height, poster, preview, duration);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A video's poster frame and short low-resolution preview, stored beside it; none when ffmpeg cannot read it (the video is kept).</summary>
    private async Task<(string? Poster, string? Preview)> PreviewsAsync(MediaFile video, CancellationToken cancellationToken)
    {
        VideoPreview made;
        try
        {
            made = await previews.MakeAsync(media.FullPath(video.RelativePath), cancellationToken);
        }
        catch (VideoPreviewException e)
        {
            logger.LogWarning("No poster or preview for video {Hash}: {Reason}", video.Hash, e.Message);
            return (null, null);
        }
        try
        {
            var poster = await StoreFileAsync(made.PosterPath, ".jpg", "image/jpeg", cancellationToken);
            var preview = made.PreviewPath is null ? null : await StoreFileAsync(made.PreviewPath, ".mp4", "video/mp4", cancellationToken);
            return (poster, preview);
        }
        finally
        {
            File.Delete(made.PosterPath);
            if (made.PreviewPath is not null)
            {
                File.Delete(made.PreviewPath);
            }
        }
    }

    private async Task<string> StoreFileAsync(string path, string extension, string contentType, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var staged = await media.StageAsync(file, long.MaxValue, cancellationToken) ?? throw new InvalidDataException("A preview could not be staged.");
        return (await media.CommitAsync(staged, extension, contentType, cancellationToken)).Hash;
    }

    /// <summary>The picture's size, and whether an image file is really an animation (animated WebP, GIF).</summary>
    private static async Task<(int Width, int Height, bool Animated, long? DurationMicroseconds)> MeasureAsync(string path, bool imageFormat, CancellationToken cancellationToken)
    {
        if (imageFormat)
        {
            if (AnimatedWebpSize(path) is { } canvas)
            {
                // ImageSharp 2.x does not read animated WebP: its size is in the VP8X chunk.
                return (canvas.Width, canvas.Height, true, null);
            }
            if (PngSize(path) is { } png)
            {
                // What most servers return: the size is in the header; no need to have ImageSharp open the file.
                return (png.Width, png.Height, false, null);
            }
            try
            {
                var info = await Image.IdentifyAsync(path, cancellationToken);
                if (info is not null)
                {
                    return (info.Width, info.Height, false, null);
                }
            }
            catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
            {
                throw new InvalidDataException("The server returned an image that cannot be read.", e);
            }
        }
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
            var video = analysis.PrimaryVideoStream;
            var length = analysis.Duration > TimeSpan.Zero ? (long?)(analysis.Duration.Ticks / 10) : null;
            return (video?.Width ?? 0, video?.Height ?? 0, false, length);
        }
        catch (Exception e) when (e is FFMpegCore.Exceptions.FFMpegException or FFMpegCore.Exceptions.FormatNullException)
        {
            throw new InvalidDataException("The server returned a video that cannot be read.", e);
        }
    }

    /// <summary>A PNG's size from its IHDR chunk, or null when the file is not a PNG.</summary>
    private static (int Width, int Height)? PngSize(string path)
    {
        Span<byte> header = stackalloc byte[24];
        using var file = File.OpenRead(path);
        if (file.Read(header) != header.Length || !header[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            || !header[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }
        var (width, height) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[16..20]), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
        return width > 0 && height > 0 ? (width, height) : null;
    }

    /// <summary>
    /// The canvas of an extended WebP (VP8X chunk) with its animation flag set, what ComfyUI's SaveAnimatedWEBP writes;
    /// null for anything else.
    /// </summary>
    private static (int Width, int Height)? AnimatedWebpSize(string path)
    {
        Span<byte> header = stackalloc byte[30];
        using var file = File.OpenRead(path);
        if (file.Read(header) != header.Length || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WEBP"u8)
            || !header[12..16].SequenceEqual("VP8X"u8) || (header[20] & 0x02) == 0)
        {
            return null;
        }
        static int Int24(ReadOnlySpan<byte> b) => b[0] | b[1] << 8 | b[2] << 16;
        return (Int24(header[24..27]) + 1, Int24(header[27..30]) + 1);
    }

    private async Task RecordSpeedAsync(int serverId, OutputKind kind, double seconds, CancellationToken cancellationToken)
    {
        if (seconds <= 0)
        {
            return;
        }
        if (kind == OutputKind.Video)
        {
            await db.GpuServers.Where(s => s.Id == serverId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecondsPerVideo,
                s => s.SecondsPerVideo == null ? seconds : s.SecondsPerVideo * (1 - SpeedWeight) + seconds * SpeedWeight), cancellationToken);
        }
        else
        {
            await db.GpuServers.Where(s => s.Id == serverId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecondsPerImage,
                s => s.SecondsPerImage == null ? seconds : s.SecondsPerImage * (1 - SpeedWeight) + seconds * SpeedWeight), cancellationToken);
        }
    }
}
