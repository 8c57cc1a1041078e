namespace Storyboard.Web.Domain;

public enum GpuServerKind
{
    ComfyUi,
    RunPod,
}

/// <summary>How Storyboard authenticates to a ComfyUI server behind a reverse proxy (ComfyUI itself has none).</summary>
public enum GpuServerAuth
{
    None,
    Header,
    Basic,
}

public enum GpuServerStatus
{
    Unknown,
    Online,
    Offline,
}

/// <summary>
/// A ComfyUI server or a RunPod serverless endpoint that runs generations. Its secret (an extra header's value, a basic
/// password or a RunPod API key) is stored encrypted with Data Protection and never leaves the server. The health
/// fields are written by the health check.
/// </summary>
public sealed class GpuServer
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public GpuServerKind Kind { get; set; }
    /// <summary>ComfyUI: the base URL (scheme, host, port and an optional path, no trailing slash).</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>RunPod: the serverless endpoint id.</summary>
    public string EndpointId { get; set; } = "";
    /// <summary>How many jobs Storyboard keeps on the server at once (running plus queued behind it).</summary>
    public int Capacity { get; set; } = 2;
    public GpuServerAuth Auth { get; set; }
    public string? AuthHeaderName { get; set; }
    public string? BasicUser { get; set; }
    /// <summary>The secret, protected with Data Protection; null when none is set.</summary>
    public string? ProtectedSecret { get; set; }
    public bool IsPaused { get; set; }
    /// <summary>Measured seconds one image (or one video) takes here, a moving average the dispatcher weighs servers by.</summary>
    public double? SecondsPerImage { get; set; }
    public double? SecondsPerVideo { get; set; }

    public GpuServerStatus Status { get; set; }
    public string? GpuName { get; set; }
    public long? VramTotalBytes { get; set; }
    public long? VramFreeBytes { get; set; }
    public int? QueueDepth { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }
    public DateTimeOffset? LastOnlineAt { get; set; }

    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
