using Microsoft.Playwright;

namespace Storyboard.Tests.EndToEnd;

/// <summary>
/// One Playwright driver and one headless Debian Chromium for the whole end-to-end collection (launching is the slow
/// part); every test opens its own <see cref="IBrowserContext"/> through <see cref="Journey"/>.
/// Never downloads a browser: a missing Chromium fails every test with the command that installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        // Without these Chromium keeps calling home, which floods a closed network and slows every test.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Playback tests start the song from a script or a shortcut; headless Chromium would refuse without a gesture.
        "--autoplay-policy=no-user-gesture-required",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture is not initialised.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The end-to-end tests drive Debian's Chromium at {ChromiumPath}, which is missing. " +
                "Install it with `sudo apt-get install chromium` (never `playwright install`).");
        }
        // Playwright asserts wait this long before failing; the machine running the suite may be busy.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>The end-to-end tests share one browser and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
