using System.ComponentModel;
using Storyboard.Web.Domain;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Api;

/// <summary>A song as the API shows it, with the URLs of its files.</summary>
public sealed record SongApiView(
    int Id,
    int ProjectId,
    string FileName,
    [property: Description("analyzing, ready or failed. Only a ready song becomes the project's current song.")] string Status,
    [property: Description("Why the song failed its check; null otherwise.")] string? Error,
    string Format,
    string Codec,
    int SampleRate,
    int Channels,
    long? BitRate,
    double DurationSeconds,
    long SizeBytes,
    int PeaksPerSecond,
    int PeakCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnalyzedAt,
    SongLinks Links)
{
    public static SongApiView From(SongView song) => new(
        song.Id, song.ProjectId, song.FileName, song.Status.ToString().ToLowerInvariant(), song.Error, song.Format, song.Codec,
        song.SampleRate, song.Channels, song.BitRate, Math.Round(song.DurationMicroseconds / 1_000_000.0, 6), song.SizeBytes,
        song.PeaksPerSecond, song.PeakCount, song.CreatedAt, song.AnalyzedAt, SongLinks.For(song));
}

/// <summary>Where a song's files are; the waveform and peaks exist once the song is ready.</summary>
public sealed record SongLinks(string Self, string Audio, string? Waveform, string? Peaks)
{
    public static SongLinks For(SongView song)
    {
        var self = $"/api/v1/songs/{song.Id}";
        var ready = song.Status == SongStatus.Ready;
        return new SongLinks(self, $"{self}/audio", ready ? $"{self}/waveform.png" : null, ready ? $"{self}/peaks" : null);
    }
}

/// <summary>A project's song: the one that plays, and a newer upload still being checked or refused.</summary>
public sealed record ProjectSongView(
    [property: Description("The verified song the project plays; null before the first upload is ready.")] SongApiView? Current,
    [property: Description("A newer upload being analysed, or one that failed its check; null when there is none.")] SongApiView? Pending);
