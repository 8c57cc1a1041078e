using System.Net;
using System.Text.Json;
using Storyboard.Tests.Generation.Gpu;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

/// <summary>/api/v1/jobs and /api/v1/queue: who sees which jobs, and acting on them as the queue page does.</summary>
public sealed class JobsApiTests
{
    private static readonly object Sdxl = new { model = GpuTestBed.SdxlKey, seed = "7" };

    private static async Task<JsonElement> JobAsync(HttpClient api, int id) =>
        await (await api.GetAsync($"/api/v1/jobs/{id}")).ReadJsonAsync();

    [Fact]
    public async Task Each_user_sees_and_acts_on_their_own_jobs_and_admins_on_all()
    {
        await using var bed = await GenerationApiTestBed.StartAsync();
        var editor = await bed.ApiAsAsync("eddie", "Editor");
        var viewer = await bed.ApiAsAsync("vera", "Viewer");
        // Paused, so the jobs wait and every state change is ours.
        (await editor.PutAsync("/api/v1/queue", Json(new { paused = true }))).AssertStatus(HttpStatusCode.Forbidden);
        var queue = await (await bed.Api.PutAsync("/api/v1/queue", Json(new { paused = true }))).ReadJsonAsync();
        Assert.True(queue.GetProperty("paused").GetBoolean());
        var serverId = (await bed.RegisterComfyAsync()).GetProperty("id").GetInt32();

        var mine = await bed.EnqueueAsync(new { model = GpuTestBed.SdxlKey, seed = "18446744073709551615", count = 2, serverId }, editor);
        var admins = Assert.Single(await bed.EnqueueAsync(Sdxl));

        var editorList = await (await editor.GetAsync("/api/v1/jobs")).ReadJsonAsync();
        Assert.Equal(2, editorList.GetProperty("total").GetInt32());
        Assert.Equal(mine.Reverse(), editorList.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetInt32()));
        var first = await JobAsync(editor, mine[0]);
        Assert.Equal(("Queued", "Image", "eddie", serverId, "Studio 4090"), (first.GetProperty("status").GetString(), first.GetProperty("kind").GetString(),
            first.GetProperty("userName").GetString(), first.GetProperty("serverId").GetInt32(), first.GetProperty("where").GetString()));
        Assert.Equal("18446744073709551615", first.GetProperty("parameters").GetProperty("seed").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("parameters").GetProperty("seedNumber").ValueKind);
        Assert.Equal("0", (await JobAsync(editor, mine[1])).GetProperty("parameters").GetProperty("seed").GetString());
        Assert.Equal(GpuTestBed.SdxlKey, first.GetProperty("parameters").GetProperty("model").GetString());
        Assert.Equal("a rooftop at night, neon, rain", first.GetProperty("parameters").GetProperty("prompt").GetString());
        await (await editor.GetAsync($"/api/v1/jobs/{admins}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(3, (await (await bed.Api.GetAsync("/api/v1/jobs")).ReadJsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await (await viewer.GetAsync("/api/v1/jobs")).ReadJsonAsync()).GetProperty("total").GetInt32());
        var filtered = await (await bed.Api.GetAsync($"/api/v1/jobs?status=queued&serverId={serverId}&projectId={bed.ProjectId}&q=rooftop&page=1")).ReadJsonAsync();
        Assert.Equal(2, filtered.GetProperty("total").GetInt32());
        var bad = await (await bed.Api.GetAsync("/api/v1/jobs?status=Sleeping")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("status", bad.Errors().Keys);

        Assert.Equal(5, (await (await editor.PutAsync($"/api/v1/jobs/{mine[0]}/priority", Json(new { priority = 5 }))).ReadJsonAsync())
            .GetProperty("priority").GetInt32());
        Assert.Contains("priority", (await (await editor.PutAsync($"/api/v1/jobs/{mine[0]}/priority", Json(new { priority = 11 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
        await (await editor.DeleteAsync($"/api/v1/jobs/{mine[0]}")).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await editor.PostAsync($"/api/v1/jobs/{admins}/cancel", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        (await viewer.PostAsync($"/api/v1/jobs/{mine[0]}/cancel", null)).AssertStatus(HttpStatusCode.Forbidden);
        await (await editor.PostAsync($"/api/v1/jobs/{mine[0]}/retry", null)).ReadProblemAsync(HttpStatusCode.Conflict);

        var cancelled = await (await editor.PostAsync($"/api/v1/jobs/{mine[0]}/cancel", null)).ReadJsonAsync();
        Assert.Equal(("Cancelled", true), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("canRetry").GetBoolean()));
        await (await editor.PostAsync($"/api/v1/jobs/{mine[0]}/cancel", null)).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await editor.PutAsync($"/api/v1/jobs/{mine[0]}/priority", Json(new { priority = 1 }))).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Queued", (await (await editor.PostAsync($"/api/v1/jobs/{mine[0]}/retry", null)).ReadJsonAsync()).GetProperty("status").GetString());

        (await editor.PostAsync($"/api/v1/jobs/{mine[0]}/cancel", null)).AssertStatus(HttpStatusCode.OK);
        (await editor.DeleteAsync($"/api/v1/jobs/{mine[0]}")).AssertStatus(HttpStatusCode.NoContent);
        await (await editor.GetAsync($"/api/v1/jobs/{mine[0]}")).ReadProblemAsync(HttpStatusCode.NotFound);

        // Clearing finished jobs: an editor's own only; an admin's every user's.
        (await editor.PostAsync($"/api/v1/jobs/{mine[1]}/cancel", null)).AssertStatus(HttpStatusCode.OK);
        (await bed.Api.PostAsync($"/api/v1/jobs/{admins}/cancel", null)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, (await (await editor.PostAsync("/api/v1/jobs/clear-finished", Json(new { includeFailed = false }))).ReadJsonAsync())
            .GetProperty("cleared").GetInt32());
        Assert.Equal(1, (await (await bed.Api.PostAsync("/api/v1/jobs/clear-finished", null)).ReadJsonAsync()).GetProperty("cleared").GetInt32());
        (await viewer.PostAsync("/api/v1/jobs/clear-finished", null)).AssertStatus(HttpStatusCode.Forbidden);

        var state = await (await viewer.GetAsync("/api/v1/queue")).ReadJsonAsync();
        Assert.True(state.GetProperty("paused").GetBoolean());
        Assert.Equal(0, state.GetProperty("counts").GetProperty("Queued").GetInt32());
        Assert.False((await (await bed.Api.PutAsync("/api/v1/queue", Json(new { paused = false }))).ReadJsonAsync()).GetProperty("paused").GetBoolean());
        Assert.Contains("paused", (await (await bed.Api.PutAsync("/api/v1/queue", Json(new { }))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
    }
}
