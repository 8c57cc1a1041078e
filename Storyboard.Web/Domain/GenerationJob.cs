namespace Storyboard.Web.Domain;

/// <summary>What a job makes: a still or a short video.</summary>
public enum OutputKind
{
    Image,
    Video,
}

public enum JobStatus
{
    /// <summary>Waiting for a server (or for <see cref="GenerationJob.NotBefore"/> after a failed attempt).</summary>
    Queued,
    /// <summary>Sent to a server, waiting in its queue.</summary>
    Dispatched,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// One generation asked for (one image or one video of one clip), kept as a row so the queue survives a restart. The
/// parameters (prompt, model, preset, seed, overrides) are frozen in <see cref="ParametersJson"/> when it is queued.
/// A Draft card job runs inside Storyboard; the others on a GPU server: the one asked for, or any that has the model.
/// </summary>
public sealed class GenerationJob
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int? ClipId { get; set; }
    public string? UserId { get; set; }
    public OutputKind Kind { get; set; }
    public bool IsDraftCard { get; set; }
    public int? RequestedServerId { get; set; }
    public int? ServerId { get; set; }
    public JobStatus Status { get; set; }
    /// <summary>Higher runs first; equal priorities share servers fairly between users.</summary>
    public int Priority { get; set; }
    public int Attempts { get; set; }
    /// <summary>ComfyUI's prompt id or RunPod's job id of the current attempt.</summary>
    public string? RemoteId { get; set; }
    /// <summary>0 to 1 while it runs.</summary>
    public double Progress { get; set; }
    public string? ProgressText { get; set; }
    public string ParametersJson { get; set; } = "{}";
    /// <summary>The API-format graph sent to the server at the latest attempt.</summary>
    public string? GraphJson { get; set; }
    /// <summary>The batch it was queued with, if any.</summary>
    public int? BatchId { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>A failed attempt waits until then before the next one (back-off).</summary>
    public DateTimeOffset? NotBefore { get; set; }
    public int Version { get; set; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}

/// <summary>One result in a clip's gallery: the stored image or video, with what made it.</summary>
public sealed class ClipGeneration
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int ClipId { get; set; }
    public int? JobId { get; set; }
    public OutputKind Kind { get; set; }
    public string MediaHash { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>A video's length, as ffprobe read it when it was stored (null for images and unknown lengths).</summary>
    public long? DurationMicroseconds { get; set; }
    /// <summary>The seed as ComfyUI takes it: an unsigned 64-bit number (stored bit for bit in a signed column).</summary>
    public ulong Seed { get; set; }
    public string Model { get; set; } = "";
    /// <summary>Where it was made: "Draft card" or the server's name at the time.</summary>
    public string Source { get; set; } = "";
    public string ParametersJson { get; set; } = "{}";
    /// <summary>The graph it ran (null for a Draft card).</summary>
    public string? GraphJson { get; set; }
    /// <summary>The server that made it (null for a Draft card or a server since removed).</summary>
    public int? ServerId { get; set; }
    /// <summary>For a video: a still frame and a short low-resolution preview, made with ffmpeg.</summary>
    public string? PosterHash { get; set; }
    public string? PreviewHash { get; set; }
    /// <summary>0 (not rated) to 5 stars.</summary>
    public int Rating { get; set; }
    /// <summary>Set when moved to the Trash; the gallery hides it, restore clears it.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When it was stored (the server finished just before).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
