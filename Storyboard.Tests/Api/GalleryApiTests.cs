using System.Net;
using System.Text.Json;
using Storyboard.Tests.Generation.Gpu;
using Storyboard.Tests.Generation.Workflows;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

/// <summary>/api/v1 generations, models, presets and workflows, with a real job run on a fake ComfyUI.</summary>
public sealed class GalleryApiTests
{
    [Fact]
    public async Task A_generation_made_through_the_api_is_listed_rated_chosen_trashed_restored_and_made_again()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        var serverId = (await bed.RegisterComfyAsync()).GetProperty("id").GetInt32();
        var jobId = Assert.Single(await bed.EnqueueAsync(new { model = GpuTestBed.SdxlKey, seed = 18446744073709551615UL, serverId }));
        Assert.Equal(JobStatus.Completed, (await bed.Gpu.WaitAsync(jobId)).Status);
        var galleryUrl = $"/api/v1/projects/{bed.ProjectId}/clips/{bed.ClipId}/generations";

        var gallery = await (await bed.Api.GetAsync(galleryUrl)).ReadJsonAsync();
        Assert.Equal(["Studio 4090"], gallery.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        var row = Assert.Single(gallery.GetProperty("generations").EnumerateArray());
        var id = row.GetProperty("id").GetInt32();
        Assert.Equal(("Image", "18446744073709551615", GpuTestBed.Sdxl, "Studio 4090"), (row.GetProperty("kind").GetString(),
            row.GetProperty("seed").GetString(), row.GetProperty("model").GetString(), row.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("seedNumber").ValueKind);
        Assert.Equal($"/media/generations/{id}", row.GetProperty("links").GetProperty("file").GetString());
        Assert.Equal($"/media/generations/{id}/thumbnail.jpg", row.GetProperty("links").GetProperty("thumbnail").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("links").GetProperty("poster").ValueKind);
        // The link is a real route: the signed-in browser gets the PNG.
        var file = await bed.Gpu.Admin.GetAsync(row.GetProperty("links").GetProperty("file").GetString());
        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);

        var viewer = await bed.ApiAsAsync("vera", "Viewer");
        var detail = await (await viewer.GetAsync($"/api/v1/generations/{id}")).ReadJsonAsync();
        Assert.Equal((bed.ProjectId, bed.ClipId, jobId, serverId), (detail.GetProperty("projectId").GetInt32(), detail.GetProperty("clipId").GetInt32(),
            detail.GetProperty("jobId").GetInt32(), detail.GetProperty("serverId").GetInt32()));
        Assert.Equal("18446744073709551615", detail.GetProperty("parameters").GetProperty("seed").GetString());
        Assert.Equal(GpuTestBed.SdxlKey, detail.GetProperty("parameters").GetProperty("model").GetString());
        Assert.Equal("Sdxl", detail.GetProperty("parameters").GetProperty("family").GetString());
        Assert.True(detail.GetProperty("runSeconds").GetDouble() >= 0);
        Assert.Equal([id], (await (await bed.Api.GetAsync($"/api/v1/jobs/{jobId}")).ReadJsonAsync())
            .GetProperty("generationIds").EnumerateArray().Select(g => g.GetInt32()));
        (await viewer.PutAsync($"/api/v1/generations/{id}/rating", Json(new { stars = 3 }))).AssertStatus(HttpStatusCode.Forbidden);
        (await viewer.PostAsync($"/api/v1/generations/{id}/choose", null)).AssertStatus(HttpStatusCode.Forbidden);

        Assert.Equal(4, (await (await bed.Api.PutAsync($"/api/v1/generations/{id}/rating", Json(new { stars = 4 }))).ReadJsonAsync())
            .GetProperty("generation").GetProperty("rating").GetInt32());
        Assert.Contains("stars", (await (await bed.Api.PutAsync($"/api/v1/generations/{id}/rating", Json(new { stars = 6 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);

        var chosen = await (await bed.Api.PostAsync($"/api/v1/generations/{id}/choose", null)).ReadJsonAsync();
        Assert.True(chosen.GetProperty("generation").GetProperty("isChosen").GetBoolean());
        var clip = await (await bed.Api.GetAsync($"/api/v1/projects/{bed.ProjectId}/clips/{bed.ClipId}")).ReadJsonAsync();
        Assert.Equal(row.GetProperty("mediaHash").GetString(), clip.GetProperty("chosenImageHash").GetString());
        (await bed.Api.PostAsync($"/api/v1/projects/{bed.ProjectId}/timeline/undo", null)).AssertStatus(HttpStatusCode.OK);
        Assert.False((await (await bed.Api.GetAsync($"/api/v1/generations/{id}")).ReadJsonAsync()).GetProperty("generation").GetProperty("isChosen").GetBoolean());

        var trashed = await (await bed.Api.PostAsync($"/api/v1/generations/{id}/trash", null)).ReadJsonAsync();
        Assert.NotEqual(JsonValueKind.Null, trashed.GetProperty("generation").GetProperty("deletedAt").ValueKind);
        Assert.Empty((await (await bed.Api.GetAsync(galleryUrl)).ReadJsonAsync()).GetProperty("generations").EnumerateArray());
        Assert.Single((await (await bed.Api.GetAsync(galleryUrl + "?trash=true")).ReadJsonAsync()).GetProperty("generations").EnumerateArray());
        (await bed.Api.PostAsync($"/api/v1/generations/{id}/restore", null)).AssertStatus(HttpStatusCode.OK);
        var rated = await (await bed.Api.GetAsync(galleryUrl + "?sort=Rating&kind=Image&source=Studio%204090")).ReadJsonAsync();
        Assert.Single(rated.GetProperty("generations").EnumerateArray());
        Assert.Contains("sort", (await (await bed.Api.GetAsync(galleryUrl + "?sort=Best")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);

        var again = await bed.Api.PostAsync($"/api/v1/generations/{id}/again", Json(new { newSeed = false }));
        var againId = Assert.Single((await again.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("jobIds").EnumerateArray()).GetInt32();
        Assert.Equal("18446744073709551615", (await (await bed.Api.GetAsync($"/api/v1/jobs/{againId}")).ReadJsonAsync())
            .GetProperty("parameters").GetProperty("seed").GetString());
        (await bed.Api.PostAsync($"/api/v1/generations/{id}/again", null)).AssertStatus(HttpStatusCode.Created);
        var fresh = Assert.Single((await (await bed.Api.PostAsync($"/api/v1/generations/{id}/again", Json(new { newSeed = true })))
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("jobIds").EnumerateArray()).GetInt32();
        Assert.NotEqual(againId, fresh);

        var other = await TimelineApiTests.CreateProjectAsync(bed.Api, "Other");
        await (await bed.Api.GetAsync($"/api/v1/projects/{other}/clips/{bed.ClipId}/generations")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await bed.Api.GetAsync("/api/v1/generations/9999")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Presets_models_families_and_workflows_are_read_and_managed_and_the_openapi_document_lists_them()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        var viewer = await bed.ApiAsAsync("vera", "Viewer");

        var presets = await (await viewer.GetAsync("/api/v1/presets")).ReadJsonAsync();
        var families = presets.EnumerateArray().ToDictionary(f => f.GetProperty("family").GetString()!);
        Assert.DoesNotContain("Unknown", families.Keys);
        var sdxl = families["Sdxl"];
        Assert.Equal(("Image", "Checkpoint"), (sdxl.GetProperty("makes").GetString(), sdxl.GetProperty("loader").GetString()));
        Assert.Equal(["TextToImage", "ImageToImage"], sdxl.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((20, 6.0, "dpmpp_2m", "karras"), (sdxl.GetProperty("fast").GetProperty("steps").GetInt32(), sdxl.GetProperty("fast").GetProperty("cfg").GetDouble(),
            sdxl.GetProperty("fast").GetProperty("sampler").GetString(), sdxl.GetProperty("fast").GetProperty("scheduler").GetString()));
        Assert.Equal(35, sdxl.GetProperty("quality").GetProperty("steps").GetInt32());
        Assert.Equal((1024, 1024), (sdxl.GetProperty("buckets")[0].GetProperty("width").GetInt32(), sdxl.GetProperty("buckets")[0].GetProperty("height").GetInt32()));
        var wan = families["Wan22"];
        Assert.Equal(("Video", 49, 16.0), (wan.GetProperty("makes").GetString(), wan.GetProperty("fast").GetProperty("frames").GetInt32(),
            wan.GetProperty("fast").GetProperty("fps").GetDouble()));
        Assert.Equal(["TextToVideo", "ImageToVideo"], wan.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));

        var serverId = (await bed.RegisterComfyAsync()).GetProperty("id").GetInt32();
        var models = await (await viewer.GetAsync($"/api/v1/models?serverId={serverId}&kind=Checkpoint&q=xl")).ReadJsonAsync();
        var model = Assert.Single(models.EnumerateArray());
        Assert.Equal((GpuTestBed.SdxlKey, "Sdxl", false), (model.GetProperty("key").GetString(), model.GetProperty("family").GetString(),
            model.GetProperty("familySetByUser").GetBoolean()));
        Assert.Equal(["Studio 4090"], model.GetProperty("servers").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("kind", (await (await viewer.GetAsync("/api/v1/models?kind=Potato")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);

        (await viewer.PutAsync("/api/v1/models/family", Json(new { key = GpuTestBed.SdxlKey, family = "Sdxl" }))).AssertStatus(HttpStatusCode.Forbidden);
        (await bed.Api.PutAsync("/api/v1/models/family", Json(new { key = GpuTestBed.SdxlKey, family = "PonyIllustrious" }))).AssertStatus(HttpStatusCode.NoContent);
        var set = Assert.Single((await (await viewer.GetAsync("/api/v1/models?kind=Checkpoint")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(("PonyIllustrious", true), (set.GetProperty("family").GetString(), set.GetProperty("familySetByUser").GetBoolean()));
        (await bed.Api.PutAsync("/api/v1/models/family", Json(new { key = GpuTestBed.SdxlKey, family = (string?)null }))).AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal("Sdxl", Assert.Single((await (await viewer.GetAsync("/api/v1/models?kind=Checkpoint")).ReadJsonAsync()).EnumerateArray())
            .GetProperty("family").GetString());
        Assert.Equal(["family", "key"], (await (await bed.Api.PutAsync("/api/v1/models/family", Json(new { key = "", family = "Sdxxl" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys.Order(StringComparer.Ordinal));

        (await viewer.PostAsync("/api/v1/workflows", Json(new { name = "Mine", kind = "Image", json = WorkflowGraphs.SdxlImage }))).AssertStatus(HttpStatusCode.Forbidden);
        var refused = await (await bed.Api.PostAsync("/api/v1/workflows", Json(new { name = "Broken", json = "{\"9\": {\"class_type\": \"SaveImage\", \"inputs\": {}}}" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("json", refused.Errors().Keys);
        var graph = JsonDocument.Parse(WorkflowGraphs.SdxlImage).RootElement;
        var response = await bed.Api.PostAsync("/api/v1/workflows", Json(new { name = "Cinematic", kind = "Image", json = graph }));
        var workflow = await response.ReadJsonAsync(HttpStatusCode.Created);
        var workflowId = workflow.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/workflows/{workflowId}", response.Headers.Location?.OriginalString);
        Assert.Contains("{{prompt}}", workflow.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["Cinematic"], (await (await viewer.GetAsync("/api/v1/workflows")).ReadJsonAsync()).Names());
        var detail = await (await viewer.GetAsync($"/api/v1/workflows/{workflowId}")).ReadJsonAsync();
        var check = Assert.Single(detail.GetProperty("checks").EnumerateArray());
        Assert.Equal((serverId, "Studio 4090"), (check.GetProperty("serverId").GetInt32(), check.GetProperty("serverName").GetString()));
        Assert.NotEqual("NotChecked", check.GetProperty("state").GetString());
        (await viewer.DeleteAsync($"/api/v1/workflows/{workflowId}")).AssertStatus(HttpStatusCode.Forbidden);
        (await bed.Api.DeleteAsync($"/api/v1/workflows/{workflowId}")).AssertStatus(HttpStatusCode.NoContent);
        await (await bed.Api.GetAsync($"/api/v1/workflows/{workflowId}")).ReadProblemAsync(HttpStatusCode.NotFound);

        var document = await (await bed.Gpu.Factory.CreateApiClient(null).GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
                 {
                     "/api/v1/servers", "/api/v1/servers/{id}", "/api/v1/servers/{id}/pause", "/api/v1/servers/{id}/resume", "/api/v1/servers/{id}/check",
                     "/api/v1/projects/{projectId}/clips/{clipId}/jobs", "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/cancel",
                     "/api/v1/jobs/{id}/retry", "/api/v1/jobs/{id}/priority", "/api/v1/jobs/clear-finished", "/api/v1/queue", "/api/v1/models",
                     "/api/v1/models/family", "/api/v1/presets", "/api/v1/projects/{projectId}/clips/{clipId}/generations", "/api/v1/generations/{id}",
                     "/api/v1/generations/{id}/rating", "/api/v1/generations/{id}/trash", "/api/v1/generations/{id}/restore",
                     "/api/v1/generations/{id}/choose", "/api/v1/generations/{id}/again", "/api/v1/workflows", "/api/v1/workflows/{id}",
                 })
        {
            Assert.Contains(path, paths);
        }
        var enqueue = document.GetProperty("paths").GetProperty("/api/v1/projects/{projectId}/clips/{clipId}/jobs").GetProperty("post");
        Assert.Equal("Queue generations of a clip", enqueue.GetProperty("summary").GetString());
        Assert.Contains("2^53", document.GetProperty("info").GetProperty("description").GetString());
    }
}
