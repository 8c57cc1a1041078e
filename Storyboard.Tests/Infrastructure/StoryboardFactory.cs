using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Storyboard.Tests.Infrastructure;

/// <summary>
/// The real app on its own temp data folder with a real SQLite file copied from the migrated template.
/// Use one per test class (IClassFixture) or per test when a test needs a fresh install.
/// </summary>
public class StoryboardFactory : WebApplicationFactory<Program>
{
    // Every test request comes from one address, so the per-IP sign-in limit is raised unless a test sets it.
    private readonly Dictionary<string, string?> _settings = new() { ["Api:SignInPermitsPerMinute"] = "10000" };

    public StoryboardFactory()
    {
        Folder = TestFolders.Create("app");
        DataFolder = Path.Combine(Folder, "data");
        MigratedTemplate.CopyTo(Path.Combine(DataFolder, "storyboard.db"));
    }

    /// <summary>The app started again on the folder another factory left (see <see cref="KeepFolder"/>): a restart.</summary>
    public static StoryboardFactory RestartOf(StoryboardFactory stopped) => new(stopped);

    // Private: a class fixture's type may have only one public constructor.
    private StoryboardFactory(StoryboardFactory stopped)
    {
        Folder = stopped.Folder;
        DataFolder = stopped.DataFolder;
        foreach (var (key, value) in stopped._settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>When set, disposing stops the app but leaves its folder for a restart.</summary>
    public bool KeepFolder { get; set; }

    public string Folder { get; }
    public string DataFolder { get; }
    public string MediaFolder => Path.Combine(DataFolder, "media");

    /// <summary>Overrides a setting ("Media:MaxSongUploadMegabytes") before the app starts.</summary>
    public StoryboardFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", DataFolder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
            new Dictionary<string, string?>(_settings) { ["Storage:DataPath"] = DataFolder }));
    }

    /// <summary>A client that keeps cookies and follows redirects, like a browser.</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!KeepFolder)
            {
                TestFolders.TryDelete(Folder);
            }
        }
    }
}
