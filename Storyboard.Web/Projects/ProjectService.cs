using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

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
        Apply(project, settings, rate);
        project.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ProjectResult.Ok(project.Id);
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
        var hashes = await db.Songs.Where(s => s.ProjectId == id).Select(s => s.MediaHash).Distinct().ToListAsync(cancellationToken);
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
