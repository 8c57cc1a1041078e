using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

public sealed class ApiAuthenticationTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_request_without_a_token_gets_401_problem_details_with_a_bearer_challenge()
    {
        await _factory.CreateAdminClientAsync();
        var response = await _factory.CreateApiClient(null).GetAsync("/api/v1/projects");
        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("sb_thisTokenWasNeverIssuedByStoryboard0000000")]
    [InlineData("not-even-a-storyboard-token")]
    public async Task A_bogus_token_gets_401_problem_details(string token)
    {
        await _factory.CreateAdminClientAsync();
        var response = await _factory.CreateApiClient(token).GetAsync("/api/v1/me");
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_revoked_token_gets_401_problem_details()
    {
        var (browser, api) = await _factory.CreateAdminApiAsync();
        (await api.GetAsync("/api/v1/me")).AssertStatus(HttpStatusCode.OK);

        var account = await browser.GetDocumentAsync("/Account");
        var revoked = await browser.SubmitAsync(account.Form("#api-tokens form[action*='handler=RevokeToken']"));
        revoked.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Revoked", (await Html.ParseAsync(revoked)).Text("#api-tokens tbody tr td:last-child"));

        var problem = await (await api.GetAsync("/api/v1/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_disabled_users_token_gets_401_problem_details()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var editor = await _factory.CreateUserClientAsync(admin, "eddie", "Editor");
        var api = _factory.CreateApiClient(await editor.CreateApiTokenAsync());
        (await api.PostAsync("/api/v1/projects", Json(new { name = "Eddie's cut" }))).AssertStatus(HttpStatusCode.Created);

        var users = await admin.GetDocumentAsync("/Users");
        var disabled = await admin.SubmitAsync(users.Form("#user-eddie form[action*='handler=Disable']"));
        Assert.Equal("Disabled", (await Html.ParseAsync(disabled)).Text("#user-eddie td:nth-of-type(2)"));

        await (await api.GetAsync("/api/v1/projects")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.PostAsync("/api/v1/projects", Json(new { name = "After disabling" }))).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_alone_does_not_open_the_api()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var cookies = new CookieContainer();
        var browser = _factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        (await browser.TrySignInAsync(Users.AdminName, Users.Password)).AssertStatus(HttpStatusCode.Redirect);
        Assert.Contains("storyboard.auth=", cookies.GetCookieHeader(browser.BaseAddress!));
        (await browser.GetDocumentAsync("/Projects")).AssertSignedInPage();

        var read = await browser.GetAsync("/api/v1/projects");
        await read.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(read.Headers.WwwAuthenticate).Scheme);
        await (await browser.PostAsync("/api/v1/projects", Json(new { name = "Forged by a page" })))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Empty((await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_viewer_can_read_but_gets_403_problems_on_every_write()
    {
        var (admin, adminApi) = await _factory.CreateAdminApiAsync();
        var live = await (await adminApi.PostAsync("/api/v1/projects", Json(new { name = "Shared", description = "look, don't touch" })))
            .ReadJsonAsync(HttpStatusCode.Created);
        var binned = await (await adminApi.PostAsync("/api/v1/projects", Json(new { name = "Binned" }))).ReadJsonAsync(HttpStatusCode.Created);
        var liveId = live.GetProperty("id").GetInt32();
        var binnedId = binned.GetProperty("id").GetInt32();
        (await adminApi.DeleteAsync($"/api/v1/projects/{binnedId}")).AssertStatus(HttpStatusCode.NoContent);

        var viewer = await _factory.CreateUserClientAsync(admin, "vera", "Viewer");
        var api = _factory.CreateApiClient(await viewer.CreateApiTokenAsync());
        Assert.Equal(["Shared"], (await (await api.GetAsync("/api/v1/projects")).ReadJsonAsync()).Names());
        Assert.Equal(live.GetRawText(), (await (await api.GetAsync($"/api/v1/projects/{liveId}")).ReadJsonAsync()).GetRawText());
        Assert.Equal(["Binned"], (await (await api.GetAsync("/api/v1/trash")).ReadJsonAsync()).Names());

        var writes = new[]
        {
            new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects") { Content = Json(new { name = "Viewer's own" }) },
            new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{liveId}") { Content = Json(new { name = "Renamed", frameRate = "24", width = 1920, height = 1080 }) },
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/projects/{liveId}"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{binnedId}/restore"),
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/trash/{binnedId}"),
        };
        foreach (var write in writes)
        {
            var problem = await (await api.SendAsync(write)).ReadProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("Your role does not allow this action.", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(["Shared"], (await (await adminApi.GetAsync("/api/v1/projects")).ReadJsonAsync()).Names());
        Assert.Equal(live.GetRawText(), (await (await adminApi.GetAsync($"/api/v1/projects/{liveId}")).ReadJsonAsync()).GetRawText());
        Assert.Equal(["Binned"], (await (await adminApi.GetAsync("/api/v1/trash")).ReadJsonAsync()).Names());
    }

    [Fact]
    public async Task Me_names_the_user_and_role_the_token_acts_as()
    {
        var (admin, adminApi) = await _factory.CreateAdminApiAsync();
        var me = await (await adminApi.GetAsync("/api/v1/me")).ReadJsonAsync();
        Assert.Equal(Users.AdminName, me.GetProperty("userName").GetString());
        Assert.Equal("Ada Admin", me.GetProperty("displayName").GetString());
        Assert.Equal("Admin", me.GetProperty("role").GetString());

        var viewer = await _factory.CreateUserClientAsync(admin, "vera", "Viewer");
        var viewerApi = _factory.CreateApiClient(await viewer.CreateApiTokenAsync());
        Assert.Equal("Viewer", (await (await viewerApi.GetAsync("/api/v1/me")).ReadJsonAsync()).GetProperty("role").GetString());
    }
}
