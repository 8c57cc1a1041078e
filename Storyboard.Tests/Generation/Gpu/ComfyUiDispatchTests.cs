using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Generation.Servers;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Tests.Generation.Gpu;

/// <summary>GPU jobs through the real dispatcher and tracker on fake ComfyUI servers: the happy path and every failure the issue names.</summary>
public sealed class ComfyUiDispatchTests
{
    private static GenerationParameters SdxlJob => new() { Model = GpuTestBed.SdxlKey };

    private static async Task<FakeComfyUi> ComfyAsync(Action<FakeComfyUiOptions>? configure = null)
    {
        var comfy = new FakeComfyUi();
        comfy.Options.SetModels("checkpoints", GpuTestBed.Sdxl);
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(20);
        configure?.Invoke(comfy.Options);
        return await comfy.StartAsync();
    }

    [Fact]
    public async Task A_job_runs_on_comfyui_and_its_image_lands_in_the_gallery_with_its_graph_seed_server_and_timings()
    {
        await using var comfy = await ComfyAsync();
        await using var bed = await GpuTestBed.StartAsync();
        var serverId = await bed.AddComfyAsync(comfy, "Studio 4090");

        var jobId = (await bed.EnqueueOkAsync(SdxlJob, seed: ulong.MaxValue)).Single();
        var job = await bed.WaitAsync(jobId);

        Assert.Equal((JobStatus.Completed, null, 1, serverId), (job.Status, job.Error, job.Attempts, job.ServerId));
        Assert.NotNull(job.StartedAt);
        var generation = Assert.Single(await bed.GalleryAsync());
        Assert.Equal((OutputKind.Image, ulong.MaxValue, GpuTestBed.Sdxl, "Studio 4090", serverId), (generation.Kind, generation.Seed, generation.Model, generation.Source, generation.ServerId));
        Assert.True(generation.Width > 0 && generation.Height > 0);
        Assert.Contains("\"KSampler\"", generation.GraphJson);
        Assert.Contains("18446744073709551615", generation.GraphJson);
        // The prompt went with the instance's client id and the id recorded on the job; its history is gone from the server.
        var sent = Assert.Single(comfy.PromptsReceived);
        Assert.Equal(job.RemoteId, sent["prompt_id"]!.GetValue<string>());
        Assert.StartsWith("storyboard-", sent["client_id"]!.GetValue<string>());
        Assert.Null(comfy.History(job.RemoteId!));
        Assert.NotNull((await bed.ServerAsync(serverId)).SecondsPerImage);
    }

