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

    /// <summary>Attempts of one job (a server lost it: offline, restarted) before it fails.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Seconds a lost job waits before its next attempt; doubled with each attempt.</summary>
    [Range(0, 3600)]
    public double RetrySeconds { get; set; } = 5;

    /// <summary>Seconds between polls of a job whose progress cannot come by websocket (RunPod; a ComfyUI socket down or silent).</summary>
    [Range(0.1, 60)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>A ComfyUI socket with jobs on it and no message for this long counts as silent: its jobs are polled.</summary>
    [Range(1, 600)]
    public double SilentSeconds { get; set; } = 10;

    /// <summary>Every job on a server is polled at least this often, whatever the socket says.</summary>
    [Range(1, 3600)]
    public double SafetyPollSeconds { get; set; } = 15;

    /// <summary>Seconds a server may stay unreachable before its jobs are queued again elsewhere.</summary>
    [Range(1, 3600)]
    public double OfflineRequeueSeconds { get; set; } = 30;

    /// <summary>The largest output file taken from a server, in MB.</summary>
    [Range(1, 65536)]
    public int MaxOutputMegabytes { get; set; } = 2048;

    /// <summary>RunPod's serverless API (tests point it at a fake endpoint on 127.0.0.1).</summary>
    [Required, Url]
    public string RunPodApiUrl { get; set; } = "https://api.runpod.ai";
}
