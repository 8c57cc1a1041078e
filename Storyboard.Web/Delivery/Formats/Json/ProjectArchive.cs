using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats.Json;

public interface IProjectArchive
{
    /// <summary>The live project as a <see cref="ProjectArchiveDocument"/>, or null when it does not exist or is in the Trash.</summary>
    Task<ProjectArchiveDocument?> ExportAsync(int projectId, ExportReport report, CancellationToken cancellationToken);
}

/// <summary>
/// Reads a whole project for the JSON file. Everything comes out in a fixed order (scenes by list position, clips by
/// time), so the same project always gives the same file and keys, and an imported copy gives the same file again.
/// </summary>
public sealed class ProjectArchive(StoryboardDbContext db, TimeProvider clock) : IProjectArchive
{
    public async Task<ProjectArchiveDocument?> ExportAsync(int projectId, ExportReport report, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId && p.DeletedAt == null, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var scenes = (await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken))
            .OrderBy(s => s.SortOrder).ThenBy(s => s.StartFrame).ThenBy(s => s.TakeNumber).ThenBy(s => s.Id).ToList();
        var sceneKeys = scenes.Select((s, i) => (s.Id, Key: $"scene-{i + 1}")).ToDictionary(x => x.Id, x => x.Key);
        var sceneOrder = scenes.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var clips = (await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken))
            .OrderBy(c => c.StartFrame)
            .ThenBy(c => c.SceneId is { } id && sceneOrder.TryGetValue(id, out var order) ? order : -1)
            .ThenBy(c => c.TakeNumber).ThenBy(c => c.Id).ToList();
        var clipKeys = clips.Select((c, i) => (c.Id, Key: $"clip-{i + 1}")).ToDictionary(x => x.Id, x => x.Key);
        var clipOrder = clips.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var generations = await db.ClipGenerations.AsNoTracking().Where(g => g.ProjectId == projectId).ToListAsync(cancellationToken);
        var orphans = generations.Count(g => !clipOrder.ContainsKey(g.ClipId));
        if (orphans > 0)
        {
            report.Add(orphans == 1
                ? "1 generation of a deleted clip is left out."
                : $"{orphans} generations of deleted clips are left out.");
        }
        generations = generations.Where(g => clipOrder.ContainsKey(g.ClipId))
            .OrderBy(g => clipOrder[g.ClipId]).ThenBy(g => g.CreatedAt).ThenBy(g => g.Id).ToList();

        report.Add("The undo history, the generation queue's jobs and batches are not part of the project file.");
        return new ProjectArchiveDocument(
            ProjectJson.SchemaVersion,
            ProjectJson.App,
            clock.GetUtcNow(),
            new ArchiveProject(project.Name, project.Description,
                new ArchiveFrameRate(project.FrameRateNumerator, project.FrameRateDenominator), project.Width, project.Height),
            await SongAsync(project.CurrentSongId, report, cancellationToken),
            scenes.Select(s => ToArchive(s, sceneKeys)).ToList(),
            clips.Select(c => ToArchive(c, clipKeys, sceneKeys)).ToList(),
            generations.Select((g, i) => ToArchive(g, $"generation-{i + 1}", clipKeys[g.ClipId])).ToList());
    }

    private async Task<ArchiveSong?> SongAsync(int? songId, ExportReport report, CancellationToken cancellationToken)
    {
        var song = songId is null ? null : await db.Songs.AsNoTracking().Include(s => s.Media)
            .SingleOrDefaultAsync(s => s.Id == songId, cancellationToken);
        if (song is null)
        {
            report.Add("The project has no song, so the file has none.");
            return null;
        }
        var analysis = song.Status == SongStatus.Ready
            ? new ArchiveSongAnalysis(song.PeaksPerSecond, song.PeakCount, song.AnalyzedAt)
            : null;
        return new ArchiveSong(song.MediaHash, song.Media?.ContentType ?? "application/octet-stream", song.Media?.SizeBytes ?? 0,
            song.OriginalFileName, song.Format, song.Codec, song.SampleRate, song.Channels, song.BitRate,
            song.DurationMicroseconds, analysis, song.CreatedAt);
    }

    private static ArchiveScene ToArchive(Scene s, Dictionary<int, string> keys) => new(
        keys[s.Id], s.Name, s.Description, s.Lyrics, s.Section.ToString(), s.CustomSection, s.Color, s.Notes, s.SortOrder,
        s.StartFrame, s.LengthFrames, s.OriginalId is { } original ? keys.GetValueOrDefault(original) : null, s.TakeNumber,
        s.IsMain, s.CreatedAt, s.UpdatedAt, s.DeletedAt);

    private static ArchiveClip ToArchive(Clip c, Dictionary<int, string> keys, Dictionary<int, string> sceneKeys) => new(
        keys[c.Id], c.SceneId is { } scene ? sceneKeys.GetValueOrDefault(scene) : null, c.Name, c.StartFrame, c.LengthFrames,
        c.Lyrics, c.ImagePrompt, c.NegativePrompt, c.VideoPrompt, c.ShotSize.ToString(), c.CameraMove.ToString(),
        c.TransitionIn.ToString(), c.TransitionFrames, c.Notes, c.ChosenImageHash, c.ChosenVideoHash,
        c.OriginalId is { } original ? keys.GetValueOrDefault(original) : null, c.TakeNumber, c.IsMain, c.CreatedAt, c.UpdatedAt);

    private static ArchiveGeneration ToArchive(ClipGeneration g, string key, string clipKey) => new(
        key, clipKey, g.Kind.ToString(), g.MediaHash, g.Width, g.Height, g.DurationMicroseconds, g.Seed.ToString(CultureInfo.InvariantCulture), g.Model, g.Source,
        JsonOrText(g.ParametersJson), g.GraphJson is null ? null : JsonOrText(g.GraphJson),
        g.PosterHash, g.PreviewHash, g.Rating, g.QueuedAt, g.StartedAt, g.CreatedAt, g.DeletedAt);

    /// <summary>Stored JSON goes in as JSON, so the file reads naturally; anything that does not parse goes in as a string.</summary>
    private static JsonElement JsonOrText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
