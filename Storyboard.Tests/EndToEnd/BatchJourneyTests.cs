using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Pages.Timeline;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>A batch from the timeline's list: pick two clips, ask for Draft cards for them, watch the batch page until done.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BatchJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Draft_cards_for_two_picked_clips_are_queued_as_a_batch_and_watched_until_done()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Batch Trip");
        var page = journey.Page;
        var projectId = int.Parse(Regex.Match(page.Url, @"/Projects/Dashboard/(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var scene = await TimelineSeed.AddSceneAsync(journey.App.Factory, projectId, "Chorus", 0, 200);
        var first = await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Rooftop dance", 0, 50, scene.Id);
        var second = await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Street", 60, 50, scene.Id);
        await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Skyline", 120, 50, scene.Id);

        await journey.StepAsync("pick two clips in the list and open the batch form", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Timeline?zoom=50");
            await page.Locator($"#pick-{first.Id}").CheckAsync();
            await page.Locator($"#pick-{second.Id}").CheckAsync();
            await journey.CheckPageAsync("two clips picked in the list");
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate for picked clips" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/projects/{projectId}/batches/new\\?scope=picked&clip={first.Id}&clip={second.Id}$"));
            await Expect(page.Locator("#batch-covers-heading")).ToHaveTextAsync("2 picked clips: 2 clips");
            await Expect(page.Locator("#batch-covered li")).ToHaveCountAsync(2);
            await journey.CheckPageAsync("the batch form for two picked clips");
        });

        await journey.StepAsync("ask for Draft cards and watch the batch until done", async () =>
        {
            await page.GetByLabel("Draft cards (made here, no GPU, no prompt needed)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Generate for 2 clips" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/projects/{projectId}/batches/\\d+$"));
            await Expect(page.Locator("#flash")).ToContainTextAsync("2 Draft cards queued for 2 clips.");
            await journey.CheckPageAsync("the batch just queued");
            // The status part follows the jobs by itself until they are done, then stops asking.
            await Expect(page.Locator("#batch-summary")).ToHaveTextAsync("2 jobs for 2 clips: 2 completed.", new() { Timeout = 30_000 });
            await Expect(page.Locator("section.batch-status")).Not.ToHaveAttributeAsync("hx-trigger", new Regex("."));
            await Expect(page.Locator("#batch-clips tbody img")).ToHaveCountAsync(2);
            await Expect(page.Locator("#batch-clips tbody tr")).ToHaveCountAsync(2);
            await journey.CheckPageAsync("the batch done");
        });

        await journey.FinishAsync();
    }
}
