using System.Xml.Linq;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats;

public class Fcp7XmlFormatTests
{
    private static readonly Fcp7XmlFormat Format = new();

    public static TheoryData<string, int, string> Rates => new()
    {
        { "24", 24, "FALSE" }, { "23.976", 24, "TRUE" }, { "29.97", 30, "TRUE" }, { "59.94", 60, "TRUE" },
    };

    [Theory]
    [MemberData(nameof(Rates))]
    public async Task The_sample_is_one_video_track_of_whole_frames_with_a_centred_dissolve_at(string label, int timebase, string ntsc)
    {
        Assert.True(FrameRate.TryParseLabel(label, out var rate));
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(rate));
        var tracks = XmemlCheck.Check(run.Document, rate);
        var sequence = XmemlCheck.Sequence(run.Document);

        Assert.Equal((timebase, ntsc), ((int)XmemlCheck.Number(sequence.Element("rate")!, "timebase"), (string)sequence.Element("rate")!.Element("ntsc")!));
        Assert.Equal(390, XmemlCheck.Number(sequence, "duration"));
        var main = Assert.Single(tracks);
        Assert.Equal(["Board 1", "Shot 2", "Board 3"], main.Select(i => i.Name));
        // Placed where the cut says, the gap (270–300) left empty.
        Assert.Equal([(0L, 150L), (150L, 270L), (300L, 390L)], main.Select(i => (i.Start, i.End)));
        var transition = XmemlCheck.VideoTracks(run.Document)[0].Element("transitionitem")!;
        Assert.Equal((135L, 165L, "center"), (XmemlCheck.Number(transition, "start"), XmemlCheck.Number(transition, "end"), (string)transition.Element("alignment")!));
        Assert.Equal("Cross Dissolve", (string?)transition.Element("effect")!.Element("name"));
    }

    [Fact]
    public async Task The_sample_has_the_clipitem_numbers_of_the_reference_note()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(FrameRate.Fps23976));
        var items = XmemlCheck.VideoTracks(run.Document)[0].Elements("clipitem").ToList();

        (long, long, long, long) Numbers(XElement c) =>
            (XmemlCheck.Number(c, "start"), XmemlCheck.Number(c, "end"), XmemlCheck.Number(c, "in"), XmemlCheck.Number(c, "out"));
        Assert.Equal((0L, -1L, 0L, 165L), Numbers(items[0]));
        Assert.Equal((-1L, 270L, 0L, 135L), Numbers(items[1]));
        Assert.Equal((300L, 390L, 0L, 90L), Numbers(items[2]));
        Assert.Equal(["TRUE", null, "TRUE"], items.Select(c => (string?)c.Element("stillframe")));
        Assert.Equal(300, XmemlCheck.Number(items[1], "duration"));
    }

    [Fact]
    public async Task The_sequence_has_a_video_format_resolve_needs_and_a_timecode()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(FrameRate.Fps2997));
        var sequence = XmemlCheck.Sequence(run.Document);
        var characteristics = sequence.Element("media")!.Element("video")!.Element("format")!.Element("samplecharacteristics")!;

        Assert.Equal((1920L, 1080L), (XmemlCheck.Number(characteristics, "width"), XmemlCheck.Number(characteristics, "height")));
        Assert.Equal(30, XmemlCheck.Number(characteristics.Element("rate")!, "timebase"));
        var timecode = sequence.Element("timecode")!;
        Assert.Equal(("00:00:00;00", "DF"), ((string)timecode.Element("string")!, (string)timecode.Element("displayformat")!));
    }

    [Fact]
    public async Task Files_are_described_once_with_their_urls_and_referenced_by_id_after()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Clips = [.. sample.Clips, sample.Clips[0] with { ClipId = 9, Name = "Board 1 again", StartFrame = 390, LengthFrames = 30 }], LengthFrames = 420 };
        var run = await ExportRun.WriteAsync(Format, cut, new ExportOptions { Folder = "/Users/Zoë Smith/My Video" });
        XmemlCheck.Check(run.Document, cut.Rate);

        var files = run.Document.Descendants("file").ToList();
        Assert.Equal(5, files.Count);
        Assert.Equal(4, files.Count(f => f.HasElements));
        var first = files[0];
        Assert.Equal($"file://localhost/Users/Zo%C3%AB%20Smith/My%20Video/media/{cut.Clips[0].Media.FileName}", (string?)first.Element("pathurl"));
        Assert.Equal((string)first.Attribute("id")!, (string?)files[3].Attribute("id"));
        Assert.False(files[3].HasElements);
        // A still's file is as long as its longest use.
        Assert.Equal(165, XmemlCheck.Number(first, "duration"));
    }

    [Fact]
    public async Task The_song_is_on_audio_track_one_from_the_cuts_offset()
    {
        var cut = CutSamples.Sample(FrameRate.Fps24) with { SongOffsetFrames = 100 };
        var run = await ExportRun.WriteAsync(Format, cut);
        XmemlCheck.Check(run.Document, cut.Rate);

        var song = Assert.Single(Assert.Single(XmemlCheck.AudioTracks(run.Document)).Elements("clipitem"));
        Assert.Equal((0L, 390L, 100L, 490L), (XmemlCheck.Number(song, "start"), XmemlCheck.Number(song, "end"), XmemlCheck.Number(song, "in"), XmemlCheck.Number(song, "out")));
        Assert.Equal("file://localhost/Users/Shared/Storyboard/night-drive/media/song-night-drive.wav", (string?)song.Element("file")!.Element("pathurl"));
        Assert.Equal(2, XmemlCheck.Number(song.Element("file")!.Element("media")!.Element("audio")!, "channelcount"));
        Assert.Equal("audio", (string?)song.Element("sourcetrack")!.Element("mediatype"));
    }

    [Fact]
    public async Task Scene_starts_are_sequence_markers()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(FrameRate.Fps24));

        var markers = XmemlCheck.Sequence(run.Document).Elements("marker").ToList();
        Assert.Equal([("Scene 1", 0L, "Verse"), ("Scene 2", 300L, "Chorus")],
            markers.Select(m => ((string)m.Element("name")!, XmemlCheck.Number(m, "in"), (string)m.Element("comment")!)));
        Assert.All(markers, m => Assert.Equal(-1, XmemlCheck.Number(m, "out")));
    }

    [Fact]
    public async Task Alternates_are_on_further_disabled_video_tracks()
    {
        var cut = FcpxmlDtdTests.TransitionsAndAlternates();
        var run = await ExportRun.WriteAsync(Format, cut);
        var tracks = XmemlCheck.Check(run.Document, cut.Rate);

        Assert.Equal(3, tracks.Count);
        Assert.Equal(["Shot 2 A1", "Board 3 A1"], tracks[1].Select(i => i.Name));
        Assert.Equal(["Shot 2 A2"], tracks[2].Select(i => i.Name));
        var elements = XmemlCheck.VideoTracks(run.Document);
        Assert.Equal(["TRUE", "FALSE", "FALSE"], elements.Select(t => (string)t.Element("enabled")!));
        Assert.All(elements.Skip(1).SelectMany(t => t.Elements("clipitem")), c => Assert.Equal("FALSE", (string?)c.Element("enabled")));
    }

    [Fact]
    public async Task A_fade_after_a_gap_starts_at_the_cut_from_black_and_is_reported()
    {
        var cut = FcpxmlDtdTests.TransitionsAndAlternates();
        var run = await ExportRun.WriteAsync(Format, cut);
        var main = XmemlCheck.Check(run.Document, cut.Rate)[0];

        var transitions = XmemlCheck.VideoTracks(run.Document)[0].Elements("transitionitem").ToList();
        var fromBlack = transitions.Single(t => (string?)t.Element("alignment") == "start-black");
        Assert.Equal((300L, 320L), (XmemlCheck.Number(fromBlack, "start"), XmemlCheck.Number(fromBlack, "end")));
        var board = main.Single(i => i.Name == "Board 3");
        Assert.Equal((300L, 390L), (board.Start, board.End));
        Assert.Contains(run.Report.Notices, n => n.StartsWith("FCP7 XML: “Board 3”'s fade from black after a gap starts at the cut", StringComparison.Ordinal));
        Assert.Contains(run.Report.Notices, n => n.Contains("“Shot 2”: its wipe is written as a Cross Dissolve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Awkward_names_round_trip_exactly_through_the_xml_parser()
    {
        var cut = CutSamples.Nasty();
        var run = await ExportRun.WriteAsync(Format, cut);
        var main = XmemlCheck.Check(run.Document, cut.Rate)[0];

        Assert.Equal(cut.Title, (string?)XmemlCheck.Sequence(run.Document).Element("name"));
        Assert.Equal(cut.Clips.Select(c => c.Name), main.Select(i => i.Name));
        Assert.Equal("Verse 'one' & <two>", (string?)XmemlCheck.Sequence(run.Document).Element("marker")!.Element("name"));
        Assert.Equal("Ça va? 🎸 \"yes\" & <no>\na/b\\c", (string?)main[0].Element.Element("comments")!.Element("mastercomment1"));
    }

    [Fact]
    public async Task An_empty_cut_is_an_empty_sequence_with_its_format_and_a_notice()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Empty());
        var tracks = XmemlCheck.Check(run.Document, FrameRate.Fps24);

        Assert.Empty(Assert.Single(tracks));
        Assert.Equal(0, XmemlCheck.Number(XmemlCheck.Sequence(run.Document), "duration"));
        Assert.Empty(XmemlCheck.AudioTracks(run.Document));
        Assert.Contains(run.Report.Notices, n => n.StartsWith("The timeline is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_hours_end_on_the_last_frame()
    {
        var cut = CutSamples.ThreeHours();
        var run = await ExportRun.WriteAsync(Format, cut);
        var main = XmemlCheck.Check(run.Document, cut.Rate)[0];

        Assert.Equal((323_376L, 323_676L), (main[1].Start, main[1].End));
        Assert.Equal(323_676, XmemlCheck.Number(XmemlCheck.Sequence(run.Document), "duration"));
    }

    [Fact]
    public async Task Three_hundred_clips_with_thirty_dissolves_stay_in_order()
    {
        var cut = CutSamples.Many(300);
        var run = await ExportRun.WriteAsync(Format, cut);
        var main = XmemlCheck.Check(run.Document, cut.Rate)[0];

        Assert.Equal(300, main.Count);
        Assert.Equal(cut.Clips.Select(c => (c.StartFrame, c.EndFrame)), main.Select(i => (i.Start, i.End)));
        Assert.Equal(30, XmemlCheck.VideoTracks(run.Document)[0].Elements("transitionitem").Count());
        Assert.Empty(run.Report.Notices);
    }

    [Fact]
    public void It_is_listed_as_an_xml_file_for_premiere_and_resolve()
    {
        Assert.Equal(("fcp7", ".xml", "application/xml"), (Format.Key, Format.Extension, Format.ContentType));
        Assert.Contains("Premiere", Format.Editors, StringComparison.Ordinal);
        Assert.Contains("Resolve", Format.Editors, StringComparison.Ordinal);
    }
}
