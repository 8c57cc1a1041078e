using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Storyboard.Tests.EndToEnd;

/// <summary>axe-core on the page as it is now; serious and critical violations fail the test.</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    // Full details only for violations; passes carry one node each, which keeps the result small.
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    public static async Task AssertNoSeriousViolationsAsync(this IPage page, string state = "")
    {
        // Legacy mode runs axe in the page itself. RunAxe's default mode opens a new browser page for every run to
        // merge per-frame results, which makes each check three to four times slower; our pages have no iframes,
        // so both modes see the same thing. If a later package drops legacy mode, RunAxe(Options) is the drop-in.
#pragma warning disable CS0618
        var result = await page.RunAxeLegacy(options: Options);
#pragma warning restore CS0618
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {page.Url}; did it load?");
        var blocking = result.Violations.Where(v => v.Impact is not null && Blocking.Contains(v.Impact)).ToList();
        if (blocking.Count == 0)
        {
            return;
        }
        var lines = blocking.SelectMany(v => v.Nodes.Select(n =>
            $"  {v.Id} ({v.Impact}) at {n.Target}: {v.Help} <{v.HelpUrl}>"));
        var where = string.IsNullOrEmpty(state) ? page.Url : $"{page.Url} ({state})";
        throw new Xunit.Sdk.XunitException(
            $"axe found {blocking.Count} serious or critical rule violation(s) on {where}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, lines));
    }
}
