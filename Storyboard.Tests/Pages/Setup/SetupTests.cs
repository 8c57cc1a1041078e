using System.Net;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Pages.Setup;

public sealed class SetupTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/Projects")]
    [InlineData("/Account/Login")]
    [InlineData("/Users")]
    public async Task A_fresh_install_sends_every_page_to_setup(string path)
    {
        var client = _factory.CreateBrowserClient();
        var response = await client.GetAsync(path);
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("/Setup", response.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Set up Storyboard", page.Text("h1"));
    }

    [Fact]
    public async Task Setup_creates_the_admin_signs_them_in_and_then_closes()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projects = await admin.GetDocumentAsync("/Projects");
        projects.AssertSignedInPage();
        Assert.NotNull(projects.QuerySelector("#nav-users"));

        var stranger = _factory.CreateBrowserClient();
        var response = await stranger.GetAsync("/Setup");
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Setup_with_mismatched_passwords_shows_the_error_on_the_field_and_creates_nobody()
    {
        var client = _factory.CreateBrowserClient();
        var setup = await client.GetDocumentAsync("/Setup");
        var response = await client.SubmitAsync(setup.Form(), new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = Users.Password,
            ["Input.ConfirmPassword"] = "something else entirely",
        });
        var page = await Html.ParseAsync(response);
        var confirm = page.QuerySelector("#Input_ConfirmPassword")!;
        Assert.Equal("true", confirm.GetAttribute("aria-invalid"));
        Assert.Contains("Input_ConfirmPassword-error", confirm.GetAttribute("aria-describedby"));
        Assert.Equal("The two passwords differ.", page.Text("#Input_ConfirmPassword-error"));

        var again = await client.GetAsync("/Projects");
        Assert.Equal("/Setup", again.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Setup_refuses_a_short_password()
    {
        var client = _factory.CreateBrowserClient();
        var setup = await client.GetDocumentAsync("/Setup");
        var response = await client.SubmitAsync(setup.Form(), new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        var page = await Html.ParseAsync(response);
        Assert.Contains("at least 10", page.Text("#Input_Password-error"));
    }
}
