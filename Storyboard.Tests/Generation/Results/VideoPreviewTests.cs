using FFMpegCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Generation.Results;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Tests.Generation.Results;

/// <summary>A generated video's poster and low-res preview, made with the real ffmpeg; animated WebP with ImageSharp.</summary>
public sealed class VideoPreviewTests : IDisposable
{
    private readonly string _folder = TestFolders.Create("video-preview");
    private readonly StorageOptions _storage;
    private readonly VideoPreviews _previews;

    public VideoPreviewTests()
    {
        _storage = new StorageOptions { DataPath = Path.Combine(_folder, "data") };
        _previews = new VideoPreviews(new FfmpegLocator(Options.Create(new MediaOptions())), Options.Create(_storage), NullLogger<VideoPreviews>.Instance);
    }

    public void Dispose() => TestFolders.TryDelete(_folder);

    private string[] TempFiles() => Directory.Exists(_storage.TempFolder) ? Directory.GetFiles(_storage.TempFolder) : [];

    [Fact]
    public async Task A_video_gets_a_jpeg_poster_and_a_short_silent_h264_preview_at_most_320_wide()
    {
        var video = TestAudio.Pattern(_folder, seconds: 3, width: 640, height: 360);

        var preview = await _previews.MakeAsync(video, CancellationToken.None);

        Assert.StartsWith(_storage.TempFolder, preview.PosterPath, StringComparison.Ordinal);
        using (var poster = await Image.LoadAsync<Rgb24>(preview.PosterPath))
        {
            Assert.Equal((640, 360), (poster.Width, poster.Height));
            Assert.Equal((640, 360), (preview.PosterWidth, preview.PosterHeight));
        }
        Assert.Equal("image/jpeg", Image.DetectFormat(preview.PosterPath)!.DefaultMimeType);
        Assert.Equal(new FileInfo(preview.PosterPath).Length, preview.PosterBytes);

        Assert.NotNull(preview.PreviewPath);
        Assert.Equal(new FileInfo(preview.PreviewPath).Length, preview.PreviewBytes);
        var probed = await FFProbe.AnalyseAsync(preview.PreviewPath);
        var stream = Assert.Single(probed.VideoStreams);
        Assert.Empty(probed.AudioStreams);
        Assert.Equal("h264", stream.CodecName);
        Assert.Equal("yuv420p", stream.PixelFormat);
        Assert.Equal((320, 180), (stream.Width, stream.Height));
        Assert.InRange(probed.Duration, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(4));
        Assert.Contains("mp4", probed.Format.FormatName, StringComparison.Ordinal);
        Assert.True(MoovBeforeMdat(preview.PreviewPath), "the preview should start playing before it is all loaded (+faststart)");
    }

    [Fact]
    public async Task A_long_wide_video_is_cut_to_four_seconds_and_scaled_with_even_sides()
    {
        var video = TestAudio.Pattern(_folder, seconds: 6, width: 1282, height: 722, name: "wide.mp4");

        var preview = await _previews.MakeAsync(video, CancellationToken.None);

        Assert.Equal(640, preview.PosterWidth);
        Assert.Equal(0, preview.PosterHeight % 2);
        var probed = await FFProbe.AnalyseAsync(preview.PreviewPath!);
        Assert.Equal(320, probed.PrimaryVideoStream!.Width);
        Assert.Equal(0, probed.PrimaryVideoStream.Height % 2);
        Assert.InRange(probed.Duration, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(4.01));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_animated_webp_gets_a_poster_from_its_first_frame_and_no_preview(bool lossless)
    {
        var webp = TestAudio.AnimatedWebp(_folder, 160, 120, lossless);

        var preview = await _previews.MakeAsync(webp, CancellationToken.None);

        using var poster = await Image.LoadAsync<Rgb24>(preview.PosterPath);
        Assert.Equal((160, 120), (poster.Width, poster.Height));
        Assert.Null(preview.PreviewPath);
        Assert.Null(preview.PreviewBytes);
        // testsrc's frame is a colourful pattern; a blank or failed decode would be one colour.
        var colours = new HashSet<Rgb24>();
        for (var y = 0; y < poster.Height; y += 4)
        {
            for (var x = 0; x < poster.Width; x += 4)
            {
                colours.Add(poster[x, y]);
            }
        }
        Assert.True(colours.Count > 8, $"the poster has only {colours.Count} colours");
    }

    [Fact]
    public async Task A_corrupt_video_throws_the_clear_exception_and_leaves_no_temp_files()
    {
        var corrupt = TestAudio.Random(_folder, "corrupt.mp4");

        var error = await Assert.ThrowsAsync<VideoPreviewException>(() => _previews.MakeAsync(corrupt, CancellationToken.None));

        Assert.Contains("not a video", error.Message, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task A_truncated_video_an_empty_file_and_a_damaged_webp_throw_the_clear_exception()
    {
        var truncated = TestAudio.Truncated(TestAudio.Pattern(_folder, seconds: 3, width: 640, height: 360), "truncated.mp4");
        var empty = Path.Combine(_folder, "empty.mp4");
        await File.WriteAllBytesAsync(empty, []);
        var webp = Path.Combine(_folder, "damaged.webp");
        var bytes = await File.ReadAllBytesAsync(TestAudio.AnimatedWebp(_folder, 64, 64));
        await File.WriteAllBytesAsync(webp, bytes[..(bytes.Length / 2)]);

        await Assert.ThrowsAsync<VideoPreviewException>(() => _previews.MakeAsync(truncated, CancellationToken.None));
        var emptyError = await Assert.ThrowsAsync<VideoPreviewException>(() => _previews.MakeAsync(empty, CancellationToken.None));
        Assert.Equal("The video file is empty.", emptyError.Message);
        await Assert.ThrowsAsync<VideoPreviewException>(() => _previews.MakeAsync(webp, CancellationToken.None));
        Assert.Empty(TempFiles());
    }

    /// <summary>Whether the MP4's index (moov) comes before its media data, as <c>-movflags +faststart</c> writes it.</summary>
    private static bool MoovBeforeMdat(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        var moov = text.IndexOf("moov", StringComparison.Ordinal);
        var mdat = text.IndexOf("mdat", StringComparison.Ordinal);
        return moov >= 0 && mdat >= 0 && moov < mdat;
    }
}
