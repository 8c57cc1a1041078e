using System.Net;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Hosting;

public sealed class HealthTests : IClassFixture<StoryboardFactory>
{
    private readonly StoryboardFactory _factory;

    public HealthTests(StoryboardFactory factory) => _factory = factory;

    [Fact]
    public async Task Liveness_answers_json_without_sign_in()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_checks_the_database_ffmpeg_and_disk()
    {
        var response = await _factory.CreateClient().GetAsync("/health/ready");
        response.AssertStatus(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.StartsWith("ffmpeg version", checks.GetProperty("ffmpeg").GetProperty("description").GetString());
        Assert.True(checks.GetProperty("disk").GetProperty("data").GetProperty("freeMegabytes").GetInt64() > 0);
    }
}

public sealed class UnhealthyTests : IDisposable
{
    private readonly StoryboardFactory _factory = new StoryboardFactory()
        .With("Media:FfmpegFolder", "/nonexistent-ffmpeg")
        .With("Health:MinFreeDiskMegabytes", "999999");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Readiness_is_503_naming_missing_ffmpeg_and_low_disk()
    {
        var response = await _factory.CreateClient().GetAsync("/health/ready");
        response.AssertStatus(HttpStatusCode.ServiceUnavailable);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("ffmpeg").GetProperty("status").GetString());
        Assert.Contains("apt", checks.GetProperty("ffmpeg").GetProperty("description").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("disk").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());

        (await _factory.CreateClient().GetAsync("/health")).AssertStatus(HttpStatusCode.OK);
    }
}
