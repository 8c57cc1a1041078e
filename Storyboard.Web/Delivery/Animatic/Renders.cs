using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>What a user asks for: the scope (null: the whole project), the preset, overlays and the subtitles file.</summary>
public sealed record QueueRenderInput(int? SceneId, RenderPreset Preset, AnimaticSettings Settings);

/// <summary>A render as the page and the API show it.</summary>
public sealed record RenderView(
    int Id, int ProjectId, int? SceneId, string Scope, RenderPreset Preset, AnimaticSettings Settings, RenderStatus Status, double Progress,
    bool CancelRequested, string? Error, IReadOnlyList<string> Notices, bool HasVideo, bool HasSubtitles, long SizeBytes, long LengthFrames,
    string Length, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public bool IsUnfinished => Status is RenderStatus.Queued or RenderStatus.Running;
}

public enum RenderFileKind
{
    Video,
    Subtitles,
}

/// <summary>A stored render file to send: its path, content type and download name.</summary>
public sealed record RenderFile(string Path, string ContentType, string DownloadName);

public enum RenderActionOutcome
{
    Done,
    NotFound,
    /// <summary>The render's state does not allow it (cancelling a finished render, deleting a running one).</summary>
    Conflict,
}

/// <summary>Animatic renders of a project: queue, list, cancel, delete, files. Shared by the page and the API.</summary>
public interface IRenders
{
    /// <summary>The new render's id, or errors keyed by input property ("SceneId"); a missing project is the "" key.</summary>
    Task<(int? Id, IReadOnlyDictionary<string, string> Errors)> QueueAsync(int projectId, QueueRenderInput input, string? userId, CancellationToken cancellationToken);
    /// <summary>Null when the project does not exist or is in the Trash.</summary>
    Task<IReadOnlyList<RenderView>?> ListAsync(int projectId, CancellationToken cancellationToken);
    Task<RenderView?> GetAsync(int projectId, int renderId, CancellationToken cancellationToken);
    Task<RenderActionOutcome> CancelAsync(int projectId, int renderId, CancellationToken cancellationToken);
    Task<RenderActionOutcome> DeleteAsync(int projectId, int renderId, CancellationToken cancellationToken);
    Task<RenderFile?> FileAsync(int projectId, int renderId, RenderFileKind kind, CancellationToken cancellationToken);
    /// <summary>The project's scenes a render may cover (main takes, in time order).</summary>
    Task<IReadOnlyList<(int Id, string Name)>> ScenesAsync(int projectId, CancellationToken cancellationToken);
}

