using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Pages.Projects;

/// <summary>song-player.js in Debian's Chromium: seeking on the waveform, the playhead, zoom and the player shortcuts.</summary>
public sealed class SongPlayerScriptTests : IAsyncLifetime
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("audio");
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    [Fact]
    public async Task The_waveform_seeks_shows_the_playhead_and_zooms_and_the_shortcuts_drive_the_player()
    {
        var song = TestAudio.Sine(_files, "mp3", seconds: 20, name: "long.mp3");
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var page = await _browser.NewPageAsync(new() { BaseURL = address });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/Setup");
        await page.FillAsync("#Input_UserName", Users.AdminName);
        await page.FillAsync("#Input_Password", Users.Password);
        await page.FillAsync("#Input_ConfirmPassword", Users.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/Projects");
        await page.GotoAsync("/Projects/Create");
        await page.FillAsync("#Input_Name", "Browser Project");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/Projects/Dashboard/*");

        // The htmx upload: the panel swaps in with a polling status, then the finished panel replaces it.
        await page.SetInputFilesAsync("#song-file", song);
        await page.ClickAsync("#song-upload-form button[type=submit]");
        await Assertions.Expect(page.Locator("#song-name")).ToHaveTextAsync("long.mp3", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#song-duration")).ToHaveTextAsync("0:20.0");
        await Assertions.Expect(page.Locator("#song-status")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync("() => document.getElementById('song-player').readyState >= 1");

        var wave = page.Locator("[data-waveform]");
        await Assertions.Expect(wave).ToHaveAttributeAsync("role", "slider");
        var box = (await wave.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        Assert.InRange(await CurrentTime(page), 9.5, 10.5);
        var left = await page.EvalOnSelectorAsync<string>("[data-playhead]", "p => p.hidden ? '' : p.style.left");
        Assert.StartsWith("50", left);

        await wave.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.InRange(await CurrentTime(page), 14.5, 15.5);
        await Assertions.Expect(wave).ToHaveAttributeAsync("aria-valuetext", "0:15 of 0:20");
        await page.Keyboard.PressAsync("Home");
        Assert.InRange(await CurrentTime(page), 0, 0.1);

        await page.Keyboard.PressAsync("+");
        await Assertions.Expect(wave).ToHaveAttributeAsync("data-zoom", "2");
        var widths = await page.EvalOnSelectorAsync<double[]>("[data-waveform]",
            "w => [w.getBoundingClientRect().width, w.closest('[data-waveform-scroll]').clientWidth]");
        Assert.InRange(widths[0] / widths[1], 1.9, 2.1);
        await page.Keyboard.PressAsync("-");
        await Assertions.Expect(wave).ToHaveAttributeAsync("data-zoom", "1");

        await page.Locator("body").FocusAsync();
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await page.Keyboard.PressAsync(" ");
        await page.WaitForFunctionAsync("() => !document.getElementById('song-player').paused");
        await page.Keyboard.PressAsync(" ");
        await page.WaitForFunctionAsync("() => document.getElementById('song-player').paused");
        Assert.Empty(errors);
    }

    private static Task<double> CurrentTime(IPage page) =>
        page.EvaluateAsync<double>("() => document.getElementById('song-player').currentTime");
}
