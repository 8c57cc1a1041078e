using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Accounts;
using Storyboard.Web.Data;

namespace Storyboard.Tests.Pages.Account;

public sealed class AccountTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Changing_the_password_makes_the_old_one_stop_working()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Account");
        const string newPassword = "a different long passphrase";
        var response = await admin.SubmitAsync(page.Form("form[action*='handler=ChangePassword']"), new Dictionary<string, string>
        {
            ["Password.CurrentPassword"] = Users.Password,
            ["Password.NewPassword"] = newPassword,
            ["Password.ConfirmPassword"] = newPassword,
        });
        Assert.Contains("password is changed", (await Html.ParseAsync(response)).Text("#flash"));

        var fresh = _factory.CreateBrowserClient();
        var refused = await Html.ParseAsync(await fresh.TrySignInAsync(Users.AdminName, Users.Password));
        Assert.NotNull(refused.QuerySelector(".form-errors"));
        await _factory.SignInAsync(Users.AdminName, newPassword);
    }

    [Fact]
    public async Task A_wrong_current_password_is_shown_on_its_field()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Account");
        var response = await admin.SubmitAsync(page.Form("form[action*='handler=ChangePassword']"), new Dictionary<string, string>
        {
            ["Password.CurrentPassword"] = "not it at all",
            ["Password.NewPassword"] = "another long passphrase",
            ["Password.ConfirmPassword"] = "another long passphrase",
        });
        var after = await Html.ParseAsync(response);
        Assert.Equal("true", after.QuerySelector("#Password_CurrentPassword")!.GetAttribute("aria-invalid"));
        Assert.Equal("The current password is wrong.", after.Text("#Password_CurrentPassword-error"));
    }

    [Fact]
    public async Task A_new_api_token_is_shown_once_and_stored_only_as_a_hash()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Account");
        var response = await admin.SubmitAsync(page.Form("form[action*='handler=CreateToken']"), new Dictionary<string, string>
        {
            ["Token.Name"] = "render script",
        });
        var created = await Html.ParseAsync(response);
        var secret = created.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-token-value")!.Value;
        Assert.StartsWith("sb_", secret);
        Assert.Contains("render script", created.Text("#api-tokens table"));

        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
            var token = await db.ApiTokens.SingleAsync();
            Assert.Equal(ApiTokenService.Hash(secret), token.TokenHash);
            Assert.DoesNotContain(secret, token.TokenHash + token.Prefix + token.Name);
        }

        var later = await admin.GetDocumentAsync("/Account");
        Assert.Null(later.QuerySelector("#new-token-value"));
        Assert.DoesNotContain(secret, later.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task Creating_a_token_with_htmx_answers_with_the_token_fragment_only()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Account");
        var response = await admin.SubmitAsync(page.Form("form[action*='handler=CreateToken']"),
            new Dictionary<string, string> { ["Token.Name"] = "htmx token" },
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html);
        var fragment = await Html.ParseAsync(response);
        Assert.NotNull(fragment.QuerySelector("section#api-tokens #new-token-value"));
    }

    [Fact]
    public async Task An_empty_token_name_is_refused_with_422_for_htmx()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Account");
        var response = await admin.SubmitAsync(page.Form("form[action*='handler=CreateToken']"),
            new Dictionary<string, string> { ["Token.Name"] = "" },
            headers: new Dictionary<string, string> { ["HX-Request"] = "true" });
        Assert.Equal(422, (int)response.StatusCode);
        var fragment = await Html.ParseAsync(response);
        Assert.Equal("true", fragment.QuerySelector("#Token_Name")!.GetAttribute("aria-invalid"));
        Assert.Null(fragment.QuerySelector("#new-token-value"));
    }

    [Fact]
    public async Task Revoking_a_token_marks_it_revoked()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Account");
        var created = await Html.ParseAsync(await admin.SubmitAsync(page.Form("form[action*='handler=CreateToken']"),
            new Dictionary<string, string> { ["Token.Name"] = "old laptop" }));
        var response = await admin.SubmitAsync(created.Form("form[action*='handler=RevokeToken']"));
        var after = await Html.ParseAsync(response);
        Assert.Contains("revoked", after.Text("#flash"));
        Assert.Contains("Revoked", after.Text("#api-tokens tbody"));
        Assert.Null(after.QuerySelector("form[action*='handler=RevokeToken']"));
    }
}
