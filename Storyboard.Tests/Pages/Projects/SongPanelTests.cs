using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Projects;

/// <summary>The dashboard's song panel: its markup contract, its htmx fragments and their no-JavaScript fallbacks.</summary>
public sealed class SongPanelTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("audio");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    [Fact]
    public async Task An_editor_sees_the_upload_form_the_player_journey_relies_on()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();

        var dashboard = await admin.GetDocumentAsync(SongSteps.DashboardUrl(projectId));

        var panel = dashboard.QuerySelector("main section#song-panel")!;
        Assert.Equal("Song", dashboard.GetElementById(panel.GetAttribute("aria-labelledby")!)!.TextContent);
        Assert.Equal("No song yet. Upload the song this video is for.", panel.Text("p.empty"));
        Assert.Null(panel.QuerySelector("#song-player"));
        var form = panel.QuerySelector<IHtmlFormElement>("form#song-upload-form[method=post][enctype='multipart/form-data']")!;
        Assert.Equal($"/Projects/Song/{projectId}", form.GetAttribute("action"));
        Assert.Equal($"/Projects/Song/{projectId}", form.GetAttribute("hx-post"));
        Assert.Equal("multipart/form-data", form.GetAttribute("hx-encoding"));
        Assert.Equal("#song-panel", form.GetAttribute("hx-target"));
        // The token comes before the file, so the server can check it before streaming the upload.
        var fields = form.QuerySelectorAll("input").ToList();
        Assert.Equal("__RequestVerificationToken", fields[0].GetAttribute("name"));
        Assert.Single(fields, f => f.GetAttribute("name") == "__RequestVerificationToken");
        var file = form.QuerySelector<IHtmlInputElement>("input#song-file[type=file][name=File]")!;
        Assert.Equal("audio/*,.mp3,.wav,.flac,.m4a,.aac,.ogg,.opus", file.GetAttribute("accept"));
        Assert.Equal("Song file", form.Text("label[for=song-file]"));
        Assert.Equal("MP3, WAV, FLAC, M4A/AAC, Ogg Vorbis or Opus, up to 200 MB.", form.Text("#" + file.GetAttribute("aria-describedby")));
        Assert.Equal("Upload song", form.Text("button[type=submit]"));
        Assert.NotNull(dashboard.QuerySelector("script[type=module][src^='/js/song-player.js']"));
    }

    [Fact]
    public async Task A_viewer_sees_the_song_but_no_upload_form()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "vic", Roles.Viewer);

        var empty = await viewer.GetDocumentAsync(SongSteps.DashboardUrl(projectId));
        Assert.Equal("No song yet. An editor can upload one.", empty.Text("#song-panel p.empty"));
        Assert.Null(empty.QuerySelector("#song-upload-form"));

        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "mp3", seconds: 2, name: "Theme.mp3"));
        var dashboard = await viewer.GetDocumentAsync(SongSteps.DashboardUrl(projectId));
        Assert.Equal("Theme.mp3", dashboard.Text("#song-name"));
        Assert.Equal("0:02.0", dashboard.Text("#song-duration"));
        Assert.Equal("MP3 (mp3)", dashboard.Text("#song-codec"));
        Assert.Equal("44.1 kHz", dashboard.Text("#song-sample-rate"));
        Assert.Equal("Mono", dashboard.Text("#song-channels"));
        Assert.EndsWith("KB", dashboard.Text("#song-size"));
        Assert.NotNull(dashboard.QuerySelector("#song-waveform[alt='Waveform of Theme.mp3']"));
        Assert.Null(dashboard.QuerySelector("#song-upload-form"));
    }

    [Fact]
    public async Task An_htmx_upload_swaps_in_the_panel_with_a_status_that_polls_until_the_song_is_ready()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();

        var response = await admin.UploadSongAsync(projectId, TestAudio.Sine(_files, "m4a", seconds: 2, name: "demo.m4a"), htmx: true);

        response.AssertStatus(HttpStatusCode.OK);
        var panel = await Html.ParseAsync(response);
        Assert.Null(panel.QuerySelector("header.site-header"));
        var status = panel.QuerySelector("section#song-panel #song-status[role=status][aria-live=polite]")!;
        Assert.Contains("Checking “demo.m4a”", status.TextContent);
        var poll = status.QuerySelector<IHtmlAnchorElement>("a[hx-get]")!;
        Assert.Equal("every 1s", poll.GetAttribute("hx-trigger"));
        Assert.Equal("#song-status", poll.GetAttribute("hx-target"));
        Assert.Equal(SongSteps.DashboardUrl(projectId), poll.GetAttribute("href"));

        // While the song is analysed, the status answers itself (and keeps polling).
        var pending = await Fragment(admin, poll.GetAttribute("hx-get")!);
        pending.AssertStatus(HttpStatusCode.OK);
        Assert.False(pending.Headers.Contains("HX-Retarget"));
        var again = await Html.ParseAsync(pending);
        Assert.NotNull(again.QuerySelector("#song-status a[hx-trigger='every 1s']"));
        Assert.Null(again.QuerySelector("#song-panel"));

        await scheduler.Start();
        var dashboard = await admin.WaitForSongAsync(projectId);
        Assert.Equal("demo.m4a", dashboard.Text("#song-name"));
        Assert.Null(dashboard.QuerySelector("#song-status"));

        // Once done, the status answer is the whole panel, aimed at the panel.
        var done = await Fragment(admin, poll.GetAttribute("hx-get")!);
        Assert.Equal("#song-panel", done.Headers.GetValues("HX-Retarget").Single());
        Assert.Equal("outerHTML", done.Headers.GetValues("HX-Reswap").Single());
        var finished = await Html.ParseAsync(done);
        Assert.NotNull(finished.QuerySelector("section#song-panel audio#song-player"));
        Assert.Null(finished.QuerySelector("[hx-trigger='every 1s']"));
        // The dashboard's figures outside the panel are refreshed out of band with the new song length.
        var stats = finished.QuerySelector("dl#project-stats[hx-swap-oob=true]")!;
        Assert.Contains("0:02.0", stats.TextContent);
    }

    [Fact]
    public async Task The_song_page_answers_the_whole_page_or_just_the_panel()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync("Panel Project");
        var url = $"/Projects/Song/{projectId}";

        var page = await admin.GetDocumentAsync(url);
        Assert.Equal("Panel Project", page.Text("main h1"));
        Assert.NotNull(page.QuerySelector("main section#song-panel form#song-upload-form"));

        var fragment = await Fragment(admin, url);
        fragment.AssertStatus(HttpStatusCode.OK);
        Assert.Contains("HX-Request", fragment.Headers.Vary);
        var panel = await Html.ParseAsync(fragment);
        Assert.Null(panel.QuerySelector("main"));
        Assert.NotNull(panel.QuerySelector("section#song-panel"));
    }

    [Fact]
    public async Task Without_htmx_the_status_link_leads_back_to_the_dashboard()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();

        var response = await admin.GetAsync($"/Projects/Song/{projectId}?handler=Status");

        Assert.Equal(SongSteps.DashboardUrl(projectId), response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task The_panel_of_a_missing_project_is_not_found()
    {
        var admin = await _factory.CreateAdminClientAsync();

        (await admin.GetAsync("/Projects/Song/4040")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync(SongSteps.DashboardUrl(4040))).AssertStatus(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> Fragment(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return client.SendAsync(request);
    }
}
