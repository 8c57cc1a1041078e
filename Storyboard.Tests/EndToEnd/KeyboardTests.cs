using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Web.Pages.Help;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>Keyboard use, the shortcut framework and the layout at phone width, in the dark theme.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser)
{
    private static readonly string[] Categories = ["Playback", "Navigation", "Creation", "Editing", "View", "Selection", "Zoom", "Help"];

    private static BrowserNewContextOptions Dark(int width = 1280, int height = 800) => new()
    {
        ColorScheme = ColorScheme.Dark,
        ViewportSize = new ViewportSize { Width = width, Height = height },
    };

    [Fact]
    public async Task Question_mark_opens_the_shortcut_list_by_category_and_Escape_closes_it()
    {
        await using var journey = await Journey.StartAsync(browser, this, Dark());
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });

        await journey.StepAsync("open the list with ?", async () =>
        {
            await page.Keyboard.PressAsync("?");
            await Expect(dialog).ToBeVisibleAsync();
            var headings = dialog.GetByRole(AriaRole.Heading, new() { Level = 3 });
            await Expect(headings).ToHaveTextAsync(Categories);
            foreach (var shortcut in ShortcutCatalog.All)
            {
                var section = dialog.GetByRole(AriaRole.Region, new() { Name = shortcut.Category.ToString(), Exact = true });
                await Expect(section.GetByText(shortcut.Description, new() { Exact = true })).ToBeVisibleAsync();
            }
            await journey.CheckPageAsync("shortcuts dialog open");
        });

        await journey.StepAsync("close it with Escape", async () =>
        {
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            await page.Keyboard.PressAsync("?");
            await Expect(dialog).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
        });

        await journey.StepAsync("read the same list as a page", async () =>
        {
            await page.GotoAsync("/Help/Shortcuts");
            await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(Categories);
            await journey.CheckPageAsync();
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task Shortcut_keys_typed_into_the_project_search_are_just_text()
    {
        await using var journey = await Journey.StartAsync(browser, this, Dark());
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;

        await journey.StepAsync("type shortcut keys into the search", async () =>
        {
            var search = page.GetByLabel("Search", Exact);
            await search.ClickAsync();
            await page.Keyboard.TypeAsync("?g t g p n/");
            await Expect(search).ToHaveValueAsync("?g t g p n/");
            await Expect(search).ToBeFocusedAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Projects");

            // The search still searches: htmx swaps the list in and pushes the URL of the last query.
            await Expect(page).ToHaveURLAsync(new Regex(@"/Projects\?q=%3Fg%20t%20g%20p%20n%2F"));
            await Expect(page.Locator("#project-list")).ToContainTextAsync("No project matches “?g t g p n/”");
            await journey.CheckPageAsync("after a search");
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task Go_to_sequences_slash_and_n_reach_their_targets()
    {
        await using var journey = await Journey.StartAsync(browser, this, Dark());
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await journey.StepAsync("g t goes to the Trash", async () =>
        {
            await page.Keyboard.PressAsync("g");
            await page.Keyboard.PressAsync("t");
            await Expect(page).ToHaveURLAsync(new Regex("/Projects/Trash$"));
            await Expect(heading).ToHaveTextAsync("Trash");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("g p goes back to projects", async () =>
        {
            await page.Keyboard.PressAsync("g");
            await page.Keyboard.PressAsync("p");
            await Expect(page).ToHaveURLAsync(ProjectsUrl());
            await Expect(heading).ToHaveTextAsync("Projects");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("g then ? drops the unfinished sequence and opens the help", async () =>
        {
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
            await page.Keyboard.PressAsync("g");
            await page.Keyboard.PressAsync("?");
            await Expect(dialog).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
        });

        await journey.StepAsync("/ focuses the search", async () =>
        {
            var search = page.GetByLabel("Search", Exact);
            await page.Keyboard.PressAsync("/");
            await Expect(search).ToBeFocusedAsync();
            await Expect(search).ToHaveValueAsync("");
        });

        await journey.StepAsync("n opens the new project form", async () =>
        {
            // Leave the field first: a click on the heading moves focus to <main>, out of any field.
            await heading.ClickAsync();
            await page.Keyboard.PressAsync("n");
            await Expect(page).ToHaveURLAsync(new Regex("/Projects/Create$"));
            await Expect(heading).ToHaveTextAsync("New project");
            await journey.CheckPageAsync();
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_main()
    {
        await using var journey = await Journey.StartAsync(browser, this, Dark());
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;

        await journey.StepAsync("tab to the skip link and follow it", async () =>
        {
            var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
            await page.Keyboard.PressAsync("Tab");
            await Expect(skip).ToBeFocusedAsync();
            await Expect(skip).ToBeInViewportAsync();
            var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
            Assert.True(outline != "none", "The focused skip link shows no focus outline.");

            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New project" })).ToBeFocusedAsync();
        });

        await journey.FinishAsync();
    }

    [Fact]
    public async Task At_360_pixels_wide_no_page_scrolls_sideways()
    {
        const int width = 360;
        await using var journey = await Journey.StartAsync(browser, this, Dark(width, 740));
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;

        async Task AssertFitsAsync(string what)
        {
            var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide at a {width} px viewport.");
        }

        await journey.StepAsync("the empty projects list fits", () => AssertFitsAsync("The empty projects list"));
        await journey.CreateProjectAsync("A project with a rather long name that has to wrap on a phone");
        await journey.StepAsync("the dashboard fits", () => AssertFitsAsync("The dashboard"));

        await journey.StepAsync("the projects list and the form fit", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(ProjectsUrl());
            await journey.CheckPageAsync();
            await AssertFitsAsync("The projects list");
            await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Projects/Create$"));
            await journey.CheckPageAsync();
            await AssertFitsAsync("The new project form");
        });

        await journey.StepAsync("the account page with a token fits", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
            await journey.CheckPageAsync();
            await AssertFitsAsync("The account page");
            await page.GetByLabel("Token name", Exact).FillAsync("phone backup script");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("phone backup script");
            await journey.CheckPageAsync("with a new token");
            await AssertFitsAsync("The account page with a token");
        });

        await journey.FinishAsync();
    }
}
