using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Hosting;

namespace Storyboard.Tests.Infrastructure;

/// <summary>A SQLite file migrated once per test run; each test copies it rather than migrating again.</summary>
public static class MigratedTemplate
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Template.Value;

    public static void CopyTo(string databasePath)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(databasePath)!);
        File.Copy(Path, databasePath, overwrite: true);
    }

    private static string Create()
    {
        var folder = TestFolders.Create("template");
        var file = System.IO.Path.Combine(folder, "template.db");
        var options = new DbContextOptionsBuilder<StoryboardDbContext>()
            .UseSqlite(DataSetup.BuildConnectionString(file) + ";Pooling=False")
            .Options;
        using var db = new StoryboardDbContext(options);
        db.Database.Migrate();
        // One file, no WAL beside it, so a plain copy is complete.
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=DELETE;");
        return file;
    }
}
