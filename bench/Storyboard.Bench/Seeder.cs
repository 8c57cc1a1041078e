using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Storyboard.Bench;

/// <summary>
/// Fills a project straight into the app's SQLite file (the app must be stopped): scenes, clips laid end to end,
/// and a chosen image on every other clip, each scene spanning its clips. Columns as in migrations/*_Initial.cs and
/// *_Timeline.cs (every NOT NULL column given: SQLite's table rebuild dropped the defaults); times are UTC ticks.
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
                "INSERT INTO Scenes (ProjectId, Name, SortOrder, CreatedAt, UpdatedAt, Color, CustomSection, Description, Lyrics, Notes, IsMain, Section, TakeNumber, Version, StartFrame, LengthFrames) " +
                "VALUES ($project, $name, $order, $at, $at, '#5b7fe0', '', '', '', '', 1, 0, 0, 0, 0, 0) RETURNING Id",
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
                "INSERT INTO Clips (ProjectId, SceneId, Name, StartFrame, LengthFrames, ChosenImageHash, CreatedAt, UpdatedAt, IsMain, TakeNumber, Version, " +
                "ImagePrompt, Lyrics, NegativePrompt, Notes, VideoPrompt, CameraMove, ShotSize, TransitionIn, TransitionFrames) " +
                "VALUES ($project, $scene, $name, $start, $length, $image, $at, $at, 1, 0, 0, '', '', '', '', '', 0, 0, 0, 0)",
                ("$project", projectId), ("$scene", sceneIds[c * scenes / clips]), ("$name", $"Shot {c + 1}"),
                ("$start", c * lengthFrames), ("$length", lengthFrames), ("$image", (object?)image ?? DBNull.Value), ("$at", now));
            insert.ExecuteNonQuery();
        }
        // Each scene spans its clips, as migrations/*_SceneSpans.cs backfills them.
        using (var spans = Command(db, transaction,
            "UPDATE Scenes SET StartFrame = (SELECT MIN(c.StartFrame) FROM Clips c WHERE c.SceneId = Scenes.Id), " +
            "LengthFrames = (SELECT MAX(c.StartFrame + c.LengthFrames) - MIN(c.StartFrame) FROM Clips c WHERE c.SceneId = Scenes.Id) " +
            "WHERE ProjectId = $project AND EXISTS (SELECT 1 FROM Clips c WHERE c.SceneId = Scenes.Id)", ("$project", projectId)))
        {
            spans.ExecuteNonQuery();
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
