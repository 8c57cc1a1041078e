using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Hosting;

namespace Storyboard.Tests.Data;

public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = TestFolders.Create("migrations");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestFolders.TryDelete(_folder);
    }

    private StoryboardDbContext Open(string file) => new(new DbContextOptionsBuilder<StoryboardDbContext>()
        .UseSqlite(DataSetup.BuildConnectionString(file)).AddInterceptors(new SqlitePragmaInterceptor()).Options);

    [Fact]
    public void Migrating_an_empty_file_leaves_no_pending_model_changes()
    {
        using var db = Open(Path.Combine(_folder, "empty.db"));
        db.Database.Migrate();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration covers: run dotnet ef migrations add.");
    }

    [Fact]
    public void Every_connection_runs_with_wal_foreign_keys_and_a_busy_timeout()
    {
        using var db = Open(Path.Combine(_folder, "pragmas.db"));
        db.Database.Migrate();
        db.Database.OpenConnection();
        Assert.Equal("wal", Scalar(db, "PRAGMA journal_mode;"));
        Assert.Equal("1", Scalar(db, "PRAGMA foreign_keys;"));
        Assert.Equal("5000", Scalar(db, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public void A_pooled_connection_opened_again_by_another_context_keeps_its_settings()
    {
        var file = Path.Combine(_folder, "pooled.db");
        using (var first = Open(file))
        {
            first.Database.Migrate();
        }
        for (var round = 0; round < 3; round++)
        {
            using var db = Open(file);
            db.Database.OpenConnection();
            Assert.Equal(("wal", "1", "5000"),
                (Scalar(db, "PRAGMA journal_mode;"), Scalar(db, "PRAGMA foreign_keys;"), Scalar(db, "PRAGMA busy_timeout;")));
            db.Database.CloseConnection();
        }
    }

    [Fact]
    public async Task Start_up_backs_up_an_existing_database_before_migrating_it()
    {
        using var factory = new StoryboardFactory();
        var file = Path.Combine(factory.DataFolder, "storyboard.db");
        File.Delete(file);
        // An older install: data in the file, migrations still to apply.
        using (var old = Open(file))
        {
            old.Database.ExecuteSqlRaw("CREATE TABLE Marker (Value TEXT); INSERT INTO Marker VALUES ('kept');");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var response = await factory.CreateClient().GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);

        var backup = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataFolder, "backups"), "*.db"));
        using var backedUp = Open(backup);
        Assert.Equal("kept", backedUp.Database.SqlQueryRaw<string>("SELECT Value FROM Marker").Single());
        Assert.Empty(backedUp.Database.GetAppliedMigrations());
        using var migrated = Open(file);
        Assert.Empty(migrated.Database.GetPendingMigrations());
    }

    [Fact]
    public async Task Start_up_makes_no_backup_when_nothing_is_pending()
    {
        using var factory = new StoryboardFactory();
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);
        Assert.False(Directory.Exists(Path.Combine(factory.DataFolder, "backups")));
    }

    private static string? Scalar(StoryboardDbContext db, string sql)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
