using System.Net;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

public sealed class TimelineApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    internal static async Task<int> CreateProjectAsync(HttpClient api, string name = "Night Drive", string frameRate = "23.976") =>
        (await (await api.PostAsync("/api/v1/projects", Json(new { name, frameRate }))).ReadJsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetInt32();

    internal static async Task<JsonElement> TimelineAsync(HttpClient api, int projectId) =>
        await (await api.GetAsync($"/api/v1/projects/{projectId}/timeline")).ReadJsonAsync();

    internal static async Task<JsonElement> CreateClipAsync(HttpClient api, int projectId, object body) =>
        await (await api.PostAsync($"/api/v1/projects/{projectId}/clips", Json(body))).ReadJsonAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Scenes_and_clips_are_created_read_and_updated_with_their_version()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);

        var empty = await TimelineAsync(api, id);
        Assert.Equal("23.976", empty.GetProperty("frameRate").GetString());
        Assert.Equal(24000, empty.GetProperty("frameRateNumerator").GetInt32());
        Assert.Equal(1001, empty.GetProperty("frameRateDenominator").GetInt32());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("songFrames").ValueKind);
        Assert.Empty(empty.GetProperty("scenes").EnumerateArray());
        Assert.Empty(empty.GetProperty("clips").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("undoLabel").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("redoLabel").ValueKind);

        var scene = await (await api.PostAsync($"/api/v1/projects/{id}/scenes", Json(new
        {
            name = "Chorus",
            section = "Chorus",
            startFrame = 0,
            lengthFrames = 240,
            color = "#ff8800",
        }))).ReadJsonAsync(HttpStatusCode.Created);
        var sceneId = scene.GetProperty("id").GetInt32();
        Assert.Equal("Chorus", scene.GetProperty("section").GetString());
        Assert.Equal("Chorus", scene.GetProperty("displayName").GetString());
        Assert.Equal("00:00:10:00", scene.GetProperty("endTimecode").GetString());
        Assert.Equal(1, scene.GetProperty("version").GetInt32());

        var clip = await CreateClipAsync(api, id, new
        {
            name = "Headlights",
            sceneId,
            startFrame = 24,
            lengthFrames = 48,
            shotSize = "CloseUp",
            cameraMove = "DollyIn",
            transitionIn = "Dissolve",
            transitionFrames = 12,
            imagePrompt = "neon rain",
        });
        var clipId = clip.GetProperty("id").GetInt32();
        Assert.Equal(sceneId, clip.GetProperty("sceneId").GetInt32());
        Assert.Equal(24, clip.GetProperty("startFrame").GetInt64());
        Assert.Equal(72, clip.GetProperty("endFrame").GetInt64());
        Assert.Equal("00:00:01:00", clip.GetProperty("startTimecode").GetString());
        Assert.Equal("00:00:03:00", clip.GetProperty("endTimecode").GetString());
        Assert.Equal("CloseUp", clip.GetProperty("shotSize").GetString());
        Assert.Equal("DollyIn", clip.GetProperty("cameraMove").GetString());
        Assert.Equal("Dissolve", clip.GetProperty("transitionIn").GetString());
        Assert.Equal(0, clip.GetProperty("takeNumber").GetInt32());
        Assert.True(clip.GetProperty("isMain").GetBoolean());
        Assert.Equal(clipId, clip.GetProperty("groupId").GetInt32());
        Assert.False(clip.GetProperty("pastSongEnd").GetBoolean());

        var timeline = await TimelineAsync(api, id);
        Assert.Equal(scene.GetRawText(), timeline.GetProperty("scenes")[0].GetRawText());
        Assert.Equal(clip.GetRawText(), timeline.GetProperty("clips")[0].GetRawText());
        Assert.Equal("Create Headlights", timeline.GetProperty("undoLabel").GetString());

        var updated = await (await api.PutAsync($"/api/v1/projects/{id}/clips/{clipId}", Json(new
        {
            name = "Headlights (wide)",
            sceneId,
            startFrame = 24,
            lengthFrames = 96,
            shotSize = "WideShot",
            version = 1,
        }))).ReadJsonAsync();
        Assert.Equal("Headlights (wide)", updated.GetProperty("name").GetString());
        Assert.Equal(96, updated.GetProperty("lengthFrames").GetInt64());
        Assert.Equal("Cut", updated.GetProperty("transitionIn").GetString());
        Assert.True(updated.GetProperty("version").GetInt32() > 1);

        var renamed = await (await api.PutAsync($"/api/v1/projects/{id}/scenes/{sceneId}", Json(new
        {
            name = "Last chorus",
            section = "Custom",
            customSection = "Finale",
            startFrame = 0,
            lengthFrames = 480,
            version = 1,
        }))).ReadJsonAsync();
        Assert.Equal("Last chorus", renamed.GetProperty("name").GetString());
        Assert.Equal("Finale", renamed.GetProperty("customSection").GetString());
        Assert.Equal("#5b7fe0", renamed.GetProperty("color").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_a_409_with_the_current_values_and_changes_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var clip = await CreateClipAsync(api, id, new { name = "Opening", startFrame = 0, lengthFrames = 48 });
        var clipId = clip.GetProperty("id").GetInt32();
        (await api.PutAsync($"/api/v1/projects/{id}/clips/{clipId}", Json(new { name = "Theirs", startFrame = 0, lengthFrames = 48, version = 1 })))
            .AssertStatus(HttpStatusCode.OK);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PutAsync($"/api/v1/projects/{id}/clips/{clipId}",
            Json(new { name = "Mine", startFrame = 0, lengthFrames = 48, version = 1 }))).ReadProblemAsync(HttpStatusCode.Conflict);
        var current = problem.GetProperty("current");
        Assert.Equal("Theirs", current.GetProperty("name").GetString());
        Assert.Equal(before.GetProperty("clips")[0].GetRawText(), current.GetRawText());

        var scene = await (await api.PostAsync($"/api/v1/projects/{id}/scenes", Json(new { name = "Verse", startFrame = 0, lengthFrames = 100 })))
            .ReadJsonAsync(HttpStatusCode.Created);
        var sceneId = scene.GetProperty("id").GetInt32();
        (await api.PutAsync($"/api/v1/projects/{id}/scenes/{sceneId}", Json(new { name = "Verse 1", startFrame = 0, lengthFrames = 100, version = 1 })))
            .AssertStatus(HttpStatusCode.OK);
        var afterScene = await TimelineAsync(api, id);
        var sceneProblem = await (await api.PutAsync($"/api/v1/projects/{id}/scenes/{sceneId}",
            Json(new { name = "Verse 2", startFrame = 0, lengthFrames = 100, version = 1 }))).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Verse 1", sceneProblem.GetProperty("current").GetProperty("name").GetString());

        var missing = await (await api.PutAsync($"/api/v1/projects/{id}/scenes/{sceneId}",
            Json(new { name = "No version", startFrame = 0, lengthFrames = 100 }))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("version", missing.Errors().Keys);
        Assert.Equal(afterScene.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task An_overlapping_clip_is_a_422_with_the_suggested_start_and_is_not_stored()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        await CreateClipAsync(api, id, new { name = "First", startFrame = 0, lengthFrames = 48 });
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips", Json(new { name = "Second", startFrame = 24, lengthFrames = 24 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(48, problem.GetProperty("suggestedStartFrame").GetInt64());
        Assert.Contains("First", Assert.Single(problem.Errors()["startFrame"]));
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Theory]
    [InlineData("""{"name":"Bad","startFrame":-1,"lengthFrames":24}""", "startFrame")]
    [InlineData("""{"name":"Bad","startFrame":"10","lengthFrames":24}""", "startFrame")]
    [InlineData("""{"name":"Bad","startFrame":1.5,"lengthFrames":24}""", "startFrame")]
    [InlineData("""{"name":"Bad","startFrame":0,"lengthFrames":99999999999999999999}""", "lengthFrames")]
    [InlineData("""{"name":"Bad","startFrame":0,"lengthFrames":1000000000000}""", "lengthFrames")]
    [InlineData("""{"name":"Bad","startFrame":0,"lengthFrames":0}""", "lengthFrames")]
    [InlineData("""{"name":"Bad","lengthFrames":24}""", "startFrame")]
    [InlineData("""{"name":"","startFrame":0,"lengthFrames":24}""", "name")]
    [InlineData("""{"name":"Bad","startFrame":0,"lengthFrames":24,"shotSize":"Extreme"}""", "shotSize")]
    [InlineData("""{"name":"Bad","startFrame":0,"lengthFrames":24,"cameraMove":"3"}""", "cameraMove")]
    [InlineData("""{"name":"Bad","startFrame":0,"lengthFrames":24,"transitionIn":"Cut","transitionFrames":5}""", "transitionFrames")]
    public async Task Invalid_clip_values_are_422_problems_naming_the_field_and_store_nothing(string body, string field)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips", RawJson(body))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Unknown_ids_and_another_projects_ids_are_404_problems()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var mine = await CreateProjectAsync(api, "Mine");
        var other = await CreateProjectAsync(api, "Other");
        var theirClip = (await CreateClipAsync(api, other, new { name = "Theirs", startFrame = 0, lengthFrames = 24 })).GetProperty("id").GetInt32();
        var theirScene = (await (await api.PostAsync($"/api/v1/projects/{other}/scenes", Json(new { name = "Theirs", startFrame = 0, lengthFrames = 24 })))
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var otherBefore = await TimelineAsync(api, other);

        await (await api.GetAsync("/api/v1/projects/9999/timeline")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync("/api/v1/projects/9999/timeline/history")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync("/api/v1/projects/9999/clips", Json(new { name = "x", startFrame = 0, lengthFrames = 24 })))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        foreach (var clipId in new[] { theirClip, 9999 })
        {
            await (await api.PutAsync($"/api/v1/projects/{mine}/clips/{clipId}", Json(new { name = "x", startFrame = 0, lengthFrames = 24, version = 1 })))
                .ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.DeleteAsync($"/api/v1/projects/{mine}/clips/{clipId}")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/{clipId}/alternates", null)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/{clipId}/promote", null)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/move", Json(new { clipIds = new[] { clipId }, deltaFrames = 10 })))
                .ReadProblemAsync(HttpStatusCode.NotFound);
        }
        foreach (var sceneId in new[] { theirScene, 9999 })
        {
            await (await api.PutAsync($"/api/v1/projects/{mine}/scenes/{sceneId}", Json(new { name = "x", startFrame = 0, lengthFrames = 24, version = 1 })))
                .ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.DeleteAsync($"/api/v1/projects/{mine}/scenes/{sceneId}")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/scenes/{sceneId}/alternates", null)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/scenes/{sceneId}/promote", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        }
        var scenePick = await (await api.PostAsync($"/api/v1/projects/{mine}/clips", Json(new { name = "x", sceneId = theirScene, startFrame = 0, lengthFrames = 24 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("sceneId", scenePick.Errors().Keys);

        Assert.Equal(otherBefore.GetRawText(), (await TimelineAsync(api, other)).GetRawText());
        Assert.Empty((await TimelineAsync(api, mine)).GetProperty("clips").EnumerateArray());
    }

    [Fact]
    public async Task Clips_move_get_alternates_promote_delete_and_undo_redo_round_trips()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var a = (await CreateClipAsync(api, id, new { name = "Road", startFrame = 0, lengthFrames = 24 })).GetProperty("id").GetInt32();
        var b = (await CreateClipAsync(api, id, new { name = "Sky", startFrame = 24, lengthFrames = 24 })).GetProperty("id").GetInt32();

        var moved = await (await api.PostAsync($"/api/v1/projects/{id}/clips/move", Json(new { clipIds = new[] { a, b }, deltaFrames = 48 })))
            .ReadJsonAsync();
        Assert.Equal([48L, 72L], moved.EnumerateArray().Select(c => c.GetProperty("startFrame").GetInt64()).Order());
        var blocked = await (await api.PostAsync($"/api/v1/projects/{id}/clips/move", Json(new { clipIds = new[] { b }, deltaFrames = -24 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(blocked.TryGetProperty("suggestedStartFrame", out _));

        var a1 = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{a}/alternates", null)).ReadJsonAsync(HttpStatusCode.Created);
        var a2 = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{a}/alternates", null)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Road A1", a1.GetProperty("displayName").GetString());
        Assert.Equal("Road A2", a2.GetProperty("displayName").GetString());
        Assert.Equal(a, a2.GetProperty("groupId").GetInt32());
        Assert.False(a2.GetProperty("isMain").GetBoolean());
        Assert.Equal(48, a2.GetProperty("startFrame").GetInt64());

        var promoted = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{a2.GetProperty("id").GetInt32()}/promote", null)).ReadJsonAsync();
        Assert.True(promoted.GetProperty("isMain").GetBoolean());
        var takes = (await TimelineAsync(api, id)).GetProperty("clips").EnumerateArray().Where(c => c.GetProperty("groupId").GetInt32() == a).ToList();
        Assert.Equal(["Road A2"], takes.Where(c => c.GetProperty("isMain").GetBoolean()).Select(c => c.GetProperty("displayName").GetString()));

        var beforeDelete = await TimelineAsync(api, id);
        (await api.DeleteAsync($"/api/v1/projects/{id}/clips/{b}")).AssertStatus(HttpStatusCode.NoContent);
        var afterDelete = await TimelineAsync(api, id);
        Assert.DoesNotContain(afterDelete.GetProperty("clips").EnumerateArray(), c => c.GetProperty("id").GetInt32() == b);
        Assert.NotNull(afterDelete.GetProperty("undoLabel").GetString());

        var undone = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/undo", null)).ReadJsonAsync();
        var restored = undone.GetProperty("clips").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == b);
        Assert.Equal("Sky", restored.GetProperty("name").GetString());
        Assert.Equal(72, restored.GetProperty("startFrame").GetInt64());
        Assert.Equal(beforeDelete.GetProperty("clips").GetArrayLength(), undone.GetProperty("clips").GetArrayLength());
        Assert.NotNull(undone.GetProperty("redoLabel").GetString());

        var redone = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/redo", null)).ReadJsonAsync();
        Assert.Equal(afterDelete.GetProperty("clips").GetArrayLength(), redone.GetProperty("clips").GetArrayLength());
        await (await api.PostAsync($"/api/v1/projects/{id}/timeline/redo", null)).ReadProblemAsync(HttpStatusCode.NotFound);

        var history = await (await api.GetAsync($"/api/v1/projects/{id}/timeline/history?count=3")).ReadJsonAsync();
        Assert.Equal(3, history.GetArrayLength());
        Assert.False(history[0].GetProperty("isUndone").GetBoolean());
        Assert.Equal("Ada Admin", history[0].GetProperty("userName").GetString());
        foreach (var count in new[] { "0", "501", "abc", "-3" })
        {
            var problem = await (await api.GetAsync($"/api/v1/projects/{id}/timeline/history?count={count}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("count", problem.Errors().Keys);
        }

        var fresh = await CreateProjectAsync(api, "Fresh");
        await (await api.PostAsync($"/api/v1/projects/{fresh}/timeline/undo", null)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scene_alternates_are_numbered_promoted_and_trashed()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var scene = await (await api.PostAsync($"/api/v1/projects/{id}/scenes", Json(new { name = "Bridge", section = "Bridge", startFrame = 0, lengthFrames = 96 })))
            .ReadJsonAsync(HttpStatusCode.Created);
        var sceneId = scene.GetProperty("id").GetInt32();
        var a1 = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{sceneId}/alternates", null)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Bridge A1", a1.GetProperty("displayName").GetString());
        Assert.Equal(sceneId, a1.GetProperty("groupId").GetInt32());

        var refused = await (await api.DeleteAsync($"/api/v1/projects/{id}/scenes/{sceneId}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("main take", refused.GetProperty("detail").GetString());

        var promoted = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{a1.GetProperty("id").GetInt32()}/promote", null)).ReadJsonAsync();
        Assert.True(promoted.GetProperty("isMain").GetBoolean());
        (await api.DeleteAsync($"/api/v1/projects/{id}/scenes/{sceneId}")).AssertStatus(HttpStatusCode.NoContent);
        var scenes = (await TimelineAsync(api, id)).GetProperty("scenes");
        Assert.Equal(["Bridge A1"], scenes.EnumerateArray().Select(s => s.GetProperty("displayName").GetString()));

        var badSection = await (await api.PostAsync($"/api/v1/projects/{id}/scenes", Json(new { name = "X", section = "Hook", startFrame = 200, lengthFrames = 10 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("section", badSection.Errors().Keys);
    }

    [Fact]
    public async Task A_viewer_reads_the_timeline_but_gets_403_on_every_write()
    {
        var (admin, adminApi) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(adminApi);
        var clipId = (await CreateClipAsync(adminApi, id, new { name = "Road", startFrame = 0, lengthFrames = 24 })).GetProperty("id").GetInt32();
        var sceneId = (await (await adminApi.PostAsync($"/api/v1/projects/{id}/scenes", Json(new { name = "Intro", startFrame = 0, lengthFrames = 24 })))
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var before = await TimelineAsync(adminApi, id);

        var viewer = await _factory.CreateUserClientAsync(admin, "vera", "Viewer");
        var api = _factory.CreateApiClient(await viewer.CreateApiTokenAsync());
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
        (await api.GetAsync($"/api/v1/projects/{id}/timeline/history")).AssertStatus(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/projects/{id}/clips/{clipId}")).AssertStatus(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/projects/{id}/scenes/{sceneId}")).AssertStatus(HttpStatusCode.OK);

        var clip = new { name = "x", startFrame = 100, lengthFrames = 24, version = 1 };
        var writes = new[]
        {
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/scenes") { Content = Json(clip) },
            new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{id}/scenes/{sceneId}") { Content = Json(clip) },
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/projects/{id}/scenes/{sceneId}"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/scenes/{sceneId}/alternates"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/scenes/{sceneId}/promote"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips") { Content = Json(clip) },
            new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{id}/clips/{clipId}") { Content = Json(clip) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/move") { Content = Json(new { clipIds = new[] { clipId }, deltaFrames = 5 }) },
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/projects/{id}/clips/{clipId}"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/{clipId}/alternates"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/{clipId}/promote"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/scenes/{sceneId}/duplicate"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/scenes/{sceneId}/reorder") { Content = Json(new { direction = 1 }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/scenes/{sceneId}/restore"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/{clipId}/span") { Content = Json(new { startFrame = 100, lengthFrames = 24 }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/{clipId}/split") { Content = Json(new { atFrame = 12 }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/{clipId}/duplicate"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/ripple") { Content = Json(new { fromFrame = 0, deltaFrames = 5 }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/clips/delete") { Content = Json(new { clipIds = new[] { clipId } }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/timeline/lyrics/lrc") { Content = Json(new { text = "[00:20.00] hi" }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/timeline/lyrics/spread") { Content = Json(new { clipIds = new[] { clipId }, text = "hi" }) },
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/timeline/undo"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{id}/timeline/redo"),
        };
        foreach (var write in writes)
        {
            await (await api.SendAsync(write)).ReadProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before.GetRawText(), (await TimelineAsync(adminApi, id)).GetRawText());
    }
    [Fact]
    public async Task The_openapi_document_describes_the_timeline_endpoints()
    {
        var document = JsonDocument.Parse(await _factory.CreateApiClient(null).GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        var update = paths.GetProperty("/api/v1/projects/{id}/clips/{clipId}").GetProperty("put");
        Assert.Equal(["Timeline"], update.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        foreach (var status in new[] { "200", "403", "404", "409", "422" })
        {
            Assert.True(update.GetProperty("responses").TryGetProperty(status, out _), $"PUT clips/{{clipId}} does not list {status}");
        }
        Assert.Contains("suggestedStartFrame", update.GetProperty("description").GetString());
        Assert.True(paths.GetProperty("/api/v1/projects/{id}/scenes/{sceneId}/alternates").GetProperty("post")
            .GetProperty("responses").TryGetProperty("201", out _));
        var clip = document.GetProperty("components").GetProperty("schemas").GetProperty("ClipApiView").GetProperty("properties");
        Assert.Equal("integer", clip.GetProperty("startFrame").GetProperty("type").GetString());
        Assert.Equal("string", clip.GetProperty("startTimecode").GetProperty("type").GetString());
    }
}
