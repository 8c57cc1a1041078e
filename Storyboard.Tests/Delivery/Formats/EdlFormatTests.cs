using System.Text;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Delivery.Formats;

public sealed class EdlFormatTests
{
    private static async Task<(Edl Edl, ExportReport Report, string Text)> WriteAsync(Cut cut)
    {
        var report = new ExportReport();
        using var output = new MemoryStream();
        await new EdlFormat().WriteAsync(cut, new ExportOptions(), output, report, CancellationToken.None);
        var text = Encoding.ASCII.GetString(output.ToArray());
        return (EdlReader.Parse(text, cut.Rate), report, text);
    }

    private static IEnumerable<EdlLine> Video(Edl edl) => edl.Events.SelectMany(e => e.Lines).Where(l => l.Channels == "V");

    [Fact]
    public async Task The_sample_at_29_97_is_a_drop_frame_list_of_cuts_a_centred_dissolve_and_the_song()
    {
        var (edl, report, _) = await WriteAsync(CutSamples.Sample());
        var hour = 107_892L; // 01:00:00;00 at 29.97 drop frame

        Assert.Equal("NIGHT DRIVE", edl.Title);
        Assert.Equal("DROP FRAME", edl.Fcm);
        Assert.Equal([1, 2, 3, 4], edl.Events.Select(e => e.Number));

        var first = Assert.Single(edl.Events[0].Lines);
        // The 30-frame dissolve at frame 150 is centred: the outgoing event ends 15 frames early…
        Assert.Equal(("SH001", "V", "C", (int?)null, 0L, 135L, hour, hour + 135), (first.Reel, first.Channels, first.Edit, first.TransitionFrames, first.SourceIn, first.SourceOut, first.RecordIn, first.RecordOut));
        Assert.Equal(["* FROM CLIP NAME: " + CutSamples.Sample().Clips[0].Media.FileName], edl.Events[0].Comments);
        Assert.Equal("00:00:00;00", first.SourceInText);

        // …then the A side is held at its out point and the B side dissolves in over 30 frames from there.
        var (hold, dissolve) = (edl.Events[1].Lines[0], edl.Events[1].Lines[1]);
        Assert.Equal(("SH001", "C", 135L, 135L, hour + 135, hour + 135), (hold.Reel, hold.Edit, hold.SourceIn, hold.SourceOut, hold.RecordIn, hold.RecordOut));
        Assert.Equal(("SH002", "D", (int?)30, hour + 135, hour + 270), (dissolve.Reel, dissolve.Edit, dissolve.TransitionFrames, dissolve.RecordIn, dissolve.RecordOut));
        Assert.Equal(dissolve.RecordOut - dissolve.RecordIn, dissolve.SourceOut - dissolve.SourceIn);
        Assert.Equal("EFFECTS NAME IS CROSS DISSOLVE", edl.Events[1].Comments[0]);
        Assert.Equal("* TO CLIP NAME: " + CutSamples.Sample().Clips[1].Media.FileName, edl.Events[1].Comments[2]);
        Assert.Contains(report.Notices, n => n.Contains("“Shot 2”", StringComparison.Ordinal) && n.Contains("15 frames early", StringComparison.Ordinal));

        // The 30-frame gap needs no event; the still after it starts at source 00:00:00;00.
        var third = Assert.Single(edl.Events[2].Lines);
        Assert.Equal(("SH003", 0L, 90L, hour + 300, hour + 390), (third.Reel, third.SourceIn, third.SourceOut, third.RecordIn, third.RecordOut));

        var song = Assert.Single(edl.Events[3].Lines);
        Assert.Equal(("AX", "AA", "C", 0L, 390L, hour, hour + 390), (song.Reel, song.Channels, song.Edit, song.SourceIn, song.SourceOut, song.RecordIn, song.RecordOut));
        Assert.Equal(["* FROM CLIP NAME: song-night-drive.wav"], edl.Events[3].Comments);
        Assert.Contains(report.Notices, n => n.Contains("Resolve does not conform stills", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_comment_uses_the_forms_that_make_Premiere_name_clips_unknown()
    {
        var (edl, _, _) = await WriteAsync(CutSamples.Many(40));
        var comments = edl.Events.SelectMany(e => e.Comments).ToList();
        Assert.NotEmpty(comments);
        Assert.DoesNotContain(comments, c => c.StartsWith("* FROM CLIP:", StringComparison.Ordinal) || c.StartsWith("* FROM FILE:", StringComparison.Ordinal));
        Assert.All(edl.Events, e => Assert.Contains(e.Comments, c => c.StartsWith("* FROM CLIP NAME: ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(30000, 1001, 1799, "00:00:59;29")]
    [InlineData(30000, 1001, 1800, "00:01:00;02")]
    [InlineData(30000, 1001, 17982, "00:10:00;00")]
    [InlineData(30000, 1001, 107892, "01:00:00;00")]
    [InlineData(60000, 1001, 3599, "00:00:59;59")]
    [InlineData(60000, 1001, 3600, "00:01:00;04")]
    [InlineData(60000, 1001, 35964, "00:10:00;00")]
    [InlineData(60000, 1001, 215784, "01:00:00;00")]
    [InlineData(24000, 1001, 86400, "01:00:00:00")]
    [InlineData(25, 1, 90000, "01:00:00:00")]
    public async Task The_song_event_of_a_scene_starts_at_the_drop_frame_label_of_its_offset(int numerator, int denominator, long offset, string label)
    {
        var rate = new FrameRate(numerator, denominator);
        var cut = CutSamples.Sample(rate) with { SongOffsetFrames = offset, Song = CutSamples.Song(offset + 390) };
        var (edl, _, _) = await WriteAsync(cut);

        var song = edl.Events.SelectMany(e => e.Lines).Single(l => l.Channels == "AA");
        Assert.Equal(label, song.SourceInText);
        Assert.Equal((offset, offset + 390), (song.SourceIn, song.SourceOut));
        Assert.Equal(Timecode.IsDropFrame(rate) ? "DROP FRAME" : "NON-DROP FRAME", edl.Fcm);
        Assert.Equal(Timecode.IsDropFrame(rate) ? "01:00:00;00" : "01:00:00:00", Timecode.Format(song.RecordIn, rate));
    }

    [Theory]
    [InlineData(24000, 1001)]
    [InlineData(24, 1)]
    [InlineData(25, 1)]
    [InlineData(30000, 1001)]
    [InlineData(60000, 1001)]
    [InlineData(60, 1)]
    public async Task Record_timecode_is_contiguous_and_covers_every_frame_of_the_timeline(int numerator, int denominator)
    {
        var rate = new FrameRate(numerator, denominator);
        var cut = CutSamples.Many(120, rate);
        var (edl, _, _) = await WriteAsync(cut);
        var origin = EdlText.RecordStart(rate);

        var events = edl.Events.Where(e => e.Lines[0].Channels == "V").Select(e => e.Lines[^1]).ToList();
        Assert.Equal(120, events.Count);
        Assert.Equal(origin, events[0].RecordIn);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].RecordOut, events[i].RecordIn);
        }
        Assert.Equal(origin + cut.LengthFrames, events[^1].RecordOut);
        Assert.All(Video(edl), l => Assert.True(l.SourceOut > l.SourceIn || (l.Edit == "C" && l.SourceOut == l.SourceIn && l.RecordIn == l.RecordOut)));
        Assert.All(Video(edl), l => Assert.Equal(l.RecordOut - l.RecordIn, l.SourceOut - l.SourceIn));
    }

    [Fact]
    public async Task Every_dissolve_is_two_lines_of_one_event_a_held_cut_then_the_dissolve()
    {
        var cut = CutSamples.Many(300);
        var (edl, _, _) = await WriteAsync(cut);

        var dissolves = edl.Events.Where(e => e.Lines.Count == 2).ToList();
        Assert.Equal(30, dissolves.Count);
        foreach (var dissolve in dissolves)
        {
            var (hold, incoming) = (dissolve.Lines[0], dissolve.Lines[1]);
            var before = edl.Events[dissolve.Number - 2].Lines[^1];
            Assert.Equal("C", hold.Edit);
            Assert.Equal((hold.RecordIn, hold.RecordIn, hold.SourceIn), (hold.RecordOut, incoming.RecordIn, hold.SourceOut));
            Assert.Equal((before.Reel, before.SourceOut, before.RecordOut), (hold.Reel, hold.SourceIn, hold.RecordIn));
            Assert.Equal(("D", (int?)8), (incoming.Edit, incoming.TransitionFrames));
            // Centred on the cut: 4 frames before it, 4 after.
            var clip = cut.Clips[dissolve.Number - 1];
            Assert.Equal(EdlText.RecordStart(cut.Rate) + clip.StartFrame - 4, incoming.RecordIn);
            Assert.Equal("EFFECTS NAME IS CROSS DISSOLVE", dissolve.Comments[0]);
        }
        Assert.Equal(301, edl.Events.Count);
        Assert.All(edl.Events, e => Assert.All(e.Lines, l => Assert.Equal(3, l.NumberWidth)));
    }

    [Fact]
    public async Task A_fade_from_black_is_a_dissolve_from_the_black_reel_and_the_clip_before_ends_where_it_starts()
    {
        var sample = CutSamples.Sample(FrameRate.Fps25);
        var cut = sample with
        {
            Clips =
            [
                sample.Clips[0] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 20 },
                sample.Clips[1] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 30 },
                sample.Clips[2] with { TransitionIn = TransitionKind.Wipe, TransitionFrames = 10 },
            ],
        };
        var (edl, report, _) = await WriteAsync(cut);
        var hour = 90_000L;

        // At the very start there is nothing before the cut: the whole fade comes after it.
        var opening = edl.Events[0].Lines;
        Assert.Equal(("BL", "C", hour, hour), (opening[0].Reel, opening[0].Edit, opening[0].RecordIn, opening[0].RecordOut));
        Assert.Equal(("SH001", "D", (int?)10, hour, hour + 135), (opening[1].Reel, opening[1].Edit, opening[1].TransitionFrames, opening[1].RecordIn, opening[1].RecordOut));
        Assert.Contains(report.Notices, n => n.Contains("fade from black into “Board 1” is 10 frames instead of 20", StringComparison.Ordinal));
        Assert.Equal("* FROM CLIP NAME: BLACK", edl.Events[0].Comments[1]);

        // Shot 2 fades from black over 30 frames centred on frame 150: Board 1 ends at 135.
        var fade = edl.Events[1].Lines;
        Assert.Equal(("BL", hour + 135), (fade[0].Reel, fade[0].RecordIn));
        Assert.Equal(("SH002", "D", (int?)30, hour + 135, hour + 270), (fade[1].Reel, fade[1].Edit, fade[1].TransitionFrames, fade[1].RecordIn, fade[1].RecordOut));

        // A wipe after a gap wipes from black (W001), centred on frame 300.
        var wipe = edl.Events[2].Lines;
        Assert.Equal(("BL", "W001", (int?)10, hour + 295, hour + 390), (wipe[0].Reel, wipe[1].Edit, wipe[1].TransitionFrames, wipe[1].RecordIn, wipe[1].RecordOut));
        Assert.Equal((0L, 95L), (wipe[1].SourceIn, wipe[1].SourceOut));
    }

    [Fact]
    public async Task Awkward_names_become_plain_ascii_and_reels_stay_within_eight_characters()
    {
        var (edl, _, text) = await WriteAsync(CutSamples.Nasty());

        Assert.Equal("ROCK & \"ROLL\" <LIVE> / CA VA", edl.Title);
        Assert.Equal("NON-DROP FRAME", edl.Fcm); // 23.976 counts 24 non-drop
        Assert.All(Encoding.UTF8.GetBytes(text), b => Assert.True(b < 0x80));
        Assert.All(edl.Events.SelectMany(e => e.Lines), l => Assert.InRange(l.Reel.Length, 1, 8));
        Assert.All(edl.Events.SelectMany(e => e.Lines), l => Assert.Matches("^[A-Z0-9]+$", l.Reel));
    }

    [Fact]
    public async Task Reels_of_many_clips_fit_eight_characters_and_more_than_999_events_get_six_digit_numbers()
    {
        var (edl, report, _) = await WriteAsync(CutSamples.Many(1000));

        Assert.Equal(1001, edl.Events.Count);
        Assert.Equal(Enumerable.Range(1, 1001), edl.Events.Select(e => e.Number));
        Assert.All(edl.Events.SelectMany(e => e.Lines), l => Assert.Equal(6, l.NumberWidth));
        Assert.All(edl.Events.SelectMany(e => e.Lines), l => Assert.InRange(l.Reel.Length, 2, 8));
        Assert.Equal("SH1000", edl.Events[999].Lines[^1].Reel);
        Assert.Contains(report.Notices, n => n.Contains("six digits", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_project_is_a_header_without_events_and_says_why()
    {
        var (edl, report, text) = await WriteAsync(CutSamples.Empty());

        Assert.Equal("EMPTY", edl.Title);
        Assert.Equal("NON-DROP FRAME", edl.Fcm);
        Assert.Empty(edl.Events);
        Assert.Equal("TITLE: EMPTY\r\nFCM: NON-DROP FRAME\r\n", text);
        Assert.Contains(report.Notices, n => n.Contains("no song", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_three_hour_song_runs_past_three_hours_of_record_timecode_in_drop_frame()
    {
        var cut = CutSamples.ThreeHours();
        var (edl, _, _) = await WriteAsync(cut);
        var origin = EdlText.RecordStart(cut.Rate);

        var finale = Assert.Single(edl.Events[1].Lines);
        Assert.Equal((origin + 323_376, origin + 323_676), (finale.RecordIn, finale.RecordOut));
        Assert.StartsWith("03:59:", Timecode.Format(finale.RecordIn, cut.Rate), StringComparison.Ordinal);
        var song = Assert.Single(edl.Events[2].Lines);
        Assert.Equal(("AA", origin + 323_676, 323_676L), (song.Channels, song.RecordOut, song.SourceOut));
        Assert.Equal("04:00:00;00", Timecode.Format(song.RecordOut, cut.Rate));
    }

    [Fact]
    public async Task Alternates_are_left_out_of_the_single_video_track_and_the_report_says_so()
    {
        var sample = CutSamples.Sample(FrameRate.Fps24);
        var cut = sample with { Alternates = [CutSamples.Clip(9, 1, "Board 1 A1", 0, 150, CutMediaKind.Image) with { IsMain = false, Lane = 1, TakeNumber = 1 }] };
        var (edl, report, _) = await WriteAsync(cut);

        Assert.Equal(["SH001", "SH001", "SH002", "SH003"], Video(edl).Select(l => l.Reel));
        Assert.Contains(report.Notices, n => n.Contains("alternate takes are left out", StringComparison.Ordinal));
    }
}
