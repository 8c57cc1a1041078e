using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Timeline;

public sealed class TimelineHistoryTests : TimelineTestBase
{
    public static TheoryData<string> EditKinds => new()
    {
        "create clip", "update clip", "move clips", "trim clip", "split clip", "duplicate clip", "delete clips",
        "delete first take", "ripple", "clip alternate", "promote clip", "create scene", "update scene",
        "reorder scene", "duplicate scene", "trash scene", "restore scene", "scene alternate", "promote scene",
        "import lrc", "spread lyrics",
    };

    [Theory]
    [MemberData(nameof(EditKinds))]
    public async Task Undo_then_redo_of_an_edit_restores_exactly_the_states_before_and_after_it(string kind)
    {
        var id = await Factory.CreateProjectAsync();
        var verse = await SceneAsync(id, "Verse", 0, 100);
        var chorus = await SceneAsync(id, "Chorus", 100, 100);
        var shot = await ClipAsync(id, "Shot 1", 0, 40, verse);
        var other = await ClipAsync(id, "Shot 2", 50, 40, verse);
        var alternate = await OkAsync(t => t.CreateClipAlternateAsync(id, shot, null, default));
        var chorusAlternate = await OkAsync(t => t.CreateSceneAlternateAsync(id, chorus, null, default));
        await ClipAsync(id, "Chorus shot", 120, 30, chorus);
        var trashed = await SceneAsync(id, "Outro", 300, 50);
        await OkAsync(t => t.TrashSceneAsync(id, trashed, null, default));
        if (kind == "delete first take")
        {
            await OkAsync(t => t.PromoteClipAsync(id, alternate, null, default));
        }
        var before = await Factory.RowsAsync(id, withVersions: false);

        var label = (await Factory.ViewAsync(id)).History.UndoLabel;
        await OkAsync(kind switch
        {
            "create clip" => t => t.CreateClipAsync(id, TimelineSteps.Clip("New", 200, 10), null, default),
            "update clip" => t => t.UpdateClipAsync(id, other, TimelineSteps.Clip("Renamed", 45, 40, chorus) with { Notes = "n" }, 1, null, default),
            "move clips" => t => t.MoveClipsAsync(id, [shot, other], 200, null, default),
            "trim clip" => t => t.SetClipSpanAsync(id, alternate, 0, 45, null, default),
            "split clip" => t => t.SplitClipAsync(id, other, 60, null, default),
            "duplicate clip" => t => t.DuplicateClipAsync(id, other, null, default),
            "delete clips" => t => t.DeleteClipsAsync(id, [shot, other], null, default),
            "delete first take" => t => t.DeleteClipsAsync(id, [shot], null, default),
            "ripple" => t => t.RippleMoveAsync(id, 40, 100, null, default),
            "clip alternate" => t => t.CreateClipAlternateAsync(id, alternate, null, default),
            "promote clip" => t => t.PromoteClipAsync(id, alternate, null, default),
            "create scene" => t => t.CreateSceneAsync(id, TimelineSteps.Scene("Bridge", 200, 50), null, default),
            "update scene" => t => t.UpdateSceneAsync(id, chorusAlternate, TimelineSteps.Scene("Hook", 120, 80), 1, null, default),
            "reorder scene" => t => t.ReorderSceneAsync(id, chorus, -1, null, default),
            "duplicate scene" => t => t.DuplicateSceneAsync(id, verse, null, default),
            "trash scene" => t => t.TrashSceneAsync(id, verse, null, default),
            "restore scene" => t => t.RestoreSceneAsync(id, trashed, null, default),
            "scene alternate" => t => t.CreateSceneAlternateAsync(id, verse, null, default),
            "promote scene" => t => t.PromoteSceneAsync(id, chorusAlternate, null, default),
            "import lrc" => t => t.ImportLrcAsync(id, "[00:10.00]one\n[00:11.00]two", null, default),
            "spread lyrics" => t => t.SpreadLyricsAsync(id, [shot, alternate, other], "a\nb\nc\nd", null, default),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });
        var after = await Factory.RowsAsync(id, withVersions: false);
        Assert.NotEqual(before, after);

        await OkAsync(t => t.UndoAsync(id, null, default));
        Assert.Equal(before, await Factory.RowsAsync(id, withVersions: false));
        Assert.Equal(label, (await Factory.ViewAsync(id)).History.UndoLabel);

        await OkAsync(t => t.RedoAsync(id, null, default));
        Assert.Equal(after, await Factory.RowsAsync(id, withVersions: false));
        Assert.False((await Factory.ViewAsync(id)).History.CanRedo);

        await OkAsync(t => t.UndoAsync(id, null, default));
        Assert.Equal(before, await Factory.RowsAsync(id, withVersions: false));
    }

