using System.Net;
using System.Text.Json;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Generation.Gpu;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

/// <summary>
/// A real Storyboard with fast dispatch (<see cref="GpuTestBed"/>: a project with a clip that has a prompt) and an admin
/// API client, plus a fake ComfyUI with the SDXL checkpoint, registered through the API when asked.
/// </summary>
public sealed class GenerationApiTestBed : IAsyncDisposable
{
    public GpuTestBed Gpu { get; }
    public FakeComfyUi Comfy { get; }
    public HttpClient Api { get; }

    public int ProjectId => Gpu.ProjectId;
    public int ClipId => Gpu.ClipId;
    public string JobsUrl => $"/api/v1/projects/{ProjectId}/clips/{ClipId}/jobs";

    private GenerationApiTestBed(GpuTestBed gpu, FakeComfyUi comfy, HttpClient api) => (Gpu, Comfy, Api) = (gpu, comfy, api);

    public static async Task<GenerationApiTestBed> StartAsync()
    {
        var comfy = new FakeComfyUi();
        comfy.Options.SetModels("checkpoints", GpuTestBed.Sdxl);
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(10);
        await comfy.StartAsync();
        var gpu = await GpuTestBed.StartAsync();
        var api = gpu.Factory.CreateApiClient(await gpu.Admin.CreateApiTokenAsync());
        return new GenerationApiTestBed(gpu, comfy, api);
    }

    public string ComfyUrl => Comfy.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Registers the fake ComfyUI through the API; returns the server view.</summary>
    public async Task<JsonElement> RegisterComfyAsync(string name = "Studio 4090") =>
        await (await Api.PostAsync("/api/v1/servers", Json(new { name, kind = "ComfyUi", baseUrl = ComfyUrl, capacity = 2 })))
            .ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>A client with a token of a new user with <paramref name="role"/>.</summary>
    public async Task<HttpClient> ApiAsAsync(string userName, string role)
    {
        var browser = await Gpu.Factory.CreateUserClientAsync(Gpu.Admin, userName, role);
        return Gpu.Factory.CreateApiClient(await browser.CreateApiTokenAsync());
    }

    /// <summary>Queues SDXL jobs on the clip through the API; returns their ids.</summary>
    public async Task<int[]> EnqueueAsync(object? body = null, HttpClient? api = null) =>
        (await (await (api ?? Api).PostAsync(JobsUrl, Json(body ?? new { model = GpuTestBed.SdxlKey, seed = "42" })))
            .ReadJsonAsync(HttpStatusCode.Created))
        .GetProperty("jobIds").EnumerateArray().Select(j => j.GetInt32()).ToArray();

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Gpu.DisposeAsync();
        await Comfy.DisposeAsync();
    }
}
