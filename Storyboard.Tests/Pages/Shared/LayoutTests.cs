using AngleSharp.Html.Dom;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Pages.Help;

namespace Storyboard.Tests.Pages.Shared;

public sealed class LayoutTests : IClassFixture<StoryboardFactory>
{
    private readonly StoryboardFactory _factory;

    public LayoutTests(StoryboardFactory factory) => _factory = factory;

    private async Task<HttpClient> AdminAsync()
    {
        var probe = await _factory.CreateBrowserClient().GetAsync("/Projects");
        return probe.RequestMessage!.RequestUri!.AbsolutePath == "/Setup"
            ? await _factory.CreateAdminClientAsync()
            : await _factory.SignInAsync(Users.AdminName, Users.Password);
    }

    [Theory]
    [InlineData("/Projects")]
    [InlineData("/Projects/Create")]
    [InlineData("/Projects/Trash")]
    [InlineData("/Account")]
    [InlineData("/Users")]
    [InlineData("/Help/Shortcuts")]
    public async Task Every_page_has_a_skip_link_landmarks_one_h1_and_a_live_flash_region(string path)
    {
        var client = await AdminAsync();
        var page = await client.GetDocumentAsync(path);
        var skip = page.QuerySelector<IHtmlAnchorElement>("body > a.skip-link")!;
        Assert.Equal("#main", skip.GetAttribute("href"));
        Assert.Same(page.QuerySelector("body > *"), skip);
        Assert.NotNull(page.QuerySelector("header nav[aria-label='Main']"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("polite", page.QuerySelector("#flash")!.GetAttribute("aria-live"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector<IHtmlMetaElement>("meta[name=csrf-token]")!.Content));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_shortcut_dialog_lists_every_shortcut_under_its_category()
    {
        var client = await AdminAsync();
        var page = await client.GetDocumentAsync("/Projects");
        var dialog = page.QuerySelector("dialog#shortcuts-dialog")!;
        var headings = dialog.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Playback", "Navigation", "Creation", "Editing", "View", "Selection", "Zoom", "Help"], headings);
        Assert.Equal(ShortcutCatalog.All.Count, dialog.QuerySelectorAll("kbd").Length);
        Assert.Contains("Show this list of shortcuts", dialog.TextContent);

        var map = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#shortcut-map")!.TextContent);
        Assert.Equal(ShortcutCatalog.All.Count, map.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Responses_forbid_sniffing_framing_and_inline_script()
    {
        var client = await AdminAsync();
        var response = await client.GetAsync("/Projects");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Static_files_are_served_without_sign_in()
    {
        var client = _factory.CreateClient();
        var htmx = await client.GetAsync("/lib/htmx/htmx.min.js");
        Assert.True(htmx.IsSuccessStatusCode);
        Assert.Contains("htmx", await htmx.Content.ReadAsStringAsync());
        Assert.True((await client.GetAsync("/css/site.css")).IsSuccessStatusCode);
    }
}
