using Microsoft.AspNetCore.Identity;

namespace Storyboard.Web.Domain;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Viewer = "Viewer";
    public static IReadOnlyList<string> All { get; } = [Admin, Editor, Viewer];
}

public sealed class Project
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int FrameRateNumerator { get; set; } = 24;
    public int FrameRateDenominator { get; set; } = 1;
    public int Width { get; set; } = 1920;
    public int Height { get; set; } = 1080;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when the project is in the Trash.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public string? CreatedById { get; set; }
    /// <summary>The verified song the project plays; a newer upload replaces it only once verified.</summary>
    public int? CurrentSongId { get; set; }
    public Song? CurrentSong { get; set; }
    public List<Scene> Scenes { get; set; } = [];
    public List<Clip> Clips { get; set; } = [];

    public FrameRate FrameRate
    {
        get => new(FrameRateNumerator, FrameRateDenominator);
        set => (FrameRateNumerator, FrameRateDenominator) = (value.Numerator, value.Denominator);
    }

    public Resolution Resolution
    {
        get => new(Width, Height);
        set => (Width, Height) = (value.Width, value.Height);
    }
}

/// <summary>A file in the media store, kept once by the SHA-256 of its bytes.</summary>
public sealed class MediaFile
{
    public string Hash { get; set; } = "";
    public long SizeBytes { get; set; }
    public string ContentType { get; set; } = "application/octet-stream";
    /// <summary>Path relative to the media folder, e.g. "ab/abcdef….mp3".</summary>
    public string RelativePath { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum SongStatus
{
    Analyzing = 0,
    Ready = 1,
    Failed = 2,
}

public sealed class Song
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public string MediaHash { get; set; } = "";
    public MediaFile? Media { get; set; }
    public string OriginalFileName { get; set; } = "";
    public string Format { get; set; } = "";
    public string Codec { get; set; } = "";
    public int SampleRate { get; set; }
    public int Channels { get; set; }
    public long? BitRate { get; set; }
    public long DurationMicroseconds { get; set; }
    public SongStatus Status { get; set; }
    public string? Error { get; set; }
    /// <summary>Waveform peaks per second of audio in the peaks file.</summary>
    public int PeaksPerSecond { get; set; }
    public int PeakCount { get; set; }
    public string? PeaksPath { get; set; }
    public string? WaveformPath { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AnalyzedAt { get; set; }

    public TimeSpan Duration => TimeSpan.FromTicks(DurationMicroseconds * 10);
}

/// <summary>A personal API token; only the SHA-256 of the secret is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the token, so a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
