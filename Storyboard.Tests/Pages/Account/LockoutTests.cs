using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Pages.Account;

public sealed class LockoutTests : IDisposable
{
    private readonly StoryboardFactory _factory = new StoryboardFactory().With("Accounts:MaxFailedSignIns", "3");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await _factory.CreateAdminClientAsync();
        var client = _factory.CreateBrowserClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await client.TrySignInAsync(Users.AdminName, $"wrong password {attempt}");
        }

        var response = await client.TrySignInAsync(Users.AdminName, Users.Password);
        var page = await Html.ParseAsync(response);
        Assert.Contains("locked", page.Text(".form-errors"));
        Assert.Null(page.QuerySelector("form[action='/Account/Logout']"));
    }
}
