using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Pages.Account;

public sealed class LoginTests : IClassFixture<StoryboardFactory>
{
    private readonly StoryboardFactory _factory;

    public LoginTests(StoryboardFactory factory) => _factory = factory;

    private async Task EnsureAdminAsync()
    {
        var probe = await _factory.CreateBrowserClient().GetAsync("/Projects");
        if (probe.RequestMessage!.RequestUri!.AbsolutePath == "/Setup")
        {
            await _factory.CreateAdminClientAsync();
        }
    }

    [Fact]
    public async Task Pages_need_sign_in_and_come_back_after_it()
    {
        await EnsureAdminAsync();
        var client = _factory.CreateBrowserClient();
        var response = await client.GetAsync("/Projects/Trash");
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);

        var login = await Html.ParseAsync(response);
        var signedIn = await client.SubmitAsync(login.Form(), new Dictionary<string, string>
        {
            ["Input.UserName"] = Users.AdminName,
            ["Input.Password"] = Users.Password,
        });
        Assert.Equal("/Projects/Trash", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        await EnsureAdminAsync();
        var client = _factory.CreateBrowserClient();
        var response = await client.TrySignInAsync(Users.AdminName, "not the password");
        var page = await Html.ParseAsync(response);
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("user name or password is wrong", page.Text(".form-errors"));
        Assert.Null(page.QuerySelector("form[action='/Account/Logout']"));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        await EnsureAdminAsync();
        var client = _factory.CreateBrowserClient();
        var login = await client.GetDocumentAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var response = await client.SubmitAsync(login.Form(), new Dictionary<string, string>
        {
            ["Input.UserName"] = Users.AdminName,
            ["Input.Password"] = Users.Password,
        });
        Assert.Equal("localhost", response.RequestMessage!.RequestUri!.Host);
        Assert.Equal("/Projects", response.RequestMessage.RequestUri.AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await EnsureAdminAsync();
        var client = await _factory.SignInAsync(Users.AdminName, Users.Password);
        var projects = await client.GetDocumentAsync("/Projects");
        var response = await client.SubmitAsync(projects.Form("form[action='/Account/Logout']"));
        var page = await Html.ParseAsync(response);
        Assert.Equal("/Account/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("signed out", page.Text("#flash"));

        var again = await client.GetAsync("/Projects");
        Assert.Equal("/Account/Login", again.RequestMessage!.RequestUri!.AbsolutePath);
    }
}

public sealed class SessionKeyTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Session_keys_are_kept_in_the_data_folder()
    {
        await _factory.CreateAdminClientAsync();
        var keys = Directory.GetFiles(Path.Combine(_factory.DataFolder, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
    }
}
