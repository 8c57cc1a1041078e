using System.Xml.Linq;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats;

public class FcpxmlFormatTests
{
    private static readonly FcpxmlFormat Format = new();

    public static TheoryData<string> Rates => ["24", "23.976", "29.97", "59.94"];

    private static FrameRate Rate(string label) => FrameRate.TryParseLabel(label, out var rate) ? rate : throw new ArgumentException(label);

    [Theory]
    [MemberData(nameof(Rates))]
    public async Task The_sample_is_a_contiguous_spine_of_whole_frames_at(string label)
    {
        var rate = Rate(label);
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(rate));

        var items = FcpxmlCheck.Check(run.Document, rate);

        Assert.Equal(["video", "transition", "asset-clip", "gap", "video"], items.Select(i => i.Kind));
        Assert.Equal([0L, 135, 150, 270, 300], items.Select(i => i.Offset));
        Assert.Equal([150L, 30, 120, 30, 90], items.Select(i => i.Duration));
        Assert.Equal(390, FcpxmlCheck.Attribute(FcpxmlCheck.Sequence(run.Document), "duration", rate));
        // The video starts 15 frames in, so its first frame shows as the dissolve begins.
        Assert.Equal(15, items[2].Start);
        Assert.Equal(["Board 1", "Shot 2", "Gap", "Board 3"], items.Where(i => i.Kind != "transition").Select(i => (string)i.Element.Attribute("name")!));
        Assert.Equal(Timecode(rate), (string?)FcpxmlCheck.Sequence(run.Document).Attribute("tcFormat"));
    }

    private static string Timecode(FrameRate rate) => rate.IsNtsc && rate != FrameRate.Fps23976 ? "DF" : "NDF";

    [Fact]
    public async Task The_sample_at_29_97_has_the_times_of_the_reference_note()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(FrameRate.Fps2997));
        var sequence = FcpxmlCheck.Sequence(run.Document);
        var spine = sequence.Element("spine")!.Elements().ToList();

        Assert.Equal("390390/30000s", (string?)sequence.Attribute("duration"));
        Assert.Equal(("135135/30000s", "30030/30000s"), ((string)spine[1].Attribute("offset")!, (string)spine[1].Attribute("duration")!));
        Assert.Equal(("150150/30000s", "15015/30000s", "120120/30000s"),
            ((string)spine[2].Attribute("offset")!, (string)spine[2].Attribute("start")!, (string)spine[2].Attribute("duration")!));
        Assert.Equal("video", (string?)spine[2].Attribute("srcEnable"));
        Assert.Equal("270270/30000s", (string?)spine[3].Attribute("offset"));
        Assert.Equal("300300/30000s", (string?)spine[4].Attribute("offset"));
        var format = FcpxmlCheck.Resources(run.Document)[(string)sequence.Attribute("format")!];
        Assert.Equal(("FFVideoFormat1080p2997", "1001/30000s", "1920", "1080"),
            ((string)format.Attribute("name")!, (string)format.Attribute("frameDuration")!, (string)format.Attribute("width")!, (string)format.Attribute("height")!));
        Assert.Equal("1.10", (string?)run.Document.Root!.Attribute("version"));
    }

    [Fact]
    public async Task Stills_are_zero_length_assets_in_a_format_without_a_rate_and_the_video_asset_has_the_files_length()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(FrameRate.Fps24));
        var resources = FcpxmlCheck.Resources(run.Document);
        var spine = FcpxmlCheck.Sequence(run.Document).Element("spine")!.Elements().ToList();

        foreach (var still in spine.Where(e => e.Name == "video"))
        {
            var asset = resources[(string)still.Attribute("ref")!];
            Assert.Equal(("0s", "0s", "1"), ((string)asset.Attribute("start")!, (string)asset.Attribute("duration")!, (string)asset.Attribute("hasVideo")!));
            var format = resources[(string)asset.Attribute("format")!];
            Assert.Equal("FFVideoFormatRateUndefined", (string?)format.Attribute("name"));
            Assert.Null(format.Attribute("frameDuration"));
        }
        var video = resources[(string)spine.Single(e => e.Name == "asset-clip").Attribute("ref")!];
        Assert.Equal(300, FcpxmlCheck.Attribute(video, "duration", FrameRate.Fps24));
        Assert.Equal(CutSamples.Sample().Clips[1].Media.FileName, Path.GetFileName(new Uri((string)video.Element("media-rep")!.Attribute("src")!).LocalPath));
    }

    [Fact]
    public async Task The_song_is_a_connected_clip_on_lane_minus_one_under_the_whole_timeline()
    {
        var cut = CutSamples.Sample(FrameRate.Fps2997);
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        var song = Assert.Single(items[0].Element.Elements("asset-clip"));
        Assert.Equal(("-1", "0s", "0s", "390390/30000s", "music"),
            ((string)song.Attribute("lane")!, (string)song.Attribute("offset")!, (string)song.Attribute("start")!, (string)song.Attribute("duration")!, (string)song.Attribute("audioRole")!));
        var asset = FcpxmlCheck.Resources(run.Document)[(string)song.Attribute("ref")!];
        Assert.Equal(600, FcpxmlCheck.Attribute(asset, "duration", cut.Rate));
        Assert.Equal(MediaNames.FileUrl(MediaNames.DefaultFolder(cut.ProjectName), "song-night-drive.wav"), (string?)asset.Element("media-rep")!.Attribute("src"));
        Assert.Empty(items.Skip(1).SelectMany(i => i.Element.Elements("asset-clip")));
    }

    [Fact]
    public async Task A_scene_cut_starts_the_song_where_the_scene_does()
    {
        var cut = CutSamples.Sample(FrameRate.Fps24) with { SongOffsetFrames = 200, LengthFrames = 390 };
        var run = await ExportRun.WriteAsync(Format, cut);
        var song = FcpxmlCheck.Check(run.Document, cut.Rate)[0].Element.Element("asset-clip")!;

        Assert.Equal(200, FcpxmlCheck.Attribute(song, "start", cut.Rate));
        Assert.Equal(390, FcpxmlCheck.Attribute(song, "duration", cut.Rate));
    }

    [Fact]
    public async Task Scene_starts_are_markers_in_the_local_time_of_the_clip_that_shows_them_after_its_connected_clips()
    {
        var cut = CutSamples.Sample(FrameRate.Fps24) with
        {
            Scenes = [.. CutSamples.Sample().Scenes, new CutScene { SceneId = 12, Name = "Bridge", SectionLabel = "Bridge", StartFrame = 200 }],
        };
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        var first = items[0].Element.Elements().Select(e => e.Name.LocalName).ToList();
        Assert.Equal(["note", "asset-clip", "marker"], first);
        var marker = items[0].Element.Element("marker")!;
        Assert.Equal(("Scene 1", "Verse", "0s", "1/24s"),
            ((string)marker.Attribute("value")!, (string)marker.Attribute("note")!, (string)marker.Attribute("start")!, (string)marker.Attribute("duration")!));
        // Frame 200 lies in the video, whose local time starts at its in-point (15): 15 + 50.
        var bridge = items[2].Element.Element("marker")!;
        Assert.Equal("Bridge", (string?)bridge.Attribute("value"));
        Assert.Equal(65, FcpxmlCheck.Attribute(bridge, "start", cut.Rate));
        Assert.Equal("Scene 2", (string?)items[4].Element.Element("marker")!.Attribute("value"));
    }

    [Theory]
    [InlineData("1.9")]
    [InlineData("1.10")]
    [InlineData("1.11")]
    public async Task The_chosen_version_is_written(string version)
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(), new ExportOptions { FcpxmlVersion = version });

        Assert.Equal(version, (string?)run.Document.Root!.Attribute("version"));
        Assert.All(run.Document.Root!.Element("resources")!.Elements("asset"), a => Assert.NotNull(a.Element("media-rep")));
    }

    [Theory]
    [InlineData("1.8")]
    [InlineData("1.12")]
    [InlineData("")]
    [InlineData("1.10 ")]
    public async Task An_unsupported_version_is_refused_and_nothing_is_written(string version)
    {
        using var stream = new MemoryStream();
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Format.WriteAsync(CutSamples.Sample(), new ExportOptions { FcpxmlVersion = version }, stream, new ExportReport(), CancellationToken.None));

        Assert.Contains("1.9, 1.10, 1.11", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task A_dissolve_into_a_video_with_few_spare_frames_is_shortened_and_reported()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Clips = [sample.Clips[0], sample.Clips[1] with { Media = sample.Clips[1].Media with { LengthFrames = 130 } }, sample.Clips[2]] };
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        // 10 spare frames allow 10 before the cut: a 21-frame dissolve (10 before, 11 after).
        Assert.Equal((21L, 140L), (items[1].Duration, items[1].Offset));
        Assert.Contains(run.Report.Notices, n => n.Contains("“Shot 2”: its dissolve is shortened from 30 to 21 frames", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_video_shorter_than_its_slot_is_declared_at_the_slots_length_and_reported()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Clips = [sample.Clips[0], sample.Clips[1] with { Media = sample.Clips[1].Media with { LengthFrames = 100 } }, sample.Clips[2]] };
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        var clip = items.Single(i => i.Kind == "asset-clip");
        var asset = FcpxmlCheck.Resources(run.Document)[(string)clip.Element.Attribute("ref")!];
        Assert.Equal(120, FcpxmlCheck.Attribute(asset, "duration", cut.Rate));
        Assert.Equal(120, clip.Duration);
        Assert.Contains(run.Report.Notices, n => n.Contains("its video has 100 frames but its slot has 120", StringComparison.Ordinal));
        // No frame before its in-point is left for the dissolve: the export cuts there and says so.
        Assert.DoesNotContain(items, i => i.Kind == "transition");
        Assert.Contains(run.Report.Notices, n => n.StartsWith("“Shot 2”: its dissolve of 30 frames does not fit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fade_from_black_after_a_gap_dissolves_from_the_gap_and_a_wipe_becomes_a_reported_cross_dissolve()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with
        {
            Clips =
            [
                sample.Clips[0],
                sample.Clips[1] with { TransitionIn = TransitionKind.Wipe, TransitionFrames = 12 },
                sample.Clips[2] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 20 },
            ],
        };
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        Assert.Equal(["video", "transition", "asset-clip", "gap", "transition", "video"], items.Select(i => i.Kind));
        Assert.Equal((290L, 20L), (items[4].Offset, items[4].Duration));
        Assert.All(items.Where(i => i.Kind == "transition"), t => Assert.Equal("Cross Dissolve", (string?)t.Element.Element("filter-video")!.Attribute("name")));
        var effect = FcpxmlCheck.Resources(run.Document).Values.Single(r => r.Name == "effect");
        Assert.Equal(FcpxmlResources.CrossDissolveUid, (string?)effect.Attribute("uid"));
        Assert.Contains(run.Report.Notices, n => n.Contains("“Shot 2”: its wipe is written as a Cross Dissolve", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Report.Notices, n => n.Contains("Board 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transition_on_the_first_clip_at_frame_zero_becomes_a_cut_and_is_reported()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Clips = [sample.Clips[0] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 24 }, .. sample.Clips.Skip(1)] };
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        Assert.Equal("video", items[0].Kind);
        Assert.Single(items, i => i.Kind == "transition");
        Assert.Contains(run.Report.Notices, n => n.StartsWith("“Board 1” opens the timeline with a fade from black", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alternates_are_disabled_connected_clips_on_their_lanes()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with
        {
            Alternates =
            [
                CutSamples.Clip(21, 2, "Shot 2 A1", 160, 100, CutMediaKind.Image) with { IsMain = false, Lane = 1, TakeNumber = 1 },
                CutSamples.Clip(22, 2, "Shot 2 A2", 150, 120, CutMediaKind.Video, mediaFrames: 200) with { IsMain = false, Lane = 2, TakeNumber = 2 },
            ],
        };
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        var host = items[2];
        var connected = host.Element.Elements().Where(e => e.Attribute("lane") is not null).ToList();
        Assert.Equal(["video", "asset-clip"], connected.Select(e => e.Name.LocalName));
        Assert.Equal(["1", "2"], connected.Select(e => (string)e.Attribute("lane")!));
        Assert.All(connected, e => Assert.Equal("0", (string?)e.Attribute("enabled")));
        // In the host's local time: its in-point (15) plus the distance from its start.
        Assert.Equal([25L, 15L], connected.Select(e => FcpxmlCheck.Attribute(e, "offset", cut.Rate)));
        Assert.Equal("Shot 2 A1", (string?)connected[0].Attribute("name"));
    }

    [Fact]
    public async Task Awkward_names_round_trip_exactly_through_the_xml_parser()
    {
        var cut = CutSamples.Nasty();
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);
        var sequence = FcpxmlCheck.Sequence(run.Document);

        Assert.Equal(cut.Title, (string?)sequence.Parent!.Attribute("name"));
        Assert.Equal(cut.ProjectName, (string?)sequence.Parent!.Parent!.Attribute("name"));
        Assert.Equal(cut.Clips.Select(c => c.Name), items.Where(i => i.Kind is "video" or "asset-clip").Select(i => (string)i.Element.Attribute("name")!));
        Assert.Equal("Verse 'one' & <two>", (string?)items[0].Element.Element("marker")!.Attribute("value"));
        Assert.Equal("Ça va? 🎸 \"yes\" & <no>\na/b\\c", (string?)items[0].Element.Element("note"));
        Assert.DoesNotContain("<two>", run.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Characters_xml_cannot_carry_are_left_out_of_names()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Title = "Bell\u0007 and\u0000 nul", Clips = [sample.Clips[0] with { Name = "Tab\tand\u001bescape \ud800lone" }, .. sample.Clips.Skip(1)] };
        var run = await ExportRun.WriteAsync(Format, cut);

        Assert.Equal("Bell and nul", (string?)FcpxmlCheck.Sequence(run.Document).Parent!.Attribute("name"));
        Assert.Equal("Tab\tandescape lone", (string?)FcpxmlCheck.Check(run.Document, cut.Rate)[0].Element.Attribute("name"));
    }

    [Fact]
    public async Task Media_urls_are_absolute_and_percent_encoded_for_spaces_and_non_ascii_folders()
    {
        var cut = CutSamples.Sample(FrameRate.Fps24);
        var run = await ExportRun.WriteAsync(Format, cut, new ExportOptions { Folder = "/Users/Zoë Smith/My Video #1" });
        FcpxmlCheck.Check(run.Document, cut.Rate);

        var sources = run.Document.Descendants("media-rep").Select(m => (string)m.Attribute("src")!).ToList();
        Assert.Contains($"file:///Users/Zo%C3%AB%20Smith/My%20Video%20%231/media/{cut.Clips[0].Media.FileName}", sources);
        Assert.All(sources, s => Assert.StartsWith("file:///Users/Zo%C3%AB%20Smith/My%20Video%20%231/media/", s));
        Assert.Equal("/Users/Zoë Smith/My Video #1/media/song-night-drive.wav", new Uri(sources.Last()).LocalPath);
    }

    [Fact]
    public async Task An_empty_cut_is_an_empty_project_with_a_notice()
    {
        var cut = CutSamples.Empty();
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        Assert.Empty(items);
        Assert.Equal("0s", (string?)FcpxmlCheck.Sequence(run.Document).Attribute("duration"));
        Assert.Contains(run.Report.Notices, n => n.StartsWith("The timeline is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_hours_keep_exact_times_to_the_last_frame()
    {
        var cut = CutSamples.ThreeHours();
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        Assert.Equal(["video", "gap", "video"], items.Select(i => i.Kind));
        Assert.Equal("323699376/30000s", (string?)items[2].Element.Attribute("offset"));
        Assert.Equal(323_676, FcpxmlCheck.Attribute(FcpxmlCheck.Sequence(run.Document), "duration", cut.Rate));
        Assert.Equal("DF", (string?)FcpxmlCheck.Sequence(run.Document).Attribute("tcFormat"));
    }

    [Fact]
    public async Task Three_hundred_clips_make_three_hundred_spine_clips_with_thirty_dissolves()
    {
        var cut = CutSamples.Many(300);
        var run = await ExportRun.WriteAsync(Format, cut);
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        Assert.Equal(300, items.Count(i => i.Kind is "video" or "asset-clip"));
        Assert.Equal(30, items.Count(i => i.Kind == "transition"));
        Assert.Equal(30, run.Document.Descendants("marker").Count());
        Assert.Equal(300 + 1, run.Document.Descendants("asset").Count());
        Assert.Empty(run.Report.Notices);
    }
}
