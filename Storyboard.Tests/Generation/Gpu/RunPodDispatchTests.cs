using Storyboard.Tests.Fakes;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>GPU jobs on a fake RunPod serverless endpoint: submitted, polled, results taken from base64 or a URL, failures reported.</summary>
public sealed class RunPodDispatchTests
{
    private static GenerationParameters SdxlJob => new() { Model = GpuTestBed.SdxlKey };

    private static async Task<FakeRunPod> RunPodAsync(Action<FakeRunPodOptions>? configure = null)
    {
        var runPod = new FakeRunPod();
        runPod.Comfy.Options.SetModels("checkpoints", GpuTestBed.Sdxl);
        configure?.Invoke(runPod.Options);
        return await runPod.StartAsync();
    }

    [Fact]
    public async Task A_job_runs_on_a_runpod_endpoint_and_its_base64_image_lands_in_the_gallery()
    {
        await using var runPod = await RunPodAsync(o => o.QueueDelay = TimeSpan.FromMilliseconds(300));
        await using var bed = await GpuTestBed.StartAsync(runPodApiUrl: runPod.BaseAddress.ToString());
        var serverId = await bed.AddRunPodAsync("Pod");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(SdxlJob, seed: 7)).Single());

        Assert.Equal((JobStatus.Completed, serverId, null), (job.Status, job.ServerId, job.Error));
        Assert.EndsWith("-u1", job.RemoteId);
        var generation = Assert.Single(await bed.GalleryAsync());
        Assert.Equal((OutputKind.Image, 7UL, "Pod"), (generation.Kind, generation.Seed, generation.Source));
        Assert.True(generation.Width > 0);
        var sent = Assert.Single(runPod.RequestsReceived);
        Assert.NotNull(sent["input"]?["workflow"]);
    }

    [Fact]
    public async Task A_failed_runpod_job_fails_at_once_with_the_workers_message()
    {
        await using var runPod = await RunPodAsync();
        runPod.Comfy.Options.FailAtNode = "1";
        runPod.Comfy.Options.FailureMessage = "Model file is corrupt";
        await using var bed = await GpuTestBed.StartAsync(runPodApiUrl: runPod.BaseAddress.ToString());
        await bed.AddRunPodAsync("Pod");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(SdxlJob)).Single());

        Assert.Equal((JobStatus.Failed, 1), (job.Status, job.Attempts));
        Assert.False(string.IsNullOrWhiteSpace(job.Error));
        Assert.Empty(await bed.GalleryAsync());
    }

    [Fact]
    public async Task A_job_runpod_forgets_is_submitted_again_and_completes()
    {
        await using var runPod = await RunPodAsync(o => o.QueueDelay = TimeSpan.FromSeconds(2));
        await using var bed = await GpuTestBed.StartAsync(runPodApiUrl: runPod.BaseAddress.ToString());
        await bed.AddRunPodAsync("Pod");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();
        var job = await bed.WaitForRemoteIdAsync(jobId);

        runPod.Options.QueueDelay = TimeSpan.Zero;
        runPod.Expire(job.RemoteId!);
        job = await bed.WaitAsync(jobId);

        Assert.Equal((JobStatus.Completed, 2), (job.Status, job.Attempts));
        Assert.Equal(2, runPod.RequestsReceived.Count);
    }

    [Fact]
    public async Task Cancelling_a_runpod_job_cancels_it_on_the_endpoint()
    {
        await using var runPod = await RunPodAsync(o => o.QueueDelay = TimeSpan.FromSeconds(30));
        await using var bed = await GpuTestBed.StartAsync(runPodApiUrl: runPod.BaseAddress.ToString());
        await bed.AddRunPodAsync("Pod");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();
        var job = await bed.WaitForRemoteIdAsync(jobId);

        Assert.Equal(CancelOutcome.Cancelled, await bed.CancelAsync(jobId));

        Assert.Contains(job.RemoteId, runPod.CancelsReceived);
        Assert.Equal("CANCELLED", runPod.Status(job.RemoteId!)?["status"]?.GetValue<string>());
    }
}
