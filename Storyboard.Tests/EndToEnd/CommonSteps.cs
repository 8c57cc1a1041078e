using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storyboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>Steps several journeys share, done the way a person does them in the browser.</summary>
public static partial class CommonSteps
{
    [GeneratedRegex(@"/Projects$")]
    public static partial Regex ProjectsUrl();

    [GeneratedRegex(@"/Projects/Dashboard/\d+$")]
    public static partial Regex DashboardUrl();

    public static PageGetByLabelOptions Exact { get; } = new() { Exact = true };

    /// <summary>
    /// For journeys about something else: sets up the admin over HTTP, hands the sign-in cookie to the browser and opens
    /// the projects page. <see cref="FirstRunJourneyTests"/> covers setup in the browser itself.
    /// </summary>
    public static Task SignInAsNewAdminAsync(this Journey journey) => journey.StepAsync("sign in as a new admin", async () =>
    {
        var cookies = new CookieContainer();
        using (var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = journey.App.Address })
        {
            var setup = await client.GetDocumentAsync("/Setup");
            var response = await client.SubmitAsync(setup.Form(), new Dictionary<string, string>
            {
                ["Input.UserName"] = Users.AdminName,
                ["Input.Password"] = Users.Password,
                ["Input.ConfirmPassword"] = Users.Password,
            });
            Assert.Equal("/Projects", response.RequestMessage!.RequestUri!.AbsolutePath);
        }
        await journey.Context.AddCookiesAsync(cookies.GetAllCookies().Select(cookie =>
            new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Url = journey.App.Address.ToString() }));

        var page = journey.Page;
        await page.GotoAsync("/Projects");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Projects");
        await journey.CheckPageAsync();
    });

    /// <summary>From the projects page, creates a project with the form's defaults; ends on its dashboard.</summary>
    public static Task CreateProjectAsync(this Journey journey, string name) => journey.StepAsync($"create project {name}", async () =>
    {
        var page = journey.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New project");
        await journey.CheckPageAsync();
        await page.GetByLabel("Name", Exact).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DashboardUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await journey.CheckPageAsync();
    });
}
