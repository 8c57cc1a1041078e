using System.Net;
using AngleSharp.Html.Dom;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Animatic;

public sealed class AnimaticPageTests : IDisposable
{
    private static readonly Dictionary<string, string> Htmx = new() { ["HX-Request"] = "true" };
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Posting_the_form_without_javascript_queues_a_render_and_redirects_with_a_flash_then_the_page_plays_it()
    {
        var browser = await _factory.CreateAdminClientAsync();
        var (projectId, sceneId) = await _factory.CreateTinyProjectAsync();
        var url = $"/Projects/{projectId}/Animatic";
        var page = await browser.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("#no-renders"));
        Assert.NotNull(page.QuerySelector($"#render-scope option[value='{sceneId}']"));

        var response = await browser.SubmitAsync(page.Form("#render-form"), new Dictionary<string, string>
        {
            ["Input.Preset"] = "Full",
            ["Input.Subtitles"] = "true",
            ["Input.SceneId"] = sceneId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        response.AssertStatus(HttpStatusCode.OK);
        var after = await Html.ParseAsync(response);
        Assert.Contains("queued", after.QuerySelector("#flash")!.TextContent, StringComparison.Ordinal);
        var article = after.QuerySelector("article.render")!;
        var id = int.Parse(article.Id!["render-".Length..], System.Globalization.CultureInfo.InvariantCulture);

        var done = await _factory.WaitForRenderAsync(id);
        Assert.Equal(RenderStatus.Done, done.Status);
        var finished = await browser.GetDocumentAsync(url);
        var status = finished.QuerySelector($"#render-{id}")!;
        Assert.Null(status.GetAttribute("hx-trigger"));
        var video = status.QuerySelector<IHtmlVideoElement>("video")!;
        Assert.True(video.HasAttribute("controls"));
        var file = await browser.GetAsync(video.GetAttribute("src"));
        file.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("video/mp4", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("bytes", file.Headers.AcceptRanges.Single());
        var srt = await browser.GetAsync(status.QuerySelector<IHtmlAnchorElement>(".render-download-srt")!.GetAttribute("href"));
        Assert.Contains("First line", await srt.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deleted = await browser.SubmitAsync(status.QuerySelector<IHtmlFormElement>("form")!);
        var empty = await Html.ParseAsync(deleted);
        Assert.NotNull(empty.QuerySelector("#no-renders"));
    }

    [Fact]
    public async Task With_htmx_the_status_part_polls_while_queued_and_shows_progress()
    {
        var browser = await _factory.CreateAdminClientAsync();
        var (projectId, _) = await _factory.CreateTinyProjectAsync();
        var id = await _factory.QueryAsync(async db =>
        {
            var render = new Render { ProjectId = projectId, Status = RenderStatus.Running, Progress = 0.25, CreatedAt = DateTimeOffset.UtcNow };
            db.Renders.Add(render);
            await db.SaveChangesAsync();
            return render.Id;
        });
        var page = await browser.GetDocumentAsync($"/Projects/{projectId}/Animatic");
        var status = page.QuerySelector($"#render-{id}")!;
        Assert.Equal("every 1s", status.GetAttribute("hx-trigger"));

        var request = new HttpRequestMessage(HttpMethod.Get, status.GetAttribute("hx-get"));
        request.Headers.Add("HX-Request", "true");
        var fragment = await Html.ParseAsync(await browser.SendAsync(request));
        var part = fragment.QuerySelector($"#render-{id}")!;
        Assert.Equal("0.25", part.QuerySelector<IHtmlElement>("progress")!.GetAttribute("value"));
        Assert.NotNull(part.QuerySelector("[aria-live]"));
        Assert.Null(fragment.QuerySelector("h1"));

        var cancel = await browser.SubmitAsync(part.QuerySelector<IHtmlFormElement>("form")!, headers: Htmx);
        var list = await Html.ParseAsync(cancel);
        Assert.Contains("being cancelled", list.QuerySelector("#render-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cancelling", list.QuerySelector($"#render-{id} .render-status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_renders_but_no_form_and_cannot_queue()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "viewer", Roles.Viewer);
        var (projectId, _) = await _factory.CreateTinyProjectAsync();
        var adminPage = await admin.GetDocumentAsync($"/Projects/{projectId}/Animatic");

        var page = await viewer.GetDocumentAsync($"/Projects/{projectId}/Animatic");

        Assert.Null(page.QuerySelector("#render-form"));
        await viewer.SubmitAsync(adminPage.Form("#render-form"));
        Assert.Equal(0, await _factory.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Renders)));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/Projects/9999/Animatic")).StatusCode);
    }
}
