using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Generation;

/// <summary>The "Generation" section: how GPU servers are checked and where RunPod's API is.</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>Seconds between health checks of every server.</summary>
    [Range(5, 3600)]
    public int HealthCheckSeconds { get; set; } = 30;

    /// <summary>Seconds a health check waits for a server before calling it offline.</summary>
    [Range(1, 120)]
    public int ProbeTimeoutSeconds { get; set; } = 5;

    /// <summary>Minutes before an online server's catalogue (its models and nodes) is read again.</summary>
    [Range(1, 1440)]
    public int CatalogMinutes { get; set; } = 10;

    /// <summary>Seconds between the dispatcher's passes when nothing wakes it sooner.</summary>
    [Range(1, 300)]
    public int DispatchTickSeconds { get; set; } = 5;

    /// <summary>Draft cards drawn at once (each uses one core for a moment).</summary>
    [Range(1, 16)]
    public int DraftCardWorkers { get; set; } = 2;

    /// <summary>RunPod's serverless API (tests point it at a fake endpoint on 127.0.0.1).</summary>
    [Required, Url]
    public string RunPodApiUrl { get; set; } = "https://api.runpod.ai";
}
