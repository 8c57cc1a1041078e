using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Pages.Servers;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>An admin registers a GPU server in the UI, by keyboard, and sees its status and the reason it is offline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServersJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_registers_a_comfyui_server_and_sees_why_it_is_offline()
    {
        await using var journey = await Journey.StartAsync(browser, this);
        await journey.SignInAsNewAdminAsync();
        var page = journey.Page;
        var address = ServersPageTests.ClosedAddress();

        await journey.StepAsync("open Servers from the navigation", async () =>
        {
            await page.Locator("#nav-servers").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("GPU servers");
            await Expect(page.Locator("#server-list")).ToContainTextAsync("No servers yet");
            await journey.CheckPageAsync("no servers");
        });

        await journey.StepAsync("add a server with the keyboard", async () =>
        {
            await page.Locator("#add-server").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a server");
            await journey.CheckPageAsync("empty form");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Studio box");
            await page.GetByLabel("Base URL (for example http://gpu-box:8188)").FillAsync(address);
            await page.GetByLabel("Base URL (for example http://gpu-box:8188)").PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("GPU servers");
            await Expect(page.Locator("#flash")).ToContainTextAsync("offline: Nothing answers at that address.");
            await Expect(page.Locator("#server-list tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#server-list .server-status").First).ToContainTextAsync(new Regex("Offline"));
            await journey.CheckPageAsync("one offline server");
        });

        await journey.StepAsync("a refused URL is explained beside the field", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit Studio box" }).ClickAsync();
            await page.GetByLabel("Base URL (for example http://gpu-box:8188)").FillAsync("http://maker:pw@gpu-box:8188");
            await page.Locator("#save-server").ClickAsync();
            await Expect(page.Locator("[data-valmsg-for='Input.BaseUrl']")).ToContainTextAsync("Leave the user name and password out of the URL");
            await journey.CheckPageAsync("refused URL");
        });

        await journey.FinishAsync();
    }
}
