namespace Storyboard.Tests.Fakes;

/// <summary>How the fake RunPod worker returns its images (worker-comfyui 5.x, or the 3.x contract).</summary>
public enum FakeRunPodOutputMode
{
    /// <summary>5.x without a bucket: <c>output.images[{filename, type: "base64", data}]</c>.</summary>
    Base64,

    /// <summary>5.x with <c>BUCKET_ENDPOINT_URL</c>: <c>type: "s3_url"</c>, <c>data</c> a URL.</summary>
    S3Url,

    /// <summary>≤3.x: <c>output: {"status": "success", "message": "&lt;base64 of the first image&gt;"}</c>.</summary>
    Legacy,
}

/// <summary>The knobs of a <see cref="FakeRunPod"/>; set them before or during a test, from any thread.</summary>
public sealed class FakeRunPodOptions
{
    /// <summary>The key <c>Authorization: Bearer &lt;key&gt;</c> (or a bare <c>authorization: &lt;key&gt;</c>) must carry.</summary>
    public string ApiKey { get; set; } = "rp-test-key";

    /// <summary>Endpoint ids that exist; any other gets 404.</summary>
    public HashSet<string> EndpointIds { get; } = ["storyboard-endpoint"];

    /// <summary>Time a job stays IN_QUEUE before a worker takes it (cold start).</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Extra time a job spends IN_PROGRESS before the worker runs the workflow.</summary>
    public TimeSpan RunTime { get; set; } = TimeSpan.Zero;

    /// <summary>Jobs running longer than this end TIMED_OUT (a job's own <c>policy.executionTimeout</c> wins).</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When set, every job FAILs with this handler error instead of running (e.g. ComfyUI unreachable).</summary>
    public string? FailWith { get; set; }

    /// <summary>When true, <c>/run</c> and <c>/runsync</c> answer 429.</summary>
    public bool RateLimited { get; set; }

    /// <summary>How long <c>/runsync</c> waits by default before answering a non-terminal status.</summary>
    public TimeSpan RunsyncWait { get; set; } = TimeSpan.FromSeconds(90);

    public FakeRunPodOutputMode OutputMode { get; set; } = FakeRunPodOutputMode.Base64;

    /// <summary>Base of the URLs of <see cref="FakeRunPodOutputMode.S3Url"/> outputs (<c>&lt;base&gt;/&lt;job id&gt;/&lt;file&gt;</c>).</summary>
    public string S3BaseUrl { get; set; } = "https://storyboard-test.s3.eu-west-1.amazonaws.com";

    /// <summary>Overrides for <c>/health</c>'s worker counts (null: computed from the jobs).</summary>
    public int? WorkersIdle { get; set; }

    public int? WorkersRunning { get; set; }

    /// <summary>Added to <c>/health</c>'s <c>jobs.inQueue</c>, to simulate other callers' backlog.</summary>
    public int ExtraJobsInQueue { get; set; }
}
