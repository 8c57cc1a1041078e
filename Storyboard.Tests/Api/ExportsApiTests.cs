using System.Net;
using System.Text.Json;
using Storyboard.Tests.Delivery;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;

namespace Storyboard.Tests.Api;

public sealed class ExportsApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_script_exports_lists_downloads_and_deletes_an_export()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var projectId = await _factory.CreateProjectAsync("Night Drive");
        await _factory.ClipAsync(projectId, "One", 0, 24);

        var formats = await (await api.GetAsync("/api/v1/export-formats")).ReadJsonAsync();
        Assert.Contains(formats.EnumerateArray(), f => f.GetProperty("key").GetString() == "package");

        var created = await (await api.PostAsync($"/api/v1/projects/{projectId}/exports", ApiClients.Json(new { format = "package", folder = "D:\\Edits\\Night Drive" })))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("night-drive.zip", created.GetProperty("fileName").GetString());
        Assert.Contains(created.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("no song", StringComparison.Ordinal));
        var fileUrl = created.GetProperty("fileUrl").GetString()!;

        var list = await (await api.GetAsync($"/api/v1/projects/{projectId}/exports")).ReadJsonAsync();
        Assert.Equal(created.GetProperty("id").GetInt32(), Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt32());
        var file = await api.GetAsync(fileUrl);
        file.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("sizeBytes").GetInt64(), (await file.Content.ReadAsByteArrayAsync()).LongLength);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/projects/{projectId}/exports/{created.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(fileUrl)).StatusCode);
    }

    [Theory]
    [InlineData("""{"format":"mov"}""", "format")]
    [InlineData("""{}""", "format")]
    [InlineData("""{"format":"pdf","paper":"A3"}""", "paper")]
    [InlineData("""{"format":"package","panelsPerPage":5}""", "panelsPerPage")]
    [InlineData("""{"format":"package","folder":"relative/folder"}""", "folder")]
    public async Task Bad_choices_are_refused_naming_the_field(string body, string field)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var projectId = await _factory.CreateProjectAsync();

        var response = await api.PostAsync($"/api/v1/projects/{projectId}/exports", ApiClients.RawJson(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        var list = await (await api.GetAsync($"/api/v1/projects/{projectId}/exports")).ReadJsonAsync();
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_project_is_a_404_problem()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var response = await api.PostAsync("/api/v1/projects/999/exports", ApiClients.Json(new { format = "package" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
