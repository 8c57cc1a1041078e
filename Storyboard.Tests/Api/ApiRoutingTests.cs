using System.Net;
using System.Text;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

public sealed class ApiRoutingTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v1/projects/not-a-number")]
    [InlineData("/api/v2/projects")]
    [InlineData("/api")]
    public async Task An_unknown_api_url_gets_a_404_problem_with_or_without_a_token(string url)
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var problem = await (await api.GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("/openapi/v1.json", problem.GetProperty("detail").GetString());
        await (await _factory.CreateApiClient(null).GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_known_api_url_with_the_wrong_method_gets_a_405_problem_naming_the_allowed_ones()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var response = await api.PatchAsync("/api/v1/projects/1", Json(new { name = "Patched" }));
        var problem = await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["DELETE", "GET", "PUT"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains("PATCH", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Before_setup_the_api_answers_503_problem_details()
    {
        var problem = await (await _factory.CreateApiClient("sb_anything").GetAsync("/api/v1/projects"))
            .ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("first admin", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_openapi_document_is_anonymous_describes_the_api_and_holds_no_data()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        (await api.PostAsync("/api/v1/projects", Json(new { name = "Moonlit Secret Project", description = "Private treatment" })))
            .AssertStatus(HttpStatusCode.Created);

        var response = await _factory.CreateApiClient(null).GetAsync("/openapi/v1.json");
        response.AssertStatus(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Moonlit", text);
        Assert.DoesNotContain("Private treatment", text);
        Assert.DoesNotContain(Users.AdminName + "\"", text);

        var document = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Storyboard API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("v1", document.GetProperty("info").GetProperty("version").GetString());

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            new[]
            {
             "/api/v1/me", "/api/v1/projects", "/api/v1/projects/import", "/api/v1/projects/{id}", "/api/v1/projects/{id}/clips", "/api/v1/projects/{id}/clips/delete",
             "/api/v1/projects/{id}/clips/move", "/api/v1/projects/{id}/clips/ripple",
             "/api/v1/projects/{id}/clips/{clipId}", "/api/v1/projects/{id}/clips/{clipId}/alternates", "/api/v1/projects/{id}/clips/{clipId}/duplicate",
             "/api/v1/projects/{id}/clips/{clipId}/promote", "/api/v1/projects/{id}/clips/{clipId}/span", "/api/v1/projects/{id}/clips/{clipId}/split",
             "/api/v1/projects/{id}/restore", "/api/v1/projects/{id}/scenes", "/api/v1/projects/{id}/scenes/{sceneId}",
             "/api/v1/projects/{id}/scenes/{sceneId}/alternates", "/api/v1/projects/{id}/scenes/{sceneId}/duplicate",
             "/api/v1/projects/{id}/scenes/{sceneId}/promote", "/api/v1/projects/{id}/scenes/{sceneId}/reorder",
             "/api/v1/projects/{id}/scenes/{sceneId}/restore", "/api/v1/projects/{id}/song",
             "/api/v1/projects/{id}/timeline", "/api/v1/projects/{id}/timeline/history", "/api/v1/projects/{id}/timeline/lyrics/lrc",
             "/api/v1/projects/{id}/timeline/lyrics/spread", "/api/v1/projects/{id}/timeline/redo", "/api/v1/projects/{id}/timeline/undo", "/api/v1/songs/{songId}", "/api/v1/songs/{songId}/audio", "/api/v1/songs/{songId}/peaks", "/api/v1/songs/{songId}/waveform.png",
             "/api/v1/trash", "/api/v1/trash/{id}",
             "/api/v1/servers", "/api/v1/servers/{id}", "/api/v1/servers/{id}/pause", "/api/v1/servers/{id}/resume", "/api/v1/servers/{id}/check",
             "/api/v1/projects/{projectId}/clips/{clipId}/jobs", "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/cancel",
             "/api/v1/jobs/{id}/retry", "/api/v1/jobs/{id}/priority", "/api/v1/jobs/clear-finished", "/api/v1/queue", "/api/v1/models",
             "/api/v1/models/family", "/api/v1/presets", "/api/v1/projects/{projectId}/clips/{clipId}/generations", "/api/v1/generations/{id}",
             "/api/v1/generations/{id}/rating", "/api/v1/generations/{id}/trash", "/api/v1/generations/{id}/restore",
             "/api/v1/generations/{id}/choose", "/api/v1/generations/{id}/again", "/api/v1/workflows", "/api/v1/workflows/{id}",
             "/api/v1/export-formats", "/api/v1/projects/{projectId}/exports", "/api/v1/projects/{projectId}/exports/{exportId}",
             "/api/v1/projects/{projectId}/exports/{exportId}/file",
             "/api/v1/projects/{projectId}/renders", "/api/v1/projects/{projectId}/renders/{id}", "/api/v1/projects/{projectId}/renders/{id}/cancel",
             "/api/v1/projects/{projectId}/renders/{id}/file",
            }.Order(StringComparer.Ordinal),
            paths.Order(StringComparer.Ordinal));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name} {path.Name}";
                var security = operation.Value.GetProperty("security").EnumerateArray().ToList();
                Assert.True(security.Any(s => s.TryGetProperty("Bearer", out _)), $"{where} does not name the bearer scheme");
                Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("summary").GetString()), $"{where} has no summary");
                Assert.NotEmpty(operation.Value.GetProperty("tags").EnumerateArray());
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("401", out _), $"{where} does not list 401");
                Assert.True(responses.TryGetProperty("429", out _), $"{where} does not list 429");
            }
        }

        var create = document.GetProperty("paths").GetProperty("/api/v1/projects").GetProperty("post");
        var responsesOfCreate = create.GetProperty("responses");
        foreach (var status in new[] { "201", "400", "403", "415", "422" })
        {
            Assert.True(responsesOfCreate.TryGetProperty(status, out _), $"POST /api/v1/projects does not list {status}");
        }
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal("application/problem+json",
            responsesOfCreate.GetProperty("422").GetProperty("content").EnumerateObject().Single().Name);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["name"], schemas.GetProperty("SaveProjectInput").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("integer", schemas.GetProperty("ProjectView").GetProperty("properties").GetProperty("width").GetProperty("type").GetString());
        Assert.True(document.GetProperty("paths").GetProperty("/api/v1/projects/{id}").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
    }
}
