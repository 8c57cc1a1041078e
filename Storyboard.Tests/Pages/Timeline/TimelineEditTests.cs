using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using static Storyboard.Tests.Pages.Timeline.TimelinePageTests;

namespace Storyboard.Tests.Pages.Timeline;

/// <summary>Every edit handler through the real parsed forms, without JS (redirect + flash) and with htmx (fragment).</summary>
public sealed class TimelineEditTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Htmx(IHtmlDocument page) => new()
    {
        ["HX-Request"] = "true",
        ["RequestVerificationToken"] = page.AntiforgeryToken(),
    };

    private Task<List<Clip>> ClipsAsync(int projectId) =>
        _factory.QueryAsync(db => db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.StartFrame).ThenBy(c => c.TakeNumber).ToListAsync());

    private static string RetargetOf(HttpResponseMessage response) => response.Headers.GetValues("HX-Retarget").Single();

    private static string Url(int id, string query = "") => $"/Projects/{id}/Timeline?zoom=50&at=0{query}";

    [Fact]
    public async Task Creating_a_scene_and_a_clip_without_js_redirects_with_a_flash_keeping_the_zoom()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var page = await admin.GetDocumentAsync(Url(id, "&playhead=50"));
        Assert.Equal("00:00:02:00", page.QuerySelector<IHtmlInputElement>("#NewClip_Input_Start")!.Value);

        var sceneResponse = await admin.SubmitAsync(page.Form("#scene-form-new"), new Dictionary<string, string>
        {
            ["NewScene.Input.Name"] = "Verse",
            ["NewScene.Input.Start"] = "0",
            ["NewScene.Input.Length"] = "10",
            ["NewScene.Input.Section"] = "Chorus",
            ["NewScene.Input.Lyrics"] = "La la",
        });
        sceneResponse.AssertStatus(HttpStatusCode.OK);
        var afterScene = await Html.ParseAsync(sceneResponse);
        Assert.Contains("zoom=50", sceneResponse.RequestMessage!.RequestUri!.Query);
        Assert.Equal("The scene is added.", afterScene.Text("#flash"));
        var scene = await _factory.QueryAsync(db => db.Scenes.SingleAsync(s => s.ProjectId == id));
        Assert.Equal((0L, 250L, SectionKind.Chorus, "La la"), (scene.StartFrame, scene.LengthFrames, scene.Section, scene.Lyrics));
        Assert.NotNull(afterScene.QuerySelector($"article#scene-{scene.Id}"));

        var clipResponse = await admin.SubmitAsync(afterScene.Form("#clip-form-new"), new Dictionary<string, string>
        {
            ["NewClip.Input.Name"] = "Car",
            ["NewClip.Input.Length"] = "2.5",
            ["NewClip.Input.ImagePrompt"] = "a red car at night",
            ["NewClip.Input.ShotSize"] = "WideShot",
        });
        var afterClip = await Html.ParseAsync(clipResponse);
        Assert.Equal("The clip is added.", afterClip.Text("#flash"));
        var clip = Assert.Single(await ClipsAsync(id));
        Assert.Equal((50L, 63L, scene.Id, ShotSize.WideShot), (clip.StartFrame, clip.LengthFrames, clip.SceneId, clip.ShotSize));
        Assert.NotNull(afterClip.QuerySelector($"article#clip-{clip.Id}"));
        Assert.NotNull(afterClip.QuerySelector($"#lane-clip-{clip.Id}"));
    }

    [Fact]
    public async Task Saving_a_clip_with_htmx_answers_the_workspace_and_an_out_of_band_flash()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));

        var response = await admin.SubmitAsync(page.Form($"#clip-form-{clip.Id}"), new Dictionary<string, string>
        {
            ["ClipForm.Input.Name"] = "Red car",
            ["ClipForm.Input.Lyrics"] = "drive",
            ["ClipForm.Input.Notes"] = "slow",
            ["ClipForm.Input.TransitionIn"] = "Dissolve",
            ["ClipForm.Input.TransitionFrames"] = "10",
        }, headers: Htmx(page));
        response.AssertStatus(HttpStatusCode.OK);
        var fragment = await Html.ParseAsync(response);
        Assert.NotNull(fragment.QuerySelector("#timeline-workspace"));
        Assert.Equal("The clip is saved.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.Equal("Clip Red car", fragment.Text($"#clip-{clip.Id} h2"));
        var saved = await TimelineSeed.GetClipAsync(_factory, clip.Id);
        Assert.Equal(("Red car", "drive", "slow", TransitionKind.Dissolve, 10), (saved.Name, saved.Lyrics, saved.Notes, saved.TransitionIn, saved.TransitionFrames));
    }

    [Fact]
    public async Task An_overlapping_clip_is_refused_with_a_button_placing_it_at_the_nearest_free_start()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddClipAsync(_factory, id, "First", 0, 50);
        var page = await admin.GetDocumentAsync(Url(id));

        var response = await admin.SubmitAsync(page.Form("#clip-form-new"), new Dictionary<string, string>
        {
            ["NewClip.Input.Name"] = "Second",
            ["NewClip.Input.Start"] = "1",
            ["NewClip.Input.Length"] = "1",
        });
        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var refused = await Html.ParseAsync(response);
        Assert.Equal("true", refused.QuerySelector("#NewClip_Input_Start")!.GetAttribute("aria-invalid"));
        Assert.Single(await ClipsAsync(id));
        var place = refused.QuerySelector<IHtmlButtonElement>("#clip-form-new button[name=placeAt]")!;
        Assert.Equal("Place it at 00:00:02:00", place.TextContent.Trim());

        var placed = await admin.SubmitAsync(refused.Form("#clip-form-new"), submitSelector: "button[name=placeAt]");
        Assert.Equal("The clip is added.", (await Html.ParseAsync(placed)).Text("#flash"));
        Assert.Equal([0L, 50L], (await ClipsAsync(id)).Select(c => c.StartFrame));
    }

    [Fact]
    public async Task A_stale_save_is_refused_showing_your_values_and_the_current_ones()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var first = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));
        var second = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));

        await admin.SubmitAsync(first.Form($"#clip-form-{clip.Id}"), new Dictionary<string, string> { ["ClipForm.Input.Name"] = "Theirs" });
        var response = await admin.SubmitAsync(second.Form($"#clip-form-{clip.Id}"), new Dictionary<string, string> { ["ClipForm.Input.Name"] = "Mine" },
            headers: Htmx(second));
        response.AssertStatus(HttpStatusCode.Conflict);
        var conflict = await Html.ParseAsync(response);
        Assert.Equal($"#clip-form-{clip.Id}", RetargetOf(response));
        var row = conflict.QuerySelectorAll("table.conflict tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Name");
        Assert.Equal(["Mine", "Theirs"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        // The form holds the current values and version, ready to apply the change again.
        Assert.Equal("Theirs", conflict.QuerySelector<IHtmlInputElement>("#ClipForm_Input_Name")!.Value);
        Assert.Equal("Theirs", (await TimelineSeed.GetClipAsync(_factory, clip.Id)).Name);

        var again = await admin.SubmitAsync(conflict.Form($"#clip-form-{clip.Id}"), new Dictionary<string, string> { ["ClipForm.Input.Name"] = "Mine" });
        again.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Mine", (await TimelineSeed.GetClipAsync(_factory, clip.Id)).Name);
    }

    [Fact]
    public async Task Move_trim_and_split_edit_the_selected_clip()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));

        var moved = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#move-clip"), new Dictionary<string, string> { ["Edit.By"] = "1" }));
        Assert.Equal(25, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
        var movedTo = await Html.ParseAsync(await admin.SubmitAsync(FormOf(moved, "#move-clip"), new Dictionary<string, string> { ["Edit.To"] = "00:00:04:00" }));
        Assert.Equal(100, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
        var back = await Html.ParseAsync(await admin.SubmitAsync(FormOf(movedTo, "#move-clip"), new Dictionary<string, string> { ["Edit.By"] = "-2" }));
        Assert.Equal(50, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);

        var trimmed = await Html.ParseAsync(await admin.SubmitAsync(FormOf(back, "#trim-clip"), new Dictionary<string, string>
        {
            ["Edit.Start"] = "00:00:02:10",
            ["Edit.End"] = "00:00:06:00",
        }));
        var after = await TimelineSeed.GetClipAsync(_factory, clip.Id);
        Assert.Equal((60L, 90L), (after.StartFrame, after.LengthFrames));

        var split = await admin.SubmitAsync(FormOf(trimmed, "#split-clip"), new Dictionary<string, string> { ["Edit.At"] = "4" });
        Assert.Equal("The clip is split in two.", (await Html.ParseAsync(split)).Text("#flash"));
        Assert.Equal([(60L, 40L), (100L, 50L)], (await ClipsAsync(id)).Select(c => (c.StartFrame, c.LengthFrames)));
    }

    [Fact]
    public async Task A_posted_playhead_wins_over_the_address_so_split_acts_where_the_song_is()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}&playhead=10"));
        // What timeline.js adds to each post once the song has been played or sought: the song's frame.
        var form = FormOf(page, "#split-at-playhead");
        var playhead = page.CreateElement<IHtmlInputElement>();
        (playhead.Type, playhead.Name, playhead.Value) = ("hidden", "playhead", "30");
        form.AppendChild(playhead);

        var response = await admin.SubmitAsync(form);

        Assert.Equal([(0L, 30L), (30L, 20L)], (await ClipsAsync(id)).Select(c => (c.StartFrame, c.LengthFrames)));
        var after = await Html.ParseAsync(response);
        Assert.Contains("playhead=30", response.RequestMessage!.RequestUri!.Query);
        Assert.Equal("00:00:01:05", after.Text("#playhead-time"));
    }

    [Fact]
    public async Task The_nudge_buttons_move_the_selected_clip_a_frame_or_a_second()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));

        // 25 fps: a second is 25 frames. Each answer is the page again, with the same buttons to press next.
        var steps = new (string Button, long Start, string Said)[]
        {
            ("#nudge-second-later", 75, "00:00:03:00"), ("#nudge-frame-earlier", 74, "00:00:02:24"),
            ("#nudge-frame-later", 75, "00:00:03:00"), ("#nudge-second-earlier", 50, "00:00:02:00"),
        };
        foreach (var (button, start, said) in steps)
        {
            page = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, button)));
            Assert.Equal($"The clip now starts at {said}.", page.Text("#flash"));
            var after = await TimelineSeed.GetClipAsync(_factory, clip.Id);
            Assert.Equal((start, 50L), (after.StartFrame, after.LengthFrames));
        }

        var response = await admin.SubmitAsync(FormOf(page, "#nudge-frame-later"), headers: Htmx(page));
        var fragment = await Html.ParseAsync(response);
        Assert.Equal("The clip now starts at 00:00:02:01.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.NotNull(fragment.QuerySelector($"article#clip-{clip.Id} #nudge-frame-later"));
        Assert.Equal(51, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
    }

    [Fact]
    public async Task Split_at_the_playhead_duplicate_alternate_promote_and_delete()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 100);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}&playhead=40"));

        await admin.SubmitAsync(FormOf(page, "#split-at-playhead"));
        Assert.Equal([(0L, 40L), (40L, 60L)], (await ClipsAsync(id)).Select(c => (c.StartFrame, c.LengthFrames)));

        page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));
        var duplicateResponse = await admin.SubmitAsync(FormOf(page, "#duplicate-clip"), headers: Htmx(page));
        var duplicated = await Html.ParseAsync(duplicateResponse);
        Assert.Equal(3, (await ClipsAsync(id)).Count);
        var copy = (await ClipsAsync(id)).Single(c => c.StartFrame == 100);
        // The copy is selected, and the address bar says so.
        Assert.NotNull(duplicated.QuerySelector($"article#clip-{copy.Id}"));
        Assert.Contains($"clip={copy.Id}", duplicateResponse.Headers.GetValues("HX-Push-Url").Single());
        Assert.Equal("The clip is duplicated.", duplicated.Text("#flash[hx-swap-oob]"));

        var alternated = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#clip-alternate")));
        var alternate = (await ClipsAsync(id)).Single(c => !c.IsMain);
        Assert.Equal(clip.Id, alternate.OriginalId);
        Assert.NotNull(alternated.QuerySelector($"article#clip-{alternate.Id}"));

        await admin.SubmitAsync(FormOf(alternated, "#promote-clip"));
        Assert.True((await TimelineSeed.GetClipAsync(_factory, alternate.Id)).IsMain);
        Assert.False((await TimelineSeed.GetClipAsync(_factory, clip.Id)).IsMain);

        page = await admin.GetDocumentAsync(Url(id, $"&clip={alternate.Id}"));
        var deleted = await admin.SubmitAsync(FormOf(page, "#delete-clip"));
        Assert.Equal("The clip is deleted. Undo brings it back.", (await Html.ParseAsync(deleted)).Text("#flash"));
        Assert.DoesNotContain(await ClipsAsync(id), c => c.Id == alternate.Id);
    }

    [Fact]
    public async Task A_move_onto_another_clip_offers_the_nearest_free_start()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddClipAsync(_factory, id, "First", 0, 50);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Second", 100, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));

        var response = await admin.SubmitAsync(FormOf(page, "#move-clip"), new Dictionary<string, string> { ["Edit.To"] = "1" }, headers: Htmx(page));
        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var refused = await Html.ParseAsync(response);
        Assert.NotNull(refused.QuerySelector("#tools-error[role=alert]"));
        Assert.Equal("Place it at 00:00:02:00", refused.Text("#place-clip"));
        Assert.Equal(100, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);

        await admin.SubmitAsync(FormOf(refused, "#place-clip"));
        Assert.Equal(50, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
    }

    [Fact]
    public async Task Ripple_and_the_clip_list_checkboxes_move_and_delete_many_clips()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var a = await TimelineSeed.AddClipAsync(_factory, id, "A", 0, 25);
        var b = await TimelineSeed.AddClipAsync(_factory, id, "B", 50, 25);
        var c = await TimelineSeed.AddClipAsync(_factory, id, "C", 100, 25);
        var page = await admin.GetDocumentAsync(Url(id));

        var rippled = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#ripple-form"), new Dictionary<string, string>
        {
            ["Edit.From"] = "2",
            ["Edit.By"] = "1",
        }));
        Assert.Equal([0L, 75L, 125L], (await ClipsAsync(id)).Select(x => x.StartFrame));

        var form = rippled.Form("#batch-form");
        form.QuerySelector<IHtmlInputElement>($"#pick-{a.Id}")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>($"#pick-{b.Id}")!.IsChecked = true;
        var moved = await Html.ParseAsync(await admin.SubmitAsync(form, new Dictionary<string, string> { ["Edit.By"] = "10f" }, "#batch-move"));
        Assert.Equal([10L, 85L, 125L], (await ClipsAsync(id)).Select(x => x.StartFrame));

        var none = await admin.SubmitAsync(moved.Form("#batch-form"), submitSelector: "#batch-delete");
        none.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrWhiteSpace((await Html.ParseAsync(none)).Text("#batch-selected-error")));

        var deleteForm = moved.Form("#batch-form");
        deleteForm.QuerySelector<IHtmlInputElement>($"#pick-{c.Id}")!.IsChecked = true;
        await admin.SubmitAsync(deleteForm, submitSelector: "#batch-delete");
        Assert.Equal([a.Id, b.Id], (await ClipsAsync(id)).Select(x => x.Id));
    }

    [Fact]
    public async Task Undo_and_redo_step_through_the_history_list()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}"));
        var moved = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#move-clip"), new Dictionary<string, string> { ["Edit.By"] = "1" }));
        Assert.Single(moved.QuerySelectorAll("#history .history-list li"));
        Assert.Null(moved.QuerySelector("#undo")!.GetAttribute("disabled"));

        var undone = await Html.ParseAsync(await admin.SubmitAsync(FormOf(moved, "#undo"), headers: Htmx(moved)));
        Assert.Equal(0, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
        Assert.StartsWith("Undone:", undone.Text("#flash[hx-swap-oob]"));
        Assert.NotNull(undone.QuerySelector("#history .history-list li.undone"));

        var redone = await Html.ParseAsync(await admin.SubmitAsync(FormOf(undone, "#redo")));
        Assert.Equal(25, (await TimelineSeed.GetClipAsync(_factory, clip.Id)).StartFrame);
        Assert.StartsWith("Redone:", redone.Text("#flash"));
        Assert.NotNull(redone.QuerySelector("#redo[disabled]"));
    }

    [Fact]
    public async Task Scene_edits_save_duplicate_alternate_promote_and_trash()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 100);
        var page = await admin.GetDocumentAsync(Url(id, $"&scene={scene.Id}"));

        var saved = await Html.ParseAsync(await admin.SubmitAsync(page.Form($"#scene-form-{scene.Id}"), new Dictionary<string, string>
        {
            ["SceneForm.Input.Name"] = "Verse 1",
            ["SceneForm.Input.Description"] = "Night city",
            ["SceneForm.Input.Section"] = "Custom",
            ["SceneForm.Input.CustomSection"] = "Rap",
            ["SceneForm.Input.Color"] = "#aa3300",
            ["SceneForm.Input.Length"] = "6",
        }));
        var after = await _factory.QueryAsync(db => db.Scenes.AsNoTracking().SingleAsync(s => s.Id == scene.Id));
        Assert.Equal(("Verse 1", "Night city", SectionKind.Custom, "Rap", "#aa3300", 150L), (after.Name, after.Description, after.Section, after.CustomSection, after.Color, after.LengthFrames));

        await admin.SubmitAsync(FormOf(saved, "#duplicate-scene"));
        var alternated = await Html.ParseAsync(await admin.SubmitAsync(FormOf(saved, "#scene-alternate")));
        var scenes = await _factory.QueryAsync(db => db.Scenes.AsNoTracking().Where(s => s.ProjectId == id).ToListAsync());
        Assert.Equal(3, scenes.Count);
        var alternate = scenes.Single(s => !s.IsMain);
        Assert.NotNull(alternated.QuerySelector($"#lane-scene-{alternate.Id}"));

        await admin.SubmitAsync(FormOf(alternated, "#promote-scene"));
        Assert.True((await _factory.QueryAsync(db => db.Scenes.AsNoTracking().SingleAsync(s => s.Id == alternate.Id))).IsMain);

        var copy = scenes.Single(s => s.IsMain && s.Id != scene.Id);
        var copyPage = await admin.GetDocumentAsync(Url(id, $"&scene={copy.Id}"));
        var trashed = await admin.SubmitAsync(FormOf(copyPage, "#trash-scene"));
        Assert.Contains("Trash", (await Html.ParseAsync(trashed)).Text("#flash"));
        Assert.NotNull((await _factory.QueryAsync(db => db.Scenes.AsNoTracking().SingleAsync(s => s.Id == copy.Id))).DeletedAt);
    }

    [Fact]
    public async Task A_bad_scene_time_is_refused_with_htmx_and_nothing_is_stored()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var page = await admin.GetDocumentAsync(Url(id));
        var response = await admin.SubmitAsync(page.Form("#scene-form-new"), new Dictionary<string, string>
        {
            ["NewScene.Input.Name"] = "",
            ["NewScene.Input.Length"] = "forever",
        }, headers: Htmx(page));
        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var fragment = await Html.ParseAsync(response);
        Assert.Equal("true", fragment.QuerySelector("#NewScene_Input_Length")!.GetAttribute("aria-invalid"));
        Assert.Equal("true", fragment.QuerySelector("#NewScene_Input_Name")!.GetAttribute("aria-invalid"));
        // Just the form, swapped in place of itself.
        Assert.Equal("#scene-form-new", RetargetOf(response));
        Assert.Null(fragment.QuerySelector("#timeline-lanes"));
        Assert.Equal(0, await _factory.QueryAsync(db => db.Scenes.CountAsync(s => s.ProjectId == id)));
    }

    [Fact]
    public async Task Go_to_time_moves_the_playhead_and_scrolls_it_into_view()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddClipAsync(_factory, id, "Long", 0, 25 * 120);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=100");

        var bad = await admin.SubmitAsync(FormOf(page, "form:has(#go-at) button"), new Dictionary<string, string> { ["Edit.At"] = "whenever" });
        bad.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("true", (await Html.ParseAsync(bad)).QuerySelector("#go-at")!.GetAttribute("aria-invalid"));

        var response = await admin.SubmitAsync(FormOf(page, "form:has(#go-at) button"), new Dictionary<string, string> { ["Edit.At"] = "1:00" });
        var moved = await Html.ParseAsync(response);
        Assert.Equal("00:01:00:00", moved.Text("#playhead-time"));
        Assert.Contains("playhead=1500", response.RequestMessage!.RequestUri!.Query);
        Assert.NotNull(moved.QuerySelector("#playhead"));
        Assert.Equal("00:01:00:00", moved.QuerySelector<IHtmlInputElement>("#NewClip_Input_Start")!.Value);
    }

    [Fact]
    public async Task A_refused_split_shows_the_reason_beside_the_split_field_and_keeps_the_clip()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var page = await admin.GetDocumentAsync(Url(id, $"&clip={clip.Id}&playhead=0"));

        // Splitting at the clip's first frame is refused by the service with a message for the whole request.
        var htmx = await admin.SubmitAsync(FormOf(page, "#split-at-playhead"), headers: Htmx(page));
        htmx.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var fragment = await Html.ParseAsync(htmx);
        Assert.Contains("inside it", fragment.Text("details[open] #split-at-error"));
        Assert.Equal("true", fragment.QuerySelector("#split-at")!.GetAttribute("aria-invalid"));
        Assert.Single(await ClipsAsync(id));
    }

    [Fact]
    public async Task A_refused_action_without_a_field_answers_with_the_flash_convention()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 100);
        await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 100, originalId: scene.Id, take: 1);
        var page = await admin.GetDocumentAsync(Url(id, $"&scene={scene.Id}"));

        // The main take of a scene with alternates cannot go to the Trash alone: the service says why.
        var htmx = await admin.SubmitAsync(FormOf(page, "#trash-scene"), headers: Htmx(page));
        htmx.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("#flash", htmx.Headers.GetValues("HX-Retarget").Single());
        Assert.NotEmpty((await Html.ParseAsync(htmx)).Text(".flash-error"));

        var plain = await admin.SubmitAsync(FormOf(page, "#trash-scene"));
        plain.AssertStatus(HttpStatusCode.OK);
        Assert.NotEmpty((await Html.ParseAsync(plain)).Text("#flash .flash-error"));
        Assert.Null((await _factory.QueryAsync(db => db.Scenes.AsNoTracking().SingleAsync(s => s.Id == scene.Id))).DeletedAt);
    }

    [Fact]
    public async Task A_stale_scene_save_is_refused_with_the_current_values_and_nothing_changes()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var scene = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 100);
        var first = await admin.GetDocumentAsync(Url(id, $"&scene={scene.Id}"));
        var second = await admin.GetDocumentAsync(Url(id, $"&scene={scene.Id}"));
        await admin.SubmitAsync(first.Form($"#scene-form-{scene.Id}"), new Dictionary<string, string> { ["SceneForm.Input.Lyrics"] = "theirs" });

        var response = await admin.SubmitAsync(second.Form($"#scene-form-{scene.Id}"), new Dictionary<string, string> { ["SceneForm.Input.Lyrics"] = "mine" });
        response.AssertStatus(HttpStatusCode.Conflict);
        var page = await Html.ParseAsync(response);
        var row = page.QuerySelectorAll("table.conflict tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Lyrics");
        Assert.Equal(["mine", "theirs"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("theirs", page.QuerySelector<IHtmlTextAreaElement>("#SceneForm_Input_Lyrics")!.Value);
        Assert.Equal("theirs", (await _factory.QueryAsync(db => db.Scenes.AsNoTracking().SingleAsync(s => s.Id == scene.Id))).Lyrics);
    }

    [Fact]
    public async Task Undo_with_nothing_to_undo_says_so()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var page = await admin.GetDocumentAsync(Url(id));
        var form = FormOf(page, "#undo");
        page.QuerySelector("#undo")!.RemoveAttribute("disabled");
        var response = await admin.SubmitAsync(form);
        Assert.Equal("There is nothing to undo.", (await Html.ParseAsync(response)).Text("#flash"));
    }
}
