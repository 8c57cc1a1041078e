using System.Net;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Hosting;

/// <summary>
/// The output of the shared publish command (<see cref="PublishCommand"/>, as test.sh and the Dockerfile run it)
/// started as its own process: what a person or the container actually runs.
/// </summary>
public sealed class PublishedAppTests(PublishedAppTests.FreshInstall install) : IClassFixture<PublishedAppTests.FreshInstall>
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_published_app_is_ready_with_its_database_ffmpeg_and_disk_checks()
    {
        using var response = await install.App.Client.GetAsync("/health/ready");
        response.AssertStatus(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "ffmpeg", "disk" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_fresh_published_install_sends_the_home_page_to_setup()
    {
        using var response = await install.App.Client.GetAsync("/");
        response.AssertStatus(HttpStatusCode.Redirect);
        Assert.Equal("/Setup", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/lib/htmx/htmx.min.js", "text/javascript")]
    [InlineData("/css/site.css", "text/css")]
    public async Task The_published_app_serves_the_web_root(string path, string contentType)
    {
        using var response = await install.App.Client.GetAsync(path);
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new FileInfo(RepoRoot.File("wwwroot" + path)).Length, body.Length);
    }

    [Fact]
    public void The_published_app_keeps_its_database_and_logs_in_STORYBOARD_DATA()
    {
        Assert.True(File.Exists(Path.Combine(install.DataFolder, "storyboard.db")), "storyboard.db is missing");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(install.DataFolder, "logs"), "storyboard-*.json"));
        Assert.False(Directory.Exists(Path.Combine(install.Folder, "data")), "The app ignored STORYBOARD_DATA");
    }

    [Fact]
    public async Task The_published_app_exits_cleanly_on_SIGTERM()
    {
        var folder = TestFolders.Create("published-stop");
        try
        {
            using var app = await PublishedApp.StartAsync(folder, Path.Combine(folder, "data"));
            var exitCode = await app.StopAsync(StopDeadline);
            Assert.True(exitCode == 0, $"Exit code {exitCode} after SIGTERM.\n{app.Output}");
            Assert.Contains(app.Output.Split('\n'), line => line.Contains("Application is shutting down", StringComparison.Ordinal));
        }
        finally
        {
            TestFolders.TryDelete(folder);
        }
    }

    [Fact]
    public async Task Without_STORYBOARD_DATA_the_published_app_keeps_its_data_in_data_under_the_working_directory()
    {
        var folder = TestFolders.Create("published-default");
        try
        {
            using var app = await PublishedApp.StartAsync(folder, dataFolder: null);
            Assert.True(File.Exists(Path.Combine(folder, "data", "storyboard.db")), $"No ./data/storyboard.db.\n{app.Output}");
            Assert.True(Directory.Exists(Path.Combine(folder, "data", "logs")), "No ./data/logs");
            Assert.Equal(0, await app.StopAsync(StopDeadline));
        }
        finally
        {
            TestFolders.TryDelete(folder);
        }
    }

    [Fact]
    public void The_published_app_carries_Skias_native_library_and_the_draft_card_font()
    {
        var folder = PublishCommand.PublishedFolder;
        var app = Path.Combine(folder, "Storyboard.Web.dll");

        // Publish is for this machine's platform (ReadyToRun), so Skia's native library lands beside the app,
        // listed in its deps.json: the container has no other (SkiaSharp.NativeAssets.Linux.NoDependencies).
        var native = new System.Runtime.Loader.AssemblyDependencyResolver(app).ResolveUnmanagedDllToPath("libSkiaSharp");
        Assert.Equal(Path.Combine(folder, "libSkiaSharp.so"), native);
        Assert.True(File.Exists(native), $"{native} is missing");
        // The fonts travel inside the assembly, their licence beside it.
        using var stream = File.OpenRead(app);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var resources = metadata.ManifestResources.Select(handle => metadata.GetString(metadata.GetManifestResource(handle).Name)).ToList();
        Assert.Contains("Storyboard.Web.Fonts.DejaVuSans.ttf", resources);
        Assert.Contains("Storyboard.Web.Fonts.DejaVuSans-Bold.ttf", resources);
        Assert.True(File.Exists(Path.Combine(folder, "Fonts", "LICENSE-DejaVu.txt")), "The font licence is missing");
    }

    /// <summary>One published app on a fresh data folder, shared by the tests that only read from it.</summary>
    public sealed class FreshInstall : IAsyncLifetime
    {
        public string Folder { get; } = TestFolders.Create("published");
        public string DataFolder => Path.Combine(Folder, "state");
        public PublishedApp App { get; private set; } = default!;

        public async Task InitializeAsync() => App = await PublishedApp.StartAsync(Folder, DataFolder);

        public async Task DisposeAsync()
        {
            if (App is not null)
            {
                await App.StopAsync(StopDeadline);
                App.Dispose();
            }
            TestFolders.TryDelete(Folder);
        }
    }
}
