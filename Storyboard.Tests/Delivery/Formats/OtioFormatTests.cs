using System.Text.Json;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats;

public sealed class OtioFormatTests
{
    private static async Task<(JsonDocument Otio, ExportReport Report)> WriteAsync(Cut cut, ExportOptions? options = null)
    {
        var report = new ExportReport();
        using var output = new MemoryStream();
        await new OtioFormat().WriteAsync(cut, options ?? new ExportOptions(), output, report, CancellationToken.None);
        return (JsonDocument.Parse(output.ToArray()), report);
    }

    [Fact]
    public async Task The_sample_is_a_timeline_of_a_video_and_an_audio_track_in_the_released_schema_versions()
    {
        var cut = CutSamples.Sample();
        var (otio, _) = await WriteAsync(cut);
        var root = otio.RootElement;

        Assert.Equal(("Timeline.1", "Night Drive"), (root.Schema(), root.GetProperty("name").GetString()));
        Assert.Equal(107_892, root.GetProperty("global_start_time").Frames()); // 01:00:00;00 at 29.97
        Assert.Equal("Stack.1", otio.Stack().Schema());
        Assert.Equal([("V1", "Video"), ("A1", "Audio")], otio.Stack().Children().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("kind").GetString())));
        Assert.All(otio.Stack().Children(), t => Assert.Equal("Track.1", t.Schema()));

        var video = otio.Track("V1").Children().ToList();
        Assert.Equal(["Clip.2", "Transition.1", "Clip.2", "Gap.1", "Clip.2"], video.Select(i => i.Schema()));
        Assert.Equal(["Board 1", "Shot 2", "Board 3"], video.Where(i => i.Schema() == "Clip.2").Select(i => i.GetProperty("name").GetString()));
        // Board 1 is a still: its source starts at 0; Shot 2's video at its first frame; the gap is 30 frames.
        Assert.Equal((0L, 150L), video[0].Range());
        Assert.Equal((0L, 120L), video[2].Range());
        Assert.Equal((0L, 30L), video[3].Range());
        Assert.Equal((0L, 90L), video[4].Range());

        var song = Assert.Single(otio.Track("A1").Children());
        Assert.Equal(("Clip.2", (0L, 390L)), (song.Schema(), song.Range()));
        Assert.Equal((0L, 600L), song.Reference().Range("available_range"));
        Assert.Empty(otio.OfSchema("Clip.1"));
        Assert.Empty(otio.OfSchema("Marker.3"));
    }

    [Fact]
    public async Task A_dissolve_is_centred_on_the_cut_and_the_clips_either_side_have_the_media_it_uses()
    {
        var (otio, report) = await WriteAsync(CutSamples.Sample());
        var video = otio.Track("V1").Children().ToList();

        var dissolve = video[1];
        Assert.Equal("SMPTE_Dissolve", dissolve.GetProperty("transition_type").GetString());
        Assert.Equal((15L, 15L), (dissolve.GetProperty("in_offset").Frames(), dissolve.GetProperty("out_offset").Frames()));
        // Board 1 is a still: its reference covers the 15 frames it shows after the cut.
        var (start, duration) = video[0].Reference().Range("available_range");
        Assert.True(start <= video[0].Range().Start && video[0].Range().Start + 150 + 15 <= start + duration);
        // Shot 2's video is 300 frames long, but it has no frames before its start for the dissolve's first half.
        Assert.Equal((0L, 300L), video[2].Reference().Range("available_range"));
        Assert.Contains(report.Notices, n => n.Contains("“Shot 2”: its video has no frames before", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_still_after_a_dissolve_starts_its_source_after_the_frames_the_dissolve_shows_early()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Clips = [sample.Clips[0], sample.Clips[1] with { TransitionIn = TransitionKind.Cut, TransitionFrames = 0 }, sample.Clips[2] with { StartFrame = 270, LengthFrames = 120, TransitionIn = TransitionKind.Dissolve, TransitionFrames = 24 }] };
        var (otio, _) = await WriteAsync(cut);
        var video = otio.Track("V1").Children().ToList();

        Assert.Equal(["Clip.2", "Clip.2", "Transition.1", "Clip.2"], video.Select(i => i.Schema()));
        Assert.Equal((12L, 12L), (video[2].GetProperty("in_offset").Frames(), video[2].GetProperty("out_offset").Frames()));
        Assert.Equal((12L, 120L), video[3].Range());
        Assert.Equal((0L, 132L), video[3].Reference().Range("available_range"));
        Assert.Equal(390, otio.Track("V1").Length());
    }

    [Theory]
    [InlineData(24000, 1001, "23.976023976023978")]
    [InlineData(24, 1, "24.0")]
    [InlineData(30000, 1001, "29.97002997002997")]
    [InlineData(60000, 1001, "59.94005994005994")]
    public async Task The_rate_is_written_as_the_same_double_in_every_time(int numerator, int denominator, string written)
    {
        var (otio, _) = await WriteAsync(CutSamples.Many(50, new FrameRate(numerator, denominator)));

        var times = otio.OfSchema("RationalTime.1").ToList();
        Assert.True(times.Count > 200);
        Assert.All(times, t => Assert.Equal(written, t.GetProperty("rate").GetRawText()));
        Assert.All(times, t => Assert.EndsWith(".0", t.GetProperty("value").GetRawText(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task Every_track_sums_to_the_timeline_length_and_every_reference_has_an_available_range(string name)
    {
        var cut = Cut(name);
        var (otio, _) = await WriteAsync(cut);

        Assert.All(otio.Stack().Children(), track => Assert.Equal(cut.LengthFrames, track.Length()));
        var references = otio.OfSchema("ExternalReference.1").ToList();
        Assert.Equal(cut.Clips.Count + cut.Alternates.Count + (cut.Song is null ? 0 : 1), references.Count);
        Assert.All(references, r => Assert.True(r.Range("available_range").Duration > 0));
        Assert.All(otio.Stack().Children().SelectMany(t => t.Children()).Where(c => c.Schema() == "Clip.2"), clip =>
        {
            var (start, duration) = clip.Range();
            var available = clip.Reference().Range("available_range");
            Assert.InRange(start, available.Start, available.Start + available.Duration);
            Assert.InRange(start + duration, available.Start, available.Start + available.Duration);
        });
        // No two transitions side by side, none at the end of a track.
        Assert.All(otio.Stack().Children(), track =>
        {
            var items = track.Children().Select(i => i.Schema()).ToList();
            Assert.All(items.Zip(items.Skip(1)), pair => Assert.False(pair.First == "Transition.1" && pair.Second == "Transition.1"));
            Assert.True(items.Count == 0 || items[^1] != "Transition.1");
        });
    }

    public static TheoryData<string> Cuts => ["sample", "nasty", "empty", "three hours", "many", "23.976", "59.94"];

    private static Cut Cut(string name) => name switch
    {
        "sample" => CutSamples.Sample(),
        "nasty" => CutSamples.Nasty(),
        "empty" => CutSamples.Empty(),
        "three hours" => CutSamples.ThreeHours(),
        "many" => CutSamples.Many(300),
        "23.976" => CutSamples.Many(40, FrameRate.Fps23976),
        _ => CutSamples.Sample(FrameRate.Fps5994),
    };

    [Fact]
    public async Task Media_urls_are_absolute_file_urls_into_the_chosen_folder_or_the_default_one()
    {
        var cut = CutSamples.Sample();
        var (byDefault, _) = await WriteAsync(cut);
        var (windows, _) = await WriteAsync(cut, new ExportOptions { Folder = @"D:\Edits\My video" });

        Assert.Equal(
            cut.Clips.Select(c => $"file:///Users/Shared/Storyboard/night-drive/media/{c.Media.FileName}").Append("file:///Users/Shared/Storyboard/night-drive/media/song-night-drive.wav"),
            byDefault.OfSchema("ExternalReference.1").Select(r => r.GetProperty("target_url").GetString()));
        Assert.Equal($"file:///D:/Edits/My%20video/media/{cut.Clips[0].Media.FileName}",
            windows.OfSchema("ExternalReference.1").First().GetProperty("target_url").GetString());
    }

    [Fact]
    public async Task Scene_starts_are_markers_on_the_stack()
    {
        var (otio, _) = await WriteAsync(CutSamples.Sample());

        var markers = otio.Stack().GetProperty("markers").EnumerateArray().ToList();
        Assert.All(markers, m => Assert.Equal("Marker.2", m.Schema()));
        Assert.Equal([("Scene 1", 0L), ("Scene 2", 300L)], markers.Select(m => (m.GetProperty("name").GetString(), m.Range("marked_range").Start)));
        Assert.All(markers, m => Assert.Equal("BLUE", m.GetProperty("color").GetString()));
        Assert.Equal("Chorus", markers[1].GetProperty("metadata").GetProperty("storyboard").GetProperty("section").GetString());
    }

    [Fact]
    public async Task Alternates_are_extra_video_tracks_that_are_switched_off()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var alternate = CutSamples.Clip(9, 1, "Board 1 A1", 0, 150, CutMediaKind.Image) with { IsMain = false, Lane = 1, TakeNumber = 1 };
        var second = CutSamples.Clip(10, 3, "Board 3 A2", 320, 40, CutMediaKind.Draft) with { IsMain = false, Lane = 2, TakeNumber = 2 };
        var (otio, _) = await WriteAsync(sample with { Alternates = [alternate, second] });

        Assert.Equal(["V1", "V2", "V3", "A1"], otio.Stack().Children().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([true, false, false, true], otio.Stack().Children().Select(t => t.GetProperty("enabled").GetBoolean()));
        Assert.Equal(["Clip.2", "Gap.1"], otio.Track("V2").Children().Select(c => c.Schema()));
        Assert.Equal(["Gap.1", "Clip.2", "Gap.1"], otio.Track("V3").Children().Select(c => c.Schema()));
        Assert.Equal((320L, 40L), (otio.Track("V3").Children().First().Range().Duration, otio.Track("V3").Children().ElementAt(1).Range().Duration));
    }

    [Fact]
    public async Task Awkward_names_survive_as_they_are()
    {
        var cut = CutSamples.Nasty();
        var (otio, _) = await WriteAsync(cut);

        Assert.Equal(cut.Title, otio.RootElement.GetProperty("name").GetString());
        Assert.Equal(["Shot \"1\" & <b>", "Émoji 🎸 / slash"], otio.Track("V1").Children().Where(c => c.Schema() == "Clip.2").Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("Ça va? 🎸 \"yes\" & <no>", otio.Track("V1").Children().First().GetProperty("metadata").GetProperty("storyboard").GetProperty("lyrics").GetString());
        Assert.Equal(24000.0 / 1001, otio.RootElement.GetProperty("global_start_time").GetProperty("rate").GetDouble());
        Assert.Equal(86_400, otio.RootElement.GetProperty("global_start_time").Frames());
    }

    [Fact]
    public async Task An_empty_project_is_a_valid_timeline_with_empty_tracks()
    {
        var (otio, report) = await WriteAsync(CutSamples.Empty());

        Assert.Equal(["V1", "A1"], otio.Stack().Children().Select(t => t.GetProperty("name").GetString()));
        Assert.All(otio.Stack().Children(), t => Assert.Empty(t.Children()));
        Assert.Contains(report.Notices, n => n.Contains("no song", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wipe_is_a_named_custom_transition_and_the_report_says_so()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Clips = [sample.Clips[0], sample.Clips[1] with { TransitionIn = TransitionKind.Wipe, TransitionFrames = 12 }, sample.Clips[2]] };
        var (otio, report) = await WriteAsync(cut);

        var wipe = otio.Track("V1").Children().Single(c => c.Schema() == "Transition.1");
        Assert.Equal(("Wipe", "Custom_Transition", 6L, 6L), (wipe.GetProperty("name").GetString(), wipe.GetProperty("transition_type").GetString(),
            wipe.GetProperty("in_offset").Frames(), wipe.GetProperty("out_offset").Frames()));
        Assert.Contains(report.Notices, n => n.Contains("wipes are written as custom transitions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fade_from_black_after_a_clip_puts_black_before_the_cut()
    {
        var sample = CutSamples.Sample(FrameRate.Fps25);
        var cut = sample with { Clips = [sample.Clips[0], sample.Clips[1] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 30 }, sample.Clips[2]] };
        var (otio, _) = await WriteAsync(cut);
        var video = otio.Track("V1").Children().ToList();

        Assert.Equal(["Clip.2", "Gap.1", "Transition.1", "Clip.2", "Gap.1", "Clip.2"], video.Select(i => i.Schema()));
        Assert.Equal((135L, 15L), (video[0].Range().Duration, video[1].Range().Duration));
        Assert.Equal((15L, 15L), (video[2].GetProperty("in_offset").Frames(), video[2].GetProperty("out_offset").Frames()));
        Assert.Equal(("Fade From Black", "SMPTE_Dissolve"), (video[2].GetProperty("name").GetString(), video[2].GetProperty("transition_type").GetString()));
        Assert.Equal(390, otio.Track("V1").Length());
    }

    [Fact]
    public async Task A_scene_plays_the_song_from_where_the_scene_starts_and_the_rest_is_silence()
    {
        var cut = CutSamples.Sample() with { SongOffsetFrames = 500, Song = CutSamples.Song(800), SceneId = 11 };
        var (otio, _) = await WriteAsync(cut);

        var audio = otio.Track("A1").Children().ToList();
        Assert.Equal(["Clip.2", "Gap.1"], audio.Select(a => a.Schema()));
        Assert.Equal(((500L, 300L), 90L), (audio[0].Range(), audio[1].Range().Duration));
        Assert.Equal((0L, 800L), audio[0].Reference().Range("available_range"));
        Assert.Equal(11, otio.RootElement.GetProperty("metadata").GetProperty("storyboard").GetProperty("scene_id").GetInt32());
    }
}
