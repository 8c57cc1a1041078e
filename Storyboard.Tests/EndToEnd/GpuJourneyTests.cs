using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// The whole GPU path in a browser: an admin registers a (fake) ComfyUI server in the UI, generates for a clip,
/// watches its progress, sees the image in the gallery and chooses it for the timeline.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GpuJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clip_is_generated_on_a_comfyui_server_registered_in_the_ui_and_its_image_is_chosen()
    {
        await using var comfy = new FakeComfyUi();
        comfy.Options.SetModels("checkpoints", "sd_xl_base_1.0.safetensors");
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(400);
        comfy.Options.Steps = 8;
        await comfy.StartAsync();
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;

        await journey.StepAsync("register the ComfyUI server", async () =>
        {
            await page.Locator("#nav-servers").ClickAsync();
            await page.Locator("#add-server").ClickAsync();
            await journey.CheckPageAsync("the server form");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Studio 4090");
            await page.GetByLabel("Base URL (for example http://gpu-box:8188)").FillAsync(comfy.BaseAddress.ToString().TrimEnd('/'));
            await page.Locator("#save-server").ClickAsync();
            await Expect(page.Locator("#server-list .server-status").First).ToContainTextAsync("Online");
            await journey.CheckPageAsync("an online server");
        });

        await page.GotoAsync("/Projects");
        await journey.CreateProjectAsync("Neon Nights");
        var projectId = int.Parse(Regex.Match(page.Url, @"/Projects/Dashboard/(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var clip = await TimelineSeed.AddClipAsync(journey.App.Factory, projectId, "Rooftop", 0, 50);
        await journey.App.Factory.QueryAsync(db => db.Clips.Where(c => c.Id == clip.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ImagePrompt, "a rooftop at night, neon rain")));

        await journey.StepAsync("generate two images and watch them run", async () =>
        {
            await page.GotoAsync($"/Projects/{projectId}/Timeline?zoom=50&clip={clip.Id}");
            await page.GetByLabel("Model", new() { Exact = true }).SelectOptionAsync("checkpoints/sd_xl_base_1.0.safetensors");
            await page.GetByLabel("How many").FillAsync("2");
            await page.GetByLabel("Seed (blank: random)").FillAsync("18446744073709551615");
            await page.Locator("#generate-gpu").ClickAsync();
            await Expect(page.Locator("#generation-status")).ToHaveTextAsync("2 jobs queued.");
            await Expect(page.Locator("#clip-jobs .job-status").First).ToContainTextAsync(new Regex(@"Step \d/8"), new() { Timeout = 20_000 });
            await journey.CheckPageAsync("a job running");
            await Expect(page.Locator("#clip-jobs li.job-completed")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            // The fake server returns the same picture for every seed: the gallery shows one picture once.
            await Expect(page.Locator("#clip-gallery li img")).ToHaveCountAsync(1);
            await Expect(page.Locator("#clip-generations")).Not.ToHaveAttributeAsync("hx-trigger", new Regex("."));
            await Expect(page.Locator("#clip-jobs")).ToContainTextAsync("Studio 4090 · seed 18446744073709551615");
            // The form remembers the model for the next time.
            await Expect(page.GetByLabel("Model", new() { Exact = true })).ToHaveValueAsync("checkpoints/sd_xl_base_1.0.safetensors");
            await journey.CheckPageAsync("the image in the gallery");
        });

        await journey.StepAsync("choose one: the timeline shows it", async () =>
        {
            await page.Locator("#clip-gallery button").First.ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("That image is now the clip's chosen one.");
            await Expect(page.Locator($"#lane-clip-{clip.Id} image")).ToHaveCountAsync(1);
            await journey.CheckPageAsync("a chosen GPU image");
        });

        await journey.FinishAsync();
    }
}
