using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Timeline;

/// <summary>The edit pipeline (one transaction, lane checks, versions, undo record) and undo/redo.</summary>
public sealed partial class TimelineService
{
    /// <summary>Undo history kept per project; older edits can no longer be undone.</summary>
    public const int HistoryLimit = 500;

    /// <summary>What an edit did: its history label and the rows to report (ids are read after saving).</summary>
    private sealed record Done(string Label, IReadOnlyList<object> Rows);

    /// <summary>
    /// Runs <paramref name="edit"/> on the project's rows in one transaction. The edit returns a refusal (nothing is
    /// saved) or what it did; then the lanes are checked, changed rows get a new version, and the rows that differ are
    /// recorded for undo, dropping the undone edits a new edit replaces. Rows are read without tracking and only the
    /// ones the edit changed are written (see <see cref="TrackChanged"/>), so an edit costs little on a long timeline.
    /// </summary>
    private async Task<TimelineResult> EditAsync(int projectId, string? userId, bool needsHistory,
        Func<TimelineEditState, object> edit, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var state = await LoadAsync(projectId, needsHistory, cancellationToken);
            if (state is null)
            {
                return TimelineResult.NotFound("The project");
            }
            var before = TimelineSnapshot.Of(state.Scenes, state.Clips);
            var outcome = edit(state);
            if (outcome is TimelineResult refused)
            {
                return refused;
            }
            var done = (Done)outcome;
            if (state.CheckLanes() is { } lanes)
            {
                return lanes;
            }
            foreach (var row in TrackChanged(state, before))
            {
                Stamp(row, state.Now);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException conflict)
            {
                return await ConflictAsync(conflict, state.SongFrames, cancellationToken);
            }
            var (beforeRows, afterRows) = TimelineSnapshot.Diff(before, TimelineSnapshot.Of(state.Scenes, state.Clips));
            // What the timeline looks like now, for the caller to show without reading it again; after an edit that
            // changed nothing its history is not known here.
            TimelineView? after = null;
            if (!beforeRows.IsEmpty || !afterRows.IsEmpty)
            {
                // One statement makes room for the new record: the undone edits go (nothing is left to redo), and so
                // do the oldest beyond the newest HistoryLimit - 1.
                await db.TimelineEdits.Where(e => e.ProjectId == projectId && (e.IsUndone || e.Id <= db.TimelineEdits
                        .Where(k => k.ProjectId == projectId && !k.IsUndone).OrderByDescending(k => k.Id)
                        .Skip(HistoryLimit - 1).Select(k => (int?)k.Id).FirstOrDefault()))
                    .ExecuteDeleteAsync(cancellationToken);
                var label = Truncate(done.Label, 200);
                db.TimelineEdits.Add(new TimelineEdit
                {
                    ProjectId = projectId,
                    Label = label,
                    UserId = userId,
                    CreatedAt = state.Now,
                    BeforeJson = beforeRows.ToJson(),
                    AfterJson = afterRows.ToJson(),
                });
                await db.SaveChangesAsync(cancellationToken);
                // This edit is the one to undo, and nothing is left to redo.
                after = Assemble(state, new HistoryState(label, null));
            }
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Timeline of project {ProjectId}: {Edit}", projectId, done.Label);
            return TimelineResult.Ok(done.Rows.Select(r => r is Scene s ? s.Id : ((Clip)r).Id).ToArray()) with { After = after };
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task<TimelineResult> UndoAsync(int projectId, string? userId, CancellationToken cancellationToken) =>
        ReplayAsync(projectId, undo: true, cancellationToken);

    public Task<TimelineResult> RedoAsync(int projectId, string? userId, CancellationToken cancellationToken) =>
        ReplayAsync(projectId, undo: false, cancellationToken);

    /// <summary>
    /// Writes an edit's "before" rows back (undo) or its "after" rows (redo): rows missing from that side are removed,
    /// the others re-created with their ids or updated. Restored rows get a new version, so a form opened before the
    /// undo cannot silently overwrite it. Undo and redo are not edits themselves.
    /// </summary>
    private async Task<TimelineResult> ReplayAsync(int projectId, bool undo, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var state = await LoadAsync(projectId, needsHistory: false, cancellationToken);
            if (state is null)
            {
                return TimelineResult.NotFound("The project");
            }
            var before = TimelineSnapshot.Of(state.Scenes, state.Clips);
            var edits = db.TimelineEdits.Where(e => e.ProjectId == projectId && e.IsUndone == !undo);
            var edit = await (undo ? edits.OrderByDescending(e => e.Id) : edits.OrderBy(e => e.Id)).FirstOrDefaultAsync(cancellationToken);
            if (edit is null)
            {
                return TimelineResult.NotFound(undo ? "An edit to undo" : "An edit to redo");
            }
            var target = TimelineSnapshot.FromJson(undo ? edit.BeforeJson : edit.AfterJson);
            var other = TimelineSnapshot.FromJson(undo ? edit.AfterJson : edit.BeforeJson);
            var targetScenes = target.Scenes.Select(s => s.Id).ToHashSet();
            var targetClips = target.Clips.Select(c => c.Id).ToHashSet();
            var changed = new List<object>();

            foreach (var row in other.Clips.Where(c => !targetClips.Contains(c.Id)))
            {
                if (state.FindClip(row.Id) is { } clip)
                {
                    state.Remove(clip);
                }
            }
            foreach (var row in other.Scenes.Where(s => !targetScenes.Contains(s.Id)))
            {
                if (state.FindScene(row.Id) is { } scene)
                {
                    state.Remove(scene);
                }
            }
            foreach (var row in target.Scenes)
            {
                if (state.FindScene(row.Id) is { } scene)
                {
                    row.ApplyTo(scene);
                    scene.Version++;
                    changed.Add(scene);
                }
                else
                {
                    var restored = new Scene { Id = row.Id, ProjectId = projectId, Version = row.Version + 1 };
                    row.ApplyTo(restored);
                    state.Restore(restored);
                    changed.Add(restored);
                }
            }
            foreach (var row in target.Clips)
            {
                if (state.FindClip(row.Id) is { } clip)
                {
                    row.ApplyTo(clip);
                    clip.Version++;
                    changed.Add(clip);
                }
                else
                {
                    var restored = new Clip { Id = row.Id, ProjectId = projectId, Version = row.Version + 1 };
                    row.ApplyTo(restored);
                    state.Restore(restored);
                    changed.Add(restored);
                }
            }
            edit.IsUndone = undo;
            TrackChanged(state, before);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException conflict)
            {
                return await ConflictAsync(conflict, state.SongFrames, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Timeline of project {ProjectId}: {Action} {Edit}", projectId, undo ? "undo" : "redo", edit.Label);
            return TimelineResult.Ok(changed.Select(r => r is Scene s ? s.Id : ((Clip)r).Id).ToArray());
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<TimelineEditState?> LoadAsync(int projectId, bool needsHistory, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.CurrentSong)
            .SingleOrDefaultAsync(p => p.Id == projectId && p.DeletedAt == null, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken);
        var clips = await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var history = new List<TimelineSnapshot>();
        if (needsHistory)
        {
            var rows = await db.TimelineEdits.AsNoTracking().Where(e => e.ProjectId == projectId)
                .Select(e => new { e.BeforeJson, e.AfterJson }).ToListAsync(cancellationToken);
            history.AddRange(rows.SelectMany(r => new[] { TimelineSnapshot.FromJson(r.BeforeJson), TimelineSnapshot.FromJson(r.AfterJson) }));
        }
        long? songFrames = project.CurrentSong is { } song ? project.FrameRate.FramesFromMicroseconds(song.DurationMicroseconds) : null;
        return new TimelineEditState(db, project, songFrames, scenes, clips, history, clock.GetUtcNow());
    }

    /// <summary>
    /// Starts tracking the loaded rows the edit changed (rows it created or removed are tracked already), each with the
    /// values it was loaded with, so its version is the concurrency token: a row someone else saved meanwhile is a conflict.
    /// </summary>
    private List<object> TrackChanged(TimelineEditState state, TimelineSnapshot before)
    {
        var changed = new List<object>();
        var scenesBefore = before.Scenes.ToDictionary(s => s.Id);
        foreach (var scene in state.Scenes)
        {
            if (scenesBefore.TryGetValue(scene.Id, out var was) && was != SceneSnapshot.Of(scene) && Attach(scene, was))
            {
                changed.Add(scene);
            }
        }
        var clipsBefore = before.Clips.ToDictionary(c => c.Id);
        foreach (var clip in state.Clips)
        {
            if (clipsBefore.TryGetValue(clip.Id, out var was) && was != ClipSnapshot.Of(clip) && Attach(clip, was))
            {
                changed.Add(clip);
            }
        }
        return changed;
    }

    /// <summary>
    /// Tracks a changed row with the values it was loaded with as its original values: the concurrency token, the
    /// changed columns, and the old links EF Core needs to order the statements (re-link alternates, then delete).
    /// </summary>
    private bool Attach<T>(T row, object loaded) where T : class
    {
        var entry = db.Entry(row);
        if (entry.State != EntityState.Detached)
        {
            return false;
        }
        entry.State = EntityState.Unchanged;
        entry.OriginalValues.SetValues(loaded);
        entry.DetectChanges();
        return true;
    }

    /// <summary>A changed scene or clip gets a new version and update time (new rows start at version 1).</summary>
    private static void Stamp(object row, DateTimeOffset now)
    {
        switch (row)
        {
            case Scene scene:
                scene.Version++;
                scene.UpdatedAt = now;
                break;
            case Clip clip:
                clip.Version++;
                clip.UpdatedAt = now;
                break;
        }
    }

    /// <summary>Someone saved the same row first: report what is stored now.</summary>
    private static async Task<TimelineResult> ConflictAsync(DbUpdateConcurrencyException conflict, long? songFrames, CancellationToken cancellationToken)
    {
        foreach (var entry in conflict.Entries)
        {
            var values = await entry.GetDatabaseValuesAsync(cancellationToken);
            switch (values?.ToObject())
            {
                case Scene scene:
                    return TimelineResult.Conflict(ToView(scene), null);
                case Clip clip:
                    return TimelineResult.Conflict(null, ToView(clip, songFrames));
            }
        }
        return TimelineResult.Conflict(null, null);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
