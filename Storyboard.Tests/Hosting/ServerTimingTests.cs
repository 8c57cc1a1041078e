using System.Globalization;
using System.Net;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Hosting;

public sealed class ServerTimingTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/health")]
    [InlineData("/Setup")]
    [InlineData("/css/site.css")]
    public async Task Every_response_says_how_long_the_app_took_in_Server_Timing(string path)
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(path);
        response.AssertStatus(HttpStatusCode.OK);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.StartsWith("app;dur=", timing);
        var milliseconds = double.Parse(timing["app;dur=".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(milliseconds, 0, 60_000);
    }
}
