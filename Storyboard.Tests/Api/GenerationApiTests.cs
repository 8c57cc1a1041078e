using System.Net;
using System.Text.Json;
using Storyboard.Tests.Generation.Gpu;
using Storyboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

/// <summary>/api/v1/servers and queueing a clip's jobs, through real HTTP against a fake ComfyUI.</summary>
public sealed class GenerationApiTests
{
    [Fact]
    public async Task Registering_a_fake_comfyui_checks_it_at_once_and_never_echoes_the_secret()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();

        var response = await bed.Api.PostAsync("/api/v1/servers", Json(new
        {
            name = "Studio 4090",
            kind = "ComfyUi",
            baseUrl = bed.ComfyUrl + "/",
            capacity = 3,
            auth = "Header",
            authHeaderName = "X-Api-Key",
            secret = "very-secret-value",
        }));
        var raw = await response.Content.ReadAsStringAsync();
        var server = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = server.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/servers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Online", server.GetProperty("status").GetString());
        Assert.Equal(("Studio 4090", "ComfyUi", bed.ComfyUrl, "", 3), (server.GetProperty("name").GetString(), server.GetProperty("kind").GetString(),
            server.GetProperty("baseUrl").GetString(), server.GetProperty("endpointId").GetString(), server.GetProperty("capacity").GetInt32()));
        Assert.Equal(("Header", "X-Api-Key", true), (server.GetProperty("auth").GetString(), server.GetProperty("authHeaderName").GetString(),
            server.GetProperty("hasSecret").GetBoolean()));
        Assert.False(string.IsNullOrEmpty(server.GetProperty("gpuName").GetString()));
        Assert.True(server.GetProperty("vramTotalBytes").GetInt64() > 0);
        Assert.Equal(0, server.GetProperty("queueDepth").GetInt32());
        Assert.Equal(JsonValueKind.Null, server.GetProperty("lastError").ValueKind);
        Assert.False(server.GetProperty("isPaused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, server.GetProperty("secondsPerImage").ValueKind);
        Assert.Equal(1, server.GetProperty("version").GetInt32());
        Assert.False(server.TryGetProperty("secret", out _));
        Assert.DoesNotContain("very-secret-value", raw);

        var list = await (await bed.Api.GetAsync("/api/v1/servers")).Content.ReadAsStringAsync();
        Assert.Contains("Studio 4090", list);
        Assert.DoesNotContain("very-secret-value", list);
        Assert.DoesNotContain("very-secret-value", await (await bed.Api.GetAsync($"/api/v1/servers/{id}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unreachable_server_is_saved_offline_with_its_error()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        await bed.Comfy.StopListeningAsync();

        var server = await (await bed.Api.PostAsync("/api/v1/servers", Json(new { name = "Down", baseUrl = bed.ComfyUrl })))
            .ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal("Offline", server.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(server.GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task Invalid_server_settings_are_422_with_field_errors_and_nothing_is_saved()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();

        var problem = await (await bed.Api.PostAsync("/api/v1/servers", Json(new { name = "", baseUrl = "ftp://gpu", capacity = 0, auth = "Basic" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.Errors();
        Assert.Contains("name", errors.Keys);
        Assert.Contains("capacity", errors.Keys);

        var service = await (await bed.Api.PostAsync("/api/v1/servers", Json(new { name = "Box", baseUrl = "ftp://gpu", auth = "Basic" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["baseUrl", "basicUser", "secret"], service.Errors().Keys.Order(StringComparer.Ordinal).ToArray());

        var kind = await (await bed.Api.PostAsync("/api/v1/servers", Json(new { name = "Box", kind = "Gpu" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("kind", kind.Errors().Keys);
        var runPod = await (await bed.Api.PostAsync("/api/v1/servers", Json(new { name = "Pod", kind = "RunPod" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["endpointId", "secret"], runPod.Errors().Keys.Order(StringComparer.Ordinal).ToArray());

        Assert.Empty((await (await bed.Api.GetAsync("/api/v1/servers")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Servers_are_changed_with_their_version_paused_resumed_checked_and_removed_by_admins()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        var id = (await bed.RegisterComfyAsync()).GetProperty("id").GetInt32();

        var changed = await (await bed.Api.PutAsync($"/api/v1/servers/{id}", Json(new { name = "Studio", baseUrl = bed.ComfyUrl, capacity = 4, version = 1 })))
            .ReadJsonAsync();
        Assert.Equal(("Studio", 4, "Online"), (changed.GetProperty("name").GetString(), changed.GetProperty("capacity").GetInt32(), changed.GetProperty("status").GetString()));
        var stale = await (await bed.Api.PutAsync($"/api/v1/servers/{id}", Json(new { name = "Mine", baseUrl = bed.ComfyUrl, version = 1 })))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Studio", stale.GetProperty("current").GetProperty("name").GetString());
        var noVersion = await (await bed.Api.PutAsync($"/api/v1/servers/{id}", Json(new { name = "Mine", baseUrl = bed.ComfyUrl })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("version", noVersion.Errors().Keys);

        Assert.True((await (await bed.Api.PostAsync($"/api/v1/servers/{id}/pause", null)).ReadJsonAsync()).GetProperty("isPaused").GetBoolean());
        Assert.False((await (await bed.Api.PostAsync($"/api/v1/servers/{id}/resume", null)).ReadJsonAsync()).GetProperty("isPaused").GetBoolean());
        await bed.Comfy.StopListeningAsync();
        Assert.Equal("Offline", (await (await bed.Api.PostAsync($"/api/v1/servers/{id}/check", null)).ReadJsonAsync()).GetProperty("status").GetString());

        var editor = await bed.ApiAsAsync("eddie", "Editor");
        (await editor.PostAsync("/api/v1/servers", Json(new { name = "Mine", baseUrl = bed.ComfyUrl }))).AssertStatus(HttpStatusCode.Forbidden);
        (await editor.PostAsync($"/api/v1/servers/{id}/pause", null)).AssertStatus(HttpStatusCode.Forbidden);
        (await editor.DeleteAsync($"/api/v1/servers/{id}")).AssertStatus(HttpStatusCode.Forbidden);
        var seen = await (await editor.GetAsync("/api/v1/servers")).ReadJsonAsync();
        Assert.Equal(["Studio"], seen.Names());

        (await bed.Api.DeleteAsync($"/api/v1/servers/{id}")).AssertStatus(HttpStatusCode.NoContent);
        await (await bed.Api.GetAsync($"/api/v1/servers/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await bed.Api.DeleteAsync($"/api/v1/servers/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_job_queued_through_the_api_runs_on_the_fake_comfyui_with_its_64_bit_seed()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        var serverId = (await bed.RegisterComfyAsync()).GetProperty("id").GetInt32();

        var response = await bed.Api.PostAsync(bed.JobsUrl, RawJson(
            $$"""{"draftCard": false, "serverId": {{serverId}}, "model": "{{GpuTestBed.SdxlKey}}", "mode": "Fast", "kind": "TextToImage", "count": 1, "seed": 18446744073709551615, "steps": 4, "priority": 2}"""));
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var jobId = Assert.Single(created.GetProperty("jobIds").EnumerateArray()).GetInt32();
        Assert.Equal($"/api/v1/jobs/{jobId}", response.Headers.Location?.OriginalString);

        var job = await bed.Gpu.WaitAsync(jobId);
        Assert.Equal((JobStatus.Completed, serverId, 2), (job.Status, job.ServerId, job.Priority));
        var generation = Assert.Single(await bed.Gpu.GalleryAsync());
        Assert.Equal((ulong.MaxValue, GpuTestBed.Sdxl), (generation.Seed, generation.Model));

        // A string seed works too, and count gives consecutive seeds.
        var ids = await bed.EnqueueAsync(new { model = GpuTestBed.SdxlKey, seed = "9007199254740993", count = 2 });
        Assert.Equal(2, ids.Length);
        var second = await bed.Gpu.JobAsync(ids[1]);
        Assert.Equal(9007199254740994UL, GenerationParameters.FromJson(second.ParametersJson).Seed);
    }

    [Fact]
    public async Task Jobs_that_could_never_run_are_422_naming_the_field()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        await bed.RegisterComfyAsync();

        async Task<string[]> ErrorsAsync(object body) =>
            (await (await bed.Api.PostAsync(bed.JobsUrl, Json(body))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity))
            .Errors().Keys.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["model"], await ErrorsAsync(new { mode = "Fast" }));
        Assert.Equal(["family"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, family = "Sdxxl" }));
        Assert.Equal(["model"], await ErrorsAsync(new { model = "checkpoints/mystery.safetensors" }));
        Assert.Equal(["count"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, count = 0 }));
        Assert.Equal(["count"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, count = 17 }));
        Assert.Equal(["kind"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, kind = "TextToVideo" }));
        Assert.Equal(["sourceImage"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, kind = "ImageToImage" }));
        Assert.Equal(["serverId"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, serverId = 999 }));
        Assert.Equal(["seed"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, seed = "18446744073709551616" }));
        Assert.Equal(["seed"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, seed = -1 }));
        Assert.Equal(["mode", "priority"], await ErrorsAsync(new { model = GpuTestBed.SdxlKey, mode = "Slow", priority = 11 }));
        Assert.Empty(await bed.Gpu.Factory.QueryAsync(db => db.GenerationJobs.ToListAsync()));
    }

    [Fact]
    public async Task Only_editors_queue_jobs_and_a_clip_of_another_project_is_404()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        var other = await TimelineApiTests.CreateProjectAsync(bed.Api, "Other");

        await (await bed.Api.PostAsync($"/api/v1/projects/{other}/clips/{bed.ClipId}/jobs", Json(new { draftCard = true })))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        var viewer = await bed.ApiAsAsync("vera", "Viewer");
        (await viewer.PostAsync(bed.JobsUrl, Json(new { draftCard = true }))).AssertStatus(HttpStatusCode.Forbidden);
        var editor = await bed.ApiAsAsync("eddie", "Editor");
        Assert.Single(await bed.EnqueueAsync(new { draftCard = true }, editor));
    }
}
