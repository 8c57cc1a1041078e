using System.Net;
using System.Text;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

/// <summary>Each app instance has its own logger, so this app's log folder holds exactly this test's lines.</summary>
public sealed class ApiLogTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Logs_never_contain_token_secrets_or_passwords()
    {
        const string wrongPassword = "Wrong-Password-Typed-By-Mistake";
        const string bogusToken = "sb_BogusTokenThatSomeoneTriedToUse123456789";
        var (admin, api) = await _factory.CreateAdminApiAsync();
        var secrets = new List<string> { Users.Password, wrongPassword, bogusToken, api.DefaultRequestHeaders.Authorization!.Parameter! };

        var editor = await _factory.CreateUserClientAsync(admin, "eddie", "Editor");
        var editorSecret = await editor.CreateApiTokenAsync("deploy script");
        secrets.Add(editorSecret);
        var editorApi = _factory.CreateApiClient(editorSecret);
        (await editorApi.PostAsync("/api/v1/projects", Json(new { name = "Logged project" }))).AssertStatus(HttpStatusCode.Created);
        (await editorApi.PostAsync("/api/v1/projects", RawJson("{ broken"))).AssertStatus(HttpStatusCode.BadRequest);
        (await api.GetAsync("/api/v1/me")).AssertStatus(HttpStatusCode.OK);
        (await _factory.CreateApiClient(bogusToken).GetAsync("/api/v1/me")).AssertStatus(HttpStatusCode.Unauthorized);
        await _factory.CreateBrowserClient().TrySignInAsync("eddie", wrongPassword);
        await _factory.SignInAsync("eddie", Users.Password);

        var logs = ReadLogs();
        Assert.Contains("/api/v1/me", logs);
        Assert.Contains("Failed sign-in for", logs);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs);
        }
    }

    private string ReadLogs()
    {
        var folder = Path.Combine(_factory.DataFolder, "logs");
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }
        Assert.True(text.Length > 0, $"No logs in {folder}");
        return text.ToString();
    }
}