    [Fact]
    public async Task An_error_at_a_node_fails_the_job_at_once_with_the_servers_own_message()
    {
        await using var comfy = await ComfyAsync(o => (o.FailAtNode, o.FailureMessage) = ("1", "CUDA out of memory while loading the model"));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(SdxlJob)).Single());

        Assert.Equal((JobStatus.Failed, 1), (job.Status, job.Attempts));
        Assert.Contains("CUDA out of memory while loading the model", job.Error);
        Assert.Empty(await bed.GalleryAsync());
        Assert.Single(comfy.PromptsReceived);
    }

    [Fact]
    public async Task A_graph_the_server_refuses_fails_at_once_with_its_validation_message()
    {
        await using var comfy = await ComfyAsync();
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        // The model went away after the catalogue was read: the server's 400 says so.
        comfy.Options.SetModels("checkpoints", "another.safetensors");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(SdxlJob)).Single());

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("Studio refused the graph", job.Error);
        Assert.Contains(GpuTestBed.Sdxl, job.Error);
    }

    [Fact]
    public async Task A_server_restarted_mid_job_loses_it_and_the_job_is_queued_again_and_completes()
    {
        await using var comfy = await ComfyAsync(o => o.StepDelay = TimeSpan.FromMilliseconds(300));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();
        await bed.WaitAsync(jobId, null, JobStatus.Running);

        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(20);
        await comfy.RestartAsync(TimeSpan.FromMilliseconds(200));
        var job = await bed.WaitAsync(jobId, TimeSpan.FromSeconds(40));

        Assert.Equal((JobStatus.Completed, 2), (job.Status, job.Attempts));
        Assert.Single(await bed.GalleryAsync());
    }

    [Fact]
    public async Task Without_a_websocket_the_job_is_followed_by_polling_and_completes()
    {
        await using var comfy = await ComfyAsync(o => (o.StallWebSockets, o.StepDelay) = (true, TimeSpan.FromMilliseconds(100)));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Silent");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(SdxlJob)).Single());

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Single(await bed.GalleryAsync());
        Assert.True(comfy.HistoryRequests > 0);
    }

    [Fact]
    public async Task A_socket_dropped_mid_job_is_replaced_by_polling_and_the_job_completes_once()
    {
        await using var comfy = await ComfyAsync(o => (o.DropWebSocketAfterProgress, o.StepDelay, o.Steps) = (1, TimeSpan.FromMilliseconds(150), 6));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Flaky");

        var job = await bed.WaitAsync((await bed.EnqueueOkAsync(SdxlJob)).Single());

        Assert.Equal((JobStatus.Completed, 1), (job.Status, job.Attempts));
        Assert.Single(await bed.GalleryAsync());
        Assert.Single(comfy.PromptsReceived);
    }

    [Fact]
    public async Task Cancelling_a_running_job_interrupts_it_on_the_server_and_keeps_nothing()
    {
        await using var comfy = await ComfyAsync(o => (o.StepDelay, o.Steps) = (TimeSpan.FromMilliseconds(400), 20));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();
        var running = await bed.WaitAsync(jobId, null, JobStatus.Running);

        Assert.Equal(CancelOutcome.Cancelled, await bed.CancelAsync(jobId));

        Assert.Contains(running.RemoteId, comfy.InterruptsReceived);
        await Task.Delay(1000);
        Assert.Equal(JobStatus.Cancelled, (await bed.JobAsync(jobId)).Status);
        Assert.Empty(await bed.GalleryAsync());
        Assert.Null(comfy.RunningPromptId);
    }

    [Fact]
    public async Task Progress_shows_while_the_job_runs()
    {
        await using var comfy = await ComfyAsync(o => (o.StepDelay, o.Steps) = (TimeSpan.FromMilliseconds(250), 8));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();

        GenerationJob? seen = null;
        for (var i = 0; i < 200 && seen is null; i++)
        {
            var job = await bed.JobAsync(jobId);
            seen = job is { Status: JobStatus.Running, Progress: > 0 and < 1 } ? job : null;
            await Task.Delay(25);
        }

        Assert.NotNull(seen);
        Assert.Matches(@"^Step \d/8$", seen.ProgressText);
        Assert.Equal(JobStatus.Completed, (await bed.WaitAsync(jobId)).Status);
    }

    [Fact]
    public async Task A_server_that_goes_offline_has_its_job_sent_to_another_and_stopped_on_it_when_it_returns()
    {
        await using var slow = await ComfyAsync(o => (o.StepDelay, o.Steps) = (TimeSpan.FromMilliseconds(500), 20));
        await using var bed = await GpuTestBed.StartAsync();
        var first = await bed.AddComfyAsync(slow, "First");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();
        await bed.WaitAsync(jobId, null, JobStatus.Running);
        var firstAttempt = (await bed.JobAsync(jobId)).RemoteId!;

        await slow.StopListeningAsync();
        await using var spare = await ComfyAsync();
        var second = await bed.AddComfyAsync(spare, "Second");
        var job = await bed.WaitAsync(jobId, TimeSpan.FromSeconds(40));

        Assert.Equal((JobStatus.Completed, second, 2), (job.Status, job.ServerId, job.Attempts));
        Assert.Equal(second, Assert.Single(await bed.GalleryAsync()).ServerId);
        // Back online: the abandoned attempt is stopped there, so it does not run twice unnoticed.
        await slow.StartListeningAsync();
        using (var scope = bed.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IServerHealth>().CheckAsync(first, default);
        }
        for (var i = 0; i < 100 && !slow.InterruptsReceived.Contains(firstAttempt); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(firstAttempt, slow.InterruptsReceived);
    }

    [Fact]
    public async Task A_job_no_server_can_run_waits_and_says_why_until_a_server_with_its_model_comes()
    {
        await using var other = await ComfyAsync(o => o.SetModels("checkpoints", "v1-5-pruned-emaonly.safetensors"));
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(other, "Old box");
        var jobId = (await bed.EnqueueOkAsync(SdxlJob)).Single();

        GenerationJob job;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(100);
            job = await bed.JobAsync(jobId);
        }
        while (job.ProgressText is null && DateTime.UtcNow < deadline);
        Assert.Equal((JobStatus.Queued, $"Waiting: no online server has {GpuTestBed.Sdxl}."), (job.Status, job.ProgressText));
        Assert.Empty(other.PromptsReceived);

        await using var studio = await ComfyAsync();
        await bed.AddComfyAsync(studio, "Studio");
        Assert.Equal(JobStatus.Completed, (await bed.WaitAsync(jobId)).Status);
        Assert.Single(studio.PromptsReceived);
    }

    [Fact]
    public async Task A_job_needs_a_model_of_a_known_family_and_image_to_image_needs_a_chosen_image()
    {
        await using var bed = await GpuTestBed.StartAsync();

        var noModel = await bed.EnqueueAsync(new GenerationParameters());
        var unknown = await bed.EnqueueAsync(new GenerationParameters { Model = "checkpoints/realisticVisionV60B1.safetensors" });
        var noImage = await bed.EnqueueAsync(SdxlJob with { Kind = GenerationKind.ImageToImage });
        var wrongKind = await bed.EnqueueAsync(SdxlJob with { Kind = GenerationKind.TextToVideo });

        Assert.Equal("Choose a model (or a custom workflow).", noModel.Errors["Model"]);
        Assert.Contains("set it on the Models page", unknown.Errors["Model"]);
        Assert.Contains("Choose an image for this clip first", noImage.Errors["SourceImage"]);
        Assert.Contains("SDXL makes images", wrongKind.Errors["Kind"]);
        Assert.Equal(0, await bed.Factory.QueryAsync(db => db.GenerationJobs.CountAsync()));
    }
}
