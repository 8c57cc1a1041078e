using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storyboard.Web.Data;

/// <summary>
/// Sets WAL, foreign keys and a busy timeout on every SQLite connection EF Core opens. The settings belong to the
/// native connection, which the pool keeps open and hands out again, so they are sent once per native connection
/// rather than on every open (EF Core opens and closes the connection around each query).
/// </summary>
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

    private static readonly ConditionalWeakTable<object, object> Applied = new();
    private static readonly ConcurrentDictionary<string, bool> ReadOnlyByConnectionString = new();

    private static void Apply(DbConnection connection)
    {
        var native = (connection as SqliteConnection)?.Handle;
        if (native is not null && Applied.TryGetValue(native, out _))
        {
            return;
        }
        var readOnly = ReadOnlyByConnectionString.GetOrAdd(connection.ConnectionString,
            text => new SqliteConnectionStringBuilder(text).Mode == SqliteOpenMode.ReadOnly);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = readOnly ? Pragmas : WritablePragmas;
            command.ExecuteNonQuery();
        }
        if (native is not null)
        {
            Applied.AddOrUpdate(native, native);
        }
    }
}
