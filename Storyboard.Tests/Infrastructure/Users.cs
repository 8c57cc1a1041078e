using AngleSharp.Html.Dom;

namespace Storyboard.Tests.Infrastructure;

/// <summary>Signed-in clients made the way a person gets one: through the setup, users and login pages.</summary>
public static class Users
{
    public const string AdminName = "admin";
    public const string Password = "correct horse battery staple";

    /// <summary>Runs first-run setup on a fresh app and returns the admin's signed-in client.</summary>
    public static async Task<HttpClient> CreateAdminClientAsync(this StoryboardFactory factory)
    {
        var client = factory.CreateBrowserClient();
        var setup = await client.GetDocumentAsync("/Setup");
        var response = await client.SubmitAsync(setup.Form(), new Dictionary<string, string>
        {
            ["Input.UserName"] = AdminName,
            ["Input.DisplayName"] = "Ada Admin",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal("/Projects", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    /// <summary>The admin adds a user with <paramref name="role"/>; returns that user's signed-in client.</summary>
    public static async Task<HttpClient> CreateUserClientAsync(this StoryboardFactory factory, HttpClient admin, string userName, string role)
    {
        var page = await admin.GetDocumentAsync("/Users");
        var response = await admin.SubmitAsync(page.Form("form[action*='handler=Create']"), new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = userName,
            ["Input.Role"] = role,
            ["Input.Password"] = Password,
        });
        var after = await Html.ParseAsync(response);
        Assert.NotNull(after.QuerySelector($"#user-{userName}"));
        return await factory.SignInAsync(userName, Password);
    }

    public static async Task<HttpClient> SignInAsync(this StoryboardFactory factory, string userName, string password)
    {
        var client = factory.CreateBrowserClient();
        var response = await client.TrySignInAsync(userName, password);
        Assert.Equal("/Projects", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    public static async Task<HttpResponseMessage> TrySignInAsync(this HttpClient client, string userName, string password)
    {
        var login = await client.GetDocumentAsync("/Account/Login");
        return await client.SubmitAsync(login.Form(), new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
    }

    public static IHtmlDocument AssertSignedInPage(this IHtmlDocument document)
    {
        Assert.NotNull(document.QuerySelector("form[action='/Account/Logout']"));
        return document;
    }
}
