using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using Storyboard.Tests.Fakes;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

/// <summary>
/// Storyboard's ComfyUI client and websocket against the fake ComfyUI (written from the protocol notes, apart from the
/// client): a graph from the workflow builder runs, reports progress and ends with a stored PNG; refusals, node
/// failures, cancels and dropped sockets come back as the user needs them.
/// </summary>
public sealed class ComfyUiClientTests : IAsyncLifetime
{
    private FakeComfyUi _comfy = null!;
    private readonly HttpClient _http = new();
    private ComfyUiClient _client = null!;
    private ComfyUiSocket _socket = null!;
    private readonly ConcurrentQueue<ComfyEvent> _events = new();
    private int _connections;

    public async Task InitializeAsync()
    {
        _comfy = await new FakeComfyUi().StartAsync();
        _comfy.Options.StepDelay = TimeSpan.FromMilliseconds(20);
        var server = new GpuServer { Id = 1, Name = "Fake box", Kind = GpuServerKind.ComfyUi, BaseUrl = _comfy.BaseAddress.ToString().TrimEnd('/') };
        _client = new ComfyUiClient(_http, server, null);
        _socket = new ComfyUiSocket(server, null, "storyboard-test", NullLogger.Instance);
        _socket.Event += _events.Enqueue;
        _socket.Reconnected += () => Interlocked.Increment(ref _connections);
        _socket.Start();
        await WaitAsync(() => _socket.IsConnected, "the socket to connect");
    }

