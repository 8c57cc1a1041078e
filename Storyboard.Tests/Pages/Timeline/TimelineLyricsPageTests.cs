using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Timeline;

/// <summary>The lyrics box under the clip list, through the real parsed forms, without JS and with htmx.</summary>
public sealed class TimelineLyricsPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Htmx(IHtmlDocument page) => new()
    {
        ["HX-Request"] = "true",
        ["RequestVerificationToken"] = page.AntiforgeryToken(),
    };

    private Task<List<Clip>> ClipsAsync(int projectId) =>
        _factory.QueryAsync(db => db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.StartFrame).ToListAsync());

    private static string Url(int id) => $"/Projects/{id}/Timeline?zoom=50&at=0";

    private const string Lrc = "[00:01.00]Headlights on the water\n[00:02.00]Engines in the rain";

    [Fact]
    public async Task Pasting_lrc_on_an_empty_timeline_makes_clips_and_redirects_with_a_flash()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var page = await admin.GetDocumentAsync(Url(id));
        Assert.Null(page.QuerySelector("#lyrics-spread"));

        var response = await admin.SubmitAsync(page.Form("#lyrics-form"), new Dictionary<string, string> { ["Lyrics.Text"] = Lrc }, "#lyrics-import");

        response.AssertStatus(HttpStatusCode.OK);
        var after = await Html.ParseAsync(response);
        Assert.Contains("zoom=50", response.RequestMessage!.RequestUri!.Query);
        Assert.Equal("2 clips made from the lyrics.", after.Text("#flash"));
        var clips = await ClipsAsync(id);
        Assert.Equal([(25L, 25L), (50L, 100L)], clips.Select(c => (c.StartFrame, c.LengthFrames)).ToList());
        Assert.Equal(["Headlights on the water", "Engines in the rain"], clips.Select(c => c.Lyrics));
        Assert.NotNull(after.QuerySelector($"#lane-clip-{clips[0].Id}"));
        Assert.Equal("", after.QuerySelector<IHtmlTextAreaElement>("#Lyrics_Text")!.Value);
    }

    [Fact]
    public async Task Importing_lrc_with_htmx_answers_the_workspace_and_an_out_of_band_flash()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddClipAsync(_factory, id, "Late shot", 500, 25);
        var page = await admin.GetDocumentAsync(Url(id));
        Assert.Contains("handler=ImportLrc", page.QuerySelector("#lyrics-import")!.GetAttribute("hx-post"), StringComparison.Ordinal);
        // With clips the box sits inside the clip list's form (so the checkboxes post with it), once.
        Assert.Null(page.QuerySelector("#lyrics-form"));
        Assert.Single(page.QuerySelectorAll("#Lyrics_Text"));
        Assert.NotNull(page.QuerySelector("#batch-form #lyrics-spread"));

        var response = await admin.SubmitAsync(page.Form("#batch-form"), new Dictionary<string, string> { ["Lyrics.Text"] = Lrc },
            "#lyrics-import", Htmx(page));

        response.AssertStatus(HttpStatusCode.OK);
        var fragment = await Html.ParseAsync(response);
        Assert.NotNull(fragment.QuerySelector("#timeline-workspace"));
        Assert.Equal("2 clips made from the lyrics.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.Equal(3, (await ClipsAsync(id)).Count);
    }

    [Fact]
    public async Task Malformed_lrc_shows_each_bad_line_on_the_field_keeps_the_text_and_stores_nothing()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddClipAsync(_factory, id, "Shot", 0, 25);
        var before = await _factory.RowsAsync(id);
        var page = await admin.GetDocumentAsync(Url(id));
        const string pasted = "[00:01.00]fine\n[00:7x.00]broken\n[00:03.00]also fine\n[1:2x]words";

        var response = await admin.SubmitAsync(page.Form("#batch-form"), new Dictionary<string, string> { ["Lyrics.Text"] = pasted }, "#lyrics-import");

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var refused = await Html.ParseAsync(response);
        var field = refused.QuerySelector<IHtmlTextAreaElement>("#Lyrics_Text")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("Lyrics_Text-error", field.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Contains("lyrics-help", field.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal(pasted, field.Value.ReplaceLineEndings("\n"));
        var message = refused.Text("#Lyrics_Text-error");
        Assert.Contains("Line 2: '[00:7x.00]' is not a time.", message);
        Assert.Contains("Line 4: '[1:2x]' is not a time.", message);
        Assert.Equal(before, await _factory.RowsAsync(id));
    }

    [Fact]
    public async Task An_import_overlapping_a_clip_names_it_on_the_field_and_stores_nothing_also_with_htmx()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddClipAsync(_factory, id, "Bridge shot", 60, 10);
        var before = await _factory.RowsAsync(id);
        var page = await admin.GetDocumentAsync(Url(id));

        var response = await admin.SubmitAsync(page.Form("#batch-form"), new Dictionary<string, string> { ["Lyrics.Text"] = Lrc },
            "#lyrics-import", Htmx(page));

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var fragment = await Html.ParseAsync(response);
        Assert.NotNull(fragment.QuerySelector("#timeline-workspace"));
        Assert.Contains("Bridge shot", fragment.Text("#Lyrics_Text-error"));
        Assert.Contains("Line 2", fragment.Text("#Lyrics_Text-error"));
        Assert.Equal(Lrc, fragment.QuerySelector<IHtmlTextAreaElement>("#Lyrics_Text")!.Value.ReplaceLineEndings("\n"));
        Assert.Equal(before, await _factory.RowsAsync(id));
    }

    [Fact]
    public async Task Plain_lines_spread_over_the_picked_clips_in_timeline_order()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var a = await TimelineSeed.AddClipAsync(_factory, id, "A", 0, 25);
        var b = await TimelineSeed.AddClipAsync(_factory, id, "B", 50, 25);
        var c = await TimelineSeed.AddClipAsync(_factory, id, "C", 100, 25);
        var page = await admin.GetDocumentAsync(Url(id));
        var form = page.Form("#batch-form");
        form.QuerySelector<IHtmlInputElement>($"#pick-{c.Id}")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>($"#pick-{a.Id}")!.IsChecked = true;

        var response = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Lyrics.Text"] = "one\ntwo\n\nthree" }, "#lyrics-spread");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("The lyrics are spread over 2 clips.", (await Html.ParseAsync(response)).Text("#flash"));
        Assert.Equal(["one\ntwo", "", "three"], (await ClipsAsync(id)).Select(x => x.Lyrics));
        Assert.Equal(b.Id, (await ClipsAsync(id))[1].Id);
    }

    [Fact]
    public async Task Spreading_with_no_clips_picked_or_no_lines_is_refused_on_the_field()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var a = await TimelineSeed.AddClipAsync(_factory, id, "A", 0, 25);
        var before = await _factory.RowsAsync(id);
        var page = await admin.GetDocumentAsync(Url(id));

        var unpicked = await admin.SubmitAsync(page.Form("#batch-form"), new Dictionary<string, string> { ["Lyrics.Text"] = "words" }, "#lyrics-spread");
        unpicked.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Pick the clips", (await Html.ParseAsync(unpicked)).Text("#Lyrics_Text-error"));

        var form = page.Form("#batch-form");
        form.QuerySelector<IHtmlInputElement>($"#pick-{a.Id}")!.IsChecked = true;
        var blank = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Lyrics.Text"] = "\n  \n" }, "#lyrics-spread", Htmx(page));
        blank.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at least one line", (await Html.ParseAsync(blank)).Text("#Lyrics_Text-error"));
        Assert.Equal(before, await _factory.RowsAsync(id));
    }

    [Fact]
    public async Task Viewers_get_no_lyrics_box_and_cannot_import()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var adminPage = await admin.GetDocumentAsync(Url(id));
        var viewer = await _factory.CreateUserClientAsync(admin, "vic", Roles.Viewer);

        Assert.Null((await viewer.GetDocumentAsync(Url(id))).QuerySelector("#Lyrics_Text"));
        var response = await viewer.SubmitAsync(adminPage.Form("#lyrics-form"), new Dictionary<string, string> { ["Lyrics.Text"] = Lrc }, "#lyrics-import");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await ClipsAsync(id));
    }
}
