using CsCheck;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Timeline;

public sealed class TimelinePropertyTests : TimelineTestBase
{
    /// <summary>One random step: <see cref="Kind"/> picks the operation, A–C its item index and frames.</summary>
    public sealed record Step(int Kind, int A, int B, int C)
    {
        public override string ToString() => $"{Kind}({A},{B},{C})";
    }

    private static readonly Gen<Step> Steps =
        Gen.Select(Gen.Int[0, 17], Gen.Int[0, 480], Gen.Int[-80, 80], Gen.Int[1, 60])
            .Select((k, a, b, c) => new Step(k >= 16 ? 12 : k, a, b, c)); // redo weighted up: it only succeeds right after undos

    [Fact]
    public async Task Random_edits_never_overlap_main_clips_and_undoing_them_all_empties_the_timeline()
    {
        var projects = 0;
        var operations = 0;
        var succeeded = new HashSet<int>();
        await Steps.List[10, 25].SampleAsync(async steps =>
        {
            var id = await Factory.CreateProjectAsync($"Random {++projects}");
            foreach (var step in steps)
            {
                if (await ApplyAsync(id, step))
                {
                    succeeded.Add(step.Kind);
                }
                operations++;
                AssertNoMainOverlaps(await Factory.ViewAsync(id));
            }
            while ((await Do(t => t.UndoAsync(id, null, default))).Succeeded)
            {
            }
            var empty = await Factory.ViewAsync(id);
            Assert.Empty(empty.Clips);
            Assert.Empty(empty.Scenes);
            Assert.Equal("", await Factory.RowsAsync(id, withVersions: false));
        }, iter: 16, threads: 1);
        Assert.True(operations >= 160, $"Only {operations} operations ran");
        // The sequences really exercised the edits: most kinds of operation succeeded at least once.
        Assert.True(succeeded.Count >= 13, $"Only these kinds of operation succeeded: {string.Join(", ", succeeded.Order())}");
    }

    /// <summary>Applies the step; true when it was an edit that succeeded.</summary>
    private async Task<bool> ApplyAsync(int id, Step step)
    {
        var view = await Factory.ViewAsync(id);
        var clips = view.Clips;
        var scenes = view.Scenes;
        int Clip() => clips[step.A % clips.Count].Id;
        int Scene() => scenes[step.A % scenes.Count].Id;
        Func<ITimelineService, Task<TimelineResult>>? action = step.Kind switch
        {
            0 or 1 => t => t.CreateClipAsync(id, TimelineSteps.Clip($"Shot {step.A}", step.A, step.C,
                scenes.Count > 0 && step.B > 0 ? scenes[step.B % scenes.Count].Id : null), null, default),
            2 when clips.Count > 0 => t => t.MoveClipsAsync(id, step.C % 2 == 0 ? [Clip()] : [Clip(), clips[step.C % clips.Count].Id], step.B, null, default),
            3 when clips.Count > 0 => t => t.SetClipSpanAsync(id, Clip(), Math.Max(0, clips[step.A % clips.Count].StartFrame + step.B / 4), step.C, null, default),
            4 when clips.Count > 0 => t => t.SplitClipAsync(id, Clip(), clips[step.A % clips.Count].StartFrame + step.C % Math.Max(1, clips[step.A % clips.Count].LengthFrames), null, default),
            5 when clips.Count > 0 => t => t.DuplicateClipAsync(id, Clip(), null, default),
            6 when clips.Count > 0 => t => t.DeleteClipsAsync(id, [Clip()], null, default),
            7 => t => t.RippleMoveAsync(id, step.A, step.B, null, default),
            8 when clips.Count > 0 => t => t.CreateClipAlternateAsync(id, Clip(), null, default),
            9 when clips.Count > 0 => t => t.PromoteClipAsync(id, Clip(), null, default),
            10 or 11 => t => t.UndoAsync(id, null, default),
            12 => t => t.RedoAsync(id, null, default),
            13 => t => t.CreateSceneAsync(id, TimelineSteps.Scene($"Scene {step.A}", step.A, step.C * 2), null, default),
            14 when scenes.Count > 0 => t => t.CreateSceneAlternateAsync(id, Scene(), null, default),
            15 when scenes.Count > 0 => t => t.PromoteSceneAsync(id, Scene(), null, default),
            _ => null,
        };
        if (action is null)
        {
            return false;
        }
        var before = await Factory.RowsAsync(id);
        var result = await Do(action);
        if (!result.Succeeded)
        {
            // A refusal stores nothing.
            Assert.Equal(before, await Factory.RowsAsync(id));
            Assert.NotEqual(TimelineOutcome.Conflict, result.Outcome);
        }
        else if (result.After is { } after)
        {
            // The timeline an edit hands back (for the page to draw without reading it again) is the one stored.
            AssertSameTimeline(await Factory.ViewAsync(id), after);
        }
        return result.Succeeded;
    }

    private static void AssertSameTimeline(TimelineView stored, TimelineView after)
    {
        Assert.Equal((stored.ProjectId, stored.FrameRate, stored.SongFrames, stored.History), (after.ProjectId, after.FrameRate, after.SongFrames, after.History));
        Assert.Equal(stored.Scenes, after.Scenes);
        Assert.Equal(stored.Clips, after.Clips);
    }

    private static void AssertNoMainOverlaps(TimelineView view)
    {
        var mainScenes = view.Scenes.Where(s => s.IsMain).ToList();
        var mainSceneIds = mainScenes.Select(s => s.Id).ToHashSet();
        var main = view.Clips.Where(c => c.IsMain && (c.SceneId is null || mainSceneIds.Contains(c.SceneId.Value)))
            .OrderBy(c => c.StartFrame).ToList();
        for (var i = 1; i < main.Count; i++)
        {
            Assert.True(main[i - 1].End <= main[i].StartFrame, $"{main[i - 1].DisplayName} overlaps {main[i].DisplayName}");
        }
        var scenes = mainScenes.OrderBy(s => s.StartFrame).ToList();
        for (var i = 1; i < scenes.Count; i++)
        {
            Assert.True(scenes[i - 1].End <= scenes[i].StartFrame, $"{scenes[i - 1].DisplayName} overlaps {scenes[i].DisplayName}");
        }
        foreach (var group in view.Clips.GroupBy(c => c.GroupId))
        {
            Assert.Single(group.Select(c => (c.StartFrame, c.LengthFrames)).Distinct());
            Assert.True(group.Count(c => c.IsMain) <= 1, $"Group {group.Key} has two main takes");
        }
    }
}