    public async Task DisposeAsync()
    {
        await _socket.DisposeAsync();
        _http.Dispose();
        await _comfy.DisposeAsync();
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), $"Timed out waiting for {what}.");
    }

    private Task<ComfyFinished> FinishedAsync(string promptId) => Task.Run(async () =>
    {
        await WaitAsync(() => _events.OfType<ComfyFinished>().Any(f => f.PromptId == promptId), $"prompt {promptId} to finish");
        return _events.OfType<ComfyFinished>().First(f => f.PromptId == promptId);
    });

    private static BuiltWorkflow Sdxl(string checkpoint = "sd_xl_base_1.0.safetensors", ulong seed = ulong.MaxValue) =>
        WorkflowBuilder.Build(GenerationRequest.FromPreset(ModelFamily.Sdxl, PresetMode.Fast, GenerationKind.TextToImage,
            new ModelFiles(checkpoint), "a yellow raincoat on a wet rooftop", seed) with { Width = 64, Height = 64, Steps = 3 });

    [Fact]
    public async Task A_built_graph_runs_reports_progress_and_its_png_is_downloaded()
    {
        var queued = await _client.QueuePromptAsync(Sdxl().Graph, "storyboard-test", null, default);

        var finished = await FinishedAsync(queued.PromptId);

        Assert.Empty(queued.Warnings);
        Assert.NotEqual(false, finished.Succeeded);
        Assert.Contains(_events, e => e is ComfyStarted s && s.PromptId == queued.PromptId);
        Assert.Contains(_events, e => e is ComfyProgress { Max: > 0 } p && p.PromptId == queued.PromptId);
        var history = await _client.GetHistoryAsync(queued.PromptId, default);
        Assert.True(history!.Succeeded);
        var file = Assert.Single(history.Files);
        Assert.False(file.IsVideo);
        using var png = new MemoryStream();
        await _client.DownloadAsync(file, png, default);
        png.Position = 0;
        Assert.Equal("PNG", Image.DetectFormat(png)!.Name);
        // The seed went over as an exact unsigned 64-bit integer.
        Assert.Contains("18446744073709551615", Sdxl().ToJson());
    }

    [Fact]
    public async Task A_model_the_server_lacks_is_refused_naming_the_node_and_the_value()
    {
        var refused = await Assert.ThrowsAsync<ComfyValidationException>(() =>
            _client.QueuePromptAsync(Sdxl("missing_model.safetensors").Graph, "storyboard-test", null, default));
        var message = Assert.Single(refused.Messages);
        Assert.Contains("CheckpointLoaderSimple", message);
        Assert.Contains("missing_model.safetensors", message);
        Assert.Equal(0, _comfy.QueueRemaining);
    }

    [Fact]
    public async Task A_failing_node_ends_the_prompt_with_the_servers_own_message()
    {
        var graph = Sdxl().Graph;
        var sampler = graph.First(n => n.Value!["class_type"]!.GetValue<string>() == "KSampler").Key;
        _comfy.Options.FailAtNode = sampler;
        _comfy.Options.FailureMessage = "Allocation on device: out of memory";

        var queued = await _client.QueuePromptAsync(graph, "storyboard-test", null, default);
        var finished = await FinishedAsync(queued.PromptId);

        Assert.Equal(false, finished.Succeeded);
        Assert.Contains("KSampler", finished.Error);
        Assert.Contains("out of memory", finished.Error);
        var history = await _client.GetHistoryAsync(queued.PromptId, default);
        Assert.False(history!.Succeeded);
        Assert.Contains("out of memory", history.Error);
    }

    [Fact]
    public async Task Cancel_removes_a_waiting_prompt_and_interrupts_a_running_one_leaving_others_alone()
    {
        _comfy.Options.StepDelay = TimeSpan.FromMilliseconds(300);
        _comfy.Options.Steps = 20;
        var running = await _client.QueuePromptAsync(Sdxl(seed: 1).Graph, "storyboard-test", null, default);
        var waiting = await _client.QueuePromptAsync(Sdxl(seed: 2).Graph, "storyboard-test", null, default);
        var other = await _client.QueuePromptAsync(Sdxl(seed: 3).Graph, "storyboard-test", null, default);
        await _comfy.WaitUntilRunningAsync(running.PromptId);
        Assert.Equal([running.PromptId], (await _client.GetQueueAsync(default)).Running);

        await _client.CancelAsync(waiting.PromptId, default);
        Assert.Equal([other.PromptId], (await _client.GetQueueAsync(default)).Pending);
        await _client.CancelAsync(running.PromptId, default);
        Assert.Equal(false, (await FinishedAsync(running.PromptId)).Succeeded);

        _comfy.Options.StepDelay = TimeSpan.FromMilliseconds(10);
        Assert.NotEqual(false, (await FinishedAsync(other.PromptId)).Succeeded);
        Assert.Null(await _client.GetHistoryAsync(waiting.PromptId, default));
    }

    [Fact]
    public async Task A_dropped_socket_reconnects_by_itself_and_says_so()
    {
        var before = _connections;
        _comfy.DropWebSockets();
        await WaitAsync(() => _connections > before && _socket.IsConnected, "the socket to come back");
        var queued = await _client.QueuePromptAsync(Sdxl(seed: 9).Graph, "storyboard-test", null, default);
        Assert.NotEqual(false, (await FinishedAsync(queued.PromptId)).Succeeded);
    }

    [Fact]
    public async Task An_uploaded_image_is_named_for_load_image_and_served_back()
    {
        using var png = new MemoryStream();
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(8, 8))
        {
            image.SaveAsPng(png);
        }
        png.Position = 0;
        var name = await _client.UploadImageAsync(png, "clip-12-start.png", default);
        Assert.Equal("clip-12-start.png", name);
        using var back = new MemoryStream();
        await _client.DownloadAsync(new ComfyOutputFile("", name, "", "input"), back, default);
        Assert.Equal(png.ToArray(), back.ToArray());
    }

    [Fact]
    public async Task The_node_catalogue_is_read_whole()
    {
        using var info = await _client.GetObjectInfoAsync(default);
        var catalog = ObjectInfoCatalog.Parse(info.RootElement.GetRawText());
        Assert.Contains("sd_xl_base_1.0.safetensors", catalog.Models(ModelKind.Checkpoint));
        Assert.True(catalog.HasNode("KSampler"));
    }
}
