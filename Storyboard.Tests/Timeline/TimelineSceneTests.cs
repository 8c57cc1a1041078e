using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Timeline;

public sealed class TimelineSceneTests : TimelineTestBase
{
    [Fact]
    public async Task Creating_and_updating_a_scene_stores_its_values_and_bumps_its_version()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Verse 1", 0, 240);

        await OkAsync(t => t.UpdateSceneAsync(id, scene, TimelineSteps.Scene("Chorus", 0, 200) with
        {
            Section = SectionKind.Custom,
            CustomSection = "Drop",
            Color = "#AABBCC",
            Lyrics = "la la",
            Description = "big",
        }, 1, null, default));

        var view = (await Factory.ViewAsync(id)).Scenes.Single();
        Assert.Equal(("Chorus", SectionKind.Custom, "Drop", "#aabbcc", "la la", "big", 200L, 2, 1),
            (view.Name, view.Section, view.CustomSection, view.Color, view.Lyrics, view.Description, view.LengthFrames, view.Version, view.SortOrder));
        Assert.Equal("Edit Verse 1", (await Factory.ViewAsync(id)).History.UndoLabel);
    }

    [Fact]
    public async Task Invalid_scene_values_are_refused_with_errors_keyed_by_field()
    {
        var id = await Factory.CreateProjectAsync();
        var input = TimelineSteps.Scene(" ", -5, 10) with
        {
            Color = "blue",
            Section = (SectionKind)42,
            Description = new string('d', 4001),
            Lyrics = new string('l', 10001),
            Notes = new string('n', 4001),
        };

        var result = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateSceneAsync(id, input, null, default));

        Assert.Equal(["Color", "Description", "Lyrics", "Name", "Notes", "Section", "StartFrame"], result.Errors.Keys.Order());
        var custom = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateSceneAsync(id, TimelineSteps.Scene("S", 0, 0) with { Section = SectionKind.Custom }, null, default));
        Assert.Equal(["CustomSection", "LengthFrames"], custom.Errors.Keys.Order());
    }

    [Fact]
    public async Task Main_scenes_may_not_overlap_and_a_stale_scene_update_is_a_conflict()
    {
        var id = await Factory.CreateProjectAsync();
        await SceneAsync(id, "Intro", 0, 100);
        var verse = await SceneAsync(id, "Verse", 100, 100);

        var overlap = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.CreateSceneAsync(id, TimelineSteps.Scene("Chorus", 150, 100), null, default));
        Assert.Contains("Verse", overlap.Errors["StartFrame"]);
        Assert.Equal(200, overlap.SuggestedStartFrame);
        await RefusedAsync(id, TimelineOutcome.Overlap, t => t.UpdateSceneAsync(id, verse, TimelineSteps.Scene("Verse", 50, 100), 1, null, default));

        await OkAsync(t => t.UpdateSceneAsync(id, verse, TimelineSteps.Scene("Verse 1", 100, 100), 1, null, default));
        var conflict = await RefusedAsync(id, TimelineOutcome.Conflict, t => t.UpdateSceneAsync(id, verse, TimelineSteps.Scene("Mine", 100, 100), 1, null, default));
        Assert.Equal(("Verse 1", 2), (conflict.CurrentScene!.Name, conflict.CurrentScene.Version));
    }

    [Fact]
    public async Task Reordering_swaps_a_scene_with_its_neighbour()
    {
        var id = await Factory.CreateProjectAsync();
        var a = await SceneAsync(id, "A", 0, 10);
        var b = await SceneAsync(id, "B", 10, 10);
        var c = await SceneAsync(id, "C", 20, 10);

        await OkAsync(t => t.ReorderSceneAsync(id, c, -1, null, default));
        Assert.Equal(["A", "C", "B"], (await Factory.ViewAsync(id)).Scenes.Select(s => s.Name));
        await OkAsync(t => t.ReorderSceneAsync(id, a, 1, null, default));
        Assert.Equal(["C", "A", "B"], (await Factory.ViewAsync(id)).Scenes.Select(s => s.Name));
        Assert.Equal("Move A down", (await Factory.ViewAsync(id)).History.UndoLabel);
        await RefusedAsync(id, TimelineOutcome.Invalid, t => t.ReorderSceneAsync(id, b, 2, null, default));
        Assert.Equal([c, a, b], (await Factory.ViewAsync(id)).Scenes.Select(s => s.Id));
    }

    [Fact]
    public async Task A_scene_alternate_copies_its_clips_into_the_same_slots_and_promotion_swaps_the_main_clips()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Scene 3", 0, 100);
        var shot = await ClipAsync(id, "Shot 1", 0, 50, scene);
        await ClipAsync(id, "Shot 2", 50, 50, scene);

        var a1 = await OkAsync(t => t.CreateSceneAlternateAsync(id, scene, null, default));
        var a2 = await OkAsync(t => t.CreateSceneAlternateAsync(id, a1, null, default));

        var view = await Factory.ViewAsync(id);
        Assert.Equal([("Scene 3", scene, true), ("Scene 3 A1", scene, false), ("Scene 3 A2", scene, false)],
            view.Scenes.Select(s => (s.DisplayName, s.GroupId, s.IsMain)));
        Assert.Equal([(0L, 50L), (50L, 50L)], view.Clips.Where(c => c.SceneId == a1).Select(c => (c.StartFrame, c.LengthFrames)));
        Assert.Equal(["Shot 1", "Shot 2"], view.Clips.Where(c => c.SceneId == a2).Select(c => c.Name));
        Assert.Equal("Create alternate of Scene 3 A1", view.History.UndoLabel);

        // The alternate's clips are not main takes, so editing them never collides with the main scene's clips.
        var altShot = view.Clips.First(c => c.SceneId == a2).Id;
        await OkAsync(t => t.SetClipSpanAsync(id, altShot, 10, 60, null, default));
        var refused = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.PromoteSceneAsync(id, a2, null, default));
        Assert.Contains("Shot 2", refused.Errors["StartFrame"]);

        await OkAsync(t => t.PromoteSceneAsync(id, a1, null, default));
        view = await Factory.ViewAsync(id);
        Assert.Equal([false, true, false], view.Scenes.OrderBy(s => s.TakeNumber).Select(s => s.IsMain));
        await OkAsync(t => t.MoveClipsAsync(id, [shot], 200, null, default));
    }

    [Fact]
    public async Task Moving_any_take_of_a_scene_moves_the_whole_group_and_numbers_are_stable()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Chorus", 0, 100);
        var a1 = await OkAsync(t => t.CreateSceneAlternateAsync(id, scene, null, default));
        var a2 = await OkAsync(t => t.CreateSceneAlternateAsync(id, scene, null, default));

        await OkAsync(t => t.TrashSceneAsync(id, a1, null, default));
        await OkAsync(t => t.UpdateSceneAsync(id, a2, TimelineSteps.Scene("Chorus", 300, 50), 1, null, default));
        var a3 = await OkAsync(t => t.CreateSceneAlternateAsync(id, scene, null, default));

        var view = await Factory.ViewAsync(id);
        Assert.Equal(["Chorus", "Chorus A2", "Chorus A3"], view.Scenes.Select(s => s.DisplayName));
        Assert.All(view.Scenes, s => Assert.Equal((300L, 50L), (s.StartFrame, s.LengthFrames)));
        Assert.Equal(a3, view.Scenes[^1].Id);
    }

    [Fact]
    public async Task Trashing_a_scene_hides_it_with_its_clips_until_restored()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Bridge", 0, 100);
        await ClipAsync(id, "In bridge", 0, 50, scene);

        await OkAsync(t => t.TrashSceneAsync(id, scene, null, default));
        var trashed = await Factory.ViewAsync(id);
        Assert.Empty(trashed.Scenes);
        Assert.Empty(trashed.Clips);
        await ClipAsync(id, "Squatter", 10, 10);

        var blocked = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.RestoreSceneAsync(id, scene, null, default));
        Assert.Contains("Squatter", blocked.Errors["StartFrame"]);
        await OkAsync(t => t.UndoAsync(id, null, default));
        await OkAsync(t => t.RestoreSceneAsync(id, scene, null, default));

        var restored = await Factory.ViewAsync(id);
        Assert.Equal(["Bridge"], restored.Scenes.Select(s => s.Name));
        Assert.Equal(["In bridge"], restored.Clips.Select(c => c.Name));
        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.RestoreSceneAsync(id, scene, null, default));
    }

    [Fact]
    public async Task The_clips_of_a_trashed_scene_cannot_be_edited_until_it_is_restored()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Bridge", 0, 100);
        var clip = await ClipAsync(id, "In bridge", 0, 50, scene);
        await OkAsync(t => t.TrashSceneAsync(id, scene, null, default));

        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.MoveClipsAsync(id, [clip], 5, null, default));
        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.SetClipSpanAsync(id, clip, 10, 20, null, default));
        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.DeleteClipsAsync(id, [clip], null, default));
        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.CreateClipAlternateAsync(id, clip, null, default));

        await OkAsync(t => t.RestoreSceneAsync(id, scene, null, default));
        await OkAsync(t => t.MoveClipsAsync(id, [clip], 5, null, default));
        Assert.Equal(5, Assert.Single((await Factory.ViewAsync(id)).Clips).StartFrame);
    }

    [Fact]
    public async Task The_main_take_of_a_scene_with_live_alternates_is_not_trashed()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Verse", 0, 100);
        await OkAsync(t => t.CreateSceneAlternateAsync(id, scene, null, default));

        var result = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.TrashSceneAsync(id, scene, null, default));

        Assert.Contains("main take", result.Errors[""]);
    }

    [Fact]
    public async Task A_duplicated_scene_goes_after_the_original_with_copies_of_its_clips()
    {
        var id = await Factory.CreateProjectAsync();
        var intro = await SceneAsync(id, "Intro", 0, 100);
        await SceneAsync(id, "Verse", 100, 50);
        await ClipAsync(id, "Opening", 10, 20, intro);

        var copy = await OkAsync(t => t.DuplicateSceneAsync(id, intro, null, default));

        var view = await Factory.ViewAsync(id);
        var copied = view.Scenes.Single(s => s.Id == copy);
        Assert.Equal(("Intro", 150L, 100L, true, 0), (copied.Name, copied.StartFrame, copied.LengthFrames, copied.IsMain, copied.TakeNumber));
        Assert.Equal([(intro, 10L), (copy, 160L)], view.Clips.Select(c => (c.SceneId!.Value, c.StartFrame)));
        Assert.Equal("Duplicate Intro", view.History.UndoLabel);
    }

    [Fact]
    public async Task A_trashed_main_take_restored_after_another_was_promoted_comes_back_as_an_alternate()
    {
        var id = await Factory.CreateProjectAsync();
        var scene = await SceneAsync(id, "Verse", 0, 100);
        var a1 = await OkAsync(t => t.CreateSceneAlternateAsync(id, scene, null, default));
        await OkAsync(t => t.TrashSceneAsync(id, a1, null, default));
        await OkAsync(t => t.TrashSceneAsync(id, scene, null, default));
        await OkAsync(t => t.RestoreSceneAsync(id, a1, null, default));
        await OkAsync(t => t.PromoteSceneAsync(id, a1, null, default));

        await OkAsync(t => t.RestoreSceneAsync(id, scene, null, default));

        Assert.Equal([("Verse", false), ("Verse A1", true)], (await Factory.ViewAsync(id)).Scenes.Select(s => (s.DisplayName, s.IsMain)));
    }
}
