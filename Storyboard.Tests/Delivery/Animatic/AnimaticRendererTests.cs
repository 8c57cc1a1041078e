using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Animatic;

public sealed class AnimaticRendererTests : IDisposable
{
    private static readonly Rgb24 Red = new(220, 30, 30);
    private static readonly Rgb24 Green = new(30, 200, 40);
    private static readonly Rgb24 Blue = new(30, 40, 220);
    private static readonly Rgb24 Black = new(0, 0, 0);
    private readonly AnimaticTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    public static TheoryData<int, int> Rates => new() { { 24, 1 }, { 30000, 1001 }, { 25, 1 } };

    [Theory]
    [MemberData(nameof(Rates))]
    public async Task The_animatic_has_the_cuts_length_and_every_cut_lands_on_its_frame(int numerator, int denominator)
    {
        var rate = new FrameRate(numerator, denominator);
        var song = TestAudio.Sine(_bed.Folder, "wav", seconds: 6);
        _bed.Media.SongPath = song;
        // Red 0–37, green 37–80, a gap 80–95, blue 95–140 (odd lengths so rounding errors would show).
        var cut = AnimaticTestBed.Cut(rate, 140,
            [_bed.Clip(1, 0, 37, _bed.Still(Red)), _bed.Clip(2, 37, 43, _bed.Still(Green)), _bed.Clip(3, 95, 45, _bed.Still(Blue))],
            CutSamples.Song(200));

        var result = await _bed.RenderAsync(cut);

        var probe = AnimaticTestBed.Probe(result.OutputPath);
        Assert.Equal("h264", probe.Codec);
        Assert.Equal("yuv420p", probe.PixelFormat);
        Assert.Equal("aac", probe.AudioCodec);
        Assert.Equal($"{numerator}/{denominator}", probe.FrameRate);
        Assert.Equal($"{numerator}/{denominator}", probe.AverageFrameRate);
        Assert.Equal(140, probe.Frames);
        Assert.InRange(probe.Duration, 140 / rate.FramesPerSecond - 1 / rate.FramesPerSecond, 140 / rate.FramesPerSecond + 1 / rate.FramesPerSecond);
        foreach (var (frame, colour) in new[] { (36L, Red), (37L, Green), (79L, Green), (80L, Black), (94L, Black), (95L, Blue), (139L, Blue) })
        {
            using var image = _bed.Frame(result.OutputPath, frame);
            var mean = AnimaticTestBed.Mean(image);
            Assert.True(AnimaticTestBed.Near(mean, colour), $"Frame {frame} is {mean}, expected {colour}");
        }
    }

