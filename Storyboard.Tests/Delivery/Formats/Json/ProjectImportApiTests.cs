using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Api;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;

namespace Storyboard.Tests.Delivery.Formats.Json;

public sealed class ProjectImportApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<string> SmallExportAsync()
    {
        var projectId = await _factory.CreateProjectAsync("API “import” 🎬");
        await _factory.TimelineAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Shot", 0, 24), null, default));
        return (await ProjectJsonSteps.ExportAsync(_factory, projectId)).Json;
    }

    [Fact]
    public async Task Posting_the_file_as_json_creates_a_project_and_answers_its_urls()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var json = await SmallExportAsync();

        var response = await api.PostAsync("/api/v1/projects/import", ApiClients.RawJson(json));

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/projects/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"/api/v1/projects/{id}", body.GetProperty("url").GetString());
        Assert.Equal($"/Projects/Dashboard/{id}", body.GetProperty("pageUrl").GetString());
        Assert.Equal(0, body.GetProperty("notices").GetArrayLength());
        var project = await (await api.GetAsync($"/api/v1/projects/{id}")).ReadJsonAsync();
        Assert.Equal("API “import” 🎬", project.GetProperty("name").GetString());
        Assert.Equal(1, project.GetProperty("clipCount").GetInt32());
    }

    [Fact]
    public async Task Posting_the_file_as_a_multipart_upload_creates_a_project()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var json = await SmallExportAsync();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var form = new MultipartFormDataContent { { file, "file", "project.json" } };

        var response = await api.PostAsync("/api/v1/projects/import", form);

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(["Shot"], await _factory.QueryAsync(db => db.Clips.Where(c => c.ProjectId == id).Select(c => c.Name).ToListAsync()));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_creates_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var before = await ProjectJsonSteps.CountsAsync(_factory);

        var problem = await (await api.PostAsync("/api/v1/projects/import", ApiClients.RawJson("{\"schemaVersion\": 1,"))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await ProjectJsonSteps.CountsAsync(_factory));
    }

    [Fact]
    public async Task An_invalid_file_is_a_422_keyed_by_json_path_and_creates_nothing()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var document = JsonNode.Parse(await SmallExportAsync())!;
        document["clips"]![0]!["scene"] = "scene-7";
        document["clips"]![0]!["transitionIn"] = "Spin";
        var before = await ProjectJsonSteps.CountsAsync(_factory);

        var response = await api.PostAsync("/api/v1/projects/import", ApiClients.RawJson(document.ToJsonString()));

        var errors = (await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors();
        Assert.Contains("scene-7", errors["clips[0].scene"].Single());
        Assert.StartsWith("“Spin” is not a transition", errors["clips[0].transitionIn"].Single());
        Assert.Equal(before, await ProjectJsonSteps.CountsAsync(_factory));
    }

    [Fact]
    public async Task Other_content_types_are_a_415_and_an_oversized_body_a_413()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var text = await api.PostAsync("/api/v1/projects/import", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await text.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = await api.PostAsync("/api/v1/projects/import", ApiClients.RawJson(new string(' ', 21 * 1024 * 1024)));
        var problem = await huge.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20 MB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Viewers_cannot_import_through_the_api()
    {
        var (admin, _) = await _factory.CreateAdminApiAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "vic", "Viewer");
        var api = _factory.CreateApiClient(await viewer.CreateApiTokenAsync());
        var response = await api.PostAsync("/api/v1/projects/import", ApiClients.RawJson(await SmallExportAsync()));
        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await _factory.QueryAsync(db => db.Projects.CountAsync()));
    }
}
