using System.Net;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.UserAdmin;

public sealed class UsersTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_admin_adds_an_editor_who_can_sign_in_but_not_manage_users()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var editor = await _factory.CreateUserClientAsync(admin, "eddie", Roles.Editor);

        var projects = await editor.GetDocumentAsync("/Projects");
        Assert.Null(projects.QuerySelector("#nav-users"));
        Assert.NotNull(projects.QuerySelector("#new-project"));

        var response = await editor.GetAsync("/Users");
        response.AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal("Not allowed", (await Html.ParseAsync(response)).Text("h1"));
    }

    [Fact]
    public async Task A_viewer_can_look_but_cannot_create_projects()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", Roles.Viewer);

        var projects = await viewer.GetDocumentAsync("/Projects");
        Assert.Null(projects.QuerySelector("#new-project"));
        (await viewer.GetAsync("/Projects/Create")).AssertStatus(HttpStatusCode.Forbidden);
        (await viewer.GetAsync("/Projects/Trash")).AssertStatus(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_an_enabled_one_can_again()
    {
        var admin = await _factory.CreateAdminClientAsync();
        await _factory.CreateUserClientAsync(admin, "dora", Roles.Editor);

        var users = await admin.GetDocumentAsync("/Users");
        var disabled = await Html.ParseAsync(await admin.SubmitAsync(users.Form("#user-dora form[action*='handler=Disable']")));
        Assert.Contains("disabled", disabled.Text("#flash"));
        Assert.Contains("Disabled", disabled.Text("#user-dora"));

        var refused = await Html.ParseAsync(await _factory.CreateBrowserClient().TrySignInAsync("dora", Users.Password));
        Assert.Contains("disabled", refused.Text(".form-errors"));

        await admin.SubmitAsync(disabled.Form("#user-dora form[action*='handler=Enable']"));
        await _factory.SignInAsync("dora", Users.Password);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_or_demote_the_last_admin()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var users = await admin.GetDocumentAsync("/Users");
        Assert.Null(users.QuerySelector($"#user-{Users.AdminName} form[action*='handler=Disable']"));

        var response = await admin.SubmitAsync(users.Form($"#user-{Users.AdminName} form[action*='handler=Role']"),
            new Dictionary<string, string> { ["role"] = Roles.Viewer });
        var after = await Html.ParseAsync(response);
        Assert.Contains("At least one enabled admin must remain", after.Text("#flash"));
        Assert.NotNull(after.QuerySelector("#nav-users"));
    }

    [Fact]
    public async Task Changing_a_role_takes_effect()
    {
        var admin = await _factory.CreateAdminClientAsync();
        await _factory.CreateUserClientAsync(admin, "rita", Roles.Viewer);
        var users = await admin.GetDocumentAsync("/Users");
        await admin.SubmitAsync(users.Form("#user-rita form[action*='handler=Role']"),
            new Dictionary<string, string> { ["role"] = Roles.Editor });

        var rita = await _factory.SignInAsync("rita", Users.Password);
        (await rita.GetAsync("/Projects/Create")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_taken_user_name_is_refused_on_its_field()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var users = await admin.GetDocumentAsync("/Users");
        var response = await admin.SubmitAsync(users.Form("form[action*='handler=Create']"), new Dictionary<string, string>
        {
            ["Input.UserName"] = Users.AdminName,
            ["Input.Role"] = Roles.Editor,
            ["Input.Password"] = Users.Password,
        });
        var page = await Html.ParseAsync(response);
        Assert.Equal("That user name is taken.", page.Text("#Input_UserName-error"));
        Assert.Single(page.QuerySelectorAll("#user-table tbody tr"));
    }
}
