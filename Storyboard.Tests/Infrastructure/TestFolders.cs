namespace Storyboard.Tests.Infrastructure;

/// <summary>Per-test temp folders under one root that a run cleans up as it goes.</summary>
public static class TestFolders
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "storyboard-tests");

    public static string Create(string purpose)
    {
        var folder = Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A log file may still be open on a slow shutdown; the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
