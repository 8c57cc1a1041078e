using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Storyboard.Tests.EndToEnd;

/// <summary>axe-core on the page as it is now; serious and critical violations fail the test.</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    public static async Task AssertNoSeriousViolationsAsync(this IPage page, string state = "")
    {
        // Full details only for violations: passes then carry one node each, which keeps a run well under a second.
        var result = await page.RunAxe(Options);
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
