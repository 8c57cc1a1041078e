using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Timeline;

/// <summary>
/// Reads and edits of a project's timeline. Reads are projections; every edit goes through <see cref="EditAsync"/>:
/// load the project's rows, change them in memory, check the lanes, save once, record the undo snapshot, all in one
/// transaction. Split by concern: scenes (TimelineService.Scenes.cs), clips (TimelineService.Clips.cs), undo/redo
/// (TimelineService.History.cs, TimelineSnapshots.cs).
/// </summary>
public sealed partial class TimelineService(StoryboardDbContext db, TimeProvider clock, ILogger<TimelineService> logger)
    : ITimelineService
{
    public async Task<TimelineView?> GetAsync(int projectId, CancellationToken cancellationToken)
    {
        if (await ProjectAsync(projectId, cancellationToken) is not { } project)
        {
            return null;
        }
        var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId && s.DeletedAt == null)
            .Select(s => new SceneView(s.Id, s.OriginalId ?? s.Id, s.TakeNumber, s.IsMain, s.Name, s.Description, s.Lyrics,
                s.Section, s.CustomSection, s.Color, s.Notes, s.SortOrder, s.StartFrame, s.LengthFrames, s.Version))
            .ToListAsync(cancellationToken);
        // Projected straight into views: no entities, and none of the columns the timeline does not show.
        var clips = await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Select(c => new ClipView(c.Id, c.OriginalId ?? c.Id, c.TakeNumber, c.IsMain, c.SceneId, c.Name, c.StartFrame,
                c.LengthFrames, c.Lyrics, c.ImagePrompt, c.NegativePrompt, c.VideoPrompt, c.ShotSize, c.CameraMove,
                c.TransitionIn, c.TransitionFrames, c.Notes, c.ChosenImageHash, c.Version, false))
            .ToListAsync(cancellationToken);
        return Assemble(project, scenes, clips, await HistoryStateAsync(projectId, cancellationToken));
    }

    /// <summary>
    /// The timeline as it is shown, from a project's live scenes and all its clips (read by <see cref="GetAsync"/>, or
    /// left by an edit): scenes in list order; the clips of live scenes (or none) in time order, each take under its
    /// original, flagged when it runs past the song's end.
    /// </summary>
    private static TimelineView Assemble(ProjectRow project, IEnumerable<SceneView> liveScenes, IEnumerable<ClipView> clips, HistoryState history)
    {
        var scenes = liveScenes.OrderBy(s => s.SortOrder).ThenBy(s => s.GroupId).ThenBy(s => s.TakeNumber).ToList();
        var liveSceneIds = scenes.Select(s => s.Id).ToHashSet();
        var shown = clips
            .Where(c => c.SceneId is null || liveSceneIds.Contains(c.SceneId.Value))
            .OrderBy(c => c.StartFrame).ThenBy(c => c.GroupId).ThenBy(c => c.TakeNumber)
            .Select(c => project.SongFrames is { } end && c.End > end ? c with { PastSongEnd = true } : c)
            .ToList();
        return new TimelineView(project.Id, project.Name, project.Rate, project.Width, project.Height, project.SongFrames,
            project.CurrentSongId, scenes, shown, history);
    }

    /// <summary>The timeline an edit left, from its working copy: what <see cref="GetAsync"/> would read right after it.</summary>
    private static TimelineView Assemble(TimelineEditState state, HistoryState history)
    {
        var project = state.Project;
        var row = new ProjectRow(project.Id, project.Name, project.Width, project.Height, project.CurrentSongId, state.Rate, state.SongFrames);
        return Assemble(row, state.Scenes.Where(s => s.DeletedAt == null).Select(ToView), state.Clips.Select(c => ToView(c, null)), history);
    }

    private sealed record ProjectRow(int Id, string Name, int Width, int Height, int? CurrentSongId, FrameRate Rate, long? SongFrames);

    /// <summary>A live project's settings, with its song's length in whole frames; null when missing or in the Trash.</summary>
    private async Task<ProjectRow?> ProjectAsync(int projectId, CancellationToken cancellationToken)
    {
        var row = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.DeletedAt == null)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.FrameRateNumerator,
                p.FrameRateDenominator,
                p.Width,
                p.Height,
                p.CurrentSongId,
                SongMicroseconds = p.CurrentSong == null ? (long?)null : p.CurrentSong.DurationMicroseconds,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var rate = new FrameRate(row.FrameRateNumerator, row.FrameRateDenominator);
        return new ProjectRow(row.Id, row.Name, row.Width, row.Height, row.CurrentSongId, rate,
            row.SongMicroseconds is { } micros ? rate.FramesFromMicroseconds(micros) : null);
    }

    public async Task<TimelineHeader?> HeaderAsync(int projectId, int? clipId, int? sceneId, CancellationToken cancellationToken)
    {
        if (await ProjectAsync(projectId, cancellationToken) is not { } project)
        {
            return null;
        }
        var (rate, songFrames) = (project.Rate, project.SongFrames);
        var live = db.Scenes.Where(s => s.ProjectId == projectId && s.DeletedAt == null);
        var clip = clipId is { } cid
            ? await db.Clips.AsNoTracking()
                .Where(c => c.Id == cid && c.ProjectId == projectId && (c.SceneId == null || live.Any(s => s.Id == c.SceneId)))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        var sceneFound = sceneId is { } sid && await live.AnyAsync(s => s.Id == sid, cancellationToken);
        return new TimelineHeader(rate, clip is null ? null : ToView(clip, songFrames), sceneFound);
    }

    public async Task<IReadOnlyList<TrashedScene>> TrashedScenesAsync(int projectId, CancellationToken cancellationToken)
    {
        var rows = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId && s.DeletedAt != null)
            .Select(s => new { s.Id, s.Name, s.TakeNumber, DeletedAt = s.DeletedAt!.Value, Clips = db.Clips.Count(c => c.SceneId == s.Id) })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.DeletedAt)
            .Select(r => new TrashedScene(r.Id, r.TakeNumber == 0 ? r.Name : $"{r.Name} A{r.TakeNumber}", r.DeletedAt, r.Clips))
            .ToList();
    }

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(int projectId, int count, CancellationToken cancellationToken) =>
        await db.TimelineEdits.AsNoTracking().Where(e => e.ProjectId == projectId)
            .OrderByDescending(e => e.Id).Take(Math.Max(0, count))
            .Select(e => new HistoryEntry(e.Id, e.Label,
                db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault(),
                e.CreatedAt, e.IsUndone))
            .ToListAsync(cancellationToken);

    public async Task<HistoryState> HistoryStateAsync(int projectId, CancellationToken cancellationToken)
    {
        var undo = await db.TimelineEdits.AsNoTracking().Where(e => e.ProjectId == projectId && !e.IsUndone)
            .OrderByDescending(e => e.Id).Select(e => e.Label).FirstOrDefaultAsync(cancellationToken);
        var redo = await db.TimelineEdits.AsNoTracking().Where(e => e.ProjectId == projectId && e.IsUndone)
            .OrderBy(e => e.Id).Select(e => e.Label).FirstOrDefaultAsync(cancellationToken);
        return new HistoryState(undo, redo);
    }

    internal static SceneView ToView(Scene s) => new(s.Id, s.GroupId, s.TakeNumber, s.IsMain, s.Name, s.Description,
        s.Lyrics, s.Section, s.CustomSection, s.Color, s.Notes, s.SortOrder, s.StartFrame, s.LengthFrames, s.Version);

    internal static ClipView ToView(Clip c, long? songFrames) => new(c.Id, c.GroupId, c.TakeNumber, c.IsMain, c.SceneId,
        c.Name, c.StartFrame, c.LengthFrames, c.Lyrics, c.ImagePrompt, c.NegativePrompt, c.VideoPrompt, c.ShotSize,
        c.CameraMove, c.TransitionIn, c.TransitionFrames, c.Notes, c.ChosenImageHash, c.Version,
        songFrames is { } end && c.StartFrame + c.LengthFrames > end);
}
