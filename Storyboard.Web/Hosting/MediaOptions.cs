using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Hosting;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Largest song upload accepted, in megabytes.</summary>
    [Range(1, 4096)]
    public int MaxSongUploadMegabytes { get; set; } = 200;

    /// <summary>Folder holding the ffmpeg and ffprobe binaries; empty means search PATH.</summary>
    public string FfmpegFolder { get; set; } = "";

    /// <summary>Waveform peaks kept per second of audio (the timeline zooms into these).</summary>
    [Range(10, 1000)]
    public int PeaksPerSecond { get; set; } = 100;

    public long MaxSongUploadBytes => MaxSongUploadMegabytes * 1024L * 1024L;
}
