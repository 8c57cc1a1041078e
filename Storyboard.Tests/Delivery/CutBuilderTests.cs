using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Delivery;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery;

public sealed class CutBuilderTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Main_takes_come_in_time_order_numbered_with_their_chosen_image_or_a_draft_card()
    {
        var projectId = await _factory.CreateProjectAsync("Night Drive");
        var scene = await _factory.SceneAsync(projectId, "Verse", 0, 240);
        var late = await _factory.ClipAsync(projectId, "Late", 120, 48, scene);
        var early = await _factory.ClipAsync(projectId, "Early", 24, 48, scene, TransitionKind.Dissolve, 12);
        var hash = await _factory.ChooseImageAsync(projectId, late, 40);

        var cut = await _factory.CutAsync(projectId);

        Assert.Equal(["Early", "Late"], cut.Clips.Select(c => c.Name));
        Assert.Equal([1, 2], cut.Clips.Select(c => c.Number));
        Assert.Equal([early, late], cut.Clips.Select(c => c.ClipId));
        var (first, second) = (cut.Clips[0], cut.Clips[1]);
        Assert.Equal((24L, 48L, TransitionKind.Dissolve, 12), (first.StartFrame, first.LengthFrames, first.TransitionIn, first.TransitionFrames));
        Assert.Equal(CutMediaKind.Draft, first.Media.Kind);
        Assert.Matches("^001-early-draft-[0-9a-f]{8}\\.png$", first.Media.FileName);
        Assert.Equal(CutMediaKind.Image, second.Media.Kind);
        Assert.Equal(hash, second.Media.Hash);
        Assert.Equal($"002-late-{hash[..8]}.png", second.Media.FileName);
        Assert.Equal("Verse", second.SceneName);
        Assert.Equal(FrameRate.Fps24, cut.Rate);
        Assert.Equal([(0L, 24L), (72L, 48L)], cut.Gaps().Take(2));
    }

    [Fact]
    public async Task Without_a_song_the_cut_ends_with_the_last_clip_and_says_there_is_no_music()
    {
        var projectId = await _factory.CreateProjectAsync();
        await _factory.ClipAsync(projectId, "Only", 10, 30);

        var cut = await _factory.CutAsync(projectId);

        Assert.Null(cut.Song);
        Assert.Equal(40, cut.LengthFrames);
        Assert.Contains(cut.Notices, n => n.Contains("no song", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alternates_are_left_out_unless_asked_for_and_then_sit_on_lanes_that_never_overlap()
    {
        var projectId = await _factory.CreateProjectAsync();
        var clip = await _factory.ClipAsync(projectId, "Hero", 0, 48);
        await _factory.AlternateAsync(projectId, clip);
        await _factory.AlternateAsync(projectId, clip);

        var plain = await _factory.CutAsync(projectId);
        var with = await _factory.CutAsync(projectId, new CutScope(IncludeAlternates: true));

        Assert.Empty(plain.Alternates);
        Assert.Equal(["Hero A1", "Hero A2"], with.Alternates.Select(a => a.Name));
        Assert.Equal([1, 2], with.Alternates.Select(a => a.Lane));
        Assert.All(with.Alternates, a => Assert.Equal((1, false, 0L, 48L), (a.Number, a.IsMain, a.StartFrame, a.LengthFrames)));
        Assert.Equal(3, with.Clips.Concat(with.Alternates).Select(c => c.Media.FileName).Distinct().Count());
    }

    [Fact]
    public async Task A_scene_cut_starts_at_zero_and_remembers_where_it_sits_in_the_song()
    {
        var projectId = await _factory.CreateProjectAsync();
        await _factory.SceneAsync(projectId, "Intro", 0, 96);
        var chorus = await _factory.SceneAsync(projectId, "Chorus", 96, 120);
        await _factory.ClipAsync(projectId, "Outside", 0, 48);
        await _factory.ClipAsync(projectId, "Inside", 120, 48, chorus);

        var cut = await _factory.CutAsync(projectId, new CutScope(chorus));

        Assert.Equal((96L, 120L), (cut.SongOffsetFrames, cut.LengthFrames));
        var clip = Assert.Single(cut.Clips);
        Assert.Equal(("Inside", 24L), (clip.Name, clip.StartFrame));
        Assert.Equal("Chorus", Assert.Single(cut.Scenes).Name);
        Assert.EndsWith("– Chorus", cut.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_image_missing_from_the_media_folder_becomes_the_draft_card_with_a_notice_naming_the_clip()
    {
        var projectId = await _factory.CreateProjectAsync();
        var clip = await _factory.ClipAsync(projectId, "Lost shot", 0, 48);
        var hash = await _factory.ChooseImageAsync(projectId, clip, 90);
        File.Delete(await _factory.MediaPathAsync(hash));

        var cut = await _factory.CutAsync(projectId);

        Assert.Equal(CutMediaKind.Draft, cut.Clips[0].Media.Kind);
        Assert.Contains(cut.Notices, n => n.Contains("“Lost shot”", StringComparison.Ordinal) && n.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_trashed_project_has_no_cut()
    {
        Assert.Null(await _factory.CutAsync(999));
    }
}
