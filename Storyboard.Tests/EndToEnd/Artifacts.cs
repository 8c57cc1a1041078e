using Microsoft.Playwright;

namespace Storyboard.Tests.EndToEnd;

/// <summary>What a failed journey leaves behind for a person to look at: artifacts/e2e/ under the repository root.</summary>
public static class Artifacts
{
    private static readonly Lazy<string> Root = new(FindFolder);

    public static string Folder => Root.Value;

    /// <summary>Saves a full-page screenshot and the page's current HTML; returns both paths.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var stem = Path.Combine(Folder, Safe(name));
        var notes = new List<string>();
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true, Timeout = 10_000 });
            notes.Add($"Screenshot: {stem}.png");
        }
        catch (PlaywrightException e)
        {
            notes.Add($"No screenshot ({e.Message.Split('\n')[0]})");
        }
        try
        {
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
            notes.Add($"HTML: {stem}.html");
        }
        catch (PlaywrightException e)
        {
            notes.Add($"No HTML ({e.Message.Split('\n')[0]})");
        }
        return string.Join(Environment.NewLine, notes);
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storyboard.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "e2e");
                Directory.CreateDirectory(folder);
                return folder;
            }
        }
        throw new InvalidOperationException($"No Storyboard.sln above {AppContext.BaseDirectory}; cannot place artifacts/e2e.");
    }
}
