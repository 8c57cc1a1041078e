using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Storyboard.Bench;

/// <summary>
/// Fills a project straight into the app's SQLite file (the app must be stopped): scenes, clips laid end to end,
/// and a chosen image on every other clip. Columns as in migrations/*_Initial.cs; times are UTC ticks.
/// </summary>
public static class Seeder
{
    public static void AddScenesAndClips(string databasePath, int projectId, int scenes, int clips)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, ForeignKeys = true };
        using var db = new SqliteConnection(connection.ToString());
        db.Open();
        using var transaction = db.BeginTransaction();
        var now = DateTimeOffset.UtcNow.UtcTicks;

        using (var check = Command(db, transaction, "SELECT COUNT(*) FROM Projects WHERE Id = $id AND DeletedAt IS NULL", ("$id", projectId)))
        {
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new InvalidOperationException($"Project {projectId} is not in {databasePath}");
            }
        }

        var sceneIds = new List<long>();
        for (var s = 0; s < scenes; s++)
        {
            using var insert = Command(db, transaction,
                "INSERT INTO Scenes (ProjectId, Name, SortOrder, CreatedAt) VALUES ($project, $name, $order, $at) RETURNING Id",
                ("$project", projectId), ("$name", $"Scene {s + 1}: verse, chorus or bridge"), ("$order", s), ("$at", now));
            sceneIds.Add((long)insert.ExecuteScalar()!);
        }

        const long lengthFrames = 48;
        for (var c = 0; c < clips; c++)
        {
            string? image = null;
            if (c % 2 == 0)
            {
                image = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"bench-image-{projectId}-{c}")));
                using var media = Command(db, transaction,
                    "INSERT INTO MediaFiles (Hash, SizeBytes, ContentType, RelativePath, CreatedAt) VALUES ($hash, 250000, 'image/png', $path, $at)",
                    ("$hash", image), ("$path", $"{image[..2]}/{image}.png"), ("$at", now));
                media.ExecuteNonQuery();
            }
            using var insert = Command(db, transaction,
                "INSERT INTO Clips (ProjectId, SceneId, Name, StartFrame, LengthFrames, ChosenImageHash, CreatedAt) " +
                "VALUES ($project, $scene, $name, $start, $length, $image, $at)",
                ("$project", projectId), ("$scene", sceneIds[c * scenes / clips]), ("$name", $"Shot {c + 1}"),
                ("$start", c * lengthFrames), ("$length", lengthFrames), ("$image", (object?)image ?? DBNull.Value), ("$at", now));
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
