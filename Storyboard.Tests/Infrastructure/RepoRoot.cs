namespace Storyboard.Tests.Infrastructure;

/// <summary>The repository's top folder: the first folder above the test binaries that holds Storyboard.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Path => Folder.Value;

    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Storyboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Storyboard.sln above {AppContext.BaseDirectory}");
    }
}
