using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Pages.Gallery;
using Storyboard.Tests.Pages.Timeline;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>A clip's gallery in a real browser: opened from the clip panel, rated, viewed with the arrow keys, compared.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GalleryJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clips_gallery_is_rated_stepped_through_with_the_arrow_keys_and_two_are_compared()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Gallery Trip");
        var page = journey.Page;
        var projectId = int.Parse(Regex.Match(page.Url, @"/Projects/Dashboard/(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var factory = journey.App.Factory;
        var clip = await TimelineSeed.AddClipAsync(factory, projectId, "Rooftop dance", 0, 50);
        var oldest = await GallerySeed.AddAsync(factory, projectId, clip.Id, 101, daysAfter: 0);
        var middle = await GallerySeed.AddAsync(factory, projectId, clip.Id, 102, daysAfter: 1, source: "Studio GPU", model: "sdxl.safetensors");
        var newest = await GallerySeed.AddAsync(factory, projectId, clip.Id, 103, daysAfter: 2);

        await journey.StepAsync("open the gallery from the clip panel", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Timeline?clip={clip.Id}");
            await Expect(page.Locator("#open-clip-gallery")).ToHaveTextAsync("Open the gallery (3)");
            await journey.CheckPageAsync("a clip with three generations");
            await page.Locator("#open-clip-gallery").ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Gallery");
            await Expect(page.Locator("#gallery-items > li")).ToHaveCountAsync(3);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#gallery-items img')].every(i => i.complete && i.naturalWidth > 0)",
                null, new() { Timeout = 10_000 });
            await journey.CheckPageAsync("the gallery");
        });

        await journey.StepAsync("rate one with the keyboard", async () =>
        {
            await page.Locator($"#rate-{middle.Id}-4").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#flash")).ToHaveTextAsync("Rated 4 stars.");
            await Expect(page.Locator($"#rate-{middle.Id}-4")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.Locator($"#generation-{middle.Id} .star.lit")).ToHaveCountAsync(4);
            // htmx swapped the grid in place: same address.
            await Expect(page).ToHaveURLAsync(new Regex($"/clips/{clip.Id}/gallery$"));
            await journey.CheckPageAsync("a rated generation");
        });

        await journey.StepAsync("open the viewer and move on with ArrowRight", async () =>
        {
            await page.Locator($"#generation-{newest.Id} a.gallery-open").ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Image, seed 103");
            await journey.CheckPageAsync("the newest in the viewer");
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(page.Locator("h1")).ToContainTextAsync("Image, seed 102");
            await Expect(page).ToHaveURLAsync(new Regex($"/gallery/{middle.Id}$"));
            await Expect(page.Locator(".generation-facts")).ToContainTextAsync("sdxl.safetensors");
            await journey.CheckPageAsync("the next one in the viewer");
            await page.Keyboard.PressAsync("ArrowLeft");
            await Expect(page).ToHaveURLAsync(new Regex($"/gallery/{newest.Id}$"));
            await page.Keyboard.PressAsync("Escape");
            await Expect(page).ToHaveURLAsync(new Regex($"/clips/{clip.Id}/gallery$"));
            await Expect(page.Locator("#gallery-items > li")).ToHaveCountAsync(3);
        });

        await journey.StepAsync("compare two", async () =>
        {
            await page.Locator($"label[for=pick-{oldest.Id}]").ClickAsync();
            await page.Locator("#gallery-compare").ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("Tick exactly two generations to compare (you ticked 1).");
            await journey.CheckPageAsync("compare refused with one ticked");
            await page.Locator($"#pick-{oldest.Id}").CheckAsync();
            await page.Locator($"#pick-{newest.Id}").CheckAsync();
            await page.Locator("#gallery-compare").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/gallery/compare\\?"));
            await Expect(page.Locator(".compare h2")).ToHaveTextAsync(["Image, seed 103", "Image, seed 101"]);
            await journey.CheckPageAsync("two side by side");
        });

        await journey.FinishAsync();
    }
}
