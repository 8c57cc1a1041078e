using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Web.Songs;

public enum SongUploadFailure
{
    None,
    ProjectNotFound,
    Empty,
    TooLarge,
    NotAudio,
}

/// <summary>The new song's id (it is being analysed), or why the upload was refused, in words for the user.</summary>
public sealed record SongUploadResult(int? SongId, SongUploadFailure Failure, string? Error)
{
    public bool Succeeded => SongId is not null;

    public static SongUploadResult Ok(int songId) => new(songId, SongUploadFailure.None, null);
    public static SongUploadResult Refused(SongUploadFailure failure, string error) => new(null, failure, error);
}

public interface ISongUploads
{
    long MaxBytes { get; }

    /// <summary>
    /// Streams <paramref name="content"/> to disk, checks by content that it is audio, stores it once by hash and starts
    /// its analysis. A refusal changes nothing: no rows, no files. The project's current song changes only when the
    /// analysis has verified the new one.
    /// </summary>
    /// <param name="declaredLength">The size the client announced, if any; a larger-than-allowed one is refused unread.</param>
    Task<SongUploadResult> UploadAsync(int projectId, Stream content, string fileName, long? declaredLength,
        CancellationToken cancellationToken);
}

public sealed class SongUploadService(
    StoryboardDbContext db, IMediaStore store, IAudioProbe probe, ISongAnalysisQueue queue,
    IOptions<MediaOptions> options, TimeProvider clock, ILogger<SongUploadService> logger) : ISongUploads
{
    public long MaxBytes => options.Value.MaxSongUploadBytes;

    private SongUploadResult TooLarge() => SongUploadResult.Refused(SongUploadFailure.TooLarge,
        $"The file is larger than the {options.Value.MaxSongUploadMegabytes} MB limit.");

    public async Task<SongUploadResult> UploadAsync(int projectId, Stream content, string fileName, long? declaredLength,
        CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.DeletedAt == null, cancellationToken))
        {
            return SongUploadResult.Refused(SongUploadFailure.ProjectNotFound, "That project does not exist or is in the Trash.");
        }
        if (declaredLength > MaxBytes)
        {
            return TooLarge();
        }

        var staged = await store.StageAsync(content, MaxBytes, cancellationToken);
        if (staged is null)
        {
            return TooLarge();
        }
        try
        {
            if (staged.SizeBytes == 0)
            {
                return SongUploadResult.Refused(SongUploadFailure.Empty, "The file is empty.");
            }
            var probed = await probe.ProbeAsync(staged.TempPath, cancellationToken);
            if (probed.Audio is not { } audio)
            {
                logger.LogInformation("Song upload to project {ProjectId} refused: {Reason}", projectId, probed.Error);
                return SongUploadResult.Refused(SongUploadFailure.NotAudio, probed.Error!);
            }

            var media = await store.CommitAsync(staged, audio.Extension, audio.ContentType, cancellationToken);
            var song = new Song
            {
                ProjectId = projectId,
                MediaHash = media.Hash,
                OriginalFileName = CleanFileName(fileName, audio.Extension),
                Format = audio.Format,
                Codec = audio.Codec,
                SampleRate = audio.SampleRate,
                Channels = audio.Channels,
                BitRate = audio.BitRate,
                DurationMicroseconds = audio.DurationMicroseconds,
                Status = SongStatus.Analyzing,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Songs.Add(song);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Song {SongId} ({Format}, {Bytes} bytes, media {Hash}) uploaded to project {ProjectId}; analysing",
                song.Id, audio.Format, staged.SizeBytes, media.Hash, projectId);
            await queue.EnqueueAsync(song.Id, cancellationToken);
            return SongUploadResult.Ok(song.Id);
        }
        finally
        {
            if (File.Exists(staged.TempPath))
            {
                File.Delete(staged.TempPath);
            }
        }
    }

    /// <summary>Just the name (some browsers send a whole path), without control characters, at most 255 characters.</summary>
    internal static string CleanFileName(string fileName, string extension)
    {
        var name = fileName.Replace('\\', '/');
        name = new string(name[(name.LastIndexOf('/') + 1)..].Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            return "song" + extension;
        }
        return name.Length <= 255 ? name : name[..255];
    }
}
