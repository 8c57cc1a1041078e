using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Pages.Timeline;

public sealed class TimelinePageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Htmx(IHtmlDocument page) => new()
    {
        ["HX-Request"] = "true",
        ["RequestVerificationToken"] = page.AntiforgeryToken(),
    };

    /// <summary>The form a button submits.</summary>
    internal static IHtmlFormElement FormOf(IHtmlDocument page, string buttonSelector) =>
        page.QuerySelector<IHtmlButtonElement>(buttonSelector)?.Form ?? throw new Xunit.Sdk.XunitException($"No button '{buttonSelector}' in a form");

    [Fact]
    public async Task The_dashboard_and_the_project_nav_link_to_the_timeline()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var dashboard = await admin.GetDocumentAsync($"/Projects/Dashboard/{id}");
        Assert.Equal($"/Projects/{id}/Timeline", dashboard.QuerySelector<IHtmlAnchorElement>("#open-timeline")!.GetAttribute("href"));
        Assert.Equal($"/Projects/{id}/Timeline", dashboard.QuerySelector<IHtmlAnchorElement>("#nav-timeline")!.GetAttribute("href"));

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline");
        Assert.Equal("page", page.QuerySelector("#nav-timeline")!.GetAttribute("aria-current"));
        Assert.NotNull(page.QuerySelector("#timeline-lanes svg"));
        Assert.NotNull(page.QuerySelector("section#details[aria-live]"));
        Assert.NotNull(page.QuerySelector("#history #undo[disabled]"));
    }

    [Fact]
    public async Task An_unknown_project_is_not_found()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var response = await admin.GetAsync("/Projects/9999/Timeline");
        response.AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lanes_draw_scenes_and_clips_with_alternates_under_their_original_and_the_list_names_them()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 250);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50, scene.Id);
        var alternate = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50, scene.Id, originalId: clip.Id, take: 1);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=100&at=0");
        var sceneItem = page.QuerySelector($"#lane-scene-{scene.Id}")!;
        Assert.Equal("Verse", sceneItem.TextContent);
        var main = page.QuerySelector($"#lane-clip-{clip.Id}")!;
        var alt = page.QuerySelector($"#lane-clip-{alternate.Id}")!;
        Assert.Equal(("Car", "Car A1"), (main.TextContent, alt.TextContent));
        var mainBox = main.QuerySelector("svg")!;
        var altBox = alt.QuerySelector("svg")!;
        // 100 px a second at 25 fps: frame 25 is 100 px, 50 frames are 200 px; the alternate sits one row lower.
        Assert.Equal(("100", "200"), (mainBox.GetAttribute("x"), mainBox.GetAttribute("width")));
        Assert.Equal(mainBox.GetAttribute("x"), altBox.GetAttribute("x"));
        Assert.True(int.Parse(altBox.GetAttribute("y")!) > int.Parse(mainBox.GetAttribute("y")!));
        Assert.Contains("alternate", alt.ClassList);
        // Each item is a real link that selects it, keeping the zoom, for the pointer only: the drawing is hidden from
        // screen readers and out of the tab order, and the clip list carries the same clips with their times.
        Assert.Contains($"clip={clip.Id}", main.GetAttribute("href"));
        Assert.Contains("zoom=100", main.GetAttribute("href"));
        Assert.Equal("-1", main.GetAttribute("tabindex"));
        Assert.Equal("true", page.QuerySelector("#timeline-svg")!.GetAttribute("aria-hidden"));
        var row = page.QuerySelector($"#row-clip-{alternate.Id}")!;
        Assert.Equal("Car A1 (alternate)", row.QuerySelector("th")!.TextContent);
        Assert.Equal(["00:00:01:00", "00:00:03:00", "Verse"], row.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent));
        Assert.Equal(main.GetAttribute("href"), page.QuerySelector<IHtmlAnchorElement>($"#row-clip-{clip.Id} th a")!.GetAttribute("href"));
        Assert.Equal("true", page.QuerySelector("#clip-list tbody")!.GetAttribute("hx-boost"));
    }

    [Fact]
    public async Task The_clips_of_a_scene_alternate_are_drawn_under_the_main_takes_not_over_them()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 250);
        var alternateScene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 250, originalId: scene.Id, take: 1);
        var main = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50, scene.Id);
        var mainAlternate = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50, scene.Id, originalId: main.Id, take: 1);
        var copy = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50, alternateScene.Id);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=100&at=0&clip={main.Id}");

        int Y(int clipId) => int.Parse(page.QuerySelector($"#lane-clip-{clipId} svg")!.GetAttribute("y")!);
        Assert.True(Y(main.Id) < Y(mainAlternate.Id) && Y(mainAlternate.Id) < Y(copy.Id));
        Assert.Contains("alternate", page.QuerySelector($"#lane-clip-{copy.Id}")!.ClassList);
        Assert.Equal("Verse A1", page.QuerySelectorAll($"#row-clip-{copy.Id} td").Last().TextContent);
        // "Next clip" walks the main takes only: there is none after Car.
        Assert.Null(page.QuerySelector("#next-clip"));
    }

    [Fact]
    public async Task Clips_past_the_song_end_are_flagged_and_the_end_is_drawn()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddSongAsync(_factory, id, 4_000_000);
        var inside = await TimelineSeed.AddClipAsync(_factory, id, "Inside", 0, 50);
        var past = await TimelineSeed.AddClipAsync(_factory, id, "Late", 75, 50);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=100&at=0&clip={past.Id}");
        Assert.Contains("past-end", page.QuerySelector($"#lane-clip-{past.Id}")!.ClassList);
        Assert.StartsWith("⚠", page.QuerySelector($"#lane-clip-{past.Id}")!.TextContent);
        Assert.DoesNotContain("past-end", page.QuerySelector($"#lane-clip-{inside.Id}")!.ClassList);
        Assert.DoesNotContain("past the end", page.Text($"#row-clip-{inside.Id}"));
        Assert.Equal("400", page.QuerySelector(".song-end line")!.GetAttribute("x1"));
        Assert.Equal("00:00:04:00", page.Text("#song-end-time"));
        Assert.NotNull(page.QuerySelector($"#clip-{past.Id} #clip-past-end"));
        Assert.Contains("past the end of the song", page.Text($"#row-clip-{past.Id}"));
    }

    [Fact]
    public async Task The_lanes_carry_a_player_for_the_projects_song_and_none_without_a_song()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var withSong = await TimelineSeed.CreateProjectAsync(admin);
        var silent = await TimelineSeed.CreateProjectAsync(admin, name: "Silent");
        await TimelineSeed.AddSongAsync(_factory, withSong, 4_000_000);
        var songId = await _factory.QueryAsync(db => db.Projects.Where(p => p.Id == withSong).Select(p => p.CurrentSongId).SingleAsync());

        var page = await admin.GetDocumentAsync($"/Projects/{withSong}/Timeline");
        var player = page.QuerySelector<IHtmlAudioElement>("#timeline-lanes audio#timeline-player")!;
        Assert.Equal($"/media/songs/{songId}/audio", player.GetAttribute("src"));
        Assert.True(player.HasAttribute("controls"));
        // The same element is kept when htmx swaps the workspace, so an edit does not stop the song.
        Assert.Equal("true", player.GetAttribute("hx-preserve"));
        // The playback script reads the frame rate and where to post a dragged clip from the drawing.
        var svg = page.QuerySelector("#timeline-svg")!;
        Assert.Equal(("25", "1"), (svg.GetAttribute("data-fps-num"), svg.GetAttribute("data-fps-den")));
        Assert.Contains("handler=MoveClip", svg.GetAttribute("data-move-url"));
        Assert.Single(page.QuerySelectorAll("#playhead"));

        var none = await admin.GetDocumentAsync($"/Projects/{silent}/Timeline");
        Assert.Null(none.QuerySelector("audio"));
        Assert.NotNull(none.QuerySelector("#timeline-svg"));
    }

    [Fact]
    public async Task Zoom_scroll_position_and_selection_round_trip_through_the_url()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 250, 50);
        await TimelineSeed.AddClipAsync(_factory, id, "Road", 5000, 50);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=40&at=250&clip={clip.Id}");
        Assert.Equal("40", page.Text("#timeline-zoom"));
        Assert.Equal("Clip Car", page.Text($"#clip-{clip.Id} h2"));
        var zoomIn = page.QuerySelector<IHtmlAnchorElement>("#timeline-zoom-in")!.GetAttribute("href")!;
        Assert.Contains("zoom=80", zoomIn);
        Assert.Contains("at=250", zoomIn);
        Assert.Contains($"clip={clip.Id}", zoomIn);

        var zoomed = await admin.GetDocumentAsync(zoomIn);
        Assert.Equal("80", zoomed.Text("#timeline-zoom"));
        Assert.Equal("Clip Car", zoomed.Text($"#clip-{clip.Id} h2"));
        Assert.Equal("0", zoomed.QuerySelector($"#lane-clip-{clip.Id} svg")!.GetAttribute("x"));

        var later = await admin.GetDocumentAsync(zoomed.QuerySelector<IHtmlAnchorElement>("#timeline-later")!.GetAttribute("href")!);
        // Half a screen (375 frames at 80 px/s) later: 250 + 187.
        Assert.Contains("00:00:17:12 to", later.Text("#lanes-heading"));

        // A silly zoom is clamped to frame level; forms post back to the same state.
        var clamped = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=999999&at=250");
        Assert.Equal((25 * 40).ToString(System.Globalization.CultureInfo.InvariantCulture), clamped.Text("#timeline-zoom"));
        Assert.Contains("zoom=1000", clamped.Form("#ripple-form").Action);
    }

    [Fact]
    public async Task Selecting_a_clip_with_htmx_answers_the_details_fragment()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/Projects/{id}/Timeline?clip={clip.Id}");
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Target", "details");
        var response = await admin.SendAsync(request);
        response.AssertStatus(HttpStatusCode.OK);
        var fragment = await Html.ParseAsync(response);
        Assert.Null(fragment.QuerySelector("header.site-header"));
        Assert.NotNull(fragment.QuerySelector($"section#details article#clip-{clip.Id}"));
        Assert.Equal("Car", fragment.QuerySelector<IHtmlInputElement>("#ClipForm_Input_Name")!.Value);
        Assert.Contains("HX-Request", response.Headers.Vary);

        var workspace = new HttpRequestMessage(HttpMethod.Get, $"/Projects/{id}/Timeline?clip={clip.Id}");
        workspace.Headers.Add("HX-Request", "true");
        var whole = await Html.ParseAsync(await admin.SendAsync(workspace));
        Assert.NotNull(whole.QuerySelector("#timeline-workspace #timeline-lanes"));
    }

    [Fact]
    public async Task Scene_details_show_clip_count_covered_time_and_gaps()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Chorus", 0, 250);
        await TimelineSeed.AddClipAsync(_factory, id, "A", 0, 100, scene.Id);
        await TimelineSeed.AddClipAsync(_factory, id, "B", 150, 50, scene.Id);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?scene={scene.Id}");
        Assert.Equal("2", page.Text($"#scene-{scene.Id} #scene-clip-count"));
        Assert.Equal("00:00:06:00", page.Text("#scene-covered"));
        Assert.Equal("00:00:04:00 to 00:00:06:00; 00:00:08:00 to 00:00:10:00", page.Text("#scene-gaps"));
        Assert.Equal("Chorus", page.QuerySelector<IHtmlInputElement>("#SceneForm_Input_Name")!.Value);
    }

    [Fact]
    public async Task The_ruler_labels_are_drop_frame_timecode_at_29_97()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin, "29.97");
        await TimelineSeed.AddClipAsync(_factory, id, "Long", 0, 30 * 200);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=2&at=0");
        var labels = page.QuerySelectorAll(".ruler text").Select(t => t.TextContent).ToList();
        Assert.Contains("00:01:00;02", labels);
        Assert.All(labels, l => Assert.Matches(@"^\d\d:\d\d:\d\d;\d\d$", l));
        Assert.Equal("00:01:00;02", Timecode.Format(1800, FrameRate.Fps2997));
    }

    [Fact]
    public async Task A_clip_of_another_project_is_not_found_and_nothing_changes()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var mine = await TimelineSeed.AddClipAsync(_factory, id, "Mine", 0, 50);
        var other = await TimelineSeed.CreateProjectAsync(admin, name: "Other");
        var theirs = await TimelineSeed.AddClipAsync(_factory, other, "Theirs", 0, 50);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={mine.Id}");
        var form = FormOf(page, "#move-clip");
        form.Action = form.Action.Replace($"clip={mine.Id}", $"clip={theirs.Id}", StringComparison.Ordinal);
        var response = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Edit.By"] = "1" });
        response.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal(0, (await TimelineSeed.GetClipAsync(_factory, theirs.Id)).StartFrame);

        var htmx = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Edit.By"] = "1" }, headers: Htmx(page));
        htmx.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal("#flash", htmx.Headers.GetValues("HX-Retarget").Single());
    }

    [Fact]
    public async Task A_bad_time_is_refused_beside_its_field_and_nothing_changes()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clip.Id}&zoom=50");

        var response = await admin.SubmitAsync(FormOf(page, "#move-clip"),
            new Dictionary<string, string> { ["Edit.By"] = "soon" });
        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var after = await Html.ParseAsync(response);
        Assert.Equal("true", after.QuerySelector("#move-by")!.GetAttribute("aria-invalid"));
        Assert.Equal("move-by-error", after.QuerySelector("#move-by")!.GetAttribute("aria-describedby"));
        Assert.False(string.IsNullOrWhiteSpace(after.Text("#move-by-error")));
        Assert.Equal("soon", after.QuerySelector<IHtmlInputElement>("#move-by")!.Value);
        Assert.Equal("50", after.Text("#timeline-zoom"));

        // The clip form: a bad start with htmx answers 422 with the workspace and the error tied to the input.
        var htmx = await admin.SubmitAsync(page.Form($"#clip-form-{clip.Id}"),
            new Dictionary<string, string> { ["ClipForm.Input.Start"] = "later" }, headers: Htmx(page));
        htmx.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var fragment = await Html.ParseAsync(htmx);
        Assert.Equal($"#clip-form-{clip.Id}", htmx.Headers.GetValues("HX-Retarget").Single());
        var start = fragment.QuerySelector($"form#clip-form-{clip.Id} #ClipForm_Input_Start")!;
        Assert.Equal("true", start.GetAttribute("aria-invalid"));
        Assert.Equal("later", start.GetAttribute("value"));
        Assert.Equal(0, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
    }

    [Theory]
    [InlineData("c", "#NewClip_Input_Name")]
    [InlineData("Shift+S", "#NewScene_Input_Name")]
    [InlineData("p", "#promote-clip")]
    [InlineData(",", "#nudge-frame-earlier")]
    [InlineData(".", "#nudge-frame-later")]
    [InlineData("<", "#nudge-second-earlier")]
    [InlineData(">", "#nudge-second-later")]
    [InlineData("t", "#trim-start")]
    public async Task The_timeline_shortcuts_find_their_control_beside_a_selected_alternate(string keys, string selector)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50);
        var alternate = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50, originalId: clip.Id, take: 1);

        var shortcut = Assert.Single(Storyboard.Web.Pages.Help.ShortcutCatalog.All, s => s.Keys == keys);
        Assert.EndsWith($":{selector}", shortcut.Action, StringComparison.Ordinal);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={alternate.Id}");
        var control = page.QuerySelector(selector);
        Assert.NotNull(control);
        Assert.Equal(shortcut.Action.StartsWith("click:", StringComparison.Ordinal) ? "BUTTON" : "INPUT", control.TagName);
    }

    [Theory]
    [InlineData("#nudge-frame-earlier", "Move one frame earlier", "-1f")]
    [InlineData("#nudge-frame-later", "Move one frame later", "1f")]
    [InlineData("#nudge-second-earlier", "Move one second earlier", "-1")]
    [InlineData("#nudge-second-later", "Move one second later", "1")]
    public async Task The_nudge_buttons_are_named_move_forms_with_a_fixed_delta(string selector, string name, string by)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clip.Id}");

        var button = page.QuerySelector<IHtmlButtonElement>(selector)!;
        Assert.Equal(name, button.TextContent.Trim());
        Assert.Equal("Nudge", page.GetElementById(button.Closest("[role=group]")!.GetAttribute("aria-labelledby")!)!.TextContent);
        var form = FormOf(page, selector);
        Assert.Contains("handler=MoveClip", form.Action, StringComparison.Ordinal);
        Assert.Equal(by, form.QuerySelector<IHtmlInputElement>("input[name='Edit.By']")!.Value);
    }

    [Fact]
    public async Task Every_details_heading_takes_focus_after_an_edit()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 250);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 25, 50);
        foreach (var query in new[] { "", $"?clip={clip.Id}", $"?scene={scene.Id}" })
        {
            var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline{query}");
            var heading = page.QuerySelector("#details h2[data-swap-focus]");
            Assert.NotNull(heading);
            Assert.Equal("-1", heading.GetAttribute("tabindex"));
        }
    }

    [Fact]
    public async Task Viewers_see_the_timeline_without_edit_forms_and_cannot_post()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var adminPage = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clip.Id}");
        var viewer = await _factory.CreateUserClientAsync(admin, "vic", Roles.Viewer);

        var page = await viewer.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clip.Id}");
        Assert.NotNull(page.QuerySelector($"#lane-clip-{clip.Id}"));
        Assert.Null(page.QuerySelector("#delete-clip"));
        Assert.Null(page.QuerySelector("#nudge-frame-later"));
        Assert.Null(page.QuerySelector("#clip-form-new"));

        var response = await viewer.SubmitAsync(FormOf(adminPage, "#delete-clip"));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(50, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).LengthFrames);
    }
}
