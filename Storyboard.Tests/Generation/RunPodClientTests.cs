using SixLabors.ImageSharp;
using Storyboard.Tests.Fakes;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.RunPod;

namespace Storyboard.Tests.Generation;

/// <summary>Storyboard's RunPod client against the fake serverless endpoint running the ComfyUI worker.</summary>
public sealed class RunPodClientTests : IAsyncLifetime
{
    private FakeRunPod _runPod = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _runPod = await new FakeRunPod().StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runPod.DisposeAsync();
    }

    private RunPodClient Client(string key = "rp-test-key", string endpoint = "storyboard-endpoint") =>
        new(_http, new GpuServer { Id = 2, Name = "Pod", Kind = GpuServerKind.RunPod, EndpointId = endpoint }, key, _runPod.BaseAddress.ToString());

    private static BuiltWorkflow Sdxl(string checkpoint = "sd_xl_base_1.0.safetensors") =>
        WorkflowBuilder.Build(GenerationRequest.FromPreset(ModelFamily.Sdxl, PresetMode.Fast, GenerationKind.TextToImage,
            new ModelFiles(checkpoint), "neon rain", 42) with { Width = 64, Height = 64, Steps = 2 });

    private static async Task<RunPodStatus> FinishedAsync(RunPodClient client, string jobId)
    {
        for (var i = 0; i < 200; i++)
        {
            var status = await client.StatusAsync(jobId, default);
            if (status.IsFinished)
            {
                return status;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"RunPod job {jobId} did not finish.");
    }

    [Fact]
    public async Task A_workflow_runs_on_the_endpoint_and_its_image_comes_back()
    {
        var client = Client();
        var jobId = await client.RunAsync(Sdxl().Graph, [], default);
        var status = await FinishedAsync(client, jobId);
        Assert.Equal(RunPodState.Completed, status.State);
        var file = Assert.Single(status.Files);
        Assert.Equal("PNG", Image.DetectFormat(file.Data!)!.Name);
    }

    [Fact]
    public async Task A_workflow_the_worker_refuses_fails_with_its_reason()
    {
        var client = Client();
        var jobId = await client.RunAsync(Sdxl("missing.safetensors").Graph, [], default);
        var status = await FinishedAsync(client, jobId);
        Assert.Equal(RunPodState.Failed, status.State);
        Assert.Contains("missing.safetensors", status.Error);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_in_words_and_an_expired_job_is_lost()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Client(key: "wrong").RunAsync(Sdxl().Graph, [], default));
        Assert.Contains("the API key was refused", refused.Message);

        var client = Client();
        var jobId = await client.RunAsync(Sdxl().Graph, [], default);
        await FinishedAsync(client, jobId);
        _runPod.Expire(jobId);
        Assert.Equal(RunPodState.Lost, (await client.StatusAsync(jobId, default)).State);
    }

    [Fact]
    public async Task A_job_waiting_in_the_queue_is_cancelled()
    {
        _runPod.Options.QueueDelay = TimeSpan.FromSeconds(30);
        var client = Client();
        var jobId = await client.RunAsync(Sdxl().Graph, [], default);
        Assert.Equal(RunPodState.InQueue, (await client.StatusAsync(jobId, default)).State);
        await client.CancelAsync(jobId, default);
        Assert.Equal(RunPodState.Cancelled, (await client.StatusAsync(jobId, default)).State);
    }
}
