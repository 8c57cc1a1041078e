using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Delivery.Animatic;

public sealed class RendersApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_render_queued_through_the_api_finishes_and_its_mp4_and_srt_download_with_ranges()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var (projectId, _) = await _factory.CreateTinyProjectAsync();

        var response = await api.PostAsync($"/api/v1/projects/{projectId}/renders", Json(new { preset = "full", subtitles = true, timecode = true }));
        var queued = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = queued.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/projects/{projectId}/renders/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Full", queued.GetProperty("preset").GetString());

        var done = await _factory.WaitForRenderAsync(id);
        Assert.Equal(RenderStatus.Done, done.Status);
        var view = await (await api.GetAsync($"/api/v1/projects/{projectId}/renders/{id}")).ReadJsonAsync();
        Assert.Equal("Done", view.GetProperty("status").GetString());
        Assert.Equal(1.0, view.GetProperty("progress").GetDouble());
        Assert.Equal(48, view.GetProperty("lengthFrames").GetInt64());
        Assert.Contains(view.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no song", StringComparison.Ordinal));

        var file = await api.GetAsync(view.GetProperty("fileUrl").GetString());
        file.AssertOk();
        Assert.Equal("video/mp4", file.Content.Headers.ContentType!.MediaType);
        var mp4 = Path.Combine(_factory.Folder, "download.mp4");
        await File.WriteAllBytesAsync(mp4, await file.Content.ReadAsByteArrayAsync());
        var probe = AnimaticTestBed.Probe(mp4);
        Assert.Equal((160, 90, 48L, "24/1"), (probe.Width, probe.Height, probe.Frames, probe.FrameRate));

        var range = new HttpRequestMessage(HttpMethod.Get, view.GetProperty("fileUrl").GetString());
        range.Headers.Range = new RangeHeaderValue(0, 99);
        var partial = await api.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);

        var srt = await api.GetAsync(view.GetProperty("subtitlesUrl").GetString());
        srt.AssertOk();
        Assert.Equal("1\n00:00:00,000 --> 00:00:01,000\nFirst line\n\n", await srt.Content.ReadAsStringAsync());

        var list = await (await api.GetAsync($"/api/v1/projects/{projectId}/renders")).ReadJsonAsync();
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt32());

        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/projects/{projectId}/renders/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/projects/{projectId}/renders/{id}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(_factory.DataFolder, "renders", done.FileName!)));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/projects/{projectId}/renders/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_scene_render_is_as_long_as_the_scene()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var (projectId, sceneId) = await _factory.CreateTinyProjectAsync();

        var queued = await (await api.PostAsync($"/api/v1/projects/{projectId}/renders", Json(new { sceneId, preset = "Full" }))).ReadJsonAsync(HttpStatusCode.Created);

        var done = await _factory.WaitForRenderAsync(queued.GetProperty("id").GetInt32());
        Assert.Equal(RenderStatus.Done, done.Status);
        Assert.Equal(24, done.LengthFrames);
        Assert.Equal(24, AnimaticTestBed.Probe(Path.Combine(_factory.DataFolder, "renders", done.FileName!)).Frames);
    }

    [Fact]
    public async Task Bad_requests_get_problems_keyed_by_field()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var (projectId, _) = await _factory.CreateTinyProjectAsync();

        var preset = await (await api.PostAsync($"/api/v1/projects/{projectId}/renders", Json(new { preset = "huge" }))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(preset.GetProperty("errors").TryGetProperty("preset", out _));
        var scene = await (await api.PostAsync($"/api/v1/projects/{projectId}/renders", Json(new { sceneId = 9999 }))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(scene.GetProperty("errors").TryGetProperty("sceneId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/projects/9999/renders", Json(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/projects/{projectId}/renders/9999")).StatusCode);
        Assert.Equal(0, await _factory.QueryAsync(db => db.Renders.CountAsync()));
    }

    [Fact]
    public async Task Cancelling_a_running_render_stops_it_and_removes_its_files()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var (projectId, _) = await _factory.CreateTinyProjectAsync();
        // A long cut: two hours of Draft cards at full size keeps ffmpeg busy well past the cancel.
        await _factory.QueryAsync(db => db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(p => p.SetProperty(x => x.Width, 1920).SetProperty(x => x.Height, 1080)));
        await _factory.QueryAsync(db => db.Clips.Where(c => c.Name == "Second").ExecuteUpdateAsync(c => c.SetProperty(x => x.LengthFrames, 24 * 7200)));
        var id = (await (await api.PostAsync($"/api/v1/projects/{projectId}/renders", Json(new { preset = "Full" }))).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        var running = await _factory.WaitForRenderAsync(id, r => r.Status != RenderStatus.Queued);
        Assert.True(running.Status == RenderStatus.Running, $"{running.Status}: {running.Error}");

        (await api.PostAsync($"/api/v1/projects/{projectId}/renders/{id}/cancel", null)).AssertOk();

        var cancelled = await _factory.WaitForRenderAsync(id);
        Assert.Equal(RenderStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.FileName);
        var temp = Path.Combine(_factory.DataFolder, "tmp");
        Assert.Empty(Directory.Exists(temp) ? Directory.GetDirectories(temp, "animatic-*") : []);
    }

    [Fact]
    public async Task A_render_left_running_by_a_stopped_app_is_marked_failed_on_start()
    {
        _factory.KeepFolder = true;
        var (projectId, _) = await _factory.CreateTinyProjectAsync();
        var id = await _factory.QueryAsync(async db =>
        {
            var render = new Render { ProjectId = projectId, Status = RenderStatus.Running, Progress = 0.4, CreatedAt = DateTimeOffset.UtcNow };
            db.Renders.Add(render);
            await db.SaveChangesAsync();
            return render.Id;
        });
        _factory.Dispose();

        using var restarted = StoryboardFactory.RestartOf(_factory);
        var after = await restarted.QueryAsync(db => db.Renders.AsNoTracking().SingleAsync(r => r.Id == id));

        Assert.Equal(RenderStatus.Failed, after.Status);
        Assert.Equal(RenderRecovery.StoppedMessage, after.Error);
    }
}
