namespace Storyboard.Web.Domain;

/// <summary>Quick preview (480p, fast encode) for iteration; full (the project's resolution and frame rate).</summary>
public enum RenderPreset
{
    Quick,
    Full,
}

public enum RenderStatus
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>An animatic: the project (or one scene) rendered to an MP4 with the song, by a Quartz job.</summary>
public sealed class Render
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The scene rendered on its own; null for the whole project.</summary>
    public int? SceneId { get; set; }
    public string? UserId { get; set; }
    public RenderPreset Preset { get; set; }
    /// <summary>Overlays and sidecar choices, as JSON.</summary>
    public string OptionsJson { get; set; } = "{}";
    public RenderStatus Status { get; set; }
    /// <summary>0 to 1.</summary>
    public double Progress { get; set; }
    public bool CancelRequested { get; set; }
    public string? Error { get; set; }
    /// <summary>What the render replaced or left out (missing media…), one line each.</summary>
    public string Notices { get; set; } = "";
    /// <summary>The MP4, relative to the renders folder.</summary>
    public string? FileName { get; set; }
    /// <summary>The lyrics as subtitles (.srt), relative to the renders folder, when asked for.</summary>
    public string? SubtitlesFileName { get; set; }
    public long SizeBytes { get; set; }
    public long LengthFrames { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A file exported for an editor (FCPXML, EDL, PDF…), kept so it can be downloaded again.</summary>
public sealed class ExportRecord
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public string? UserId { get; set; }
    /// <summary>The format's key: "fcpxml", "fcp7", "edl", "otio", "otioz", "json", "pdf", "package".</summary>
    public string Format { get; set; } = "";
    public string OptionsJson { get; set; } = "{}";
    /// <summary>The name the download gets.</summary>
    public string FileName { get; set; } = "";
    /// <summary>Where the file is, relative to the exports folder.</summary>
    public string StoredPath { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long SizeBytes { get; set; }
    /// <summary>What the export left out or replaced, one line each.</summary>
    public string Notices { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