    [Fact]
    public async Task A_new_edit_clears_the_redo_stack()
    {
        var id = await Factory.CreateProjectAsync();
        var clip = await ClipAsync(id, "Shot 1", 0, 24);
        await OkAsync(t => t.MoveClipsAsync(id, [clip], 10, null, default));
        await OkAsync(t => t.UndoAsync(id, null, default));
        Assert.Equal("Move Shot 1", (await Factory.ViewAsync(id)).History.RedoLabel);

        await OkAsync(t => t.SetClipSpanAsync(id, clip, 0, 30, null, default));

        var view = await Factory.ViewAsync(id);
        Assert.Equal(("Trim Shot 1", null), (view.History.UndoLabel, view.History.RedoLabel));
        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.RedoAsync(id, null, default));
        Assert.Equal(["Trim Shot 1", "Create Shot 1"], (await Factory.TimelineAsync(t => t.HistoryAsync(id, 10, default))).Select(h => h.Label));
    }

    [Fact]
    public async Task History_keeps_the_newest_edits_up_to_its_limit_per_project()
    {
        var id = await Factory.CreateProjectAsync();
        var other = await Factory.CreateProjectAsync();
        var clip = await ClipAsync(id, "Shot 1", 0, 24);
        await ClipAsync(other, "Elsewhere", 0, 24);
        // The limit less one, made quickly: copies of the first edit's record, oldest first.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
            var first = await db.TimelineEdits.AsNoTracking().SingleAsync(e => e.ProjectId == id);
            db.TimelineEdits.AddRange(Enumerable.Range(1, TimelineService.HistoryLimit - 2).Select(i => new TimelineEdit
            {
                ProjectId = id, Label = $"Old {i}", CreatedAt = first.CreatedAt, BeforeJson = first.BeforeJson, AfterJson = first.AfterJson,
            }));
            await db.SaveChangesAsync();
        }
        await OkAsync(t => t.MoveClipsAsync(id, [clip], 10, null, default));
        await OkAsync(t => t.MoveClipsAsync(id, [clip], 10, null, default));
        await OkAsync(t => t.UndoAsync(id, null, default));
        await OkAsync(t => t.SetClipSpanAsync(id, clip, 0, 30, null, default));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
            var labels = await db.TimelineEdits.Where(e => e.ProjectId == id).OrderBy(e => e.Id).Select(e => e.Label).ToListAsync();
            // The create fell off the end when the second move was made; the undone move went when the trim was made.
            Assert.Equal(TimelineService.HistoryLimit, labels.Count);
            Assert.Equal(["Old 1", "Old 2"], labels.Take(2));
            Assert.Equal(["Move Shot 1", "Trim Shot 1"], labels.TakeLast(2));
            Assert.Equal(1, await db.TimelineEdits.CountAsync(e => e.ProjectId == other));
        }
        await OkAsync(t => t.UndoAsync(id, null, default));
        Assert.Equal((10L, 24L), (await Factory.ViewAsync(id)).Clips.Select(c => (c.StartFrame, c.LengthFrames)).Single());
    }

    [Fact]
    public async Task History_is_stored_per_project_and_read_back_by_a_new_context()
    {
        var id = await Factory.CreateProjectAsync();
        var first = await ClipAsync(id, "Shot 1", 0, 24);
        var second = await ClipAsync(id, "Shot 2", 30, 24);
        await OkAsync(t => t.MoveClipsAsync(id, [first, second], 100, null, default));
        await OkAsync(t => t.SplitClipAsync(id, first, 110, null, default));
        await OkAsync(t => t.UndoAsync(id, null, default));

        // A new scope is a new DbContext, as the next request (or a restarted app) gets.
        var history = await Factory.TimelineAsync(t => t.HistoryAsync(id, 3, default));
        Assert.Equal([("Split Shot 1", true), ("Move 2 clips", false), ("Create Shot 2", false)], history.Select(h => (h.Label, h.IsUndone)));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
            Assert.Equal(4, await db.TimelineEdits.CountAsync(e => e.ProjectId == id));
        }
        await OkAsync(t => t.RedoAsync(id, null, default));
        Assert.Equal(["Shot 1", "Shot 1 (2)", "Shot 2"], (await Factory.ViewAsync(id)).Clips.Select(c => c.Name));
        Assert.Empty(await Factory.TimelineAsync(t => t.HistoryAsync(id + 1000, 10, default)));
    }

    [Fact]
    public async Task A_form_opened_before_an_undo_is_a_conflict_afterwards()
    {
        var id = await Factory.CreateProjectAsync();
        var clip = await ClipAsync(id, "Shot 1", 0, 24);
        await OkAsync(t => t.UpdateClipAsync(id, clip, TimelineSteps.Clip("Renamed", 0, 24), 1, null, default));
        await OkAsync(t => t.UndoAsync(id, null, default));

        var result = await RefusedAsync(id, TimelineOutcome.Conflict, t => t.UpdateClipAsync(id, clip, TimelineSteps.Clip("Mine", 0, 24), 2, null, default));

        Assert.Equal(("Shot 1", 3), (result.CurrentClip!.Name, result.CurrentClip.Version));
    }

    [Fact]
    public async Task An_alternate_number_that_undo_could_bring_back_is_not_reused()
    {
        var id = await Factory.CreateProjectAsync();
        var clip = await ClipAsync(id, "Shot", 0, 24);
        var a1 = await OkAsync(t => t.CreateClipAlternateAsync(id, clip, null, default));
        await OkAsync(t => t.DeleteClipsAsync(id, [a1], null, default));

        var a2 = await OkAsync(t => t.CreateClipAlternateAsync(id, clip, null, default));
        Assert.Equal("Shot A2", (await ClipViewAsync(id, a2)).DisplayName);
        await OkAsync(t => t.UndoAsync(id, null, default));
        await OkAsync(t => t.UndoAsync(id, null, default));

        Assert.Equal(["Shot", "Shot A1"], (await Factory.ViewAsync(id)).Clips.Select(c => c.DisplayName));
    }

    [Fact]
    public async Task History_names_who_made_each_edit()
    {
        await Factory.CreateAdminClientAsync();
        var adminId = await Factory.QueryAsync(db => db.Users.Where(u => u.UserName == Users.AdminName).Select(u => u.Id).SingleAsync());
        var id = await Factory.CreateProjectAsync();

        await OkAsync(t => t.CreateClipAsync(id, TimelineSteps.Clip("Shot 1", 0, 24), adminId, default));
        await ClipAsync(id, "Shot 2", 24, 24);

        var history = await Factory.TimelineAsync(t => t.HistoryAsync(id, 10, default));
        Assert.Equal([("Create Shot 2", null), ("Create Shot 1", "Ada Admin")], history.Select(h => (h.Label, h.UserName)));
    }

    [Fact]
    public async Task A_ripple_of_hundreds_of_clips_is_one_edit_and_one_undo()
    {
        var id = await Factory.CreateProjectAsync();
        await Factory.QueryAsync(db =>
        {
            db.Clips.AddRange(Enumerable.Range(0, 300).Select(i => new Storyboard.Web.Domain.Clip { ProjectId = id, Name = $"Shot {i}", StartFrame = i * 10, LengthFrames = 10, Version = 1 }));
            return db.SaveChangesAsync();
        });
        var before = await Factory.RowsAsync(id, withVersions: false);

        await OkAsync(t => t.RippleMoveAsync(id, 0, 24, null, default));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i * 10L + 24), (await Factory.ViewAsync(id)).Clips.Select(c => c.StartFrame));
        Assert.Equal("Ripple 300 clips by 24 frames", (await Factory.ViewAsync(id)).History.UndoLabel);

        await OkAsync(t => t.UndoAsync(id, null, default));
        Assert.Equal(before, await Factory.RowsAsync(id, withVersions: false));
    }
}

public sealed class TimelineRateChangeTests : TimelineTestBase
{
    [Fact]
    public async Task Changing_the_frame_rate_starts_the_undo_history_afresh_so_undo_cannot_write_old_rate_frames_back()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "50");
        var shot = await OkAsync(t => t.CreateClipAsync(id, TimelineSteps.Clip("Shot 1", 101, 51), null, default));
        Assert.True((await Factory.ViewAsync(id)).History.CanUndo);

        await using var scope = Factory.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<Storyboard.Web.Projects.IProjectService>()
            .UpdateAsync(id, new Storyboard.Web.Projects.ProjectSettings("Night Drive", "", "25", 1920, 1080), default);
        Assert.True(change.Succeeded);
        Assert.EndsWith("Undo starts again from here.", change.RateChange!.Summary);

        var view = await Factory.ViewAsync(id);
        var clip = Assert.Single(view.Clips);
        Assert.Equal((51L, 25L), (clip.StartFrame, clip.LengthFrames));
        Assert.False(view.History.CanUndo);
        Assert.Equal(TimelineOutcome.NotFound, (await Do(t => t.UndoAsync(id, null, default))).Outcome);
        Assert.Equal(shot, clip.Id);
    }
}
