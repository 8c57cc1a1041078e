using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// One end-to-end test's world: a fresh app on a loopback port and a new browser context on the shared Chromium.
/// Work happens in named steps; a failing step saves a screenshot and the HTML to artifacts/e2e/ and names them in
/// the failure. Every page the journey reaches must pass <see cref="CheckPageAsync"/> (axe, one h1, the colour
/// scheme) before <see cref="FinishAsync"/>, which also fails on script errors and CSP refusals in the console.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    private readonly string _name;
    private readonly ColorScheme _colorScheme;
    private readonly List<string> _browserErrors = [];
    private readonly HashSet<string> _visited = [];
    private readonly HashSet<string> _checked = [];
    // Playwright raises page events on its own thread.
    private readonly Lock _gate = new();

    private Journey(string name, LiveStoryboard app, IBrowserContext context, IPage page, ColorScheme colorScheme)
    {
        _name = name;
        App = app;
        Context = context;
        Page = page;
        _colorScheme = colorScheme;
        page.Console += (_, message) =>
        {
            // A 422 is the app's answer to a refused edit (the htmx convention in README: the form or workspace comes
            // back with the reason shown); Chromium still logs it as a failed resource, which is no script error.
            if (message.Type == "error" && !message.Text.Contains("status of 422", StringComparison.Ordinal))
            {
                Record(_browserErrors, $"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record(_browserErrors, $"page error: {error}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && frame.Url.StartsWith("http", StringComparison.Ordinal))
            {
                Record(_visited, PathOf(frame.Url));
            }
        };
    }

    public LiveStoryboard App { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>
    /// Starts a fresh app and opens a context on it. <paramref name="options"/> may set the viewport or the colour
    /// scheme (light unless given); the base URL is always the new app's.
    /// </summary>
    public static async Task<Journey> StartAsync(BrowserFixture browser, object test, BrowserNewContextOptions? options = null,
        [CallerMemberName] string testName = "")
    {
        var app = LiveStoryboard.Start();
        try
        {
            var contextOptions = options ?? new BrowserNewContextOptions();
            contextOptions.BaseURL = app.Address.ToString();
            contextOptions.ColorScheme ??= ColorScheme.Light;
            contextOptions.Locale ??= "en-GB";
            var context = await browser.Browser.NewContextAsync(contextOptions);
            context.SetDefaultTimeout(10_000);
            var page = await context.NewPageAsync();
            return new Journey($"{test.GetType().Name}.{testName}", app, context, page, contextOptions.ColorScheme.Value);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one named step; on failure the page is saved and the failure says where.</summary>
    public async Task StepAsync(string step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            var saved = await Artifacts.SaveAsync(Page, $"{_name}-{step}");
            var browserErrors = Snapshot(_browserErrors);
            var errors = browserErrors.Count == 0
                ? ""
                : $"{Environment.NewLine}Browser errors so far:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", browserErrors)}";
            throw new Xunit.Sdk.XunitException(
                $"Step “{step}” of {_name} failed on {Page.Url}:{Environment.NewLine}{e.Message}{Environment.NewLine}{saved}{errors}", e);
        }
    }

    /// <summary>
    /// The checks every page gets: exactly one h1, the page follows the context's colour scheme, and axe finds no
    /// serious or critical violation. <paramref name="state"/> names a state of the page other than its first look.
    /// </summary>
    public async Task CheckPageAsync(string state = "")
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        var scheme = await Page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).colorScheme");
        var expected = _colorScheme == ColorScheme.Dark ? "dark" : "light";
        Assert.True(scheme == expected, $"The page shows the {scheme} theme but the browser prefers {expected}.");
        await Page.AssertNoSeriousViolationsAsync(state);
        Record(_checked, PathOf(Page.Url));
    }

    /// <summary>Fails if a page was reached but never checked, or if the browser logged an error.</summary>
    public Task FinishAsync() => StepAsync("finish", () =>
    {
        var missed = Snapshot(_visited).Except(Snapshot(_checked)).ToList();
        Assert.True(missed.Count == 0, $"These pages were visited but never checked with axe: {string.Join(", ", missed)}");
        var errors = Snapshot(_browserErrors);
        Assert.True(errors.Count == 0, $"The browser reported errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await App.DisposeAsync();
    }

    private void Record(ICollection<string> collection, string item)
    {
        lock (_gate)
        {
            collection.Add(item);
        }
    }

    private List<string> Snapshot(IEnumerable<string> collection)
    {
        lock (_gate)
        {
            return collection.ToList();
        }
    }

    private static string PathOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
}
