using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Songs;

/// <summary>A song as pages and the API show it.</summary>
public sealed record SongView(
    int Id, int ProjectId, string FileName, SongStatus Status, string? Error, string Format, string Codec,
    int SampleRate, int Channels, long? BitRate, long DurationMicroseconds, long SizeBytes,
    int PeaksPerSecond, int PeakCount, bool HasWaveform, DateTimeOffset CreatedAt, DateTimeOffset? AnalyzedAt)
{
    public string FormatLabel => $"{AudioFormats.Label(Format)} ({Codec})";
    public string SampleRateLabel => string.Create(CultureInfo.InvariantCulture, $"{SampleRate / 1000.0:0.###} kHz");
    public string ChannelsLabel => Channels switch { 1 => "Mono", 2 => "Stereo", _ => $"{Channels} channels" };
    /// <summary>Seconds with three decimals, for data attributes read by the player script.</summary>
    public string DurationSeconds => (DurationMicroseconds / 1e6).ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>The dashboard's song panel: the song that plays, the newer upload still being checked (or refused), the form.</summary>
public sealed record SongPanelView(
    int ProjectId, string ProjectName, bool CanEdit, SongView? Current, SongView? Pending, int MaxUploadMegabytes)
{
    /// <summary>The upload field (asp-for target); it never holds a value because the file streams to the media store.</summary>
    public string? File => null;

    public bool IsAnalyzing => Pending?.Status == SongStatus.Analyzing;
    public bool HasFailed => Pending?.Status == SongStatus.Failed;
    public string UploadHint => $"{AudioProbe.AcceptedTypesText}, up to {MaxUploadMegabytes} MB.";

    /// <summary>Failures interrupt (alert); progress is announced politely (status).</summary>
    public string StatusRole => HasFailed ? "alert" : "status";
    public string StatusLive => HasFailed ? "assertive" : "polite";

    public string FileLabel => Current is null ? "Song file" : "Replace the song";
    public string NoSongText => CanEdit ? "No song yet. Upload the song this video is for." : "No song yet. An editor can upload one.";

    /// <summary>Reassurance that a replacement does not touch what plays now.</summary>
    public string? CurrentSongNote => Current is null ? null
        : HasFailed ? "The current song is unchanged." : "The current song plays until the new one is ready.";
}

/// <summary>What the media endpoints need to serve a song's files.</summary>
public sealed record SongMedia(
    int SongId, string Hash, string RelativePath, string ContentType, DateTimeOffset StoredAt,
    SongStatus Status, string? PeaksPath, string? WaveformPath, DateTimeOffset? AnalyzedAt);

public interface ISongQueries
{
    /// <summary>Null when the project does not exist or is in the Trash.</summary>
    Task<SongPanelView?> GetPanelAsync(int projectId, bool canEdit, CancellationToken cancellationToken);

    /// <summary>A song of a live project, or null.</summary>
    Task<SongView?> GetSongAsync(int songId, CancellationToken cancellationToken);

    /// <summary>A song's stored files when its project is live, or null.</summary>
    Task<SongMedia?> FindMediaAsync(int songId, CancellationToken cancellationToken);
}

public sealed class SongQueries(StoryboardDbContext db, IOptions<MediaOptions> options) : ISongQueries
{
    public async Task<SongPanelView?> GetPanelAsync(int projectId, bool canEdit, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.DeletedAt == null)
            .Select(p => new { p.Name, p.CurrentSongId }).SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }
        var current = project.CurrentSongId is int currentId
            ? await Views(db.Songs.Where(s => s.Id == currentId)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var newerThan = project.CurrentSongId ?? 0;
        var pending = await Views(db.Songs.Where(s => s.ProjectId == projectId && s.Id > newerThan && s.Status != SongStatus.Ready)
            .OrderByDescending(s => s.Id)).FirstOrDefaultAsync(cancellationToken);
        return new SongPanelView(projectId, project.Name, canEdit, current, pending, options.Value.MaxSongUploadMegabytes);
    }

    public Task<SongView?> GetSongAsync(int songId, CancellationToken cancellationToken) =>
        Views(db.Songs.Where(s => s.Id == songId && s.Project!.DeletedAt == null)).SingleOrDefaultAsync(cancellationToken);

    public Task<SongMedia?> FindMediaAsync(int songId, CancellationToken cancellationToken) =>
        db.Songs.AsNoTracking().Where(s => s.Id == songId && s.Project!.DeletedAt == null)
            .Select(s => new SongMedia(s.Id, s.MediaHash, s.Media!.RelativePath, s.Media.ContentType, s.Media.CreatedAt,
                s.Status, s.PeaksPath, s.WaveformPath, s.AnalyzedAt))
            .SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<SongView> Views(IQueryable<Song> songs) => songs.AsNoTracking().Select(s => new SongView(
        s.Id, s.ProjectId, s.OriginalFileName, s.Status, s.Error, s.Format, s.Codec, s.SampleRate, s.Channels, s.BitRate,
        s.DurationMicroseconds, s.Media!.SizeBytes, s.PeaksPerSecond, s.PeakCount, s.WaveformPath != null,
        s.CreatedAt, s.AnalyzedAt));
}
