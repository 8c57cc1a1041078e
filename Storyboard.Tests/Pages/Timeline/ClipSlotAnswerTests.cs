using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Pages.Timeline.TimelinePageTests;

namespace Storyboard.Tests.Pages.Timeline;

/// <summary>
/// What an htmx move or trim of the selected clip answers: just its takes (lane items and list rows), the details, the
/// history and the flash, out of band, while the rest of the workspace still stands; the whole workspace when the
/// edit changed more than that (the list order, the view, a take leaving or entering the screen).
/// </summary>
public sealed class ClipSlotAnswerTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Htmx(IHtmlDocument page) => new()
    {
        ["HX-Request"] = "true",
        ["HX-Target"] = "timeline-workspace",
        ["RequestVerificationToken"] = page.AntiforgeryToken(),
    };

    private static bool AnswersOnlyTheSlot(HttpResponseMessage response, IHtmlDocument answer) =>
        response.Headers.TryGetValues("HX-Reswap", out var reswap) && reswap.Single() == "none"
        && answer.QuerySelector("#timeline-workspace") is null;

    private static IElement RowOf(IHtmlDocument answer, int clipId) =>
        answer.QuerySelectorAll<IHtmlTemplateElement>("template").Select(t => t.Content.QuerySelector($"tr#row-clip-{clipId}")).OfType<IElement>().Single();

    [Fact]
    public async Task A_nudge_with_htmx_answers_the_moved_takes_the_details_and_the_history_out_of_band()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var car = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50);
        var alternate = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50, originalId: car.Id, take: 1);
        var bike = await TimelineSeed.AddClipAsync(_factory, id, "Bike", 200, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=50&at=0&clip={car.Id}");

        var response = await admin.SubmitAsync(FormOf(page, "#nudge-second-later"), headers: Htmx(page));
        var answer = await Html.ParseAsync(response);

        Assert.True(AnswersOnlyTheSlot(response, answer));
        Assert.False(response.Headers.Contains("HX-Push-Url"));
        // Both takes are redrawn where the move put them (50 px a second: 3 s is 150 px), parsed as SVG.
        foreach (var take in new[] { car.Id, alternate.Id })
        {
            var item = answer.QuerySelector($"svg > a#lane-clip-{take}[hx-swap-oob=true]")!;
            Assert.Equal("http://www.w3.org/2000/svg", item.NamespaceUri);
            Assert.Equal("150", item.QuerySelector("svg")!.GetAttribute("x"));
            Assert.Equal(["00:00:03:00", "00:00:05:00"], RowOf(answer, take).QuerySelectorAll("td.mono").Select(td => td.TextContent));
            Assert.Equal("true", RowOf(answer, take).GetAttribute("hx-swap-oob"));
        }
        Assert.Null(answer.QuerySelector($"#lane-clip-{bike.Id}"));
        Assert.DoesNotContain(answer.QuerySelectorAll<IHtmlTemplateElement>("template"), t => t.Content.QuerySelector($"#row-clip-{bike.Id}") is not null);
        // The details carry the new version for the next save; the history has the move.
        Assert.Equal("true", answer.QuerySelector("section#details")!.GetAttribute("hx-swap-oob"));
        Assert.NotNull(answer.QuerySelector($"#details article#clip-{car.Id} #nudge-frame-later"));
        Assert.Equal("true", answer.QuerySelector("section#history")!.GetAttribute("hx-swap-oob"));
        Assert.Single(answer.QuerySelectorAll("#history .history-list li"));
        Assert.Equal("The clip now starts at 00:00:03:00.", answer.Text("#flash[hx-swap-oob]"));
        Assert.Equal(75, (await TimelineSeed.GetClipAsync(_factory, car.Id)).StartFrame);

        // The answer is what the page would show: a reload has the same rows and the same form.
        var reloaded = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=50&at=0&clip={car.Id}");
        Assert.Equal(RowOf(answer, car.Id).TextContent, reloaded.QuerySelector($"#row-clip-{car.Id}")!.TextContent);
        Assert.Equal(answer.QuerySelector("#details")!.TextContent, reloaded.QuerySelector("#details")!.TextContent);
    }

    [Fact]
    public async Task The_next_save_after_an_out_of_band_move_uses_the_new_version()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var car = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=50&at=0&clip={car.Id}");
        var answer = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#nudge-frame-later"), headers: Htmx(page)));

        // The form from the answer saves (its version is current), so the out-of-band details are not stale.
        var saved = await admin.SubmitAsync(FormOf(answer, $"#clip-form-{car.Id} button[type=submit]"),
            new Dictionary<string, string> { ["ClipForm.Input.Name"] = "Car at night" });
        saved.AssertStatus(System.Net.HttpStatusCode.OK);
        var stored = await TimelineSeed.GetClipAsync(_factory, car.Id);
        Assert.Equal(("Car at night", 51L), (stored.Name, stored.StartFrame));
    }

    [Fact]
    public async Task A_move_past_another_clip_answers_the_whole_workspace_in_the_new_order()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var car = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50);
        var bike = await TimelineSeed.AddClipAsync(_factory, id, "Bike", 200, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=50&at=0&clip={car.Id}");

        var response = await admin.SubmitAsync(FormOf(page, "#move-clip"), new Dictionary<string, string> { ["Edit.To"] = "00:00:12:00" }, headers: Htmx(page));
        var answer = await Html.ParseAsync(response);

        Assert.False(AnswersOnlyTheSlot(response, answer));
        Assert.NotNull(answer.QuerySelector("#timeline-workspace"));
        Assert.Equal([$"row-clip-{bike.Id}", $"row-clip-{car.Id}"], answer.QuerySelectorAll("#clip-list tbody tr").Select(r => r.Id));
    }

    [Fact]
    public async Task A_move_off_the_screen_answers_the_whole_workspace()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var car = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50);
        await TimelineSeed.AddClipAsync(_factory, id, "Far", 5000, 50);
        // 50 px a second over 1,200 px: 24 seconds (600 frames) are on screen.
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=50&at=0&clip={car.Id}");

        var response = await admin.SubmitAsync(FormOf(page, "#move-clip"), new Dictionary<string, string> { ["Edit.To"] = "00:00:30:00" }, headers: Htmx(page));
        var answer = await Html.ParseAsync(response);

        Assert.False(AnswersOnlyTheSlot(response, answer));
        Assert.Null(answer.QuerySelector($"#lane-clip-{car.Id}"));
        Assert.Equal(["00:00:30:00", "00:00:32:00"], answer.QuerySelectorAll($"#row-clip-{car.Id} td.mono").Select(td => td.TextContent));
    }

    [Fact]
    public async Task A_trim_that_changes_the_timeline_length_at_whole_song_zoom_answers_the_whole_workspace()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var car = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var last = await TimelineSeed.AddClipAsync(_factory, id, "Last", 100, 50);
        // No zoom in the address: the whole timeline (no song: up to the last clip's end) fits the screen.
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={last.Id}");
        var zoomBefore = page.Text("#timeline-zoom");

        var response = await admin.SubmitAsync(FormOf(page, "#trim-clip"), new Dictionary<string, string> { ["Edit.End"] = "00:00:08:00" }, headers: Htmx(page));
        var answer = await Html.ParseAsync(response);

        Assert.False(AnswersOnlyTheSlot(response, answer));
        Assert.NotEqual(zoomBefore, answer.Text("#timeline-zoom"));

        // A trim inside the timeline keeps the view: only the slot is answered.
        var inside = await admin.SubmitAsync(FormOf(answer, "#trim-clip"), new Dictionary<string, string> { ["Edit.Start"] = "00:00:05:00" }, headers: Htmx(page));
        Assert.True(AnswersOnlyTheSlot(inside, await Html.ParseAsync(inside)));
        Assert.Equal((125L, 75L), ((await TimelineSeed.GetClipAsync(_factory, last.Id)).StartFrame, (await TimelineSeed.GetClipAsync(_factory, last.Id)).LengthFrames));
        Assert.Equal(0, (await TimelineSeed.GetClipAsync(_factory, car.Id)).StartFrame);
    }
}
