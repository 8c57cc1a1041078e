using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Timeline;

/// <summary>
/// Clip edits. Moving or trimming any take moves or trims its whole group; deleting the main take deletes the group;
/// a clip with alternates is not split (the takes would no longer share one slot).
/// </summary>
public sealed partial class TimelineService
{
    public Task<TimelineResult> CreateClipAsync(int projectId, ClipInput input, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (Check(state, input) is { } refused)
            {
                return refused;
            }
            var clip = new Clip { ProjectId = projectId, Version = 1, CreatedAt = state.Now, UpdatedAt = state.Now };
            Apply(clip, input);
            state.Add(clip);
            return new Done($"Create {clip.Name}", [clip]);
        }, cancellationToken);

    public Task<TimelineResult> UpdateClipAsync(int projectId, int clipId, ClipInput input, int expectedVersion, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            if (clip.Version != expectedVersion)
            {
                return TimelineResult.Conflict(null, ToView(clip, state.SongFrames));
            }
            if (Check(state, input) is { } refused)
            {
                return refused;
            }
            var label = $"Edit {TimelineEditState.Name(clip)}";
            var moved = clip.StartFrame != input.StartFrame || clip.LengthFrames != input.LengthFrames || clip.SceneId != input.SceneId;
            Apply(clip, input);
            if (SetGroupSpan(state, clip, input.StartFrame, input.LengthFrames) is { } tooShort)
            {
                return tooShort;
            }
            if (moved)
            {
                state.Touch(clip);
            }
            return new Done(label, [clip]);
        }, cancellationToken);

    public Task<TimelineResult> MoveClipsAsync(int projectId, IReadOnlyList<int> clipIds, long deltaFrames, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (Find(state, clipIds) is not { } clips)
            {
                return TimelineResult.NotFound("The clip");
            }
            var groups = clips.Select(state.Root).Distinct().ToList();
            foreach (var clip in groups.SelectMany(state.Group))
            {
                clip.StartFrame += deltaFrames;
                state.Touch(clip);
            }
            return new Done(groups.Count == 1 ? $"Move {TimelineEditState.Name(clips[0])}" : $"Move {groups.Count} clips", clips);
        }, cancellationToken);

    public Task<TimelineResult> SetClipSpanAsync(int projectId, int clipId, long startFrame, long lengthFrames, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            var label = $"{(clip.LengthFrames == lengthFrames ? "Move" : "Trim")} {TimelineEditState.Name(clip)}";
            if (SetGroupSpan(state, clip, startFrame, lengthFrames) is { } tooShort)
            {
                return tooShort;
            }
            state.Touch(clip);
            return new Done(label, [clip]);
        }, cancellationToken);

    public Task<TimelineResult> SplitClipAsync(int projectId, int clipId, long atFrame, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            if (atFrame <= clip.StartFrame || atFrame >= clip.StartFrame + clip.LengthFrames)
            {
                return TimelineResult.Invalid("", $"Split {TimelineEditState.Name(clip)} at a frame inside it, after its first frame.");
            }
            if (state.Group(clip).Count > 1)
            {
                return TimelineResult.Invalid("", $"{TimelineEditState.Name(clip)} has alternate takes: delete them, or split each take's own copy, before splitting it.");
            }
            var second = CopyClip(state, clip);
            second.Name = Truncate($"{clip.Name} (2)", TimelineValidation.NameMax);
            second.StartFrame = atFrame;
            second.LengthFrames = clip.StartFrame + clip.LengthFrames - atFrame;
            second.TransitionFrames = (int)Math.Min(second.TransitionFrames, second.LengthFrames);
            clip.LengthFrames = atFrame - clip.StartFrame;
            clip.TransitionFrames = (int)Math.Min(clip.TransitionFrames, clip.LengthFrames);
            state.Touch(clip);
            state.Add(second);
            return new Done($"Split {TimelineEditState.Name(clip)}", [clip, second]);
        }, cancellationToken);

    public async Task<TimelineResult> ChooseImageAsync(int projectId, int clipId, int generationId, string? userId, CancellationToken cancellationToken)
    {
        var image = await db.ClipGenerations.AsNoTracking()
            .Where(g => g.Id == generationId && g.ProjectId == projectId && g.ClipId == clipId && g.Kind == OutputKind.Image)
            .Select(g => g.MediaHash).SingleOrDefaultAsync(cancellationToken);
        if (image is null)
        {
            return TimelineResult.NotFound("That image of the clip");
        }
        return await EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            clip.ChosenImageHash = image;
            return new Done($"Choose an image for {TimelineEditState.Name(clip)}", [clip]);
        }, cancellationToken);
    }

    public async Task<TimelineResult> ChooseVideoAsync(int projectId, int clipId, int generationId, string? userId, CancellationToken cancellationToken)
    {
        var video = await db.ClipGenerations.AsNoTracking()
            .Where(g => g.Id == generationId && g.ProjectId == projectId && g.ClipId == clipId && g.Kind == OutputKind.Video)
            .Select(g => g.MediaHash).SingleOrDefaultAsync(cancellationToken);
        if (video is null)
        {
            return TimelineResult.NotFound("That video of the clip");
        }
        return await EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            clip.ChosenVideoHash = video;
            return new Done($"Choose a video for {TimelineEditState.Name(clip)}", [clip]);
        }, cancellationToken);
    }

    public Task<TimelineResult> DuplicateClipAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            var lane = state.Clips.Where(state.IsMainTake).Select(c => new FrameSpan(c.StartFrame, c.LengthFrames));
            if (TimelineRules.FirstFreeStartAtOrAfter(new FrameSpan(clip.StartFrame + clip.LengthFrames, clip.LengthFrames), lane, state.MaxFrames) is not { } start)
            {
                return TimelineResult.Invalid("", $"There is no free room after {TimelineEditState.Name(clip)} for a copy.");
            }
            var copy = CopyClip(state, clip);
            copy.StartFrame = start;
            state.Add(copy);
            return new Done($"Duplicate {TimelineEditState.Name(clip)}", [copy]);
        }, cancellationToken);

    public Task<TimelineResult> DeleteClipsAsync(int projectId, IReadOnlyList<int> clipIds, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (Find(state, clipIds) is not { } clips)
            {
                return TimelineResult.NotFound("The clip");
            }
            var label = clips.Count == 1 ? $"Delete {TimelineEditState.Name(clips[0])}" : $"Delete {clips.Count} clips";
            var doomed = new HashSet<Clip>(ReferenceEqualityComparer.Instance);
            foreach (var clip in clips)
            {
                doomed.UnionWith(clip.IsMain ? state.Group(clip) : [clip]);
            }
            // A group that loses its first take but keeps others is re-rooted on its lowest-numbered remaining take.
            foreach (var group in doomed.Select(state.Root).Distinct().Where(doomed.Contains).ToList())
            {
                var remaining = state.Group(group).Where(c => !doomed.Contains(c)).OrderBy(c => c.TakeNumber).ToList();
                if (remaining.Count > 0)
                {
                    remaining[0].OriginalId = null;
                    foreach (var take in remaining.Skip(1))
                    {
                        take.OriginalId = remaining[0].Id;
                    }
                }
            }
            foreach (var clip in doomed)
            {
                state.Remove(clip);
            }
            return new Done(label, clips);
        }, cancellationToken);

    public Task<TimelineResult> RippleMoveAsync(int projectId, long fromFrame, long deltaFrames, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            var groups = state.Clips.Where(c => state.IsMainTake(c) && c.StartFrame >= fromFrame).Select(state.Root).Distinct().ToList();
            var moved = groups.SelectMany(state.Group).ToList();
            foreach (var clip in moved)
            {
                clip.StartFrame += deltaFrames;
                state.Touch(clip);
            }
            return new Done($"Ripple {groups.Count} {(groups.Count == 1 ? "clip" : "clips")} by {deltaFrames} frames", moved);
        }, cancellationToken);

    public Task<TimelineResult> CreateClipAlternateAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, true, state =>
        {
            if (state.FindLiveClip(clipId) is not { } source)
            {
                return TimelineResult.NotFound("The clip");
            }
            var alternate = CopyClip(state, source);
            (alternate.OriginalId, alternate.TakeNumber, alternate.IsMain) = (state.Root(source).Id, state.NextTakeNumber(source), false);
            state.Add(alternate);
            return new Done($"Create alternate of {TimelineEditState.Name(source)}", [alternate]);
        }, cancellationToken);

    public Task<TimelineResult> PromoteClipAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken) =>
        EditAsync(projectId, userId, false, state =>
        {
            if (state.FindLiveClip(clipId) is not { } clip)
            {
                return TimelineResult.NotFound("The clip");
            }
            foreach (var take in state.Group(clip))
            {
                take.IsMain = ReferenceEquals(take, clip);
            }
            state.Touch(clip);
            return new Done($"Promote {TimelineEditState.Name(clip)}", [clip]);
        }, cancellationToken);

    /// <summary>The clips by id, each once, or null when any is missing (or none was given).</summary>
    private static List<Clip>? Find(TimelineEditState state, IReadOnlyList<int> ids)
    {
        var clips = ids.Distinct().Select(state.FindLiveClip).OfType<Clip>().ToList();
        return clips.Count == 0 || clips.Count != ids.Distinct().Count() ? null : clips;
    }

    private static TimelineResult? Check(TimelineEditState state, ClipInput input)
    {
        var errors = TimelineValidation.Validate(input, state.Rate);
        if (input.SceneId is { } sceneId && state.FindLiveScene(sceneId) is null)
        {
            errors[nameof(ClipInput.SceneId)] = "Choose a scene of this project.";
        }
        return errors.Count > 0 ? TimelineResult.Invalid(errors) : null;
    }

    /// <summary>Gives every take of the clip's group the span; refused when a take's transition would outlast it.</summary>
    private static TimelineResult? SetGroupSpan(TimelineEditState state, Clip clip, long start, long length)
    {
        foreach (var take in state.Group(clip))
        {
            if (take.TransitionFrames > length)
            {
                return TimelineResult.Invalid(nameof(ClipInput.LengthFrames), $"{TimelineEditState.Name(take)} would be shorter than its transition.");
            }
            (take.StartFrame, take.LengthFrames) = (start, length);
        }
        return null;
    }

    /// <summary>A new main take with the clip's values (its own group, version 1).</summary>
    private static Clip CopyClip(TimelineEditState state, Clip c) => new()
    {
        ProjectId = c.ProjectId,
        SceneId = c.SceneId,
        Name = c.Name,
        StartFrame = c.StartFrame,
        LengthFrames = c.LengthFrames,
        Lyrics = c.Lyrics,
        ImagePrompt = c.ImagePrompt,
        NegativePrompt = c.NegativePrompt,
        VideoPrompt = c.VideoPrompt,
        ShotSize = c.ShotSize,
        CameraMove = c.CameraMove,
        TransitionIn = c.TransitionIn,
        TransitionFrames = c.TransitionFrames,
        Notes = c.Notes,
        ChosenImageHash = c.ChosenImageHash,
        ChosenVideoHash = c.ChosenVideoHash,
        IsMain = true,
        Version = 1,
        CreatedAt = state.Now,
        UpdatedAt = state.Now,
    };

    private static void Apply(Clip clip, ClipInput input)
    {
        clip.Name = input.Name.Trim();
        clip.SceneId = input.SceneId;
        clip.StartFrame = input.StartFrame;
        clip.LengthFrames = input.LengthFrames;
        clip.Lyrics = input.Lyrics ?? "";
        clip.ImagePrompt = input.ImagePrompt ?? "";
        clip.NegativePrompt = input.NegativePrompt ?? "";
        clip.VideoPrompt = input.VideoPrompt ?? "";
        clip.ShotSize = input.ShotSize;
        clip.CameraMove = input.CameraMove;
        clip.TransitionIn = input.TransitionIn;
        clip.TransitionFrames = input.TransitionFrames;
        clip.Notes = input.Notes ?? "";
    }
}
