using System.Globalization;
using Microsoft.Playwright;
using Storyboard.Tests.Delivery;
using Storyboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>A quick preview rendered from the Animatic page and played in it, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnimaticJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_quick_preview_is_rendered_from_the_keyboard_and_plays_in_the_page_for_the_songs_length()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Animatic Trip");
        var page = journey.Page;
        var projectId = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var factory = journey.App.Factory;

        await journey.StepAsync("upload a 4-second song and lay out two clips", async () =>
        {
            await page.Locator("#song-file").SetInputFilesAsync(TestAudio.Sine(factory.Folder, "mp3", 4));
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload song" }).ClickAsync();
            await Expect(page.Locator("#song-duration")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var first = await factory.ClipAsync(projectId, "Road", 0, 48);
            await factory.ClipAsync(projectId, "Sky", 48, 48, transition: Web.Domain.TransitionKind.Dissolve, transitionFrames: 12);
            await factory.ChooseImageAsync(projectId, first, 80);
        });

        await journey.StepAsync("open the Animatic page from the menu", async () =>
        {
            await page.Locator("#nav-animatic").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Animatic");
            await journey.CheckPageAsync("no renders yet");
        });

        await journey.StepAsync("render a quick preview and watch its progress", async () =>
        {
            await page.Locator("#preset-quick").CheckAsync();
            await page.Locator("#render-submit").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#render-list article.render")).ToHaveCountAsync(1);
            await Expect(page.Locator("#render-list article.render-done")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
            await Expect(page.Locator("#render-list .render-status")).ToHaveTextAsync("Done");
            await journey.CheckPageAsync("a finished render");
        });

        await journey.StepAsync("play it in the page", async () =>
        {
            var video = page.Locator("#render-list video");
            await video.EvaluateAsync("v => { v.muted = true; return v.play(); }");
            await page.WaitForFunctionAsync("() => { const v = document.querySelector('#render-list video'); return v.currentTime > 0.3 && v.videoWidth > 0; }",
                null, new() { Timeout = 20_000 });
            Assert.InRange(await video.EvaluateAsync<double>("v => v.duration"), 3.9, 4.1);
            Assert.Equal(480, await video.EvaluateAsync<int>("v => v.videoHeight"));
        });
        await journey.FinishAsync();
    }
}
