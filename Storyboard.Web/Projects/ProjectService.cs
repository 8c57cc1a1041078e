using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Projects;

public interface IProjectService
{
    Task<IReadOnlyList<ProjectRow>> ListAsync(ProjectListQuery query, CancellationToken cancellationToken);
    Task<IReadOnlyList<ProjectRow>> ListTrashAsync(CancellationToken cancellationToken);
    /// <summary>A live (not trashed) project with its dashboard figures, or null.</summary>
    Task<ProjectDetails?> GetAsync(int id, CancellationToken cancellationToken);
    Task<ProjectResult> CreateAsync(ProjectSettings settings, string? userId, CancellationToken cancellationToken);
    Task<ProjectResult> UpdateAsync(int id, ProjectSettings settings, CancellationToken cancellationToken);
    Task<bool> TrashAsync(int id, CancellationToken cancellationToken);
    Task<bool> RestoreAsync(int id, CancellationToken cancellationToken);
    /// <summary>Deletes a trashed project for good, with media no other project uses.</summary>
    Task<bool> PurgeAsync(int id, CancellationToken cancellationToken);
}

public sealed class ProjectService(StoryboardDbContext db, TimeProvider clock, Media.IMediaStore media,
    ILogger<ProjectService> logger) : IProjectService
{
    public async Task<IReadOnlyList<ProjectRow>> ListAsync(ProjectListQuery query, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsNoTracking().Where(p => p.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            projects = projects.Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.Description, pattern, "\\"));
        }
        projects = (query.Sort, query.Descending) switch
        {
            (ProjectSort.Name, false) => projects.OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Id),
            (ProjectSort.Name, true) => projects.OrderByDescending(p => p.Name.ToLower()).ThenBy(p => p.Id),
            (ProjectSort.Created, false) => projects.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            (ProjectSort.Created, true) => projects.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
            (_, false) => projects.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id),
            _ => projects.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id),
        };
        return await Rows(projects).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ProjectRow>> ListTrashAsync(CancellationToken cancellationToken) =>
        await Rows(db.Projects.AsNoTracking().Where(p => p.DeletedAt != null).OrderByDescending(p => p.DeletedAt))
            .ToListAsync(cancellationToken);

    public async Task<ProjectDetails?> GetAsync(int id, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == id && p.DeletedAt == null)
            .Select(p => new
            {
                p.Id, p.Name, p.Description, p.FrameRateNumerator, p.FrameRateDenominator, p.Width, p.Height,
                p.CreatedAt, p.UpdatedAt, p.CurrentSongId,
                SongDuration = p.CurrentSong == null ? (long?)null : p.CurrentSong.DurationMicroseconds,
                ClipCount = p.Clips.Count,
                Chosen = p.Clips.Count(c => c.ChosenImageHash != null),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }
        var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == id).OrderBy(s => s.SortOrder)
            .Select(s => new SceneRow(s.Id, s.Name, s.Clips.Count)).ToListAsync(cancellationToken);
        return new ProjectDetails(project.Id, project.Name, project.Description,
            new FrameRate(project.FrameRateNumerator, project.FrameRateDenominator).Label, project.Width, project.Height,
            project.CreatedAt, project.UpdatedAt, project.CurrentSongId, scenes.Count, project.ClipCount, project.Chosen,
            project.SongDuration, scenes);
    }

    public async Task<ProjectResult> CreateAsync(ProjectSettings settings, string? userId, CancellationToken cancellationToken)
    {
        var errors = ProjectRules.Validate(settings, out var rate);
        if (errors.Count > 0)
        {
            return ProjectResult.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        var project = new Project { CreatedAt = now, UpdatedAt = now, CreatedById = userId };
        Apply(project, settings, rate);
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Project {ProjectId} created", project.Id);
        return ProjectResult.Ok(project.Id);
    }

    public async Task<ProjectResult> UpdateAsync(int id, ProjectSettings settings, CancellationToken cancellationToken)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        if (project is null)
        {
            return ProjectResult.NotFound();
        }
        var errors = ProjectRules.Validate(settings, out var rate);
        if (errors.Count > 0)
        {
            return ProjectResult.Invalid(errors);
        }
        var oldRate = project.FrameRate;
        var now = clock.GetUtcNow();
        Apply(project, settings, rate);
        project.UpdatedAt = now;
        var change = oldRate == rate ? null : await ConvertTimelineAsync(id, oldRate, rate, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (change is not null)
        {
            logger.LogInformation("Project {ProjectId} changed from {OldRate} to {NewRate} fps: {MovedClips} clips and {MovedScenes} scenes moved",
                id, change.From.Label, change.To.Label, change.MovedClips, change.MovedScenes);
        }
        return ProjectResult.Ok(project.Id, change);
    }

    /// <summary>
    /// Converts every scene and clip position of the project to <paramref name="to"/> (tracked, saved by the caller in
    /// the same SaveChanges as the new rate). Scenes form one lane and clips another; alternates keep their group's slot.
    /// </summary>
    private async Task<FrameRateChange> ConvertTimelineAsync(int projectId, FrameRate from, FrameRate to, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var scenes = await db.Scenes.Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken);
        var clips = await db.Clips.Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var sceneSpans = FrameRateConversion.ConvertTakes(scenes.Select(s => new TakeSpan(
            s.Id, s.GroupId, s.IsMain, s.TakeNumber, new FrameSpan(s.StartFrame, s.LengthFrames), s.DeletedAt == null)).ToList(), from, to);
        var clipSpans = FrameRateConversion.ConvertTakes(clips.Select(c => new TakeSpan(
            c.Id, c.GroupId, c.IsMain, c.TakeNumber, new FrameSpan(c.StartFrame, c.LengthFrames))).ToList(), from, to);
        foreach (var scene in scenes)
        {
            var span = sceneSpans.Spans[scene.Id];
            if (span != new FrameSpan(scene.StartFrame, scene.LengthFrames))
            {
                (scene.StartFrame, scene.LengthFrames, scene.UpdatedAt) = (span.Start, span.Length, now);
                scene.Version++;
            }
        }
        foreach (var clip in clips)
        {
            var span = clipSpans.Spans[clip.Id];
            if (span != new FrameSpan(clip.StartFrame, clip.LengthFrames))
            {
                (clip.StartFrame, clip.LengthFrames, clip.UpdatedAt) = (span.Start, span.Length, now);
                clip.Version++;
            }
        }
        // Undo snapshots hold frame numbers at the old rate; replaying them would undo the conversion. The history
        // starts again at the new rate (and so take numbers only it still reserved become free, which is safe).
        var history = await db.TimelineEdits.Where(e => e.ProjectId == projectId).ToListAsync(cancellationToken);
        db.TimelineEdits.RemoveRange(history);
        return new FrameRateChange(from, to, clipSpans.Moved, sceneSpans.Moved, HistoryCleared: history.Count > 0);
    }

    public async Task<bool> TrashAsync(int id, CancellationToken cancellationToken) =>
        await db.Projects.Where(p => p.Id == id && p.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, clock.GetUtcNow()), cancellationToken) == 1;

    public async Task<bool> RestoreAsync(int id, CancellationToken cancellationToken) =>
        await db.Projects.Where(p => p.Id == id && p.DeletedAt != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.DeletedAt, (DateTimeOffset?)null)
                .SetProperty(p => p.UpdatedAt, clock.GetUtcNow()), cancellationToken) == 1;

    public async Task<bool> PurgeAsync(int id, CancellationToken cancellationToken)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAt != null, cancellationToken);
        if (project is null)
        {
            return false;
        }
        // The song files and every generated image or video: removed below unless another project uses the same file.
        var hashes = await db.Songs.Where(s => s.ProjectId == id).Select(s => s.MediaHash)
            .Concat(db.ClipGenerations.Where(g => g.ProjectId == id).Select(g => g.MediaHash))
            .Concat(db.ClipGenerations.Where(g => g.ProjectId == id && g.PosterHash != null).Select(g => g.PosterHash!))
            .Concat(db.ClipGenerations.Where(g => g.ProjectId == id && g.PreviewHash != null).Select(g => g.PreviewHash!))
            .Distinct().ToListAsync(cancellationToken);
        project.CurrentSongId = null;
        await db.SaveChangesAsync(cancellationToken);
        db.Projects.Remove(project);
        await db.SaveChangesAsync(cancellationToken);
        await media.DeleteUnusedAsync(hashes, cancellationToken);
        logger.LogInformation("Project {ProjectId} purged", id);
        return true;
    }

    private static void Apply(Project project, ProjectSettings settings, FrameRate rate)
    {
        project.Name = settings.Name.Trim();
        project.Description = (settings.Description ?? "").Trim();
        project.FrameRate = rate;
        project.Resolution = new Resolution(settings.Width, settings.Height);
    }

    private static IQueryable<ProjectRow> Rows(IQueryable<Project> projects) => projects.Select(p => new ProjectRow(
        p.Id, p.Name, p.Description,
        p.FrameRateNumerator, p.FrameRateDenominator, p.Width, p.Height,
        p.CurrentSong == null ? null : p.CurrentSong.DurationMicroseconds,
        p.Clips.Count, p.CreatedAt, p.UpdatedAt, p.DeletedAt));

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
