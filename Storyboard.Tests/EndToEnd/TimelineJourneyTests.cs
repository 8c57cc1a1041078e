using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>The timeline by keyboard: scenes and clips added with the forms, a clip moved, then undo and redo by shortcut.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimelineJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Scenes_and_clips_are_laid_out_moved_undone_and_redone_from_the_keyboard()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ColorScheme = ColorScheme.Dark,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Timeline Trip");
        var page = journey.Page;
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await journey.StepAsync("open the timeline from the dashboard", async () =>
        {
            await page.Locator("#open-timeline").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/Projects/\d+/Timeline$"));
            await Expect(heading).ToContainTextAsync("Timeline");
            await journey.CheckPageAsync();
        });

        async Task AddSceneAsync(string name, string start)
        {
            await page.Locator("#insert-scene").ClickAsync();
            await page.Locator("#NewScene_Input_Name").FillAsync(name);
            await page.Locator("#NewScene_Input_Start").FillAsync(start);
            await page.Locator("#NewScene_Input_Length").FillAsync("8");
            await page.Locator("#NewScene_Input_Length").PressAsync("Enter");
            await Expect(page.Locator("#flash")).ToHaveTextAsync("The scene is added.");
            await Expect(page.Locator("#timeline-svg .lane-scenes a").Filter(new() { HasText = name })).ToBeVisibleAsync();
        }

        async Task AddClipAsync(string name, string start)
        {
            await page.Locator("#insert-clip").ClickAsync();
            await page.Locator("#NewClip_Input_Name").FillAsync(name);
            await page.Locator("#NewClip_Input_Start").FillAsync(start);
            await page.Locator("#NewClip_Input_Length").FillAsync("2");
            await page.Locator("#NewClip_Input_Length").PressAsync("Enter");
            await Expect(page.Locator("#flash")).ToHaveTextAsync("The clip is added.");
        }

        await journey.StepAsync("add two scenes", async () =>
        {
            await AddSceneAsync("Verse", "0");
            await AddSceneAsync("Chorus", "8");
            await journey.CheckPageAsync("two scenes");
        });

        await journey.StepAsync("add two clips", async () =>
        {
            await AddClipAsync("Car", "0");
            await AddClipAsync("Road", "4");
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Road");
            await journey.CheckPageAsync("two clips, Road selected");
        });

        var car = page.Locator("#clip-list tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Car", Exact = true }) });

        await journey.StepAsync("[ selects the previous clip; move it by a typed second", async () =>
        {
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("[");
            await Expect(page.Locator("#details h2")).ToHaveTextAsync("Clip Car");
            await page.Locator("#details summary").ClickAsync();
            await page.Locator("#move-by").FillAsync("1");
            await page.Locator("#move-by").PressAsync("Enter");
            await Expect(page.Locator("#flash")).ToHaveTextAsync(new Regex("The clip now starts at "));
            await Expect(car.Locator("td.mono")).ToHaveTextAsync(["00:00:01:00", "00:00:03:00"]);
            await journey.CheckPageAsync("clip moved");
        });

        await journey.StepAsync("Ctrl+Z undoes the move", async () =>
        {
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("Control+z");
            await Expect(page.Locator("#flash")).ToContainTextAsync("Undone");
            await Expect(car.Locator("td.mono")).ToHaveTextAsync(["00:00:00:00", "00:00:02:00"]);
            await Expect(page.Locator("#history li.undone")).ToHaveCountAsync(1);
            await journey.CheckPageAsync("after undo");
        });

        await journey.StepAsync("Ctrl+Shift+Z redoes it", async () =>
        {
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("Control+Shift+Z");
            await Expect(page.Locator("#flash")).ToContainTextAsync("Redone");
            await Expect(car.Locator("td.mono")).ToHaveTextAsync(["00:00:01:00", "00:00:03:00"]);
            await journey.CheckPageAsync("after redo");
        });

        await journey.FinishAsync();
    }
}
