using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storyboard.Web.Data;

/// <summary>Sets WAL, foreign keys and a busy timeout on every connection EF Core opens.</summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;";

    // Changing the journal mode writes to the file, so read-only connections (EF opens one to test that the
    // database exists) only get the other pragmas.
    private const string WritablePragmas = "PRAGMA journal_mode=WAL; " + Pragmas;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        var readOnly = connection is SqliteConnection sqlite &&
                       new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
        using var command = connection.CreateCommand();
        command.CommandText = readOnly ? Pragmas : WritablePragmas;
        command.ExecuteNonQuery();
    }
}
