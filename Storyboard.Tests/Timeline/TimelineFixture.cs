using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Projects;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Timeline;

/// <summary>Timeline test steps: real services on the real app's SQLite file, a fresh scope per call (as requests get).</summary>
public static class TimelineSteps
{
    public static async Task<int> CreateProjectAsync(this StoryboardFactory factory, string name = "Night Drive", string frameRate = "24")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IProjectService>()
            .CreateAsync(new ProjectSettings(name, "", frameRate, 1920, 1080), null, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.ProjectId!.Value;
    }

    public static async Task<T> TimelineAsync<T>(this StoryboardFactory factory, Func<ITimelineService, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ITimelineService>());
    }

    public static Task<TimelineView> ViewAsync(this StoryboardFactory factory, int projectId) =>
        factory.TimelineAsync(async t => (await t.GetAsync(projectId, CancellationToken.None))!);

    /// <summary>Every scene, clip and undo row of the project, as stored, to compare before and after a refusal.</summary>
    public static Task<string> RowsAsync(this StoryboardFactory factory, int projectId, bool withVersions = true) =>
        factory.QueryAsync(async db =>
        {
            var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Id).ToListAsync();
            var clips = await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.Id).ToListAsync();
            var lines = scenes.Select(s => $"S{s.Id} {s.Name}|{s.Description}|{s.Lyrics}|{s.Section}|{s.CustomSection}|{s.Color}|{s.Notes}|{s.SortOrder}|{s.StartFrame}+{s.LengthFrames}|o{s.OriginalId}|t{s.TakeNumber}|m{s.IsMain}|d{s.DeletedAt?.UtcTicks}|c{s.CreatedAt.UtcTicks}" + (withVersions ? $"|v{s.Version}|u{s.UpdatedAt.UtcTicks}" : ""))
                .Concat(clips.Select(c => $"C{c.Id} {c.Name}|s{c.SceneId}|{c.StartFrame}+{c.LengthFrames}|{c.Lyrics}|{c.ImagePrompt}|{c.NegativePrompt}|{c.VideoPrompt}|{c.ShotSize}|{c.CameraMove}|{c.TransitionIn}|{c.TransitionFrames}|{c.Notes}|{c.ChosenImageHash}|o{c.OriginalId}|t{c.TakeNumber}|m{c.IsMain}|c{c.CreatedAt.UtcTicks}" + (withVersions ? $"|v{c.Version}|u{c.UpdatedAt.UtcTicks}" : "")));
            if (withVersions)
            {
                var edits = await db.TimelineEdits.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.Id)
                    .Select(e => $"E{e.Id} {e.Label} {e.IsUndone}").ToListAsync();
                lines = lines.Concat(edits);
            }
            return string.Join("\n", lines);
        });

    public static SceneInput Scene(string name, long start, long length) =>
        new(name, "", "", SectionKind.Verse, "", "#5b7fe0", "", start, length);

    public static ClipInput Clip(string name, long start, long length, int? sceneId = null) =>
        new(name, sceneId, start, length, "", "", "", "", ShotSize.Unset, CameraMove.Static, TransitionKind.Cut, 0, "");
}

/// <summary>A fresh app and project per test, with shorthands for service calls.</summary>
public abstract class TimelineTestBase : IDisposable
{
    protected readonly StoryboardFactory Factory = new();

    public void Dispose() => Factory.Dispose();

    protected Task<TimelineResult> Do(Func<ITimelineService, Task<TimelineResult>> action) => Factory.TimelineAsync(action);

    /// <summary>Runs an edit that must succeed; returns the first id it reports.</summary>
    protected async Task<int> OkAsync(Func<ITimelineService, Task<TimelineResult>> action)
    {
        var result = await Do(action);
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join("; ", result.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        return result.Ids.FirstOrDefault();
    }

    /// <summary>Runs an edit that must be refused with <paramref name="outcome"/> and leave every row as it was.</summary>
    protected async Task<TimelineResult> RefusedAsync(int projectId, TimelineOutcome outcome, Func<ITimelineService, Task<TimelineResult>> action)
    {
        var before = await Factory.RowsAsync(projectId);
        var result = await Do(action);
        Assert.Equal(outcome, result.Outcome);
        Assert.Empty(result.Ids);
        Assert.Equal(before, await Factory.RowsAsync(projectId));
        return result;
    }

    protected Task<int> ClipAsync(int projectId, string name, long start, long length, int? sceneId = null) =>
        OkAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip(name, start, length, sceneId), null, default));

    protected Task<int> SceneAsync(int projectId, string name, long start, long length) =>
        OkAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene(name, start, length), null, default));

    protected async Task<ClipView> ClipViewAsync(int projectId, int clipId) =>
        (await Factory.ViewAsync(projectId)).Clips.Single(c => c.Id == clipId);
}
