using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Pages.Timeline;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>Draft cards from a clip's panel: queued, watched until done, shown in the gallery, chosen for the timeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DraftCardJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Draft_cards_are_made_for_a_clip_and_one_is_chosen_as_its_image_on_the_timeline()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Card Trip");
        var page = journey.Page;
        var projectId = int.Parse(Regex.Match(page.Url, @"/Projects/Dashboard/(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var scene = await TimelineSeed.AddSceneAsync(journey.App.Factory, projectId, "Chorus", 0, 150);
        var clip = await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Rooftop dance", 0, 50, scene.Id);
        var second = await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Street", 60, 50, scene.Id);

        await journey.StepAsync("open the clip and ask for a Draft card", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Timeline?zoom=50&clip={clip.Id}");
            await Expect(page.Locator("#clip-generations")).ToContainTextAsync("Nothing generated yet.");
            await page.Locator("#generate-draft-card").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            // The section follows the job by itself until it is done.
            await Expect(page.Locator("#clip-jobs li.job-completed")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(page.Locator("#clip-gallery li img")).ToHaveCountAsync(1);
            await Expect(page.Locator("#clip-generations")).Not.ToHaveAttributeAsync("hx-trigger", new Regex("."));
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#clip-gallery img')].every(i => i.complete && i.naturalWidth === 320)",
                null, new() { Timeout = 10_000 });
            await journey.CheckPageAsync("a Draft card in the gallery");
        });

        await journey.StepAsync("use it as the clip's image: the timeline shows it", async () =>
        {
            await page.Locator("#clip-gallery button").First.ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("That image is now the clip's chosen one.");
            await Expect(page.Locator("#clip-gallery .chosen-label")).ToHaveCountAsync(1);
            await Expect(page.Locator($"#lane-clip-{clip.Id} image")).ToHaveCountAsync(1);
            await Expect(page).ToHaveURLAsync(new Regex("zoom=50"));
            await journey.CheckPageAsync("a chosen Draft card");
        });

        await journey.StepAsync("Draft cards for the whole scene", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Timeline?zoom=50&scene={scene.Id}");
            await page.Locator("#scene-draft-cards").ClickAsync();
            await Expect(page.Locator("#flash")).ToContainTextAsync("2 Draft cards queued");
            await page.Locator($"#row-clip-{second.Id} a").ClickAsync();
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Street");
            await Expect(page.Locator("#clip-gallery li img")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await journey.CheckPageAsync("the scene's second clip has its card");
        });

        await journey.FinishAsync();
    }
}
