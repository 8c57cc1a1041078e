using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;
using Storyboard.Web.Songs;

namespace Storyboard.Tests.Media;

/// <summary>ffprobe decides by content: real audio in the accepted formats passes, disguised files do not.</summary>
public sealed class AudioProbeTests : IDisposable
{
    private readonly string _files = TestFolders.Create("probe");
    private readonly AudioProbe _probe = new(new FfmpegLocator(Options.Create(new MediaOptions())), NullLogger<AudioProbe>.Instance);

    public void Dispose() => TestFolders.TryDelete(_files);

    [Theory]
    [InlineData("mp3", "mp3", "mp3", ".mp3", "audio/mpeg", 44100)]
    [InlineData("wav", "wav", "pcm_s16le", ".wav", "audio/wav", 44100)]
    [InlineData("flac", "flac", "flac", ".flac", "audio/flac", 44100)]
    [InlineData("m4a", "m4a", "aac", ".m4a", "audio/mp4", 44100)]
    [InlineData("ogg", "ogg", "vorbis", ".ogg", "audio/ogg", 44100)]
    [InlineData("opus", "opus", "opus", ".opus", "audio/ogg", 48000)]
    public async Task Each_accepted_format_is_recognised_whatever_its_name(
        string format, string key, string codec, string extension, string contentType, int sampleRate)
    {
        // Named .bin: the extension must play no part.
        var file = TestAudio.CopyAs(TestAudio.Sine(_files, format, seconds: 2), _files, $"upload-{format}.bin");

        var result = await _probe.ProbeAsync(file, CancellationToken.None);

        Assert.Null(result.Error);
        var audio = result.Audio!;
        Assert.Equal((key, codec, extension, contentType), (audio.Format, audio.Codec, audio.Extension, audio.ContentType));
        Assert.Equal(sampleRate, audio.SampleRate);
        Assert.Equal(1, audio.Channels);
        Assert.InRange(audio.DurationMicroseconds, 1_990_000, 2_040_000);
    }

    [Fact]
    public async Task An_mp3_with_cover_art_is_audio()
    {
        var result = await _probe.ProbeAsync(TestAudio.Mp3WithCover(_files), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal("mp3", result.Audio!.Format);
    }

    [Fact]
    public async Task A_video_is_not_a_song_even_with_sound()
    {
        var result = await _probe.ProbeAsync(TestAudio.Video(_files), CancellationToken.None);

        Assert.Null(result.Audio);
        Assert.StartsWith("That file is not audio Storyboard can read (detected: video with sound (h264)).", result.Error);
    }

    [Fact]
    public async Task A_wav_cut_after_its_header_is_named_as_damaged()
    {
        var full = TestAudio.Sine(_files, "wav", seconds: 1);
        var header = TestAudio.CopyAs(full, _files, "header-only.wav");
        await using (var stream = new FileStream(header, FileMode.Open))
        {
            stream.SetLength(44);
        }

        var result = await _probe.ProbeAsync(header, CancellationToken.None);

        Assert.Null(result.Audio);
        Assert.StartsWith("That file is not audio Storyboard can read (detected: damaged RIFF/WAV data).", result.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "PNG image")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 }, "program (ELF executable)")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "Windows program")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "PDF document")]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70 }, "damaged MP4/M4A data")]
    [InlineData(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x0A }, "text")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0xFE }, "unrecognised data")]
    public void A_refusal_names_what_the_file_looks_like(byte[] head, string expected) =>
        Assert.Equal(expected, FileSniffer.Describe(head));
}
