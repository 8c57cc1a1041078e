using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class FirstRunJourneyTests(BrowserFixture browser)
{
    private const string ProjectName = "Night Drive";

    [Fact]
    public async Task A_fresh_install_leads_from_setup_to_a_new_project_whose_song_plays()
    {
        await using var journey = await Journey.StartAsync(browser, this);
        var page = journey.Page;

        await journey.StepAsync("open the fresh app", async () =>
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/Setup$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up Storyboard");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("create the admin with the keyboard", async () =>
        {
            var userName = page.GetByLabel("User name", Exact);
            await userName.FocusAsync();
            await page.Keyboard.TypeAsync(Users.AdminName);
            await TabToAndTypeAsync(page, page.GetByLabel("Display name", Exact), "Ada Admin");
            await TabToAndTypeAsync(page, page.GetByLabel("Password", Exact), Users.Password);
            await TabToAndTypeAsync(page, page.GetByLabel("Confirm password", Exact), Users.Password);
            await page.Keyboard.PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(ProjectsUrl());
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your admin account is ready");
            await Expect(page.Locator("#flash")).ToHaveAttributeAsync("aria-live", "polite");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("create a vertical 23.976 fps project", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New project");
            await journey.CheckPageAsync();

            await page.GetByLabel("Name", Exact).FillAsync(ProjectName);
            await page.GetByLabel("Frame rate (frames per second)").SelectOptionAsync("23.976");
            await page.GetByRole(AriaRole.Radio, new() { Name = "1080 × 1920 (9:16 vertical)" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(DashboardUrl());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(ProjectName);
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Project “{ProjectName}” created.");
            var settings = page.GetByRole(AriaRole.Region, new() { Name = "Settings" });
            await Expect(settings).ToContainTextAsync("23.976 fps");
            await Expect(settings).ToContainTextAsync("1080 × 1920");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("upload the song and play it", () => UploadAndPlayASongAsync(journey));

        await journey.FinishAsync();
    }

    /// <summary>
    /// The song panel on the dashboard: #song-upload-form with #song-file and an "Upload song" button, then
    /// #song-duration, img#song-waveform and audio#song-player once the song is in.
    /// </summary>
    private static async Task UploadAndPlayASongAsync(Journey journey)
    {
        var page = journey.Page;
        var song = await MakeSineMp3Async(Path.Combine(journey.App.Factory.Folder, "three-seconds.mp3"));

        var form = page.Locator("#song-upload-form");
        await form.Locator("#song-file").SetInputFilesAsync(song);
        await form.GetByRole(AriaRole.Button, new() { Name = "Upload song" }).ClickAsync();

        await Expect(page.Locator("#song-duration")).ToContainTextAsync("0:03.0", new() { Timeout = 30_000 });
        // In view, as a person would look at it: a lazily loaded image below the fold would never load.
        await page.Locator("img#song-waveform").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync(
            "() => { const img = document.querySelector('img#song-waveform'); return img !== null && img.complete && img.naturalWidth > 0; }",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await journey.CheckPageAsync("with its song");

        // Native audio controls are drawn by the browser and unreliable to click headless; play() is what they call.
        await page.EvaluateAsync("() => document.querySelector('audio#song-player').play()");
        await page.WaitForFunctionAsync("() => document.querySelector('audio#song-player').currentTime > 0.2");
    }

    private static async Task TabToAndTypeAsync(IPage page, ILocator field, string text)
    {
        await page.Keyboard.PressAsync("Tab");
        await Expect(field).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task<string> MakeSineMp3Async(string path)
    {
        var ffmpeg = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
                     "-c:a", "libmp3lame", "-y", path,
                 })
        {
            ffmpeg.ArgumentList.Add(argument);
        }
        using var process = Process.Start(ffmpeg) ?? throw new InvalidOperationException("ffmpeg did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"ffmpeg could not make the test song: {await errors}");
        return path;
    }
}
