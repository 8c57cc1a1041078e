using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>The harness's own check: a clean page passes, and a real violation fails with what a person needs to fix it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_critical_violation_fails_the_check_naming_rule_impact_target_and_help()
    {
        await using var journey = await Journey.StartAsync(browser, this);
        var page = journey.Page;
        await journey.StepAsync("check the clean setup page", async () =>
        {
            await page.GotoAsync("/Setup");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up Storyboard");
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("break the page and check again", async () =>
        {
            await page.EvaluateAsync("""
                () => {
                    const image = document.createElement("img");
                    image.id = "image-without-alt";
                    image.src = "/favicon.svg";
                    document.querySelector("main").append(image);
                }
                """);
            var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => page.AssertNoSeriousViolationsAsync("broken on purpose"));
            Assert.Contains("image-alt (critical) at #image-without-alt: Images must have alternative text", failure.Message);
            Assert.Contains("broken on purpose", failure.Message);
        });

        await journey.FinishAsync();
    }
}