    [Fact]
    public async Task A_square_still_in_a_wide_project_is_letterboxed_with_black_bars_at_the_sides()
    {
        var cut = AnimaticTestBed.Cut(FrameRate.Fps25, 10, [_bed.Clip(1, 0, 10, _bed.Still(Red, 100, 100))]);

        var result = await _bed.RenderAsync(cut);

        using var image = _bed.Frame(result.OutputPath, 5);
        Assert.Equal((160, 90), (image.Width, image.Height));
        // 90×90 in the middle, 35 black pixels either side.
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(image, new Rectangle(0, 0, 30, 90)), Black, 8));
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(image, new Rectangle(130, 0, 30, 90)), Black, 8));
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(image, new Rectangle(40, 0, 80, 90)), Red));
    }

    [Fact]
    public async Task A_video_shorter_than_its_slot_holds_its_last_frame_and_a_longer_one_is_trimmed()
    {
        var cut = AnimaticTestBed.Cut(FrameRate.Fps25, 50,
            [_bed.Clip(1, 0, 30, _bed.Video("red", 10, "25"), CutMediaKind.Video), _bed.Clip(2, 30, 20, _bed.Video("blue", 100, "25"), CutMediaKind.Video)]);

        var result = await _bed.RenderAsync(cut);

        Assert.Equal(50, AnimaticTestBed.Probe(result.OutputPath).Frames);
        using var held = _bed.Frame(result.OutputPath, 29);
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(held), new Rgb24(255, 0, 0), 40), $"{AnimaticTestBed.Mean(held)}");
        using var next = _bed.Frame(result.OutputPath, 30);
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(next), new Rgb24(0, 0, 255), 40), $"{AnimaticTestBed.Mean(next)}");
    }

    [Fact]
    public async Task A_dissolve_is_centred_on_the_cut()
    {
        var cut = AnimaticTestBed.Cut(FrameRate.Fps25, 60,
            [_bed.Clip(1, 0, 30, _bed.Still(Red)), _bed.Clip(2, 30, 30, _bed.Still(Blue)) with { TransitionIn = TransitionKind.Dissolve, TransitionFrames = 10 }]);

        var result = await _bed.RenderAsync(cut);

        Assert.Equal(60, AnimaticTestBed.Probe(result.OutputPath).Frames);
        using var before = _bed.Frame(result.OutputPath, 24);
        using var middle = _bed.Frame(result.OutputPath, 30);
        using var after = _bed.Frame(result.OutputPath, 35);
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(before), Red), $"{AnimaticTestBed.Mean(before)}");
        var mixed = AnimaticTestBed.Mean(middle);
        Assert.True(mixed.R is > 80 and < 170 && mixed.B is > 80 and < 170, $"The cut's frame is half red, half blue: {mixed}");
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(after), Blue), $"{AnimaticTestBed.Mean(after)}");
    }

    [Fact]
    public async Task A_missing_file_shows_the_clips_Draft_card_and_a_notice_names_the_clip()
    {
        var gone = _bed.Still(Green);
        var cut = AnimaticTestBed.Cut(FrameRate.Fps25, 20, [_bed.Clip(1, 0, 10, _bed.Still(Red)), _bed.Clip(2, 10, 10, gone)]);
        File.Delete(gone);

        var result = await _bed.RenderAsync(cut);

        using var frame = _bed.Frame(result.OutputPath, 15);
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(frame), AnimaticTestBed.DraftGrey), $"{AnimaticTestBed.Mean(frame)}");
        Assert.Contains(result.Notices, n => n.Contains("“Shot 2”", StringComparison.Ordinal) && n.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_file_shows_the_clips_Draft_card_and_a_notice_names_the_clip()
    {
        var broken = Path.Combine(_bed.Folder, "broken.png");
        await File.WriteAllTextAsync(broken, "not an image");
        var cut = AnimaticTestBed.Cut(FrameRate.Fps25, 20, [_bed.Clip(1, 0, 10, _bed.Still(Red)), _bed.Clip(2, 10, 10, broken)]);

        var result = await _bed.RenderAsync(cut);

        Assert.Equal(20, AnimaticTestBed.Probe(result.OutputPath).Frames);
        using var frame = _bed.Frame(result.OutputPath, 15);
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(frame), AnimaticTestBed.DraftGrey), $"{AnimaticTestBed.Mean(frame)}");
        Assert.Contains(result.Notices, n => n.Contains("“Shot 2”", StringComparison.Ordinal) && n.Contains("cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_one_clip_re_encodes_only_its_segment()
    {
        var clips = Enumerable.Range(1, 6).Select(i => _bed.Clip(i, (i - 1) * 10L, 10, _bed.Still(new Rgb24((byte)(i * 40), 60, 90)))).ToList();
        clips[3] = clips[3] with { TransitionIn = TransitionKind.Dissolve, TransitionFrames = 4 };
        var cut = AnimaticTestBed.Cut(FrameRate.Fps24, 60, clips);
        var first = await _bed.RenderAsync(cut, name: "first");
        var again = await _bed.RenderAsync(cut, name: "again");

        var changed = cut with { Clips = cut.Clips.Select(c => c.ClipId == 2 ? _bed.Clip(2, 10, 10, _bed.Still(Green)) : c).ToList() };
        var third = await _bed.RenderAsync(changed, name: "changed");

        Assert.Equal(7, first.SegmentsEncoded);
        Assert.Equal(0, again.SegmentsEncoded);
        Assert.Equal(1, third.SegmentsEncoded);
        using var frame = _bed.Frame(third.OutputPath, 15);
        Assert.True(AnimaticTestBed.Near(AnimaticTestBed.Mean(frame), Green), $"{AnimaticTestBed.Mean(frame)}");
        Assert.Equal(60, AnimaticTestBed.Probe(third.OutputPath).Frames);
    }

    [Fact]
    public async Task A_project_without_a_song_gets_a_silent_track_and_a_notice()
    {
        var cut = AnimaticTestBed.Cut(FrameRate.Fps25, 25, [_bed.Clip(1, 0, 25, _bed.Still(Red))]);

        var result = await _bed.RenderAsync(cut);

        Assert.Equal("aac", AnimaticTestBed.Probe(result.OutputPath).AudioCodec);
        Assert.Contains(result.Notices, n => n.Contains("no song", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overlays_and_the_subtitles_file_are_written()
    {
        var cut = AnimaticTestBed.Cut(FrameRate.Fps2997, 30,
            [_bed.Clip(1, 0, 15, _bed.Still(Black)) with { Lyrics = "Hello: it's me, [la]" }, _bed.Clip(2, 15, 15, _bed.Still(Black)) with { Lyrics = "Second line" }]);

        var plain = await _bed.RenderAsync(cut, name: "plain");
        var result = await _bed.RenderAsync(cut, settings: new AnimaticSettings(Timecode: true, ShotNames: true, Lyrics: true, Subtitles: true), name: "overlays");

        Assert.Equal(30, AnimaticTestBed.Probe(result.OutputPath).Frames);
        using var bare = _bed.Frame(plain.OutputPath, 5);
        using var drawn = _bed.Frame(result.OutputPath, 5);
        Assert.True(AnimaticTestBed.Mean(drawn).R > AnimaticTestBed.Mean(bare).R + 3, "White text is drawn on the black frame");
        var srt = await File.ReadAllTextAsync(result.SubtitlesPath!);
        Assert.Equal("1\n00:00:00,000 --> 00:00:00,500\nHello: it's me, [la]\n\n2\n00:00:00,500 --> 00:00:01,001\nSecond line\n\n", srt);
    }

    [Fact]
    public async Task Cancelling_stops_the_render_and_leaves_no_temporary_files()
    {
        var cut = AnimaticTestBed.Cut(FrameRate.Fps30, 3000, [_bed.Clip(1, 0, 3000, _bed.Video("red", 10, "30"), CutMediaKind.Video)], width: 640, height: 360);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bed.RenderAsync(cut, cancellationToken: cancel.Token));

        Assert.False(File.Exists(Path.Combine(_bed.Folder, "out.mp4")));
        Assert.Empty(Directory.Exists(_bed.Storage.TempFolder) ? Directory.GetFileSystemEntries(_bed.Storage.TempFolder) : []);
    }

    [Fact]
    public async Task An_empty_cut_is_refused_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<AnimaticException>(() => _bed.RenderAsync(AnimaticTestBed.Cut(FrameRate.Fps25, 0, [])));
        Assert.Contains("nothing to render", error.Message, StringComparison.Ordinal);
    }
}
