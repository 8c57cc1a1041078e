using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Data;

/// <summary>
/// The only way the schema changes: EF Core migrations from migrations/. Before any pending migration runs on an
/// existing database, the file is copied (with SQLite's online backup, so WAL contents are included) to data/backups.
/// </summary>
public sealed class DatabaseMigrator(
    IServiceScopeFactory scopes, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<DatabaseMigrator> logger)
{
    public async Task<string?> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        logger.LogInformation("Database: {DatabasePath}", db.Database.GetDbConnection().DataSource);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return null;
        }

        string? backup = null;
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var file = new FileInfo(storage.Value.DatabasePath);
        if (file.Exists && file.Length > 0)
        {
            backup = BackUp(applied.Count > 0 ? applied[^1].Split('_')[0] : "first-migration");
            logger.LogInformation("Backed up the database to {Backup} before migrating", backup);
        }

        logger.LogInformation("Applying {Count} database migrations: {Migrations}", pending.Count, pending);
        await db.Database.MigrateAsync(cancellationToken);
        return backup;
    }

    private string BackUp(string lastApplied)
    {
        var folder = storage.Value.BackupFolder;
        Directory.CreateDirectory(folder);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var target = Path.Combine(folder, $"storyboard-{stamp}-after-{lastApplied}.db");
        using var source = new SqliteConnection(DataSetup.BuildConnectionString(storage.Value.DatabasePath));
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
        return target;
    }
}
