using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// The timeline with the keyboard alone, checked the way a screen reader hears it: the flash region, the details
/// heading and the clip list (never the drawn lanes). Only sign-in and project creation may use the mouse; from the
/// dashboard on, every step is keys: shortcuts, Tab, Enter and typing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TimelineKeyboardJourneyTests(BrowserFixture browser)
{
    /// <summary>Counts pointer presses in sessionStorage, so a reload keeps the count; the journey expects none.</summary>
    private const string CountPointerPresses = """
        addEventListener("pointerdown", () => {
          sessionStorage.setItem("pointer-presses", String(Number(sessionStorage.getItem("pointer-presses") || 0) + 1));
        }, true);
        """;

    [GeneratedRegex(@"/Projects/\d+/Timeline$")]
    private static partial Regex TimelineUrl();

    [Fact]
    public async Task Scenes_and_clips_are_made_moved_trimmed_undone_redone_and_promoted_by_keyboard_and_survive_a_reload()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await journey.Context.AddInitScriptAsync(CountPointerPresses);
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Keyboard Drive");

        var page = journey.Page;
        var keyboard = page.Keyboard;
        var flash = page.Locator("#flash");
        var details = page.Locator("#details h2");
        var clipNames = page.Locator("#clip-list tbody tr th");
        var clipTimes = page.Locator("#clip-list tbody tr td.mono");

        // The clip list as a screen reader reads it: each row's name, then its In and Out.
        async Task ExpectClipsAsync(params (string Name, string In, string Out)[] rows)
        {
            await Expect(clipNames).ToHaveTextAsync(rows.Select(r => r.Name));
            await Expect(clipTimes).ToHaveTextAsync(rows.SelectMany(r => new[] { r.In, r.Out }));
        }

        // Edits answer with a new workspace; the keyboard user carries on from the details heading.
        async Task ExpectDetailsAsync(string heading)
        {
            await Expect(details).ToHaveTextAsync(heading);
            await Expect(details).ToBeFocusedAsync();
        }

        // Enough presses to reach any control of the page from its top, wherever focus was left.
        async Task TabToAsync(ILocator target, int most = 80)
        {
            for (var i = 0; i < most; i++)
            {
                await keyboard.PressAsync("Tab");
                if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
                {
                    return;
                }
            }
            Assert.Fail($"{most} presses of Tab never reached {target}.");
        }

        // A shortcut opens the form at its name; Tab moves on to start and length, whose text Tab selects; Enter adds.
        async Task AddAsync(string shortcut, string prefix, string name, string start, string length)
        {
            await keyboard.PressAsync(shortcut);
            await Expect(page.Locator($"#{prefix}_Input_Name")).ToBeFocusedAsync();
            await keyboard.TypeAsync(name);
            await keyboard.PressAsync("Tab");
            await Expect(page.Locator($"#{prefix}_Input_Start")).ToBeFocusedAsync();
            await keyboard.TypeAsync(start);
            await keyboard.PressAsync("Tab");
            await Expect(page.Locator($"#{prefix}_Input_Length")).ToBeFocusedAsync();
            await keyboard.TypeAsync(length);
            await keyboard.PressAsync("Enter");
        }

        await journey.StepAsync("g l opens the timeline", async () =>
        {
            await page.EvaluateAsync("() => sessionStorage.setItem('pointer-presses', '0')");
            await keyboard.PressAsync("g");
            await keyboard.PressAsync("l");
            await Expect(page).ToHaveURLAsync(TimelineUrl());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Timeline");
            await Expect(details).ToHaveTextAsync("Details");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("Shift+S adds two scenes", async () =>
        {
            await AddAsync("Shift+S", "NewScene", "Verse", "0", "8");
            await Expect(flash).ToHaveTextAsync("The scene is added.");
            await ExpectDetailsAsync("Scene Verse");
            await journey.CheckPageAsync("one scene");

            await AddAsync("Shift+S", "NewScene", "Chorus", "8", "8");
            await ExpectDetailsAsync("Scene Chorus");
            await Expect(flash).ToHaveTextAsync("The scene is added.");
            await Expect(page.Locator("#details dl")).ToContainTextAsync("00:00:16:00");
            await journey.CheckPageAsync("two scenes");
        });

        await journey.StepAsync("c adds four clips", async () =>
        {
            (string Name, string Start)[] clips = [("Car", "0"), ("Road", "2"), ("Lights", "8"), ("Rain", "12")];
            foreach (var (name, start) in clips)
            {
                await AddAsync("c", "NewClip", name, start, "2");
                await ExpectDetailsAsync($"Clip {name}");
                await Expect(flash).ToHaveTextAsync("The clip is added.");
            }
            await ExpectClipsAsync(
                ("Car", "00:00:00:00", "00:00:02:00"),
                ("Road", "00:00:02:00", "00:00:04:00"),
                ("Lights", "00:00:08:00", "00:00:10:00"),
                ("Rain", "00:00:12:00", "00:00:14:00"));
            await journey.CheckPageAsync("four clips");
        });

        await journey.StepAsync("[ selects Lights and the nudges move it", async () =>
        {
            await keyboard.PressAsync("[");
            await ExpectDetailsAsync("Clip Lights");
            await Expect(page.Locator("#clip-list a[aria-current=true]")).ToHaveTextAsync("Lights");

            await keyboard.PressAsync(">");
            await Expect(flash).ToHaveTextAsync(new Regex("The clip now starts at "));
            await Expect(clipTimes).ToHaveTextAsync(new[] { "00:00:00:00", "00:00:02:00", "00:00:02:00", "00:00:04:00",
                "00:00:09:00", "00:00:11:00", "00:00:12:00", "00:00:14:00" });
            await journey.CheckPageAsync("moved a second later");

            // The nudge buttons are in the details panel's tab order; the pressed one keeps focus after the move.
            var frameEarlier = page.GetByRole(AriaRole.Button, new() { Name = "Move one frame earlier", Exact = true });
            await TabToAsync(frameEarlier);
            await keyboard.PressAsync("Enter");
            await Expect(clipTimes.Nth(4)).ToHaveTextAsync("00:00:08:23");
            await Expect(clipTimes.Nth(5)).ToHaveTextAsync("00:00:10:23");
            await Expect(frameEarlier).ToBeFocusedAsync();
            await journey.CheckPageAsync("moved a frame earlier");

            await keyboard.PressAsync(".");
            await Expect(clipTimes.Nth(4)).ToHaveTextAsync("00:00:09:00");
            await Expect(clipTimes.Nth(5)).ToHaveTextAsync("00:00:11:00");
            await Expect(details).ToHaveTextAsync("Clip Lights");
            await journey.CheckPageAsync("moved a frame later");
        });

        await journey.StepAsync("t trims Lights to end at 10 seconds", async () =>
        {
            await keyboard.PressAsync("t");
            await Expect(page.Locator("#trim-start")).ToBeFocusedAsync();
            await keyboard.PressAsync("Tab");
            await Expect(page.Locator("#trim-end")).ToBeFocusedAsync();
            await keyboard.TypeAsync("10");
            await keyboard.PressAsync("Enter");
            await Expect(flash).ToHaveTextAsync("The clip is trimmed.");
            await ExpectDetailsAsync("Clip Lights");
            await ExpectClipsAsync(
                ("Car", "00:00:00:00", "00:00:02:00"),
                ("Road", "00:00:02:00", "00:00:04:00"),
                ("Lights", "00:00:09:00", "00:00:10:00"),
                ("Rain", "00:00:12:00", "00:00:14:00"));
            await journey.CheckPageAsync("trimmed");
        });

        await journey.StepAsync("Ctrl+Z undoes the trim", async () =>
        {
            await keyboard.PressAsync("Control+z");
            await Expect(flash).ToContainTextAsync("Undone: Trim");
            await Expect(clipTimes.Nth(5)).ToHaveTextAsync("00:00:11:00");
            await Expect(page.Locator("#history li.undone")).ToHaveCountAsync(1);
            await Expect(details).ToBeFocusedAsync();
            await journey.CheckPageAsync("trim undone");
        });

        await journey.StepAsync("Ctrl+Shift+Z redoes it", async () =>
        {
            await keyboard.PressAsync("Control+Shift+Z");
            await Expect(flash).ToContainTextAsync("Redone: Trim");
            await Expect(clipTimes.Nth(5)).ToHaveTextAsync("00:00:10:00");
            await Expect(page.Locator("#history li.undone")).ToHaveCountAsync(0);
            await Expect(details).ToBeFocusedAsync();
            await journey.CheckPageAsync("trim redone");
        });

        await journey.StepAsync("a makes an alternate of Lights", async () =>
        {
            await keyboard.PressAsync("a");
            await Expect(flash).ToHaveTextAsync("An alternate of the clip is added.");
            await ExpectDetailsAsync("Clip Lights A1");
            await Expect(page.Locator("#details dl")).ToContainTextAsync("Alternate A1");
            await ExpectClipsAsync(
                ("Car", "00:00:00:00", "00:00:02:00"),
                ("Road", "00:00:02:00", "00:00:04:00"),
                ("Lights", "00:00:09:00", "00:00:10:00"),
                ("Lights A1 (alternate)", "00:00:09:00", "00:00:10:00"),
                ("Rain", "00:00:12:00", "00:00:14:00"));
            await journey.CheckPageAsync("alternate added");
        });

        (string Name, string In, string Out)[] promoted =
        [
            ("Car", "00:00:00:00", "00:00:02:00"),
            ("Road", "00:00:02:00", "00:00:04:00"),
            ("Lights (alternate)", "00:00:09:00", "00:00:10:00"),
            ("Lights A1", "00:00:09:00", "00:00:10:00"),
            ("Rain", "00:00:12:00", "00:00:14:00"),
        ];

        await journey.StepAsync("p makes the alternate the main take", async () =>
        {
            await keyboard.PressAsync("p");
            await Expect(flash).ToHaveTextAsync("That take is now the main one.");
            await ExpectDetailsAsync("Clip Lights A1");
            await Expect(page.Locator("#details dl")).ToContainTextAsync("Main take");
            await ExpectClipsAsync(promoted);
            await journey.CheckPageAsync("alternate promoted");
        });

        await journey.StepAsync("after a reload the clips, the main take and the history are the same", async () =>
        {
            var history = await page.Locator("#history li").AllInnerTextsAsync();
            var undo = await page.Locator("#undo").InnerTextAsync();
            Assert.Contains("Promote", undo, StringComparison.Ordinal);

            await page.ReloadAsync();
            await Expect(details).ToHaveTextAsync("Clip Lights A1");
            await Expect(page.Locator("#details dl")).ToContainTextAsync("Main take");
            await ExpectClipsAsync(promoted);
            await Expect(page.Locator("#history li")).ToHaveTextAsync(history);
            await Expect(page.Locator("#undo")).ToHaveTextAsync(undo);
            await Expect(page.Locator("#undo")).ToBeEnabledAsync();
            await journey.CheckPageAsync("reloaded");

            var presses = await page.EvaluateAsync<string>("() => sessionStorage.getItem('pointer-presses')");
            Assert.Equal("0", presses);
        });

        await journey.FinishAsync();
    }
}
