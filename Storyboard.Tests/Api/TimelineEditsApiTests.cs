using System.Net;
using System.Text;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;
using static Storyboard.Tests.Api.TimelineApiTests;

namespace Storyboard.Tests.Api;

/// <summary>
/// The timeline edits beyond create/update: span, split, duplicate, ripple, batch delete, lyrics, and the scene list
/// (duplicate, reorder, restore). Every result is read back through GET …/timeline; every refusal leaves it unchanged.
/// </summary>
public sealed class TimelineEditsApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<int> ClipAsync(HttpClient api, int projectId, string name, long startFrame, long lengthFrames, int? sceneId = null) =>
        (await CreateClipAsync(api, projectId, new { name, startFrame, lengthFrames, sceneId })).GetProperty("id").GetInt32();

    private static async Task<int> SceneAsync(HttpClient api, int projectId, string name, long startFrame, long lengthFrames) =>
        (await (await api.PostAsync($"/api/v1/projects/{projectId}/scenes", Json(new { name, startFrame, lengthFrames })))
            .ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

    private static JsonElement ClipIn(JsonElement timeline, int clipId) =>
        timeline.GetProperty("clips").EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == clipId);

    private static (long Start, long Length) Span(JsonElement item) =>
        (item.GetProperty("startFrame").GetInt64(), item.GetProperty("lengthFrames").GetInt64());

    private static string[] SceneNames(JsonElement timeline) =>
        timeline.GetProperty("scenes").EnumerateArray().Select(s => s.GetProperty("displayName").GetString()!).ToArray();

    /// <summary>Follows a 201's Location with a GET and returns what it reads.</summary>
    private static async Task<JsonElement> FollowLocationAsync(HttpClient api, HttpResponseMessage created)
    {
        var location = created.Headers.Location;
        Assert.NotNull(location);
        return await (await api.GetAsync(location)).ReadJsonAsync();
    }

    [Fact]
    public async Task Setting_a_clip_span_moves_and_trims_it_with_its_alternates()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var road = await ClipAsync(api, id, "Road", 0, 48);
        var alternate = (await (await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/alternates", null)).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetInt32();

        var clip = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/span", Json(new { startFrame = 100, lengthFrames = 24 }))).ReadJsonAsync();
        Assert.Equal(road, clip.GetProperty("id").GetInt32());
        Assert.Equal((100L, 24L), Span(clip));

        var timeline = await TimelineAsync(api, id);
        Assert.Equal((100L, 24L), Span(ClipIn(timeline, road)));
        Assert.Equal((100L, 24L), Span(ClipIn(timeline, alternate)));
        Assert.Equal("Trim Road", timeline.GetProperty("undoLabel").GetString());
        Assert.Equal(ClipIn(timeline, road).GetRawText(), (await (await api.GetAsync($"/api/v1/projects/{id}/clips/{road}")).ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task A_span_overlapping_another_clip_is_a_422_with_the_suggested_start_and_changes_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        await ClipAsync(api, id, "First", 0, 48);
        var second = await ClipAsync(api, id, "Second", 96, 24);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{second}/span", Json(new { startFrame = 24, lengthFrames = 24 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(48, problem.GetProperty("suggestedStartFrame").GetInt64());
        Assert.Contains("First", Assert.Single(problem.Errors()["startFrame"]));
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Theory]
    [InlineData("""{"startFrame":-1,"lengthFrames":24}""", "startFrame")]
    [InlineData("""{"startFrame":"10","lengthFrames":24}""", "startFrame")]
    [InlineData("""{"startFrame":1.5,"lengthFrames":24}""", "startFrame")]
    [InlineData("""{"startFrame":0,"lengthFrames":0}""", "lengthFrames")]
    [InlineData("""{"startFrame":0,"lengthFrames":-24}""", "lengthFrames")]
    [InlineData("""{"startFrame":0}""", "lengthFrames")]
    [InlineData("""{"lengthFrames":24}""", "startFrame")]
    public async Task Invalid_span_values_are_422_problems_naming_the_field_and_change_nothing(string body, string field)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var clip = await ClipAsync(api, id, "Road", 48, 48);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{clip}/span", RawJson(body))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_or_415_problem_on_every_new_endpoint_and_changes_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var clip = await ClipAsync(api, id, "Road", 0, 48);
        var scene = await SceneAsync(api, id, "Verse", 0, 48);
        var before = await TimelineAsync(api, id);

        var urls = new[]
        {
            $"/api/v1/projects/{id}/clips/{clip}/span", $"/api/v1/projects/{id}/clips/{clip}/split", $"/api/v1/projects/{id}/clips/ripple",
            $"/api/v1/projects/{id}/clips/delete", $"/api/v1/projects/{id}/timeline/lyrics/lrc", $"/api/v1/projects/{id}/timeline/lyrics/spread",
            $"/api/v1/projects/{id}/scenes/{scene}/reorder",
        };
        foreach (var url in urls)
        {
            await (await api.PostAsync(url, RawJson("{\"startFrame\": 1,"))).ReadProblemAsync(HttpStatusCode.BadRequest);
            await (await api.PostAsync(url, RawJson("[1, 2]"))).ReadProblemAsync(HttpStatusCode.BadRequest);
            await (await api.PostAsync(url, new StringContent("startFrame=1", Encoding.UTF8, "application/x-www-form-urlencoded")))
                .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Splitting_a_clip_at_a_frame_inside_it_makes_two_clips()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var road = (await CreateClipAsync(api, id, new { name = "Road", startFrame = 0, lengthFrames = 48, imagePrompt = "wet asphalt" }))
            .GetProperty("id").GetInt32();

        var response = await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/split", Json(new { atFrame = 30 }));
        var parts = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, parts.GetArrayLength());
        Assert.Equal(road, parts[0].GetProperty("id").GetInt32());
        var secondId = parts[1].GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/projects/{id}/clips/{secondId}", response.Headers.Location?.OriginalString);
        Assert.Equal(parts[1].GetRawText(), (await FollowLocationAsync(api, response)).GetRawText());

        var timeline = await TimelineAsync(api, id);
        var first = ClipIn(timeline, road);
        var second = ClipIn(timeline, secondId);
        Assert.Equal((0L, 30L), Span(first));
        Assert.Equal((30L, 18L), Span(second));
        Assert.Equal("Road", first.GetProperty("name").GetString());
        Assert.Equal("Road (2)", second.GetProperty("name").GetString());
        Assert.Equal("wet asphalt", second.GetProperty("imagePrompt").GetString());
        Assert.Equal(2, timeline.GetProperty("clips").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"atFrame":0}""", null)]
    [InlineData("""{"atFrame":48}""", null)]
    [InlineData("""{"atFrame":-5}""", null)]
    [InlineData("""{"atFrame":200}""", null)]
    [InlineData("""{}""", "atFrame")]
    [InlineData("""{"atFrame":"half"}""", "atFrame")]
    public async Task Splitting_at_a_frame_not_inside_the_clip_is_a_422_and_changes_nothing(string body, string? field)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var road = await ClipAsync(api, id, "Road", 0, 48);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/split", RawJson(body))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        if (field is null)
        {
            Assert.Contains("inside", problem.GetProperty("detail").GetString());
        }
        else
        {
            Assert.Contains(field, problem.Errors().Keys);
        }
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task A_clip_with_alternate_takes_is_not_split()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var road = await ClipAsync(api, id, "Road", 0, 48);
        (await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/alternates", null)).AssertStatus(HttpStatusCode.Created);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/split", Json(new { atFrame = 24 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("alternate", problem.GetProperty("detail").GetString());
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Duplicating_a_clip_puts_the_copy_in_the_first_free_slot_after_it()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var road = (await CreateClipAsync(api, id, new { name = "Road", startFrame = 0, lengthFrames = 24, videoPrompt = "slow push" }))
            .GetProperty("id").GetInt32();
        await ClipAsync(api, id, "Sky", 24, 24);

        var response = await api.PostAsync($"/api/v1/projects/{id}/clips/{road}/duplicate", null);
        var copy = await response.ReadJsonAsync(HttpStatusCode.Created);
        var copyId = copy.GetProperty("id").GetInt32();
        Assert.NotEqual(road, copyId);
        Assert.Equal($"/api/v1/projects/{id}/clips/{copyId}", response.Headers.Location?.OriginalString);
        Assert.Equal(copy.GetRawText(), (await FollowLocationAsync(api, response)).GetRawText());

        var stored = ClipIn(await TimelineAsync(api, id), copyId);
        Assert.Equal((48L, 24L), Span(stored));
        Assert.Equal("Road", stored.GetProperty("name").GetString());
        Assert.Equal("slow push", stored.GetProperty("videoPrompt").GetString());
        Assert.Equal(copyId, stored.GetProperty("groupId").GetInt32());
        Assert.True(stored.GetProperty("isMain").GetBoolean());
    }

    [Fact]
    public async Task Rippling_moves_every_clip_from_a_frame_onwards_and_leaves_earlier_ones()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var a = await ClipAsync(api, id, "A", 0, 24);
        var b = await ClipAsync(api, id, "B", 48, 24);
        var c = await ClipAsync(api, id, "C", 96, 24);
        var b1 = (await (await api.PostAsync($"/api/v1/projects/{id}/clips/{b}/alternates", null)).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetInt32();

        var moved = await (await api.PostAsync($"/api/v1/projects/{id}/clips/ripple", Json(new { fromFrame = 48, deltaFrames = 24 }))).ReadJsonAsync();
        Assert.Equal(new[] { b, b1, c }.Order(), moved.EnumerateArray().Select(m => m.GetProperty("id").GetInt32()).Order());

        var timeline = await TimelineAsync(api, id);
        Assert.Equal(0, ClipIn(timeline, a).GetProperty("startFrame").GetInt64());
        Assert.Equal(72, ClipIn(timeline, b).GetProperty("startFrame").GetInt64());
        Assert.Equal(72, ClipIn(timeline, b1).GetProperty("startFrame").GetInt64());
        Assert.Equal(120, ClipIn(timeline, c).GetProperty("startFrame").GetInt64());
    }

    [Fact]
    public async Task A_ripple_onto_an_earlier_clip_is_a_422_with_the_suggested_start_and_changes_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        await ClipAsync(api, id, "A", 0, 48);
        await ClipAsync(api, id, "B", 96, 24);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips/ripple", Json(new { fromFrame = 96, deltaFrames = -72 })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(48, problem.GetProperty("suggestedStartFrame").GetInt64());
        Assert.Contains("startFrame", problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Theory]
    [InlineData("""{"fromFrame":-1,"deltaFrames":24}""", "fromFrame")]
    [InlineData("""{"deltaFrames":24}""", "fromFrame")]
    [InlineData("""{"fromFrame":0}""", "deltaFrames")]
    [InlineData("""{"fromFrame":0,"deltaFrames":"24"}""", "deltaFrames")]
    [InlineData("""{"fromFrame":0,"deltaFrames":-100}""", "startFrame")]
    public async Task Invalid_ripple_values_are_422_problems_naming_the_field_and_change_nothing(string body, string field)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        await ClipAsync(api, id, "A", 48, 24);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/clips/ripple", RawJson(body))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Deleting_clips_together_is_one_edit_that_undo_brings_back()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var a = await ClipAsync(api, id, "A", 0, 24);
        var b = await ClipAsync(api, id, "B", 24, 24);
        var c = await ClipAsync(api, id, "C", 48, 24);
        var before = await TimelineAsync(api, id);

        (await api.PostAsync($"/api/v1/projects/{id}/clips/delete", Json(new { clipIds = new[] { a, c } }))).AssertStatus(HttpStatusCode.NoContent);
        var after = await TimelineAsync(api, id);
        Assert.Equal([b], after.GetProperty("clips").EnumerateArray().Select(x => x.GetProperty("id").GetInt32()));
        Assert.Equal("Delete 2 clips", after.GetProperty("undoLabel").GetString());

        var undone = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/undo", null)).ReadJsonAsync();
        Assert.Equal(new[] { a, b, c }, undone.GetProperty("clips").EnumerateArray().Select(x => x.GetProperty("id").GetInt32()));
        Assert.Equal(Span(ClipIn(before, c)), Span(ClipIn(undone, c)));
    }

    [Fact]
    public async Task A_batch_delete_naming_any_unknown_clip_or_none_deletes_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var a = await ClipAsync(api, id, "A", 0, 24);
        var before = await TimelineAsync(api, id);

        await (await api.PostAsync($"/api/v1/projects/{id}/clips/delete", Json(new { clipIds = new[] { a, 9999 } }))).ReadProblemAsync(HttpStatusCode.NotFound);
        var empty = await (await api.PostAsync($"/api/v1/projects/{id}/clips/delete", Json(new { clipIds = Array.Empty<int>() })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("clipIds", empty.Errors().Keys);
        var wrongType = await (await api.PostAsync($"/api/v1/projects/{id}/clips/delete", RawJson("""{"clipIds":["a"]}""")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("clipIds", wrongType.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Importing_lrc_lyrics_makes_a_clip_per_timed_line()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");

        var response = await api.PostAsync($"/api/v1/projects/{id}/timeline/lyrics/lrc",
            Json(new { text = "[ti:Night Drive]\n[00:01.00] Headlights on the wet road\n[00:03.00] Nobody home" }));
        var made = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/projects/{id}/timeline", response.Headers.Location?.OriginalString);
        Assert.Equal(2, made.GetArrayLength());

        var timeline = await TimelineAsync(api, id);
        var clips = timeline.GetProperty("clips").EnumerateArray().ToList();
        Assert.Equal(made.EnumerateArray().Select(c => c.GetRawText()), clips.Select(c => c.GetRawText()));
        Assert.Equal((24L, 48L), Span(clips[0]));
        Assert.Equal((72L, 96L), Span(clips[1]));
        Assert.Equal("Line 1: Headlights on the wet road", clips[0].GetProperty("name").GetString());
        Assert.Equal("Nobody home", clips[1].GetProperty("lyrics").GetString());
        Assert.Equal("Import 2 lyric lines", timeline.GetProperty("undoLabel").GetString());
    }

    [Theory]
    [InlineData("[00:1x.00] not a time")]
    [InlineData("words without any time")]
    [InlineData("   ")]
    public async Task Lrc_that_cannot_be_read_is_a_422_naming_text_and_makes_no_clips(string text)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/lyrics/lrc", Json(new { text })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["text"], problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Lrc_whose_line_would_overlap_a_clip_is_refused_whole_and_makes_no_clips()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        await ClipAsync(api, id, "Bridge", 60, 24);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/lyrics/lrc",
            Json(new { text = "[00:00.00] first\n[00:03.00] second" }))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Bridge", Assert.Single(problem.Errors()["text"]));
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("suggestedStartFrame").ValueKind);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Spreading_lyrics_shares_the_lines_over_the_clips_in_timeline_order()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var early = await ClipAsync(api, id, "Early", 0, 24);
        var late = await ClipAsync(api, id, "Late", 48, 24);
        var untouched = (await CreateClipAsync(api, id, new { name = "Outro", startFrame = 96, lengthFrames = 24, lyrics = "la la" }))
            .GetProperty("id").GetInt32();

        var changed = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/lyrics/spread",
            Json(new { clipIds = new[] { late, early }, text = "one\n\ntwo\nthree" }))).ReadJsonAsync();
        Assert.Equal([early, late], changed.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));

        var timeline = await TimelineAsync(api, id);
        Assert.Equal("one\ntwo", ClipIn(timeline, early).GetProperty("lyrics").GetString());
        Assert.Equal("three", ClipIn(timeline, late).GetProperty("lyrics").GetString());
        Assert.Equal("la la", ClipIn(timeline, untouched).GetProperty("lyrics").GetString());
    }

    [Theory]
    [InlineData("""{"clipIds":[],"text":"one"}""", "clipIds")]
    [InlineData("""{"text":"one"}""", "clipIds")]
    [InlineData("""{"clipIds":[CLIP],"text":"  \n "}""", "text")]
    [InlineData("""{"clipIds":[CLIP]}""", "text")]
    [InlineData("""{"clipIds":[CLIP],"text":7}""", "text")]
    public async Task Spreading_without_clips_or_lines_is_a_422_and_changes_nothing(string body, string field)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        var clip = await ClipAsync(api, id, "Verse", 0, 24);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/timeline/lyrics/spread", RawJson(body.Replace("CLIP", clip.ToString()))))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Duplicating_a_scene_copies_it_and_its_clips_after_it()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var verse = await SceneAsync(api, id, "Verse", 0, 96);
        await ClipAsync(api, id, "Street", 24, 48, verse);

        var response = await api.PostAsync($"/api/v1/projects/{id}/scenes/{verse}/duplicate", null);
        var copy = await response.ReadJsonAsync(HttpStatusCode.Created);
        var copyId = copy.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/projects/{id}/scenes/{copyId}", response.Headers.Location?.OriginalString);
        Assert.Equal(copy.GetRawText(), (await FollowLocationAsync(api, response)).GetRawText());

        var timeline = await TimelineAsync(api, id);
        var stored = timeline.GetProperty("scenes").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == copyId);
        Assert.Equal((96L, 96L), Span(stored));
        Assert.Equal("Verse", stored.GetProperty("name").GetString());
        var copiedClip = Assert.Single(timeline.GetProperty("clips").EnumerateArray(), c => c.GetProperty("sceneId").ValueKind == JsonValueKind.Number
            && c.GetProperty("sceneId").GetInt32() == copyId);
        Assert.Equal((120L, 48L), Span(copiedClip));
        Assert.Equal("Street", copiedClip.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Reordering_a_scene_moves_it_one_place_in_the_scene_list()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        await SceneAsync(api, id, "Intro", 0, 24);
        await SceneAsync(api, id, "Verse", 24, 24);
        var chorus = await SceneAsync(api, id, "Chorus", 48, 24);

        var scenes = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{chorus}/reorder", Json(new { direction = -1 }))).ReadJsonAsync();
        Assert.Equal(["Intro", "Chorus", "Verse"], scenes.EnumerateArray().Select(s => s.GetProperty("displayName").GetString()));
        var timeline = await TimelineAsync(api, id);
        Assert.Equal(["Intro", "Chorus", "Verse"], SceneNames(timeline));
        Assert.Equal(scenes.GetRawText(), timeline.GetProperty("scenes").GetRawText());

        (await api.PostAsync($"/api/v1/projects/{id}/scenes/{chorus}/reorder", Json(new { direction = 1 }))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["Intro", "Verse", "Chorus"], SceneNames(await TimelineAsync(api, id)));
    }

    [Theory]
    [InlineData("""{"direction":2}""")]
    [InlineData("""{"direction":0}""")]
    [InlineData("""{"direction":"up"}""")]
    [InlineData("""{}""")]
    public async Task A_reorder_direction_other_than_one_place_up_or_down_is_a_422_and_changes_nothing(string body)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);
        await SceneAsync(api, id, "Intro", 0, 24);
        var verse = await SceneAsync(api, id, "Verse", 24, 24);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{verse}/reorder", RawJson(body)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("direction", problem.Errors().Keys);
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task A_trashed_scene_is_restored_with_its_clips_and_its_clips_cannot_be_edited_meanwhile()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var verse = await SceneAsync(api, id, "Verse", 0, 96);
        var street = await ClipAsync(api, id, "Street", 24, 48, verse);
        var before = await TimelineAsync(api, id);

        (await api.DeleteAsync($"/api/v1/projects/{id}/scenes/{verse}")).AssertStatus(HttpStatusCode.NoContent);
        await (await api.GetAsync($"/api/v1/projects/{id}/scenes/{verse}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/v1/projects/{id}/clips/{street}")).ReadProblemAsync(HttpStatusCode.NotFound);
        var trashed = await TimelineAsync(api, id);
        await (await api.PostAsync($"/api/v1/projects/{id}/clips/{street}/span", Json(new { startFrame = 0, lengthFrames = 24 })))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/projects/{id}/clips/{street}/split", Json(new { atFrame = 30 }))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/projects/{id}/clips/{street}/duplicate", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(trashed.GetRawText(), (await TimelineAsync(api, id)).GetRawText());

        var restored = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{verse}/restore", null)).ReadJsonAsync();
        Assert.Equal(verse, restored.GetProperty("id").GetInt32());
        var after = await TimelineAsync(api, id);
        Assert.Equal(["Verse"], SceneNames(after));
        Assert.Equal(Span(ClipIn(before, street)), Span(ClipIn(after, street)));
        Assert.Equal("Restore Verse", after.GetProperty("undoLabel").GetString());

        var live = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{verse}/restore", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("trashed", live.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_scene_whose_slot_was_taken_while_it_was_in_the_trash_is_not_restored()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api, frameRate: "24");
        var verse = await SceneAsync(api, id, "Verse", 0, 96);
        (await api.DeleteAsync($"/api/v1/projects/{id}/scenes/{verse}")).AssertStatus(HttpStatusCode.NoContent);
        await SceneAsync(api, id, "New verse", 48, 96);
        var before = await TimelineAsync(api, id);

        var problem = await (await api.PostAsync($"/api/v1/projects/{id}/scenes/{verse}/restore", null)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("New verse", Assert.Single(problem.Errors()["startFrame"]));
        Assert.Equal(144, problem.GetProperty("suggestedStartFrame").GetInt64());
        Assert.Equal(before.GetRawText(), (await TimelineAsync(api, id)).GetRawText());
    }

    [Fact]
    public async Task Created_scenes_clips_and_takes_answer_201_with_a_location_that_reads_them_back()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var id = await CreateProjectAsync(api);

        var scene = await api.PostAsync($"/api/v1/projects/{id}/scenes", Json(new { name = "Verse", startFrame = 0, lengthFrames = 96 }));
        var sceneId = (await scene.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var clip = await api.PostAsync($"/api/v1/projects/{id}/clips", Json(new { name = "Street", startFrame = 0, lengthFrames = 24 }));
        var clipId = (await clip.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var sceneTake = await api.PostAsync($"/api/v1/projects/{id}/scenes/{sceneId}/alternates", null);
        var clipTake = await api.PostAsync($"/api/v1/projects/{id}/clips/{clipId}/alternates", null);

        foreach (var (response, kind) in new[] { (scene, "scenes"), (clip, "clips"), (sceneTake, "scenes"), (clipTake, "clips") })
        {
            var body = await response.ReadJsonAsync(HttpStatusCode.Created);
            Assert.Equal($"/api/v1/projects/{id}/{kind}/{body.GetProperty("id").GetInt32()}", response.Headers.Location?.OriginalString);
            Assert.Equal(body.GetRawText(), (await FollowLocationAsync(api, response)).GetRawText());
        }
    }

    [Fact]
    public async Task Unknown_ids_and_another_projects_ids_are_404_problems_on_every_new_endpoint()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var mine = await CreateProjectAsync(api, "Mine");
        var myClip = await ClipAsync(api, mine, "Mine", 0, 24);
        var other = await CreateProjectAsync(api, "Other");
        var theirClip = await ClipAsync(api, other, "Theirs", 0, 48);
        var theirScene = await SceneAsync(api, other, "Theirs", 0, 48);
        var theirTrashed = await SceneAsync(api, other, "Trashed", 100, 24);
        (await api.DeleteAsync($"/api/v1/projects/{other}/scenes/{theirTrashed}")).AssertStatus(HttpStatusCode.NoContent);
        var mineBefore = await TimelineAsync(api, mine);
        var otherBefore = await TimelineAsync(api, other);

        foreach (var clipId in new[] { theirClip, 9999 })
        {
            await (await api.GetAsync($"/api/v1/projects/{mine}/clips/{clipId}")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/{clipId}/span", Json(new { startFrame = 100, lengthFrames = 24 })))
                .ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/{clipId}/split", Json(new { atFrame = 24 }))).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/{clipId}/duplicate", null)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/clips/delete", Json(new { clipIds = new[] { myClip, clipId } })))
                .ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/timeline/lyrics/spread", Json(new { clipIds = new[] { myClip, clipId }, text = "a\nb" })))
                .ReadProblemAsync(HttpStatusCode.NotFound);
        }
        foreach (var sceneId in new[] { theirScene, theirTrashed, 9999 })
        {
            await (await api.GetAsync($"/api/v1/projects/{mine}/scenes/{sceneId}")).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/scenes/{sceneId}/duplicate", null)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/scenes/{sceneId}/reorder", Json(new { direction = 1 }))).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await api.PostAsync($"/api/v1/projects/{mine}/scenes/{sceneId}/restore", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        }
        await (await api.PostAsync("/api/v1/projects/9999/clips/ripple", Json(new { fromFrame = 0, deltaFrames = 10 }))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync("/api/v1/projects/9999/timeline/lyrics/lrc", Json(new { text = "[00:01.00] hi" }))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/v1/projects/9999/clips/{theirClip}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/v1/projects/9999/scenes/{theirScene}")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(mineBefore.GetRawText(), (await TimelineAsync(api, mine)).GetRawText());
        Assert.Equal(otherBefore.GetRawText(), (await TimelineAsync(api, other)).GetRawText());
    }
}
