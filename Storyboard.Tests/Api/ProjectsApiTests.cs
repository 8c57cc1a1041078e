using System.Net;
using System.Text;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

public sealed class ProjectsApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_project_round_trips_through_create_read_replace_and_list()
    {
        var (browser, api) = await _factory.CreateAdminApiAsync();

        var created = await api.PostAsync("/api/v1/projects", Json(new
        {
            name = "  Night Drive ",
            description = "Synthwave video",
            frameRate = "23.976",
            width = 1080,
            height = 1920,
        }));
        var project = await created.ReadJsonAsync(HttpStatusCode.Created);
        var id = project.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/projects/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Night Drive", project.GetProperty("name").GetString());
        Assert.Equal("Synthwave video", project.GetProperty("description").GetString());
        Assert.Equal("23.976", project.GetProperty("frameRate").GetString());
        Assert.Equal(1080, project.GetProperty("width").GetInt32());
        Assert.Equal(1920, project.GetProperty("height").GetInt32());
        Assert.Equal(JsonValueKind.Null, project.GetProperty("songDurationSeconds").ValueKind);
        Assert.Equal(0, project.GetProperty("clipCount").GetInt32());
        Assert.Equal(0, project.GetProperty("sceneCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, project.GetProperty("deletedAt").ValueKind);
        var createdAt = project.GetProperty("createdAt").GetDateTimeOffset();

        var read = await (await api.GetAsync(created.Headers.Location)).ReadJsonAsync();
        Assert.Equal(project.GetRawText(), read.GetRawText());

        var replaced = await (await api.PutAsync($"/api/v1/projects/{id}", Json(new
        {
            name = "Night Drive (final)",
            frameRate = "25",
            width = 3840,
            height = 2160,
        }))).ReadJsonAsync();
        Assert.Equal("Night Drive (final)", replaced.GetProperty("name").GetString());
        Assert.Equal("", replaced.GetProperty("description").GetString());
        Assert.Equal("25", replaced.GetProperty("frameRate").GetString());
        Assert.Equal(3840, replaced.GetProperty("width").GetInt32());
        Assert.Equal(createdAt, replaced.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(replaced.GetProperty("updatedAt").GetDateTimeOffset() >= createdAt);

        var list = await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync();
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetInt32());
        Assert.Equal("Night Drive (final)", row.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("sceneCount").ValueKind);

        // The pages and the API share one service: the browser sees the same project.
        var page = await browser.GetDocumentAsync("/Projects");
        Assert.Contains("Night Drive (final)", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_new_project_takes_the_form_defaults_for_what_is_left_out()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var project = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Just a name" })))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("24", project.GetProperty("frameRate").GetString());
        Assert.Equal(1920, project.GetProperty("width").GetInt32());
        Assert.Equal(1080, project.GetProperty("height").GetInt32());
        Assert.Equal("", project.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Search_and_sort_find_and_order_projects()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var ids = new Dictionary<string, int>();
        foreach (var (name, description) in new[] { ("Alpha", "desert roads"), ("bravo", "city lights"), ("Charlie", "a desert at dawn") })
        {
            var created = await (await api.PostAsync("/api/v1/projects", Json(new { name, description })))
                .ReadJsonAsync(HttpStatusCode.Created);
            ids[name] = created.GetProperty("id").GetInt32();
        }

        Assert.Equal(["bravo"], (await (await api.GetAsync("/api/v1/projects?q=RAV")).ReadJsonAsync()).Names());
        Assert.Equal(["Alpha", "Charlie"], (await (await api.GetAsync("/api/v1/projects?q=desert&sort=name")).ReadJsonAsync()).Names());
        Assert.Empty((await (await api.GetAsync("/api/v1/projects?q=%25")).ReadJsonAsync()).Names());
        Assert.Equal(["Alpha", "bravo", "Charlie"], (await (await api.GetAsync("/api/v1/projects?sort=name")).ReadJsonAsync()).Names());
        Assert.Equal(["Charlie", "bravo", "Alpha"], (await (await api.GetAsync("/api/v1/projects?sort=name&order=desc")).ReadJsonAsync()).Names());
        Assert.Equal(["Charlie", "bravo", "Alpha"], (await (await api.GetAsync("/api/v1/projects?sort=created")).ReadJsonAsync()).Names());
        Assert.Equal(["Alpha", "bravo", "Charlie"], (await (await api.GetAsync("/api/v1/projects?sort=created&order=asc")).ReadJsonAsync()).Names());

        (await api.PutAsync($"/api/v1/projects/{ids["Alpha"]}", Json(new { name = "Alpha", frameRate = "24", width = 1920, height = 1080 })))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["Alpha", "Charlie", "bravo"], (await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).Names());
        Assert.Equal(["bravo", "Charlie", "Alpha"], (await (await api.GetAsync("/api/v1/projects?sort=updated&order=asc")).ReadJsonAsync()).Names());

        var problem = await (await api.GetAsync("/api/v1/projects?sort=size&order=up")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.Errors();
        Assert.Equal("Sort by updated, name or created.", Assert.Single(errors["sort"]));
        Assert.Equal("Use asc or desc.", Assert.Single(errors["order"]));
    }

    [Fact]
    public async Task An_invalid_project_gets_a_422_problem_keyed_by_json_property_and_nothing_is_stored()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var response = await api.PostAsync("/api/v1/projects", Json(new
        {
            name = " ",
            description = new string('d', 4001),
            frameRate = "12",
            width = 1921,
            height = 10,
        }));
        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.Errors();
        Assert.Equal(["description", "frameRate", "height", "name", "width"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Give the project a name.", Assert.Single(errors["name"]));
        Assert.Contains("23.976", Assert.Single(errors["frameRate"]));
        Assert.Equal("Width must be an even number from 64 to 8192.", Assert.Single(errors["width"]));

        Assert.Empty((await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).EnumerateArray());
        Assert.Empty((await (await api.GetAsync("/api/v1/trash")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task An_invalid_replacement_gets_a_422_and_leaves_the_project_as_it_was()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var before = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Keep me", description = "as I am", frameRate = "29.97" })))
            .ReadJsonAsync(HttpStatusCode.Created);
        var id = before.GetProperty("id").GetInt32();

        var problem = await (await api.PutAsync($"/api/v1/projects/{id}", Json(new { name = "Changed", description = "" })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["frameRate", "height", "width"], problem.Errors().Keys.Order(StringComparer.Ordinal));

        var after = await (await api.GetAsync($"/api/v1/projects/{id}")).ReadJsonAsync();
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_gets_a_422_keyed_by_its_property()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var problem = await (await api.PostAsync("/api/v1/projects", RawJson("""{ "name": "Typed", "width": "wide" }""")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Use a whole number.", Assert.Single(problem.Errors()["width"]));

        problem = await (await api.PostAsync("/api/v1/projects", RawJson("""{ "name": "Quoted", "height": "1080" }""")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Use a whole number.", Assert.Single(problem.Errors()["height"]));

        problem = await (await api.PostAsync("/api/v1/projects", RawJson("""{ "name": ["not", "text"] }""")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Use a string.", Assert.Single(problem.Errors()["name"]));

        Assert.Empty((await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).EnumerateArray());
    }

    [Theory]
    [InlineData("""{ "name": "Half""")]
    [InlineData("""{ name: 'single quotes' }""")]
    [InlineData("")]
    [InlineData("""["an", "array"]""")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_gets_a_400_problem_and_nothing_is_stored(string body)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var problem = await (await api.PostAsync("/api/v1/projects", RawJson(body))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
        Assert.Empty((await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_body_not_sent_as_json_gets_a_415_problem()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var created = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Original" }))).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var problem = await (await api.PostAsync("/api/v1/projects", new StringContent("""{ "name": "Plain" }""", Encoding.UTF8, "text/plain")))
            .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        await (await api.PutAsync($"/api/v1/projects/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Form" })))
            .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await api.PostAsync("/api/v1/projects", null)).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(["Original"], (await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).Names());
    }

    [Fact]
    public async Task Unknown_and_trashed_ids_get_404_problems()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var valid = new { name = "Any", frameRate = "24", width = 1920, height = 1080 };
        await (await api.GetAsync("/api/v1/projects/999")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PutAsync("/api/v1/projects/999", Json(valid))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.DeleteAsync("/api/v1/projects/999")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync("/api/v1/projects/999/restore", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.DeleteAsync("/api/v1/trash/999")).ReadProblemAsync(HttpStatusCode.NotFound);

        var trashed = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Binned" }))).ReadJsonAsync(HttpStatusCode.Created);
        var id = trashed.GetProperty("id").GetInt32();
        (await api.DeleteAsync($"/api/v1/projects/{id}")).AssertStatus(HttpStatusCode.NoContent);
        var problem = await (await api.GetAsync($"/api/v1/projects/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("Trash", problem.GetProperty("detail").GetString());
        await (await api.PutAsync($"/api/v1/projects/{id}", Json(valid))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.DeleteAsync($"/api/v1/projects/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);

        // Purge is only for the Trash: a live project stays.
        var live = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Alive" }))).ReadJsonAsync(HttpStatusCode.Created);
        var liveId = live.GetProperty("id").GetInt32();
        await (await api.DeleteAsync($"/api/v1/trash/{liveId}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/projects/{liveId}/restore", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Alive", (await (await api.GetAsync($"/api/v1/projects/{liveId}")).ReadJsonAsync()).GetProperty("name").GetString());
        Assert.Equal(["Binned"], (await (await api.GetAsync("/api/v1/trash")).ReadJsonAsync()).Names());
    }

    [Fact]
    public async Task A_project_goes_to_the_trash_comes_back_and_is_then_purged_for_good()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var project = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Round trip" }))).ReadJsonAsync(HttpStatusCode.Created);
        var id = project.GetProperty("id").GetInt32();

        (await api.DeleteAsync($"/api/v1/projects/{id}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty((await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).EnumerateArray());
        var inTrash = Assert.Single((await (await api.GetAsync("/api/v1/trash")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(id, inTrash.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.String, inTrash.GetProperty("deletedAt").ValueKind);

        var restored = await (await api.PostAsync($"/api/v1/projects/{id}/restore", null)).ReadJsonAsync();
        Assert.Equal("Round trip", restored.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("deletedAt").ValueKind);
        Assert.Equal(["Round trip"], (await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).Names());
        Assert.Empty((await (await api.GetAsync("/api/v1/trash")).ReadJsonAsync()).EnumerateArray());

        (await api.DeleteAsync($"/api/v1/projects/{id}")).AssertStatus(HttpStatusCode.NoContent);
        (await api.DeleteAsync($"/api/v1/trash/{id}")).AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty((await (await api.GetAsync("/api/v1/trash")).ReadJsonAsync()).EnumerateArray());
        await (await api.GetAsync($"/api/v1/projects/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/v1/projects/{id}/restore", null)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
