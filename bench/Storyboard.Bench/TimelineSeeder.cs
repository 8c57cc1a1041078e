using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Storyboard.Bench;

/// <summary>
/// The timeline project straight into SQLite (the app must be stopped): 40 main scenes end to end, 300 main clips of
/// 16 frames every 19 frames (3 free frames after each, so a ±1 frame move never overlaps) inside their scenes, and
/// 100 alternates: 50 clips with takes 1 and 2 on the same span (OriginalId = the group's first take, IsMain 0).
/// 300 × 19 = 5,700 frames: all inside the 4-minute song at 24 fps (5,760). Version 0; times are UTC ticks.
/// Columns as in migrations/*_Initial.cs and *_Timeline.cs.
/// </summary>
public static class TimelineSeeder
{
    public const int Scenes = 40, MainClips = 300, AlternateGroups = 50, TakesPerGroup = 2;
    private const long Step = 19, ClipLength = 16;
    private static readonly string[] Colors = ["#5b7fe0", "#e05b7f", "#7fe05b", "#e0b35b"];

    public sealed record Seeded(int Scenes, int MainClips, int Alternates, long MoveClipId, string MoveClipStart);

    public static Seeded Seed(string databasePath, int projectId)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, ForeignKeys = true };
        using var db = new SqliteConnection(connection.ToString());
        db.Open();
        using var transaction = db.BeginTransaction();
        var now = DateTimeOffset.UtcNow.UtcTicks;

        using (var check = Command(db, transaction, "SELECT COUNT(*) FROM Songs WHERE ProjectId = $id", ("$id", projectId)))
        {
            if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) < 1)
            {
                throw new InvalidOperationException($"Project {projectId} has no song in {databasePath}");
            }
        }

        // Scene s holds clips FirstClip(s) .. FirstClip(s + 1) - 1 and spans exactly their 19-frame steps.
        static int FirstClip(int s) => (int)Math.Ceiling(s * (double)MainClips / Scenes);
        var sceneIds = new List<long>();
        for (var s = 0; s < Scenes; s++)
        {
            var start = FirstClip(s) * Step;
            var length = (FirstClip(s + 1) - FirstClip(s)) * Step;
            using var insert = Command(db, transaction,
                "INSERT INTO Scenes (ProjectId, Name, SortOrder, CreatedAt, UpdatedAt, StartFrame, LengthFrames, IsMain, TakeNumber, Version, Description, Lyrics, " +
                "Color, CustomSection, Notes, Section) " +
                "VALUES ($project, $name, $order, $at, $at, $start, $length, 1, 0, 0, $description, $lyrics, $color, '', '', $section) RETURNING Id",
                ("$project", projectId), ("$name", $"Scene {s + 1}: verse, chorus or bridge"), ("$order", s), ("$at", now),
                ("$start", start), ("$length", length), ("$description", "The singer walks through the rain-soaked street at night."),
                ("$lyrics", "And the city lights are fading while I'm walking home alone"),
                ("$color", Colors[s % Colors.Length]), ("$section", s % 4));
            sceneIds.Add((long)insert.ExecuteScalar()!);
        }

        long moveClipId = 0;
        var alternates = 0;
        for (var c = 0; c < MainClips; c++)
        {
            var scene = sceneIds[Enumerable.Range(0, Scenes).Last(s => FirstClip(s) <= c)];
            string? image = null;
            if (c % 2 == 0)
            {
                image = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"bench-timeline-image-{projectId}-{c}")));
                using var media = Command(db, transaction,
                    "INSERT INTO MediaFiles (Hash, SizeBytes, ContentType, RelativePath, CreatedAt) VALUES ($hash, 250000, 'image/png', $path, $at)",
                    ("$hash", image), ("$path", $"{image[..2]}/{image}.png"), ("$at", now));
                media.ExecuteNonQuery();
            }
            var id = InsertClip(db, transaction, projectId, scene, $"Shot {c + 1}", c * Step, image, null, 0, true, now);
            if (c == MainClips / 2 + 1)
            {
                moveClipId = id;
            }
            // Every sixth clip (from the fourth) gets two alternate takes: 50 groups, 100 alternates.
            if (c % 6 == 3 && alternates < AlternateGroups * TakesPerGroup)
            {
                for (var take = 1; take <= TakesPerGroup; take++)
                {
                    InsertClip(db, transaction, projectId, scene, $"Shot {c + 1}", c * Step, null, id, take, false, now);
                    alternates++;
                }
            }
        }
        transaction.Commit();
        // As the page shows it at 24 fps: hh:mm:ss:ff.
        var frames = (MainClips / 2 + 1) * Step;
        var time = TimeSpan.FromSeconds(frames / 24);
        return new Seeded(Scenes, MainClips, alternates, moveClipId, $"{time:hh\\:mm\\:ss}:{frames % 24:00}");
    }

    private static long InsertClip(SqliteConnection db, SqliteTransaction transaction, int projectId, long sceneId, string name,
        long start, string? image, long? originalId, int take, bool isMain, long now)
    {
        using var insert = Command(db, transaction,
            "INSERT INTO Clips (ProjectId, SceneId, Name, StartFrame, LengthFrames, ChosenImageHash, CreatedAt, UpdatedAt, " +
            "OriginalId, TakeNumber, IsMain, Version, Lyrics, ImagePrompt, NegativePrompt, VideoPrompt, Notes, CameraMove, ShotSize, TransitionIn, TransitionFrames) " +
            "VALUES ($project, $scene, $name, $start, $length, $image, $at, $at, $original, $take, $main, 0, $lyrics, $prompt, '', '', '', 0, 0, 0, 0) RETURNING Id",
            ("$project", projectId), ("$scene", sceneId), ("$name", name), ("$start", start), ("$length", ClipLength),
            ("$image", (object?)image ?? DBNull.Value), ("$at", now), ("$original", (object?)originalId ?? DBNull.Value),
            ("$take", take), ("$main", isMain ? 1 : 0), ("$lyrics", "walking home alone"),
            ("$prompt", "Wide shot, neon reflections on wet asphalt, cinematic lighting"));
        return (long)insert.ExecuteScalar()!;
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
