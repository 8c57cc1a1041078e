using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Gallery;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// Presentation mode (wwwroot/js/present.js) in Chromium: the slideshow list becomes the player, walked by keyboard
/// through its three views, following a real song's clock; axe on every view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PresentationJourneyTests(BrowserFixture browser)
{
    private static BrowserNewContextOptions Wide => new() { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } };

    private static int ProjectIdOf(IPage page) =>
        int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Two scenes of two clips each, one second per clip from the song's start (ids in time order).</summary>
    private static async Task<int[]> SeedFourShotsAsync(Journey journey, int projectId) =>
        await StepAsync(journey, "put two scenes of two clips on the timeline", async () =>
        {
            var factory = journey.App.Factory;
            var rate = await factory.QueryAsync(async db => (await db.Projects.FindAsync(projectId))!.FrameRate);
            long Frames(double s) => rate.FramesFromMicroseconds((long)(s * 1_000_000));
            var day = await TimelineSeed.AddSceneAsync(factory, projectId, "Day", 0, Frames(2));
            var night = await TimelineSeed.AddSceneAsync(factory, projectId, "Night", Frames(2), Frames(2));
            var ids = new List<int>();
            foreach (var (name, at, scene) in new[] { ("Sunrise", 0.0, day.Id), ("Street", 1.0, day.Id), ("Night road", 2.0, night.Id), ("Tail lights", 3.0, night.Id) })
            {
                ids.Add((await TimelineSeed.AddClipAsync(factory, projectId, name, Frames(at), Frames(1), scene)).Id);
            }
            return ids.ToArray();
        });

    /// <summary>Makes a real H.264 video (a test pattern, as a GPU server's) the chosen video of the clip.</summary>
    private static Task ChooseVideoAsync(Journey journey, int projectId, int clipId) =>
        journey.StepAsync("choose a video for the third shot", async () =>
        {
            var factory = journey.App.Factory;
            var path = TestAudio.Pattern(factory.Folder, 2, 320, 180);
            var hash = await GallerySeed.StoreAsync(factory, await File.ReadAllBytesAsync(path), ".mp4", "video/mp4");
            await GallerySeed.AddAsync(factory, projectId, clipId, 3, kind: OutputKind.Video, set: g => (g.MediaHash, g.Width, g.Height) = (hash, 320, 180));
            await factory.QueryAsync(async db =>
            {
                (await db.Clips.FindAsync(clipId))!.ChosenVideoHash = hash;
                return await db.SaveChangesAsync();
            });
        });

    private static async Task<T> StepAsync<T>(Journey journey, string step, Func<Task<T>> action)
    {
        T result = default!;
        await journey.StepAsync(step, async () => result = await action());
        return result;
    }

    private static Task WaitForAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync(condition, null, new() { Timeout = 20_000, PollingInterval = 50 });

    private static ILocator Shot(IPage page, int clipId) => page.Locator($"#present-clip-{clipId}");

    [Fact]
    public async Task Presenting_walks_the_shots_by_keyboard_through_three_views_and_follows_the_song()
    {
        await using var journey = await Journey.StartAsync(browser, this, Wide);
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Present");
        var page = journey.Page;
        var projectId = ProjectIdOf(page);
        var current = new Regex(@"\bcurrent\b");
        var live = page.Locator("#present-live");

        await journey.StepAsync("upload a song on the dashboard", async () =>
        {
            // Long past the last shot, so the song is still playing whenever a slow machine gets to pause it.
            var song = TestAudio.Sine(journey.App.Factory.Folder, "mp3", 30);
            await page.Locator("#song-file").SetInputFilesAsync(song);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload song" }).ClickAsync();
            await Expect(page.Locator("#song-duration")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        });
        var shots = await SeedFourShotsAsync(journey, projectId);
        await ChooseVideoAsync(journey, projectId, shots[2]);

        await journey.StepAsync("open the presentation: the first shot alone, with the player's controls", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Present");
            await Expect(page.Locator("#present-controls")).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => document.getElementById('present-audio').duration > 0", null, new() { Timeout = 30_000 });
            await Expect(Shot(page, shots[0])).ToHaveClassAsync(current);
            await Expect(Shot(page, shots[0])).ToBeVisibleAsync();
            await Expect(Shot(page, shots[1])).ToBeHiddenAsync();
            await Expect(page.Locator("#present-position")).ToHaveTextAsync("Shot 1 of 4: Sunrise, 00:00:00:00");
            await Expect(Shot(page, shots[0]).Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 1280);
            await journey.CheckPageAsync("single view");
        });

        await journey.StepAsync("the right arrow moves to the second shot and the live region says so", async () =>
        {
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(Shot(page, shots[1])).ToHaveClassAsync(current);
            await Expect(Shot(page, shots[1])).ToHaveAttributeAsync("aria-current", "true");
            await Expect(Shot(page, shots[0])).ToBeHiddenAsync();
            await Expect(live).ToHaveTextAsync(new Regex(@"^Shot 2 of 4: Street, 00:00:01[:;]00$"));
            // The jump moved the song to the shot's start.
            await WaitForAsync(page, "() => Math.abs(document.getElementById('present-audio').currentTime - 1) < 0.1");
        });

        await journey.StepAsync("End goes to the last shot, the down arrow stays in the last scene, Home goes back", async () =>
        {
            await page.Keyboard.PressAsync("End");
            await Expect(Shot(page, shots[3])).ToHaveClassAsync(current);
            await Expect(live).ToHaveTextAsync(new Regex("^Shot 4 of 4: Tail lights"));
            await page.Keyboard.PressAsync("ArrowUp");
            await Expect(Shot(page, shots[2])).ToHaveClassAsync(current);
            await page.Keyboard.PressAsync("ArrowUp");
            await Expect(Shot(page, shots[0])).ToHaveClassAsync(current);
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(Shot(page, shots[2])).ToHaveClassAsync(current);
            await Expect(live).ToHaveTextAsync(new Regex("^Shot 3 of 4: Night road"));
        });

        await journey.StepAsync("2 shows the scene's shots as a grid with the current one marked", async () =>
        {
            await page.Keyboard.PressAsync("2");
            await Expect(page.Locator("#presentation")).ToHaveAttributeAsync("data-view", "scene");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Scene", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(Shot(page, shots[2])).ToBeVisibleAsync();
            await Expect(Shot(page, shots[3])).ToBeVisibleAsync();
            await Expect(Shot(page, shots[0])).ToBeHiddenAsync();
            await Expect(Shot(page, shots[1])).ToBeHiddenAsync();
            await Expect(Shot(page, shots[2])).ToHaveClassAsync(current);
            await Expect(live).ToHaveTextAsync("The shots of scene Night");
            await Expect(page.Locator("#present-position")).ToHaveTextAsync(new Regex("^Shot 3 of 4: Night road, .* · Scene: Night$"));
            await journey.CheckPageAsync("scene view");
        });

        await journey.StepAsync("3 shows every shot; a click on one makes it current", async () =>
        {
            await page.Keyboard.PressAsync("3");
            await Expect(page.Locator("#presentation")).ToHaveAttributeAsync("data-view", "grid");
            await Expect(live).ToHaveTextAsync("All 4 shots");
            foreach (var shot in shots)
            {
                await Expect(Shot(page, shot)).ToBeVisibleAsync();
            }
            await journey.CheckPageAsync("grid view");
            await Shot(page, shots[1]).Locator("figure").ClickAsync();
            await Expect(Shot(page, shots[1])).ToHaveClassAsync(current);
            await Expect(Shot(page, shots[2])).Not.ToHaveClassAsync(current);
        });

        await journey.StepAsync("1 goes back to the single shot", async () =>
        {
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
            await page.Keyboard.PressAsync("1");
            await Expect(page.Locator("#presentation")).ToHaveAttributeAsync("data-view", "single");
            await Expect(Shot(page, shots[1])).ToBeVisibleAsync();
            await Expect(Shot(page, shots[2])).ToBeHiddenAsync();
        });

        await journey.StepAsync("Space plays from the first shot and the current shot follows the song", async () =>
        {
            await page.Keyboard.PressAsync("Home");
            await Expect(Shot(page, shots[0])).ToHaveClassAsync(current);
            await page.Keyboard.PressAsync("Space");
            await Expect(page.Locator("#present-play")).ToHaveTextAsync("Pause");
            // One second in, the song reaches the second shot on its own.
            await WaitForAsync(page, $"() => document.getElementById('present-clip-{shots[1]}').classList.contains('current')");
            // Sought from outside the player (as the native controls do) to inside the third shot's time.
            await page.EvaluateAsync("() => { document.getElementById('present-audio').currentTime = 2.5; }");
            await WaitForAsync(page, $"() => document.getElementById('present-clip-{shots[2]}').classList.contains('current')");
            await Expect(live).ToHaveTextAsync(new Regex("^Shot 3 of 4: Night road"));
            Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('present-audio').paused"));
            // The shot's video plays muted, without controls of its own, at the song's position in the shot.
            var video = Shot(page, shots[2]).Locator("video");
            await WaitForAsync(page, $"() => {{ const v = document.querySelector('#present-clip-{shots[2]} video'); return !v.paused && v.currentTime > 0; }}");
            await Expect(video).ToHaveJSPropertyAsync("muted", true);
            await Expect(video).ToHaveJSPropertyAsync("controls", false);
            var drift = await page.EvaluateAsync<double>(
                $"() => Math.abs(document.querySelector('#present-clip-{shots[2]} video').currentTime - (document.getElementById('present-audio').currentTime - 2))");
            Assert.True(drift < 0.6, $"The video is {drift:0.00} s away from the song.");
            await journey.CheckPageAsync("playing");
            await page.Keyboard.PressAsync("Space");
            await WaitForAsync(page, "() => document.getElementById('present-audio').paused");
            await Expect(page.Locator("#present-play")).ToHaveTextAsync("Play");
        });

        await journey.StepAsync("the buttons do what the keys do", async () =>
        {
            // Wherever the song stopped, Home puts the presentation back on the first shot.
            await page.Keyboard.PressAsync("Home");
            await Expect(Shot(page, shots[0])).ToHaveClassAsync(current);
            await page.GetByRole(AriaRole.Button, new() { Name = "Next shot" }).ClickAsync();
            await Expect(Shot(page, shots[1])).ToHaveClassAsync(current);
            await page.GetByRole(AriaRole.Button, new() { Name = "Previous shot" }).ClickAsync();
            await Expect(Shot(page, shots[0])).ToHaveClassAsync(current);
            await Expect(live).ToHaveTextAsync(new Regex("^Shot 1 of 4: Sunrise"));
            await page.GetByRole(AriaRole.Button, new() { Name = "All shots" }).ClickAsync();
            await Expect(page.Locator("#presentation")).ToHaveAttributeAsync("data-view", "grid");
            await page.GetByRole(AriaRole.Button, new() { Name = "Shot", Exact = true }).ClickAsync();
            await Expect(page.Locator("#presentation")).ToHaveAttributeAsync("data-view", "single");
        });

        await journey.StepAsync("F puts the player in full screen and F again takes it out", async () =>
        {
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
            await page.Keyboard.PressAsync("f");
            await WaitForAsync(page, "() => document.fullscreenElement?.id === 'presentation'");
            await Expect(page.Locator("#present-fullscreen")).ToHaveAttributeAsync("aria-pressed", "true");
            await journey.CheckPageAsync("full screen");
            await page.Keyboard.PressAsync("f");
            await WaitForAsync(page, "() => document.fullscreenElement === null");
            await Expect(page.Locator("#present-fullscreen")).ToHaveAttributeAsync("aria-pressed", "false");
        });

        await journey.StepAsync("Escape goes back to the project", async () =>
        {
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(page).ToHaveURLAsync(DashboardUrl());
            await journey.CheckPageAsync();
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task Without_a_song_the_shots_play_at_their_times_and_an_empty_project_says_it_has_none()
    {
        await using var journey = await Journey.StartAsync(browser, this, Wide);
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Silent");
        var page = journey.Page;
        var projectId = ProjectIdOf(page);

        await journey.StepAsync("an empty project has nothing to present and says where to add shots", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Present");
            await Expect(page.Locator("#present-empty")).ToContainTextAsync("no shots yet");
            await Expect(page.Locator("#present-no-song")).ToBeVisibleAsync();
            await journey.CheckPageAsync("empty");
        });
        var shots = await SeedFourShotsAsync(journey, projectId);
        await journey.StepAsync("put a last shot half a minute in", async () =>
        {
            // Without a song the cut ends with its last clip: this one keeps the silent clock running for a slow machine.
            var rate = await journey.App.Factory.QueryAsync(async db => (await db.Projects.FindAsync(projectId))!.FrameRate);
            await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Credits", rate.FramesFromMicroseconds(30_000_000), rate.FramesFromMicroseconds(1_000_000));
        });

        await journey.StepAsync("Space plays the shots on a silent clock", async () =>
        {
            await page.ReloadAsync();
            await Expect(page.Locator("#present-controls")).ToBeVisibleAsync();
            await Expect(page.Locator("audio")).ToHaveCountAsync(0);
            await journey.CheckPageAsync("no song");
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
            await page.Keyboard.PressAsync("Space");
            await WaitForAsync(page, $"() => document.getElementById('present-clip-{shots[1]}').classList.contains('current')");
            await Expect(page.Locator("#present-live")).ToHaveTextAsync(new Regex("^Shot 2 of 5: Street"));
            await page.Keyboard.PressAsync("Space");
            await Expect(page.Locator("#present-play")).ToHaveTextAsync("Play");
        });

        await journey.FinishAsync();
    }
}
