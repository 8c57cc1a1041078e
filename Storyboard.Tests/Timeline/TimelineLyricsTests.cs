using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Timeline;

public sealed class TimelineLyricsTests : TimelineTestBase
{
    private const string Song = """
        [ti:Night Drive]
        [00:01.50]Headlights on the water
        [00:03.00]  Engines in the rain
        [00:05.25]Count the miles
        """;

    [Fact]
    public async Task Importing_lrc_makes_a_clip_per_line_at_its_nearest_frame_lasting_until_the_next_line()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "24");

        var result = await Do(t => t.ImportLrcAsync(id, Song, null, default));

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Ids.Count);
        var clips = (await Factory.ViewAsync(id)).Clips;
        Assert.Equal(
            [
                ("Line 1: Headlights on the water", 36L, 36L, "Headlights on the water", true),
                ("Line 2: Engines in the rain", 72L, 54L, "Engines in the rain", true),
                // The last line: four seconds (no song to end sooner).
                ("Line 3: Count the miles", 126L, 96L, "Count the miles", true),
            ],
            clips.Select(c => (c.Name, c.StartFrame, c.LengthFrames, c.Lyrics, c.IsMain)).ToList());
        Assert.Equal("Import 3 lyric lines", (await Factory.ViewAsync(id)).History.UndoLabel);
    }

    [Fact]
    public async Task Lrc_times_round_to_the_nearest_frame_at_the_project_rate_and_long_lines_make_short_names()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "25");
        var words = string.Join(' ', Enumerable.Repeat("la", 150));

        // 0.019 s is 0.475 frames (down to 0), 0.021 s is 0.525 frames (up to 1) at 25 fps.
        await OkAsync(t => t.ImportLrcAsync(id, $"[00:00.019]first\n[00:00.021]{words}\n[00:00.10]third", null, default));

        var clips = (await Factory.ViewAsync(id)).Clips;
        Assert.Equal([(0L, 1L), (1L, 2L), (3L, 100L)], clips.Select(c => (c.StartFrame, c.LengthFrames)).ToList());
        Assert.Equal(200, clips[1].Name.Length);
        Assert.StartsWith("Line 2: la la", clips[1].Name);
        Assert.EndsWith("…", clips[1].Name);
        Assert.Equal(words, clips[1].Lyrics);
    }

    [Fact]
    public async Task Malformed_lrc_is_refused_naming_each_bad_line_and_stores_nothing()
    {
        var id = await Factory.CreateProjectAsync();
        await ClipAsync(id, "Shot 1", 0, 24);

        var result = await RefusedAsync(id, TimelineOutcome.Invalid,
            t => t.ImportLrcAsync(id, "[00:01.00]fine\n[00:99.00]bad seconds\n[ab:cd]x\n[0:1x]also bad", null, default));

        var message = result.Errors["lrc"];
        Assert.Contains("Line 2: '[00:99.00]' is not a time.", message);
        Assert.Contains("Line 4: '[0:1x]' is not a time.", message);
        Assert.DoesNotContain("Line 1", message);
    }

    [Fact]
    public async Task Lrc_without_timed_lines_is_refused()
    {
        var id = await Factory.CreateProjectAsync();

        var result = await RefusedAsync(id, TimelineOutcome.Invalid, t => t.ImportLrcAsync(id, "just words\n[ar:Someone]", null, default));

        Assert.Contains("no timed lines", result.Errors["lrc"]);
    }

    [Fact]
    public async Task An_import_that_would_overlap_a_clip_is_refused_whole_naming_the_line_and_the_clip()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "24");
        await ClipAsync(id, "Bridge shot", 100, 24);

        var result = await RefusedAsync(id, TimelineOutcome.Overlap, t => t.ImportLrcAsync(id, Song, null, default));

        // Line 2 runs from frame 72 to 126, over the clip at 100–124; line 1 alone would have fitted.
        var message = result.Errors["lrc"];
        Assert.Contains("Line 2", message);
        Assert.Contains("Engines in the rain", message);
        Assert.Contains("Bridge shot", message);
        Assert.Single((await Factory.ViewAsync(id)).Clips);
    }

    [Fact]
    public async Task Clips_of_trashed_scenes_and_alternates_do_not_block_an_import()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "24");
        var outro = await SceneAsync(id, "Outro", 0, 300);
        await ClipAsync(id, "Old shot", 40, 24, outro);
        await OkAsync(t => t.TrashSceneAsync(id, outro, null, default));

        await OkAsync(t => t.ImportLrcAsync(id, Song, null, default));

        Assert.Equal(3, (await Factory.ViewAsync(id)).Clips.Count(c => c.Name.StartsWith("Line ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_undo_removes_the_whole_import_and_redo_brings_it_back()
    {
        var id = await Factory.CreateProjectAsync();
        await ClipAsync(id, "Intro", 0, 24);
        var before = await Factory.RowsAsync(id, withVersions: false);
        await OkAsync(t => t.ImportLrcAsync(id, Song, null, default));
        var after = await Factory.RowsAsync(id, withVersions: false);

        await OkAsync(t => t.UndoAsync(id, null, default));

        Assert.Equal(before, await Factory.RowsAsync(id, withVersions: false));
        Assert.Equal("Create Intro", (await Factory.ViewAsync(id)).History.UndoLabel);

        await OkAsync(t => t.RedoAsync(id, null, default));

        Assert.Equal(after, await Factory.RowsAsync(id, withVersions: false));
        Assert.Equal(4, (await Factory.ViewAsync(id)).Clips.Count);
    }

    [Fact]
    public async Task Spreading_five_lines_over_three_clips_gives_them_two_two_and_one_in_timeline_order()
    {
        var id = await Factory.CreateProjectAsync();
        var third = await ClipAsync(id, "C", 100, 24);
        var first = await ClipAsync(id, "A", 0, 24);
        var second = await ClipAsync(id, "B", 50, 24);

        await OkAsync(t => t.SpreadLyricsAsync(id, [third, first, second], "one\n\ntwo\r\n  three \nfour\n\nfive\n", null, default));

        Assert.Equal(["one\ntwo", "three\nfour", "five"], (await Factory.ViewAsync(id)).Clips.Select(c => c.Lyrics).ToList());
        Assert.Equal("Spread 5 lyric lines over 3 clips", (await Factory.ViewAsync(id)).History.UndoLabel);

        await OkAsync(t => t.UndoAsync(id, null, default));
        Assert.All((await Factory.ViewAsync(id)).Clips, c => Assert.Equal("", c.Lyrics));
    }

    [Fact]
    public async Task Spreading_over_more_clips_than_lines_gives_one_each_and_clears_the_rest()
    {
        var id = await Factory.CreateProjectAsync();
        var first = await ClipAsync(id, "A", 0, 24);
        var second = await ClipAsync(id, "B", 50, 24);
        var third = await ClipAsync(id, "C", 100, 24);
        await OkAsync(t => t.SpreadLyricsAsync(id, [first, second, third], "old a\nold b\nold c", null, default));

        await OkAsync(t => t.SpreadLyricsAsync(id, [first, second, third], "new a\nnew b", null, default));

        Assert.Equal(["new a", "new b", ""], (await Factory.ViewAsync(id)).Clips.Select(c => c.Lyrics).ToList());
    }

    [Fact]
    public async Task Spreading_over_unknown_or_other_projects_clips_is_not_found_and_changes_nothing()
    {
        var id = await Factory.CreateProjectAsync();
        var mine = await ClipAsync(id, "A", 0, 24);
        var otherProject = await Factory.CreateProjectAsync("Other");
        var theirs = await ClipAsync(otherProject, "Theirs", 0, 24);

        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.SpreadLyricsAsync(id, [mine, 999_999], "words", null, default));
        await RefusedAsync(id, TimelineOutcome.NotFound, t => t.SpreadLyricsAsync(id, [mine, theirs], "words", null, default));
        Assert.Equal("", (await ClipViewAsync(otherProject, theirs)).Lyrics);
    }

    [Fact]
    public async Task Spreading_no_lines_or_over_no_clips_is_refused()
    {
        var id = await Factory.CreateProjectAsync();
        var clip = await ClipAsync(id, "A", 0, 24);

        Assert.Contains("at least one line", (await RefusedAsync(id, TimelineOutcome.Invalid, t => t.SpreadLyricsAsync(id, [clip], " \n\n \r\n", null, default))).Errors["text"]);
        Assert.Contains("Pick the clips", (await RefusedAsync(id, TimelineOutcome.Invalid, t => t.SpreadLyricsAsync(id, [], "words", null, default))).Errors["text"]);
    }

    [Fact]
    public async Task The_last_line_ends_with_the_song_when_it_ends_within_four_seconds()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "24");
        await Storyboard.Tests.Pages.Timeline.TimelineSeed.AddSongAsync(Factory, id, 3_000_000);

        await OkAsync(t => t.ImportLrcAsync(id, "[00:01.00]one\n[00:02.50]two", null, default));

        // The song is 72 frames long: the last line runs from frame 60 to its end.
        Assert.Equal([(24L, 36L), (60L, 12L)], (await Factory.ViewAsync(id)).Clips.Select(c => (c.StartFrame, c.LengthFrames)).ToList());
    }

    [Fact]
    public async Task Lines_on_the_same_frame_share_one_clip()
    {
        var id = await Factory.CreateProjectAsync(frameRate: "24");

        await OkAsync(t => t.ImportLrcAsync(id, "[00:01.00][00:03.00]chorus\n[00:01.01]echo\n[00:02.00]verse", null, default));

        Assert.Equal(
            [(24L, 24L, "chorus\necho"), (48L, 24L, "verse"), (72L, 96L, "chorus")],
            (await Factory.ViewAsync(id)).Clips.Select(c => (c.StartFrame, c.LengthFrames, c.Lyrics)).ToList());
    }
}