public sealed class Renders(StoryboardDbContext db, IRenderQueue queue, IOptions<StorageOptions> storage, TimeProvider clock) : IRenders
{
    public async Task<(int? Id, IReadOnlyDictionary<string, string> Errors)> QueueAsync(int projectId, QueueRenderInput input, string? userId,
        CancellationToken cancellationToken)
    {
        if (!await ProjectExistsAsync(projectId, cancellationToken))
        {
            return (null, new Dictionary<string, string> { [""] = "There is no such project." });
        }
        if (!Enum.IsDefined(input.Preset))
        {
            return (null, new Dictionary<string, string> { [nameof(input.Preset)] = "Choose Quick or Full." });
        }
        if (input.SceneId is { } sceneId && !await db.Scenes.AnyAsync(s => s.Id == sceneId && s.ProjectId == projectId && s.DeletedAt == null, cancellationToken))
        {
            return (null, new Dictionary<string, string> { [nameof(input.SceneId)] = "That scene is not in this project (or it is in the Trash)." });
        }
        var render = new Render
        {
            ProjectId = projectId,
            SceneId = input.SceneId,
            UserId = userId,
            Preset = input.Preset,
            OptionsJson = input.Settings.ToJson(),
            Status = RenderStatus.Queued,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Renders.Add(render);
        await db.SaveChangesAsync(cancellationToken);
        await queue.WakeAsync(cancellationToken);
        return (render.Id, new Dictionary<string, string>());
    }

    public async Task<IReadOnlyList<RenderView>?> ListAsync(int projectId, CancellationToken cancellationToken)
    {
        if (!await ProjectExistsAsync(projectId, cancellationToken))
        {
            return null;
        }
        var rows = await db.Renders.AsNoTracking().Where(r => r.ProjectId == projectId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var views = await ViewsAsync(projectId, rows, cancellationToken);
        return views;
    }

    public async Task<RenderView?> GetAsync(int projectId, int renderId, CancellationToken cancellationToken)
    {
        if (!await ProjectExistsAsync(projectId, cancellationToken))
        {
            return null;
        }
        var row = await db.Renders.AsNoTracking().SingleOrDefaultAsync(r => r.Id == renderId && r.ProjectId == projectId, cancellationToken);
        return row is null ? null : (await ViewsAsync(projectId, [row], cancellationToken))[0];
    }

    public async Task<RenderActionOutcome> CancelAsync(int projectId, int renderId, CancellationToken cancellationToken)
    {
        var render = await db.Renders.SingleOrDefaultAsync(r => r.Id == renderId && r.ProjectId == projectId, cancellationToken);
        switch (render?.Status)
        {
            case null:
                return RenderActionOutcome.NotFound;
            case RenderStatus.Queued:
                render.Status = RenderStatus.Cancelled;
                render.FinishedAt = clock.GetUtcNow();
                break;
            case RenderStatus.Running:
                // The job sees the flag within a second, stops ffmpeg and marks the render Cancelled.
                render.CancelRequested = true;
                break;
            default:
                return RenderActionOutcome.Conflict;
        }
        await db.SaveChangesAsync(cancellationToken);
        return RenderActionOutcome.Done;
    }

    public async Task<RenderActionOutcome> DeleteAsync(int projectId, int renderId, CancellationToken cancellationToken)
    {
        var render = await db.Renders.SingleOrDefaultAsync(r => r.Id == renderId && r.ProjectId == projectId, cancellationToken);
        if (render is null)
        {
            return RenderActionOutcome.NotFound;
        }
        if (render.Status is RenderStatus.Queued or RenderStatus.Running)
        {
            return RenderActionOutcome.Conflict;
        }
        foreach (var path in new[] { render.FileName, render.SubtitlesFileName }.OfType<string>()
                     .Select(name => Path.Combine(storage.Value.RendersFolder, name)).Where(File.Exists))
        {
            File.Delete(path);
        }
        db.Renders.Remove(render);
        await db.SaveChangesAsync(cancellationToken);
        return RenderActionOutcome.Done;
    }

    public async Task<RenderFile?> FileAsync(int projectId, int renderId, RenderFileKind kind, CancellationToken cancellationToken)
    {
        if (!await ProjectExistsAsync(projectId, cancellationToken))
        {
            return null;
        }
        var render = await db.Renders.AsNoTracking().Where(r => r.Id == renderId && r.ProjectId == projectId && r.Status == RenderStatus.Done)
            .Select(r => new { r.FileName, r.SubtitlesFileName }).SingleOrDefaultAsync(cancellationToken);
        var name = kind == RenderFileKind.Video ? render?.FileName : render?.SubtitlesFileName;
        if (name is null)
        {
            return null;
        }
        var path = Path.Combine(storage.Value.RendersFolder, name);
        return File.Exists(path)
            ? new RenderFile(path, kind == RenderFileKind.Video ? "video/mp4" : "application/x-subrip", name)
            : null;
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> ScenesAsync(int projectId, CancellationToken cancellationToken) =>
        (await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId && s.DeletedAt == null && s.IsMain)
            .OrderBy(s => s.StartFrame).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
        .Select(s => (s.Id, s.Name)).ToList();

    private Task<bool> ProjectExistsAsync(int projectId, CancellationToken cancellationToken) =>
        db.Projects.AnyAsync(p => p.Id == projectId && p.DeletedAt == null, cancellationToken);

    private async Task<List<RenderView>> ViewsAsync(int projectId, List<Render> rows, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new { p.FrameRateNumerator, p.FrameRateDenominator }).SingleAsync(cancellationToken);
        var rate = new FrameRate(project.FrameRateNumerator, project.FrameRateDenominator);
        var sceneIds = rows.Select(r => r.SceneId).OfType<int>().Distinct().ToList();
        var scenes = await db.Scenes.AsNoTracking().Where(s => sceneIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return rows.Select(r => new RenderView(
            r.Id, r.ProjectId, r.SceneId,
            r.SceneId is { } id ? $"Scene “{(scenes.TryGetValue(id, out var name) ? name : "(deleted)")}”" : "Whole project",
            r.Preset, AnimaticSettings.FromJson(r.OptionsJson), r.Status, Math.Clamp(r.Progress, 0, 1), r.CancelRequested, r.Error,
            r.Notices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            r.Status == RenderStatus.Done && r.FileName is not null, r.Status == RenderStatus.Done && r.SubtitlesFileName is not null,
            r.SizeBytes, r.LengthFrames, r.LengthFrames > 0 ? Timecode.Format(r.LengthFrames, rate) : "",
            r.CreatedAt, r.StartedAt, r.FinishedAt)).ToList();
    }

    /// <summary>"render-12-night-drive.mp4": the render's file name in the renders folder.</summary>
    public static string FileNameFor(int renderId, string title, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"render-{renderId}-{MediaNames.Slug(title, "animatic")}{extension}");
}
