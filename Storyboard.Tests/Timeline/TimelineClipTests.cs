using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Timeline;

public sealed class TimelineClipTests : TimelineTestBase
{
    [Fact]
    public async Task Creating_a_clip_stores_its_values_at_version_one_and_can_be_undone()
    {
        var id = await Factory.CreateProjectAsync();
        var input = TimelineSteps.Clip("  Shot 1 ", 10, 48) with { ImagePrompt = "neon rain", ShotSize = ShotSize.CloseUp, TransitionIn = TransitionKind.Dissolve, TransitionFrames = 12 };

        var clipId = await OkAsync(t => t.CreateClipAsync(id, input, null, default));

        var clip = await ClipViewAsync(id, clipId);
        Assert.Equal(("Shot 1", 10L, 48L, "neon rain", ShotSize.CloseUp, TransitionKind.Dissolve, 12, 1, true, 0),
            (clip.Name, clip.StartFrame, clip.LengthFrames, clip.ImagePrompt, clip.ShotSize, clip.TransitionIn, clip.TransitionFrames, clip.Version, clip.IsMain, clip.TakeNumber));
        Assert.Equal("Create Shot 1", (await Factory.ViewAsync(id)).History.UndoLabel);
    }

    [Fact]
    public async Task Moving_a_clip_onto_another_is_refused_with_the_nearest_free_slot()
    {
        var id = await Factory.CreateProjectAsync();
        await ClipAsync(id, "Shot 1", 0, 24);
        await ClipAsync(id, "Shot 2", 48, 24);
        var third = await ClipAsync(id, "Shot 3", 100, 24);

        var result = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.MoveClipsAsync(id, [third], -60, null, default));

