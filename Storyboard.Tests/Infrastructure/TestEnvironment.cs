using System.Runtime.CompilerServices;

namespace Storyboard.Tests.Infrastructure;

/// <summary>
/// Settings for the whole test process, applied before any app starts. A run hosts well over a hundred app instances;
/// each would otherwise hold inotify watchers (configuration reload, the web root behind asp-append-version), and
/// Linux allows 128 per user by default.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
