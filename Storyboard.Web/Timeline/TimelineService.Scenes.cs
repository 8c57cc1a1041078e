using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Timeline;

/// <summary>Scene edits. All takes of a scene group share its slot; trashing hides a scene and its clips.</summary>
public sealed partial class TimelineService
{
    public Task<TimelineResult> CreateSceneAsync(int projectId, SceneInput input, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            var errors = TimelineValidation.Validate(input, state.Rate);
            if (errors.Count > 0)
            {
                return TimelineResult.Invalid(errors);
            }
            var scene = new Scene
            {
                ProjectId = projectId,
                SortOrder = state.Scenes.Select(s => s.SortOrder).DefaultIfEmpty(0).Max() + 1,
                Version = 1,
                CreatedAt = state.Now,
                UpdatedAt = state.Now,
            };
            Apply(scene, input);
            state.Add(scene);
            return new Done($"Create scene {scene.Name}", [scene]);
        }, cancellationToken);

    public Task<TimelineResult> UpdateSceneAsync(int projectId, int sceneId, SceneInput input, int expectedVersion, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveScene(sceneId) is not { } scene)
            {
                return TimelineResult.NotFound("The scene");
            }
            if (scene.Version != expectedVersion)
            {
                return TimelineResult.Conflict(ToView(scene), null);
            }
            var errors = TimelineValidation.Validate(input, state.Rate);
            if (errors.Count > 0)
            {
                return TimelineResult.Invalid(errors);
            }
            var label = $"Edit {TimelineEditState.Name(scene)}";
            var moved = scene.StartFrame != input.StartFrame || scene.LengthFrames != input.LengthFrames;
            Apply(scene, input);
            foreach (var take in state.Group(scene))
            {
                (take.StartFrame, take.LengthFrames) = (input.StartFrame, input.LengthFrames);
            }
            if (moved)
            {
                state.Touch(scene);
            }
            return new Done(label, [scene]);
        }, cancellationToken);

    public Task<TimelineResult> ReorderSceneAsync(int projectId, int sceneId, int direction, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveScene(sceneId) is not { } scene)
            {
                return TimelineResult.NotFound("The scene");
            }
            if (direction is not (-1 or 1))
            {
                return TimelineResult.Invalid("", "A scene moves one place up or down.");
            }
            var groups = state.Scenes.Where(s => s.DeletedAt == null).GroupBy(s => state.Root(s))
                .OrderBy(g => g.Min(s => s.SortOrder)).ThenBy(g => g.Key.Id).Select(g => g.Key).ToList();
            var index = groups.IndexOf(state.Root(scene));
            var target = index + direction;
            if (target >= 0 && target < groups.Count)
            {
                (groups[index], groups[target]) = (groups[target], groups[index]);
                for (var i = 0; i < groups.Count; i++)
                {
                    foreach (var take in state.Group(groups[i]))
                    {
                        take.SortOrder = i + 1;
                    }
                }
            }
            return new Done($"Move {TimelineEditState.Name(scene)} {(direction < 0 ? "up" : "down")}", [scene]);
        }, cancellationToken);

    public Task<TimelineResult> DuplicateSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveScene(sceneId) is not { } source)
            {
                return TimelineResult.NotFound("The scene");
            }
            var lane = state.Scenes.Where(TimelineEditState.IsMainScene).Select(s => new FrameSpan(s.StartFrame, s.LengthFrames));
            if (TimelineRules.FirstFreeStartAtOrAfter(new FrameSpan(source.StartFrame + source.LengthFrames, source.LengthFrames), lane, state.MaxFrames) is not { } start)
            {
                return TimelineResult.Invalid("", $"There is no free room after {TimelineEditState.Name(source)} for a copy.");
            }
            var copy = CopyScene(state, source, start);
            copy.SortOrder = state.Scenes.Select(s => s.SortOrder).DefaultIfEmpty(0).Max() + 1;
            state.Add(copy);
            return new Done($"Duplicate {TimelineEditState.Name(source)}", [copy]);
        }, cancellationToken);

    public Task<TimelineResult> TrashSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveScene(sceneId) is not { } scene)
            {
                return TimelineResult.NotFound("The scene");
            }
            if (scene.IsMain && state.Group(scene).Any(s => s != scene && s.DeletedAt == null))
            {
                return TimelineResult.Invalid("", $"{TimelineEditState.Name(scene)} is the main take: make another take the main one before trashing it.");
            }
            scene.DeletedAt = state.Now;
            return new Done($"Trash {TimelineEditState.Name(scene)}", [scene]);
        }, cancellationToken);

    public Task<TimelineResult> RestoreSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindScene(sceneId) is not { DeletedAt: not null } scene)
            {
                return TimelineResult.NotFound("The trashed scene");
            }
            scene.DeletedAt = null;
            if (scene.IsMain && state.Group(scene).Any(s => s != scene && TimelineEditState.IsMainScene(s)))
            {
                scene.IsMain = false;
            }
            TouchWithClips(state, scene);
            return new Done($"Restore {TimelineEditState.Name(scene)}", [scene]);
        }, cancellationToken);

    public Task<TimelineResult> CreateSceneAlternateAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, true, state =>
        {
            if (state.FindLiveScene(sceneId) is not { } source)
            {
                return TimelineResult.NotFound("The scene");
            }
            var root = state.Root(source);
            var alternate = CopyScene(state, source, source.StartFrame);
            (alternate.OriginalId, alternate.TakeNumber, alternate.IsMain, alternate.SortOrder) =
                (root.Id, state.NextTakeNumber(source), false, source.SortOrder);
            state.Add(alternate);
            return new Done($"Create alternate of {TimelineEditState.Name(source)}", [alternate]);
        }, cancellationToken);

    public Task<TimelineResult> PromoteSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveScene(sceneId) is not { } scene)
            {
                return TimelineResult.NotFound("The scene");
            }
            foreach (var take in state.Group(scene))
            {
                take.IsMain = ReferenceEquals(take, scene);
            }
            TouchWithClips(state, scene);
            return new Done($"Promote {TimelineEditState.Name(scene)}", [scene]);
        }, cancellationToken);

    /// <summary>A new main take at <paramref name="start"/> with the scene's values and copies of its main clips, shifted alike.</summary>
    private static Scene CopyScene(TimelineEditState state, Scene source, long start)
    {
        var copy = new Scene
        {
            ProjectId = source.ProjectId,
            Name = source.Name,
            Description = source.Description,
            Lyrics = source.Lyrics,
            Section = source.Section,
            CustomSection = source.CustomSection,
            Color = source.Color,
            Notes = source.Notes,
            SortOrder = source.SortOrder,
            StartFrame = start,
            LengthFrames = source.LengthFrames,
            IsMain = true,
            Version = 1,
            CreatedAt = state.Now,
            UpdatedAt = state.Now,
        };
        foreach (var clip in state.Clips.Where(c => c.SceneId == source.Id && c.IsMain).OrderBy(c => c.StartFrame).ToList())
        {
            var clipCopy = CopyClip(state, clip);
            clipCopy.SceneId = null;
            clipCopy.StartFrame += start - source.StartFrame;
            copy.Clips.Add(clipCopy);
        }
        return copy;
    }

    private static void TouchWithClips(TimelineEditState state, Scene scene)
    {
        state.Touch(scene);
        foreach (var clip in state.Clips.Where(c => ReferenceEquals(state.SceneOf(c), scene)))
        {
            state.Touch(clip);
        }
    }

    private static void Apply(Scene scene, SceneInput input)
    {
        scene.Name = input.Name.Trim();
        scene.Description = input.Description ?? "";
        scene.Lyrics = input.Lyrics ?? "";
        scene.Section = input.Section;
        scene.CustomSection = input.Section == SectionKind.Custom ? (input.CustomSection ?? "").Trim() : "";
        scene.Color = input.Color.ToLowerInvariant();
        scene.Notes = input.Notes ?? "";
        scene.StartFrame = input.StartFrame;
        scene.LengthFrames = input.LengthFrames;
    }
}