        Assert.Contains("Shot 2", result.Errors["StartFrame"]);
        Assert.Equal(24, result.SuggestedStartFrame);
        // Offered in the timecode people read on the ruler (frame 24 at 24 fps).
        Assert.EndsWith("the nearest free slot starts at 00:00:01:00.", result.Errors["StartFrame"]);
    }

    [Fact]
    public async Task Creating_trimming_and_duplicating_onto_a_clip_are_refused_naming_it()
    {
        var id = await Factory.CreateProjectAsync();
        var first = await ClipAsync(id, "Shot 1", 0, 24);
        await ClipAsync(id, "Shot 2", 24, 24);

        var created = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.CreateClipAsync(id, TimelineSteps.Clip("New", 30, 10), null, default));
        Assert.Contains("Shot 2", created.Errors["StartFrame"]);
        Assert.Equal(48, created.SuggestedStartFrame);
        var trimmed = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.SetClipSpanAsync(id, first, 0, 30, null, default));
        Assert.Contains("Shot 2", trimmed.Errors["StartFrame"]);
        Assert.Equal(48, trimmed.SuggestedStartFrame);
    }

    [Fact]
    public async Task Spans_before_zero_empty_or_past_six_hours_are_refused()
    {
        var id = await Factory.CreateProjectAsync();
        var clip = await ClipAsync(id, "Shot 1", 0, 24);

        Assert.True((await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateClipAsync(id, TimelineSteps.Clip("A", -1, 10), null, default))).Errors.ContainsKey("StartFrame"));
        Assert.True((await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateClipAsync(id, TimelineSteps.Clip("A", 30, 0), null, default))).Errors.ContainsKey("LengthFrames"));
        Assert.True((await RefusedAsync(id, TimelineOutcome.Invalid, t => t.SetClipSpanAsync(id, clip, 24 * 3600 * 6, 1, null, default))).Errors.ContainsKey("LengthFrames"));
        Assert.True((await RefusedAsync(id, TimelineOutcome.Invalid, t => t.MoveClipsAsync(id, [clip], -1, null, default))).Errors.ContainsKey("StartFrame"));
    }

    [Fact]
    public async Task Invalid_clip_values_are_refused_with_errors_keyed_by_field()
    {
        var id = await Factory.CreateProjectAsync();
        var other = await Factory.CreateProjectAsync("Other");
        var foreignScene = await SceneAsync(other, "Foreign", 0, 10);
        var input = TimelineSteps.Clip("", 0, 10, foreignScene) with
        {
            ImagePrompt = new string('x', 4001),
            ShotSize = (ShotSize)99,
            CameraMove = (CameraMove)99,
            TransitionIn = TransitionKind.Cut,
            TransitionFrames = 3,
        };

        var result = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateClipAsync(id, input, null, default));

        Assert.Equal(["CameraMove", "ImagePrompt", "Name", "SceneId", "ShotSize", "TransitionFrames"], result.Errors.Keys.Order());
        var tooLong = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateClipAsync(id,
            TimelineSteps.Clip(new string('n', 201), 0, 10) with { TransitionIn = TransitionKind.Dissolve, TransitionFrames = 11 }, null, default));
        Assert.Equal(["Name", "TransitionFrames"], tooLong.Errors.Keys.Order());
        var negative = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.CreateClipAsync(id,
            TimelineSteps.Clip("N", 0, 10) with { TransitionIn = TransitionKind.Wipe, TransitionFrames = -1 }, null, default));
        Assert.Equal(["TransitionFrames"], negative.Errors.Keys);
    }

    [Fact]
    public async Task Ids_of_another_project_are_not_found_and_change_nothing()
    {
        var id = await Factory.CreateProjectAsync();
        var other = await Factory.CreateProjectAsync("Other");
        var foreign = await ClipAsync(other, "Theirs", 0, 24);
        var foreignScene = await SceneAsync(other, "Their scene", 0, 24);
        var input = TimelineSteps.Clip("X", 0, 10);

        foreach (var action in new Func<ITimelineService, Task<TimelineResult>>[]
        {
            t => t.UpdateClipAsync(id, foreign, input, 1, null, default),
            t => t.MoveClipsAsync(id, [foreign], 5, null, default),
            t => t.SetClipSpanAsync(id, foreign, 0, 5, null, default),
            t => t.SplitClipAsync(id, foreign, 5, null, default),
            t => t.DuplicateClipAsync(id, foreign, null, default),
            t => t.DeleteClipsAsync(id, [foreign], null, default),
            t => t.CreateClipAlternateAsync(id, foreign, null, default),
            t => t.PromoteClipAsync(id, foreign, null, default),
            t => t.UpdateSceneAsync(id, foreignScene, TimelineSteps.Scene("S", 0, 5), 1, null, default),
            t => t.ReorderSceneAsync(id, foreignScene, 1, null, default),
            t => t.DuplicateSceneAsync(id, foreignScene, null, default),
            t => t.TrashSceneAsync(id, foreignScene, null, default),
            t => t.RestoreSceneAsync(id, foreignScene, null, default),
            t => t.CreateSceneAlternateAsync(id, foreignScene, null, default),
            t => t.PromoteSceneAsync(id, foreignScene, null, default),
            t => t.UndoAsync(id, null, default),
            t => t.RedoAsync(id, null, default),
        })
        {
            await RefusedAsync(id, TimelineOutcome.NotFound, action);
        }
        await RefusedAsync(id + 1000, TimelineOutcome.NotFound, t => t.CreateClipAsync(id + 1000, input, null, default));
        Assert.Equal("Create scene Their scene", (await Factory.ViewAsync(other)).History.UndoLabel);
    }

    [Fact]
    public async Task Updating_with_a_stale_version_is_a_conflict_carrying_the_stored_values()
    {
        var id = await Factory.CreateProjectAsync();
        var clipId = await ClipAsync(id, "Shot 1", 0, 24);
        await OkAsync(t => t.UpdateClipAsync(id, clipId, TimelineSteps.Clip("Theirs", 0, 24) with { Notes = "their notes" }, 1, null, default));

        var result = await RefusedAsync(id, TimelineOutcome.Conflict, t => t.UpdateClipAsync(id, clipId, TimelineSteps.Clip("Mine", 0, 24), 1, null, default));

        Assert.Equal(("Theirs", "their notes", 2), (result.CurrentClip!.Name, result.CurrentClip.Notes, result.CurrentClip.Version));
        await OkAsync(t => t.UpdateClipAsync(id, clipId, TimelineSteps.Clip("Mine", 0, 24), 2, null, default));
        Assert.Equal(("Mine", 3), ((await ClipViewAsync(id, clipId)).Name, (await ClipViewAsync(id, clipId)).Version));
    }

    [Fact]
    public async Task A_clip_split_inside_keeps_its_values_in_two_parts()
    {
        var id = await Factory.CreateProjectAsync();
        var clipId = await OkAsync(t => t.CreateClipAsync(id, TimelineSteps.Clip("Shot 4", 10, 40) with { VideoPrompt = "slow pan", TransitionIn = TransitionKind.Dissolve, TransitionFrames = 20 }, null, default));

        var result = await Do(t => t.SplitClipAsync(id, clipId, 25, null, default));

        Assert.True(result.Succeeded);
        var view = await Factory.ViewAsync(id);
        Assert.Equal([("Shot 4", 10L, 15L, 15, 2), ("Shot 4 (2)", 25L, 25L, 20, 1)],
            view.Clips.Select(c => (c.Name, c.StartFrame, c.LengthFrames, c.TransitionFrames, c.Version)));
        Assert.All(view.Clips, c => Assert.Equal("slow pan", c.VideoPrompt));
        Assert.Equal("Split Shot 4", view.History.UndoLabel);
        await RefusedAsync(id, TimelineOutcome.Invalid, t => t.SplitClipAsync(id, clipId, 10, null, default));
        await RefusedAsync(id, TimelineOutcome.Invalid, t => t.SplitClipAsync(id, clipId, 25, null, default));
    }

    [Fact]
    public async Task A_clip_with_alternates_is_not_split()
    {
        var id = await Factory.CreateProjectAsync();
        var clipId = await ClipAsync(id, "Shot 1", 0, 24);
        await OkAsync(t => t.CreateClipAlternateAsync(id, clipId, null, default));

        var result = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.SplitClipAsync(id, clipId, 12, null, default));

        Assert.Contains("alternate", result.Errors[""]);
    }

    [Fact]
    public async Task A_duplicate_goes_to_the_first_free_slot_after_the_original_or_is_refused()
    {
        var id = await Factory.CreateProjectAsync();
        var first = await ClipAsync(id, "Shot 1", 0, 24);
        await ClipAsync(id, "Shot 2", 30, 24);

        var copy = await OkAsync(t => t.DuplicateClipAsync(id, first, null, default));
        Assert.Equal(54, (await ClipViewAsync(id, copy)).StartFrame);

        var max = Storyboard.Web.Domain.Timeline.TimelineRules.MaxFrames(FrameRate.Fps24);
        var last = await ClipAsync(id, "Last", max - 24, 24);
        var refused = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.DuplicateClipAsync(id, last, null, default));
        Assert.Contains("no free room", refused.Errors[""]);
    }

    [Fact]
    public async Task Deleting_clips_removes_them_and_an_alternate_alone_leaves_its_group()
    {
        var id = await Factory.CreateProjectAsync();
        var a = await ClipAsync(id, "A", 0, 24);
        var b = await ClipAsync(id, "B", 24, 24);
        var a1 = await OkAsync(t => t.CreateClipAlternateAsync(id, a, null, default));
        var a2 = await OkAsync(t => t.CreateClipAlternateAsync(id, a, null, default));

        await OkAsync(t => t.DeleteClipsAsync(id, [a1], null, default));
        Assert.Equal([a, b, a2], (await Factory.ViewAsync(id)).Clips.Select(c => c.Id).Order());
        await OkAsync(t => t.DeleteClipsAsync(id, [a, b], null, default));
        Assert.Empty((await Factory.ViewAsync(id)).Clips);
        Assert.Equal("Delete 2 clips", (await Factory.ViewAsync(id)).History.UndoLabel);
    }

    [Fact]
    public async Task Deleting_the_first_take_after_a_promotion_keeps_the_others_grouped()
    {
        var id = await Factory.CreateProjectAsync();
        var a = await ClipAsync(id, "A", 0, 24);
        var a1 = await OkAsync(t => t.CreateClipAlternateAsync(id, a, null, default));
        var a2 = await OkAsync(t => t.CreateClipAlternateAsync(id, a, null, default));
        await OkAsync(t => t.PromoteClipAsync(id, a2, null, default));

        await OkAsync(t => t.DeleteClipsAsync(id, [a], null, default));

        var clips = (await Factory.ViewAsync(id)).Clips;
        Assert.Equal([(a1, a1, 1, false), (a2, a1, 2, true)], clips.OrderBy(c => c.Id).Select(c => (c.Id, c.GroupId, c.TakeNumber, c.IsMain)));
        var a3 = await OkAsync(t => t.CreateClipAlternateAsync(id, a2, null, default));
        Assert.Equal("A A3", (await ClipViewAsync(id, a3)).DisplayName);
    }

    [Fact]
    public async Task Clip_alternates_are_numbered_after_the_highest_take_ever_used_and_share_the_slot()
    {
        var id = await Factory.CreateProjectAsync();
        var shot = await ClipAsync(id, "Shot 3", 0, 24);
        var a1 = await OkAsync(t => t.CreateClipAlternateAsync(id, shot, null, default));
        var a2 = await OkAsync(t => t.CreateClipAlternateAsync(id, a1, null, default));

        await OkAsync(t => t.DeleteClipsAsync(id, [a2], null, default));
        await OkAsync(t => t.DeleteClipsAsync(id, [a1], null, default));
        var a3 = await OkAsync(t => t.CreateClipAlternateAsync(id, shot, null, default));

        var a3View = await ClipViewAsync(id, a3);
        Assert.Equal(("Shot 3 A3", shot, false), (a3View.DisplayName, a3View.GroupId, a3View.IsMain));
        await OkAsync(t => t.SetClipSpanAsync(id, a3, 100, 30, null, default));
        Assert.All((await Factory.ViewAsync(id)).Clips, c => Assert.Equal((100L, 30L), (c.StartFrame, c.LengthFrames)));
    }

    [Fact]
    public async Task Promoting_an_alternate_makes_it_the_main_take_and_keeps_numbers()
    {
        var id = await Factory.CreateProjectAsync();
        var shot = await ClipAsync(id, "Shot", 0, 24);
        var a1 = await OkAsync(t => t.CreateClipAlternateAsync(id, shot, null, default));

        await OkAsync(t => t.PromoteClipAsync(id, a1, null, default));

        var clips = (await Factory.ViewAsync(id)).Clips.OrderBy(c => c.Id).Select(c => (c.DisplayName, c.IsMain));
        Assert.Equal([("Shot", false), ("Shot A1", true)], clips);
        Assert.Equal("Promote Shot A1", (await Factory.ViewAsync(id)).History.UndoLabel);
    }

    [Fact]
    public async Task Alternates_never_count_as_overlaps_and_move_with_their_group()
    {
        var id = await Factory.CreateProjectAsync();
        var shot = await ClipAsync(id, "Shot", 0, 24);
        var a1 = await OkAsync(t => t.CreateClipAlternateAsync(id, shot, null, default));
        await ClipAsync(id, "Next", 50, 10);

        await OkAsync(t => t.MoveClipsAsync(id, [a1, shot], 10, null, default));

        Assert.Equal([10L, 10L, 50L], (await Factory.ViewAsync(id)).Clips.Select(c => c.StartFrame));
        Assert.Equal("Move Shot A1", (await Factory.ViewAsync(id)).History.UndoLabel);
    }

    [Fact]
    public async Task Ripple_moves_every_main_clip_from_a_frame_and_refuses_crossing_zero_or_a_clip()
    {
        var id = await Factory.CreateProjectAsync();
        var a = await ClipAsync(id, "A", 0, 10);
        var b = await ClipAsync(id, "B", 20, 10);
        var c = await ClipAsync(id, "C", 40, 10);
        await OkAsync(t => t.CreateClipAlternateAsync(id, c, null, default));

        await OkAsync(t => t.RippleMoveAsync(id, 20, 5, null, default));

        Assert.Equal([0L, 25L, 45L, 45L], (await Factory.ViewAsync(id)).Clips.Select(x => x.StartFrame));
        Assert.Equal("Ripple 2 clips by 5 frames", (await Factory.ViewAsync(id)).History.UndoLabel);
        var overlap = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.RippleMoveAsync(id, 20, -20, null, default));
        Assert.Contains("A", overlap.Errors["StartFrame"]);
        await RefusedAsync(id, TimelineOutcome.Invalid, t => t.RippleMoveAsync(id, 0, -1, null, default));
        Assert.Equal([a, b, c], (await Factory.ViewAsync(id)).Clips.Where(x => x.IsMain).Select(x => x.Id));
    }

    [Fact]
    public async Task Clips_past_the_end_of_the_song_are_allowed_and_flagged()
    {
        var id = await Factory.CreateProjectAsync();
        await Factory.QueryAsync(async db =>
        {
            var song = new Song { ProjectId = id, MediaHash = new string('c', 64), Media = new MediaFile { Hash = new string('c', 64), RelativePath = "cc/s.mp3" }, DurationMicroseconds = 2_000_000, Status = SongStatus.Ready };
            db.Songs.Add(song);
            await db.SaveChangesAsync();
            db.Projects.Single(p => p.Id == id).CurrentSongId = song.Id;
            return await db.SaveChangesAsync();
        });

        var inside = await ClipAsync(id, "Inside", 0, 48);
        var past = await ClipAsync(id, "Past", 40 + 8, 10);

        Assert.False((await ClipViewAsync(id, inside)).PastSongEnd);
        Assert.True((await ClipViewAsync(id, past)).PastSongEnd);
    }

    [Fact]
    public async Task Two_racing_saves_of_one_clip_store_one_and_report_a_conflict_to_the_other()
    {
        var id = await Factory.CreateProjectAsync();
        var clipId = await ClipAsync(id, "Shot 1", 0, 24);

        var results = await Task.WhenAll(
            Task.Run(() => Do(t => t.UpdateClipAsync(id, clipId, TimelineSteps.Clip("Left", 0, 24), 1, null, default))),
            Task.Run(() => Do(t => t.UpdateClipAsync(id, clipId, TimelineSteps.Clip("Right", 0, 24), 1, null, default))));

        var winner = Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(TimelineOutcome.Conflict, loser.Outcome);
        var stored = await ClipViewAsync(id, clipId);
        Assert.Equal((stored.Name, 2), (loser.CurrentClip!.Name, loser.CurrentClip.Version));
        Assert.Equal(winner == results[0] ? "Left" : "Right", stored.Name);
    }
}
