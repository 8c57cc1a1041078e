using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>
/// A real Storyboard (its own SQLite file, the real dispatcher and tracker) with fast polling and retries, a project
/// with a clip that has a prompt, and helpers to register fake servers the way an admin does and to wait for jobs.
/// </summary>
public sealed class GpuTestBed : IAsyncDisposable
{
    public const string Sdxl = "sd_xl_base_1.0.safetensors";
    public const string SdxlKey = "checkpoints/" + Sdxl;

    public StoryboardFactory Factory { get; private set; }
    public int ProjectId { get; private set; }
    public int ClipId { get; private set; }
    public HttpClient Admin { get; private set; } = null!;

    private GpuTestBed(StoryboardFactory factory) => Factory = factory;

    public static async Task<GpuTestBed> StartAsync(Action<StoryboardFactory>? configure = null, string? runPodApiUrl = null)
    {
        var factory = new StoryboardFactory()
            .With("Generation:PollSeconds", "0.2")
            .With("Generation:SilentSeconds", "1")
            .With("Generation:SafetyPollSeconds", "3")
            .With("Generation:RetrySeconds", "0")
            .With("Generation:OfflineRequeueSeconds", "1")
            .With("Generation:DispatchTickSeconds", "1");
        if (runPodApiUrl is not null)
        {
            factory.With("Generation:RunPodApiUrl", runPodApiUrl);
        }
        configure?.Invoke(factory);
        var bed = new GpuTestBed(factory);
        bed.Admin = await factory.CreateAdminClientAsync();
        bed.ProjectId = await TimelineSeed.CreateProjectAsync(bed.Admin);
        var clip = await TimelineSeed.AddClipAsync(factory, bed.ProjectId, "Rooftop", 0, 50);
        bed.ClipId = clip.Id;
        await factory.QueryAsync(db => db.Clips.Where(c => c.Id == clip.Id).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.ImagePrompt, "a rooftop at night, neon, rain")
            .SetProperty(c => c.VideoPrompt, "slow push in on the rooftop")));
        return bed;
    }

    /// <summary>Registers a ComfyUI server and checks it (online, catalogue read), as saving the server form does.</summary>
    public async Task<int> AddComfyAsync(FakeComfyUi comfy, string name, int capacity = 2)
    {
        using var scope = Factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<IGpuServerAdmin>();
        var saved = await admin.SaveAsync(null, new GpuServerInput { Name = name, Kind = GpuServerKind.ComfyUi, BaseUrl = comfy.BaseAddress.ToString().TrimEnd('/'), Capacity = capacity }, default);
        Assert.True(saved.Outcome == ServerSaveOutcome.Ok, string.Join(" ", saved.Errors.Values));
        Assert.True(await scope.ServiceProvider.GetRequiredService<IServerHealth>().CheckAsync(saved.Id, default));
        return saved.Id;
    }

    public async Task<int> AddRunPodAsync(string name, int capacity = 2)
    {
        using var scope = Factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<IGpuServerAdmin>();
        var saved = await admin.SaveAsync(null, new GpuServerInput
        {
            Name = name, Kind = GpuServerKind.RunPod, EndpointId = "storyboard-endpoint", Secret = "rp-test-key", Capacity = capacity,
        }, default);
        Assert.True(saved.Outcome == ServerSaveOutcome.Ok, string.Join(" ", saved.Errors.Values));
        Assert.True(await scope.ServiceProvider.GetRequiredService<IServerHealth>().CheckAsync(saved.Id, default));
        return saved.Id;
    }

    public async Task<EnqueueResult> EnqueueAsync(GenerationParameters gpu, int count = 1, int? serverId = null, ulong? seed = 42, string? userId = null, int? clipId = null)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IGenerationQueue>()
            .EnqueueAsync(new EnqueueRequest(ProjectId, clipId ?? ClipId, userId, OutputKind.Image, DraftCard: false, serverId, count, seed, gpu), default);
    }

    public async Task<IReadOnlyList<int>> EnqueueOkAsync(GenerationParameters gpu, int count = 1, int? serverId = null, ulong? seed = 42)
    {
        var result = await EnqueueAsync(gpu, count, serverId, seed);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return result.JobIds;
    }

    public Task<GenerationJob> JobAsync(int id) => Factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().SingleAsync(j => j.Id == id));

    public Task<List<ClipGeneration>> GalleryAsync() =>
        Factory.QueryAsync(db => db.ClipGenerations.AsNoTracking().Where(g => g.ClipId == ClipId).OrderBy(g => g.Id).ToListAsync());

    public Task<GpuServer> ServerAsync(int id) => Factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync(s => s.Id == id));

    /// <summary>Waits until the job has been sent and its server's id for it is recorded.</summary>
    public async Task<GenerationJob> WaitForRemoteIdAsync(int jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await JobAsync(jobId);
            if (job.RemoteId is not null && job.Status is JobStatus.Dispatched or JobStatus.Running)
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} was not sent: {job.Status} {job.ProgressText} {job.Error}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Cancels a job as an admin would.</summary>
    public async Task<CancelOutcome> CancelAsync(int jobId)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IGenerationQueue>().CancelAsync(ProjectId, jobId, null, isAdmin: true, default);
    }

    /// <summary>Waits until the job is in one of <paramref name="states"/> (default: finished) and returns it.</summary>
    public async Task<GenerationJob> WaitAsync(int jobId, TimeSpan? timeout = null, params JobStatus[] states)
    {
        var wanted = states.Length > 0 ? states : [JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled];
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await JobAsync(jobId);
            if (wanted.Contains(job.Status))
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is {job.Status} ({job.ProgressText} {job.Error}), not {string.Join("/", wanted)}.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops Storyboard and starts it again on the same data (what a crash and a restart leave).</summary>
    public async Task RestartAsync()
    {
        Admin.Dispose();
        Factory.KeepFolder = true;
        await Factory.DisposeAsync();
        Factory = StoryboardFactory.RestartOf(Factory);
        Admin = Factory.CreateBrowserClient();
        // Starts the host: its hosted services reconcile what the stopped one left.
        await Admin.GetAsync("/health");
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        await Factory.DisposeAsync();
    }
}
