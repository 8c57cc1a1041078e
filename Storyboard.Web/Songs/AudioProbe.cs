using FFMpegCore;
using FFMpegCore.Exceptions;
using Storyboard.Web.Media;

namespace Storyboard.Web.Songs;

/// <summary>What ffprobe found in an accepted audio file.</summary>
public sealed record ProbedAudio(
    string Format, string Codec, string Extension, string ContentType,
    int SampleRate, int Channels, long? BitRate, long DurationMicroseconds);

/// <summary>Either the audio ffprobe found, or a message for the user saying why the file is refused.</summary>
public sealed record AudioProbeResult(ProbedAudio? Audio, string? Error)
{
    public static AudioProbeResult Accepted(ProbedAudio audio) => new(audio, null);
    public static AudioProbeResult Refused(string error) => new(null, error);
}

public interface IAudioProbe
{
    /// <summary>Decides by content (never by name or declared type) whether the file is audio Storyboard plays.</summary>
    Task<AudioProbeResult> ProbeAsync(string path, CancellationToken cancellationToken);
}

public sealed class AudioProbe(FfmpegLocator ffmpeg, ILogger<AudioProbe> logger) : IAudioProbe
{
    public const string AcceptedTypesText = "MP3, WAV, FLAC, M4A/AAC, Ogg Vorbis or Opus";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<AudioProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (ffmpeg.FfprobePath is null)
        {
            return AudioProbeResult.Refused("Storyboard cannot read audio because ffprobe is not installed. Ask your admin to install ffmpeg.");
        }
        IMediaAnalysis analysis;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(Timeout);
            try
            {
                analysis = await FFProbe.AnalyseAsync(path, cancellationToken: timeout.Token);
            }
            catch (FFMpegException exception) when (!cancellationToken.IsCancellationRequested)
            {
                // ffprobe found no format it knows; its message names the temp path, so only the type is logged.
                logger.LogInformation("ffprobe could not read an upload: {Kind}", exception.GetType().Name);
                return NotAudio(FileSniffer.Describe(path));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return AudioProbeResult.Refused("Storyboard gave up reading that file: ffprobe took longer than a minute.");
            }
        }
        return Judge(analysis);
    }

    /// <summary>Accepts only real audio in the formats browsers play; an attached cover picture is fine, video is not.</summary>
    internal static AudioProbeResult Judge(IMediaAnalysis analysis)
    {
        var video = analysis.VideoStreams.FirstOrDefault(v => v.Disposition?.GetValueOrDefault("attached_pic") != true);
        var audio = analysis.PrimaryAudioStream;
        if (video is not null)
        {
            return NotAudio(DescribeNonAudio(analysis.Format.FormatName ?? "", video.CodecName ?? "unknown", hasAudio: audio is not null));
        }
        if (audio is null)
        {
            return NotAudio(string.IsNullOrEmpty(analysis.Format.FormatLongName) ? "no sound in it" : analysis.Format.FormatLongName);
        }
        var codec = audio.CodecName ?? "unknown";
        var kind = AudioFormats.Match(analysis.Format.FormatName ?? "", codec);
        if (kind is null)
        {
            return NotAudio($"{analysis.Format.FormatLongName} ({codec})");
        }
        var duration = audio.Duration > TimeSpan.Zero ? audio.Duration : analysis.Format.Duration;
        if (duration <= TimeSpan.Zero || audio.SampleRateHz is not > 0 || audio.Channels is not > 0)
        {
            return AudioProbeResult.Refused("The file holds no sound: its length is zero.");
        }
        return AudioProbeResult.Accepted(new ProbedAudio(kind.Key, codec, kind.Extension, kind.ContentType,
            audio.SampleRateHz.Value, audio.Channels.Value, audio.BitRate ?? analysis.Format.BitRate,
            duration.Ticks / 10));
    }

    private static string DescribeNonAudio(string formatName, string codec, bool hasAudio) => formatName switch
    {
        "png_pipe" => "PNG image",
        "jpeg_pipe" => "JPEG image",
        "gif" => "GIF image",
        "webp_pipe" => "WebP image",
        _ when formatName.EndsWith("_pipe", StringComparison.Ordinal) || formatName == "image2" => $"{codec.ToUpperInvariant()} image",
        _ => hasAudio ? $"video with sound ({codec})" : $"video ({codec})",
    };

    private static AudioProbeResult NotAudio(string detected) => AudioProbeResult.Refused(
        $"That file is not audio Storyboard can read (detected: {detected}). Upload {AcceptedTypesText}.");
}

/// <summary>The container and codec pairs Storyboard accepts, with how they are stored and served.</summary>
public sealed record AudioFormatKind(string Key, string Label, string Extension, string ContentType);

public static class AudioFormats
{
    private static readonly AudioFormatKind Mp3 = new("mp3", "MP3", ".mp3", "audio/mpeg");
    private static readonly AudioFormatKind Wav = new("wav", "WAV", ".wav", "audio/wav");
    private static readonly AudioFormatKind Flac = new("flac", "FLAC", ".flac", "audio/flac");
    private static readonly AudioFormatKind M4a = new("m4a", "M4A", ".m4a", "audio/mp4");
    private static readonly AudioFormatKind Aac = new("aac", "AAC", ".aac", "audio/aac");
    private static readonly AudioFormatKind Vorbis = new("ogg", "Ogg Vorbis", ".ogg", "audio/ogg");
    private static readonly AudioFormatKind Opus = new("opus", "Opus", ".opus", "audio/ogg");

    private static readonly AudioFormatKind[] All = [Mp3, Wav, Flac, M4a, Aac, Vorbis, Opus];

    /// <summary>ffprobe's format_name (a comma list such as "mov,mp4,m4a,3gp,3g2,mj2") and codec_name.</summary>
    public static AudioFormatKind? Match(string formatName, string codec)
    {
        var formats = formatName.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool Is(string name) => formats.Contains(name, StringComparer.Ordinal);
        return codec switch
        {
            "mp3" when Is("mp3") => Mp3,
            _ when codec.StartsWith("pcm_", StringComparison.Ordinal) && Is("wav") => Wav,
            "flac" when Is("flac") => Flac,
            "aac" or "alac" when Is("mp4") || Is("m4a") => M4a,
            "aac" when Is("aac") => Aac,
            "vorbis" when Is("ogg") => Vorbis,
            "opus" when Is("ogg") => Opus,
            _ => null,
        };
    }

    /// <summary>"MP3", "Ogg Vorbis"… for the format key stored on a song.</summary>
    public static string Label(string key) => All.FirstOrDefault(k => k.Key == key)?.Label ?? key.ToUpperInvariant();
}
