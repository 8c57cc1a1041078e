using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;

namespace Storyboard.Tests.Pages.Projects;

public sealed class ProjectsTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Fields(string name, string rate = "24", string preset = "1920x1080") => new()
    {
        ["Input.Name"] = name,
        ["Input.Description"] = $"About {name}",
        ["Input.FrameRate"] = rate,
        ["Input.ResolutionPreset"] = preset,
    };

    private async Task<(HttpClient Client, int Id)> CreateAsync(string name, string rate = "24", string preset = "1920x1080")
    {
        var client = await _factory.CreateAdminClientAsync();
        return (client, await CreateWithAsync(client, name, rate, preset));
    }

    private static async Task<int> CreateWithAsync(HttpClient client, string name, string rate = "24", string preset = "1920x1080")
    {
        var form = await client.GetDocumentAsync("/Projects/Create");
        var response = await client.SubmitAsync(form.Form(), Fields(name, rate, preset));
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/Projects/Dashboard/", path);
        return int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private int ProjectCount()
    {
        using var scope = _factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<StoryboardDbContext>().Projects.Count();
    }

    [Fact]
    public async Task Creating_a_project_opens_its_dashboard_with_its_settings()
    {
        var (client, id) = await CreateAsync("Night Drive", "23.976", "1080x1920");
        var dashboard = await client.GetDocumentAsync($"/Projects/Dashboard/{id}");
        Assert.Equal("Night Drive", dashboard.Text("h1"));
        Assert.Contains("23.976 fps", dashboard.Text(".settings-list"));
        Assert.Contains("1080 × 1920", dashboard.Text(".settings-list"));
        Assert.Contains("No clips yet", dashboard.Text("#project-stats"));
    }

    [Fact]
    public async Task A_project_without_a_name_is_refused_and_nothing_is_stored()
    {
        var client = await _factory.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/Projects/Create");
        var response = await client.SubmitAsync(form.Form(), Fields(""));
        var page = await Html.ParseAsync(response);
        Assert.Equal("true", page.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Equal("Give the project a name.", page.Text("#Input_Name-error"));
        Assert.Equal(0, ProjectCount());
    }

    [Theory]
    [InlineData("1921", "1080", "Input_Width")]
    [InlineData("1920", "0", "Input_Height")]
    [InlineData("99999", "1080", "Input_Width")]
    public async Task A_bad_custom_size_is_refused_on_its_field(string width, string height, string field)
    {
        var client = await _factory.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/Projects/Create");
        var fields = Fields("Odd size", preset: "custom");
        fields["Input.Width"] = width;
        fields["Input.Height"] = height;
        var page = await Html.ParseAsync(await client.SubmitAsync(form.Form(), fields));
        Assert.Contains("even number", page.Text($"#{field}-error"));
        Assert.Equal(0, ProjectCount());
    }

    [Fact]
    public async Task A_frame_rate_outside_the_list_is_refused()
    {
        var client = await _factory.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/Projects/Create");
        form.QuerySelector("#Input_FrameRate")!.InnerHtml += "<option value=\"31\">31</option>";
        var page = await Html.ParseAsync(await client.SubmitAsync(form.Form(), Fields("Odd rate", rate: "31")));
        Assert.Contains("Choose one of 23.976, 24, 25, 29.97, 30, 50, 59.94, 60", page.Text("#Input_FrameRate-error"));
        Assert.Equal(0, ProjectCount());
    }

    [Fact]
    public async Task A_custom_size_is_kept()
    {
        var client = await _factory.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/Projects/Create");
        var fields = Fields("Cinema", preset: "custom");
        fields["Input.Width"] = "2048";
        fields["Input.Height"] = "858";
        var dashboard = await Html.ParseAsync(await client.SubmitAsync(form.Form(), fields));
        Assert.Contains("2048 × 858", dashboard.Text(".settings-list"));
    }

    [Fact]
    public async Task Editing_saves_the_new_settings()
    {
        var (client, id) = await CreateAsync("First cut");
        var edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        Assert.Equal("First cut", edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        var response = await client.SubmitAsync(edit.Form("main form"), Fields("Final cut", "59.94", "3840x2160"));
        var dashboard = await Html.ParseAsync(response);
        Assert.Equal("Final cut", dashboard.Text("h1"));
        Assert.Contains("59.94 fps", dashboard.Text(".settings-list"));
        Assert.Contains("3840 × 2160", dashboard.Text(".settings-list"));
        Assert.Contains("saved", dashboard.Text("#flash"));
    }

    [Fact]
    public async Task The_list_searches_and_sorts()
    {
        var client = await _factory.CreateAdminClientAsync();
        foreach (var name in new[] { "Bravo", "alpha", "Charlie 100%" })
        {
            await CreateWithAsync(client, name);
        }
        var byName = await client.GetDocumentAsync("/Projects?sort=name");
        Assert.Equal(["alpha", "Bravo", "Charlie 100%"], byName.QuerySelectorAll(".project-card h2").Select(h => h.TextContent.Trim()));
        var byNameDesc = await client.GetDocumentAsync("/Projects?sort=name-desc");
        Assert.Equal("Charlie 100%", byNameDesc.Text(".project-card h2"));
        var recent = await client.GetDocumentAsync("/Projects");
        Assert.Equal("Charlie 100%", recent.Text(".project-card h2"));

        var search = await client.GetDocumentAsync("/Projects?q=ALPH");
        Assert.Equal(["alpha"], search.QuerySelectorAll(".project-card h2").Select(h => h.TextContent.Trim()));
        var literalPercent = await client.GetDocumentAsync("/Projects?q=%25");
        Assert.Equal(["Charlie 100%"], literalPercent.QuerySelectorAll(".project-card h2").Select(h => h.TextContent.Trim()));
        var none = await client.GetDocumentAsync("/Projects?q=zulu");
        Assert.Contains("No project matches “zulu”", none.Text("#project-list"));
    }

    [Fact]
    public async Task An_htmx_search_gets_only_the_list_fragment_and_the_response_varies_on_htmx()
    {
        var (client, _) = await CreateAsync("Fragment");
        var request = new HttpRequestMessage(HttpMethod.Get, "/Projects?q=frag");
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html);
        Assert.StartsWith("<section id=\"project-list\"", html.Trim());
        Assert.Contains("HX-Request", response.Headers.Vary);

        var full = await client.GetAsync("/Projects?q=frag");
        Assert.Contains("<html", await full.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trash_restore_and_purge_a_project()
    {
        var (client, id) = await CreateAsync("Doomed");
        var edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        var trashed = await Html.ParseAsync(await client.SubmitAsync(edit.Form("form[action*='handler=Trash']")));
        Assert.Contains("Trash", trashed.Text("#flash"));
        Assert.Null(trashed.QuerySelector($"#project-{id}"));
        (await client.GetAsync($"/Projects/Dashboard/{id}")).AssertStatus(HttpStatusCode.NotFound);

        var trash = await client.GetDocumentAsync("/Projects/Trash");
        Assert.Contains("Doomed", trash.Text($"#project-{id}"));
        var restored = await Html.ParseAsync(await client.SubmitAsync(trash.Form($"#project-{id} form")));
        Assert.Equal("Doomed", restored.Text("h1"));

        edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        await client.SubmitAsync(edit.Form("form[action*='handler=Trash']"));
        var confirm = await client.GetDocumentAsync($"/Projects/Purge/{id}");
        Assert.Contains("Delete “Doomed” forever?", confirm.Text("h1"));
        var purged = await Html.ParseAsync(await client.SubmitAsync(confirm.Form("main form")));
        Assert.Contains("deleted for good", purged.Text("#flash"));
        Assert.Equal(0, ProjectCount());
    }

    [Fact]
    public async Task A_live_project_cannot_be_purged()
    {
        var (client, id) = await CreateAsync("Alive");
        (await client.GetAsync($"/Projects/Purge/{id}")).AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal(1, ProjectCount());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var client = await _factory.CreateAdminClientAsync();
        var response = await client.PostAsync("/Projects/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Forged",
            ["Input.FrameRate"] = "24",
            ["Input.ResolutionPreset"] = "1920x1080",
        }));
        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal(0, ProjectCount());
    }

    [Fact]
    public async Task Unknown_projects_are_a_friendly_404_and_an_htmx_404_lands_in_the_flash_region()
    {
        var client = await _factory.CreateAdminClientAsync();
        var response = await client.GetAsync("/Projects/Dashboard/4242");
        response.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal("Not found", (await Html.ParseAsync(response)).Text("h1"));

        var request = new HttpRequestMessage(HttpMethod.Get, "/Projects/Dashboard/4242");
        request.Headers.Add("HX-Request", "true");
        var htmx = await client.SendAsync(request);
        htmx.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal("#flash", htmx.Headers.GetValues("HX-Retarget").Single());
        var fragment = await Html.ParseAsync(htmx);
        Assert.Contains("Not found", fragment.Text(".flash-error"));
    }
}
