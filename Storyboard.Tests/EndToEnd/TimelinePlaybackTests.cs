using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// The timeline's playback and drag island (wwwroot/js/timeline.js) with a real song uploaded on the dashboard: the
/// playhead follows the audio, the clip under it is current, the drawing seeks, items open in place, and clips dragged
/// with the mouse move (or are refused) through the same request as the "Move to" form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelinePlaybackTests(BrowserFixture browser)
{
    private const int Zoom = 100; // px per second: 1 s of song is 100 px of drawing

    /// <summary>A project with a real song of <paramref name="seconds"/>, two clips seeded in frames, on its timeline.</summary>
    private static async Task<(int Intro, int Verse)> OpenTimelineWithSongAsync(Journey journey, double seconds,
        (double Start, double Length) intro, (double Start, double Length) verse)
    {
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Playback");
        var page = journey.Page;
        var projectId = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        (int, int) clips = default;

        await journey.StepAsync("upload a song on the dashboard", async () =>
        {
            var song = TestAudio.Sine(journey.App.Factory.Folder, "mp3", seconds);
            await page.Locator("#song-file").SetInputFilesAsync(song);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload song" }).ClickAsync();
            await Expect(page.Locator("#song-duration")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        });

        await journey.StepAsync("put two clips on the timeline", async () =>
        {
            var factory = journey.App.Factory;
            var rate = await factory.QueryAsync(async db => (await db.Projects.FindAsync(projectId))!.FrameRate);
            long Frames(double s) => rate.FramesFromMicroseconds((long)(s * 1_000_000));
            var first = await TimelineSeed.AddClipAsync(factory, projectId, "Intro", Frames(intro.Start), Frames(intro.Length));
            var second = await TimelineSeed.AddClipAsync(factory, projectId, "Verse", Frames(verse.Start), Frames(verse.Length));
            clips = (first.Id, second.Id);
        });

        await journey.StepAsync("open the timeline with the player", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Timeline?zoom={Zoom}");
            await Expect(page.Locator("audio#timeline-player")).ToHaveAttributeAsync("src", new Regex(@"/media/songs/\d+/audio$"));
            // The song's length is known once the metadata is in; seeking before then would be clamped to nothing.
            await page.WaitForFunctionAsync("() => document.getElementById('timeline-player').duration > 0",
                null, new() { Timeout = 30_000 });
            await journey.CheckPageAsync("with the player");
        });
        return clips;
    }

    private static Task<double> CurrentTimeAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.getElementById('timeline-player').currentTime");

    private static Task WaitForAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync(condition, null, new() { Timeout = 20_000, PollingInterval = 50 });

    [Fact]
    public async Task Playing_moves_the_playhead_and_marks_the_current_clip_and_the_ruler_and_keys_seek()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var (intro, verse) = await OpenTimelineWithSongAsync(journey, 12, (0, 2), (2, 2));
        var page = journey.Page;
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var introItem = page.Locator($"#lane-clip-{intro}");
        var verseItem = page.Locator($"#lane-clip-{verse}");
        var current = new Regex(@"\bcurrent\b");

        await journey.StepAsync("Space plays: the playhead moves and the clip under it is current", async () =>
        {
            await page.EvaluateAsync("() => { window.stillTheSamePage = true; document.getElementById('timeline-player').sameElement = true; }");
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("Space");
            // Polled every 50 ms: the first clip is under the playhead for the first two seconds of the song.
            await WaitForAsync(page, $"() => document.getElementById('lane-clip-{intro}').classList.contains('current')");
            // Past two seconds (200 px) the second clip is under the playhead and the first is not.
            await WaitForAsync(page, "() => Number(document.getElementById('playhead').getAttribute('x1')) > 210");
            await WaitForAsync(page, $"() => document.getElementById('lane-clip-{verse}').classList.contains('current')");
            await Expect(introItem).Not.ToHaveClassAsync(current);

            // A clip clicked in the drawing while the song plays opens in place: same page, same player, still playing.
            var before = await CurrentTimeAsync(page);
            await verseItem.ClickAsync();
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Verse");
            await Expect(page).ToHaveURLAsync(new Regex($@"[?&]clip={verse}\b"));
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The click loaded a whole new page.");
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('timeline-player').sameElement === true"), "The player was replaced by the swap.");
            Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('timeline-player').paused"));
            Assert.True(await CurrentTimeAsync(page) >= before, "The swap rewound the song.");
            await journey.CheckPageAsync("a clip selected while playing");
        });

        await journey.StepAsync("Space pauses and the playhead time is shown", async () =>
        {
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("Space");
            await WaitForAsync(page, "() => document.getElementById('timeline-player').paused");
            await Expect(page.Locator("#playhead-time")).Not.ToHaveTextAsync("00:00:00:00");
        });

        await journey.StepAsync("a click on the ruler seeks there", async () =>
        {
            // 450 px into the ruler at 100 px/s is 4.5 s (the mouse, not a locator click: tick labels lie over the band).
            var drawing = await page.Locator("#timeline-svg").BoundingBoxAsync() ?? throw new InvalidOperationException("No drawing.");
            await page.Mouse.ClickAsync(drawing.X + 450, drawing.Y + 10);
            await WaitForAsync(page, "() => Math.abs(document.getElementById('timeline-player').currentTime - 4.5) < 0.05");
            await Expect(page.Locator("#playhead")).ToHaveAttributeAsync("x1", new Regex(@"^4(49|50)(\.\d+)?$"));
            await Expect(page.Locator("#playhead-time")).ToHaveTextAsync(new Regex("^00:00:04[:;]"));
            await Expect(verseItem).Not.ToHaveClassAsync(current);
        });

        await journey.StepAsync("Home and the arrow keys seek", async () =>
        {
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("Home");
            await WaitForAsync(page, "() => document.getElementById('timeline-player').currentTime === 0");
            await page.Keyboard.PressAsync("ArrowRight");
            await WaitForAsync(page, "() => Math.abs(document.getElementById('timeline-player').currentTime - 5) < 0.05");
            await page.Keyboard.PressAsync("ArrowLeft");
            await WaitForAsync(page, "() => document.getElementById('timeline-player').currentTime < 0.05");
            await Expect(page.Locator("#playhead")).ToHaveAttributeAsync("x1", "0.00");
        });

        await journey.StepAsync("Back returns to the timeline without the clip selected", async () =>
        {
            await page.GoBackAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex(@"[?&]clip="));
            await Expect(page.Locator("#details h2")).Not.ToHaveTextAsync("Clip Verse");
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await Expect(page.Locator("#timeline-svg")).ToHaveCountAsync(1);
            await Expect(page.Locator("audio#timeline-player")).ToHaveCountAsync(1);
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task Split_and_insert_act_where_the_song_was_sought_not_where_the_address_put_the_playhead()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var (intro, _) = await OpenTimelineWithSongAsync(journey, 12, (0, 4), (6, 2));
        var page = journey.Page;
        var introTimes = page.Locator($"#row-clip-{intro} td.mono");

        await journey.StepAsync("select the first clip and click the ruler at 1.5 seconds", async () =>
        {
            await page.Locator($"#row-clip-{intro} a").ClickAsync();
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Intro");
            var drawing = await page.Locator("#timeline-svg").BoundingBoxAsync() ?? throw new InvalidOperationException("No drawing.");
            await page.Mouse.ClickAsync(drawing.X + 150, drawing.Y + 10);
            await WaitForAsync(page, "() => Math.abs(document.getElementById('timeline-player').currentTime - 1.5) < 0.05");
            // Where the page shows the playhead, it now says the song's time: the split button, the split field and the
            // new clip's start (nothing typed there).
            var sought = new Regex("^00:00:01[:;]");
            await Expect(page.Locator("#playhead-time")).ToHaveTextAsync(sought);
            await Expect(page.Locator("#split-at-playhead [data-playhead-text]")).ToHaveTextAsync(sought);
            await Expect(page.Locator("#split-at")).ToHaveValueAsync(sought);
            await Expect(page.Locator("#clip-form-new input[name='NewClip.Input.Start']")).ToHaveValueAsync(sought);
        });

        await journey.StepAsync("Split at playhead splits there", async () =>
        {
            var sought = await page.Locator("#playhead-time").TextContentAsync();
            await page.Locator("#split-at-playhead").ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("The clip is split in two.");
            await Expect(introTimes.Nth(1)).ToHaveTextAsync(sought!);
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]playhead=\d+"));
            await journey.CheckPageAsync("split at the song's time");
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task Ctrl_and_shift_clicks_pick_clips_for_the_batch_move()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var (intro, verse) = await OpenTimelineWithSongAsync(journey, 12, (0, 1), (2, 1));
        var page = journey.Page;
        var projectId = int.Parse(Regex.Match(page.Url, @"/Projects/(\d+)/").Groups[1].Value, CultureInfo.InvariantCulture);
        var rate = await journey.App.Factory.QueryAsync(async db => (await db.Projects.FindAsync(projectId))!.FrameRate);
        var chorus = (await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Chorus",
            rate.FramesFromMicroseconds(4_000_000), rate.FramesFromMicroseconds(1_000_000))).Id;
        var picked = new Regex(@"\bpicked\b");

        await journey.StepAsync("Ctrl-click picks clips in the drawing, and again unpicks", async () =>
        {
            await page.ReloadAsync();
            await page.Locator($"#lane-clip-{intro}").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await page.Locator($"#lane-clip-{chorus}").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await Expect(page.Locator($"#pick-{intro}")).ToBeCheckedAsync();
            await Expect(page.Locator($"#pick-{chorus}")).ToBeCheckedAsync();
            await Expect(page.Locator($"#pick-{verse}")).Not.ToBeCheckedAsync();
            await Expect(page.Locator($"#lane-clip-{intro}")).ToHaveClassAsync(picked);
            await Expect(page.Locator("#batch-count")).ToHaveTextAsync("2 clips picked");
            await page.Locator($"#lane-clip-{chorus}").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await Expect(page.Locator($"#pick-{chorus}")).Not.ToBeCheckedAsync();
            await Expect(page.Locator($"#lane-clip-{chorus}")).Not.ToHaveClassAsync(picked);
            await Expect(page).Not.ToHaveURLAsync(new Regex("clip="));
            await journey.CheckPageAsync("clips picked in the drawing");
        });

        await journey.StepAsync("Shift-click picks the run from the last clicked clip, and the batch moves them", async () =>
        {
            await page.Locator($"#lane-clip-{intro}").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await Expect(page.Locator("#batch-count")).ToHaveTextAsync("");
            await page.Locator($"#lane-clip-{chorus}").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
            foreach (var clip in new[] { intro, verse, chorus })
            {
                await Expect(page.Locator($"#pick-{clip}")).ToBeCheckedAsync();
            }
            await Expect(page.Locator("#batch-count")).ToHaveTextAsync("3 clips picked");
            await page.Locator("#batch-by").FillAsync("2");
            await page.Locator("#batch-move").ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("3 clips moved.");
            await Expect(page.Locator($"#row-clip-{chorus} td.mono").First).ToHaveTextAsync(new Regex("^00:00:06[:;]00$"));
        });

        await journey.StepAsync("Shift-click on a box picks the run in the list", async () =>
        {
            await page.Locator($"#pick-{intro}").ClickAsync();
            await page.Locator($"#pick-{chorus}").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
            await Expect(page.Locator($"#pick-{verse}")).ToBeCheckedAsync();
            await Expect(page.Locator($"#lane-clip-{verse}")).ToHaveClassAsync(picked);
            await Expect(page.Locator("#batch-count")).ToHaveTextAsync("3 clips picked");
        });

        await journey.StepAsync("x picks and unpicks the selected clip from the keyboard", async () =>
        {
            await page.Locator($"#row-clip-{verse} th a").ClickAsync();
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Verse");
            await Expect(page.Locator("#batch-count")).ToHaveTextAsync("");
            await page.Keyboard.PressAsync("x");
            await Expect(page.Locator($"#pick-{verse}")).ToBeCheckedAsync();
            await Expect(page.Locator("#batch-count")).ToHaveTextAsync("1 clip picked");
            await page.Keyboard.PressAsync("x");
            await Expect(page.Locator($"#pick-{verse}")).Not.ToBeCheckedAsync();
            await journey.CheckPageAsync("picked from the keyboard");
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task Dragging_a_clip_moves_it_like_the_move_to_form_and_dropping_it_on_another_is_refused()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var (intro, verse) = await OpenTimelineWithSongAsync(journey, 6, (0, 2), (3, 2));
        var page = journey.Page;
        var introItem = page.Locator($"#lane-clip-{intro}");
        var introTimes = page.Locator($"#row-clip-{intro} td.mono");
        var verseTimes = page.Locator($"#row-clip-{verse} td.mono");

        async Task DragAsync(ILocator item, double pixels)
        {
            var box = await item.BoundingBoxAsync() ?? throw new InvalidOperationException("The clip is not drawn.");
            var (x, y) = (box.X + 20, box.Y + box.Height / 2);
            await page.Mouse.MoveAsync((float)x, (float)y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync((float)(x + pixels / 2), (float)y, new() { Steps = 5 });
            await page.Mouse.MoveAsync((float)(x + pixels), (float)y, new() { Steps = 5 });
            await page.Mouse.UpAsync();
        }

        await journey.StepAsync("drag the first clip one second later", async () =>
        {
            await Expect(introTimes.First).ToHaveTextAsync(new Regex("^00:00:00[:;]00$"));
            // A mark on the drawing tells whether the answer replaced the whole workspace or just the moved clip.
            await page.EvaluateAsync("() => { document.getElementById('timeline-svg').dataset.mark = 'kept'; }");
            await DragAsync(introItem, Zoom);
            await Expect(page.Locator("#flash")).ToHaveTextAsync(new Regex(@"The clip now starts at 00:00:01[:;]00\."));
            await Expect(introTimes.First).ToHaveTextAsync(new Regex("^00:00:01[:;]00$"));
            await Expect(introItem.Locator("svg")).ToHaveAttributeAsync("x", "100");
            // Only the moved clip was redrawn (out of band), as a real SVG item the pointer can grab again.
            await Expect(page.Locator("#timeline-svg")).ToHaveAttributeAsync("data-mark", "kept");
            Assert.True(await introItem.EvaluateAsync<bool>("item => item instanceof SVGAElement && item.getBBox().width > 0"));
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Intro");
            await journey.CheckPageAsync("clip dragged");
        });

        await journey.StepAsync("a short drag is a click and moves nothing", async () =>
        {
            await DragAsync(page.Locator($"#lane-clip-{verse}"), 2);
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Verse");
            await Expect(verseTimes.First).ToHaveTextAsync(new Regex("^00:00:03[:;]00$"));
        });

        await journey.StepAsync("dropping a clip onto another is refused and nothing moves", async () =>
        {
            // One and a half seconds later the first clip (1 s to 3 s) would cover the second (3 s to 5 s).
            await DragAsync(introItem, Zoom * 1.5);
            await Expect(page.Locator("#tools-error")).ToContainTextAsync("would overlap the clip Verse");
            await Expect(introTimes.First).ToHaveTextAsync(new Regex("^00:00:01[:;]00$"));
            await Expect(verseTimes.First).ToHaveTextAsync(new Regex("^00:00:03[:;]00$"));
            await Expect(introItem.Locator("svg")).ToHaveAttributeAsync("x", "100");
            await Expect(introItem).Not.ToHaveAttributeAsync("transform", new Regex("."));
            await journey.CheckPageAsync("drop refused");
        });

        await journey.FinishAsync();
    }
}
