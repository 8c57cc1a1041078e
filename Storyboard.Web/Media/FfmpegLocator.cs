using System.Diagnostics;
using FFMpegCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Media;

/// <summary>Finds ffmpeg and ffprobe (configured folder, else PATH) and points FFMpegCore at them.</summary>
public sealed class FfmpegLocator
{
    private readonly Lazy<string?> _version;

    public FfmpegLocator(IOptions<MediaOptions> options)
    {
        var folder = options.Value.FfmpegFolder;
        FfmpegPath = Resolve(folder, "ffmpeg");
        FfprobePath = Resolve(folder, "ffprobe");
        var binaryFolder = FfmpegPath is null ? null : Path.GetDirectoryName(FfmpegPath);
        if (binaryFolder is not null)
        {
            GlobalFFOptions.Configure(o => o.BinaryFolder = binaryFolder);
        }
        _version = new Lazy<string?>(ReadVersion);
    }

    public string? FfmpegPath { get; }
    public string? FfprobePath { get; }

    /// <summary>The first line of <c>ffmpeg -version</c>, or null when ffmpeg is missing or broken.</summary>
    public string? Version => _version.Value;

    private string? ReadVersion()
    {
        if (FfmpegPath is null || FfprobePath is null)
        {
            return null;
        }
        try
        {
            using var process = Process.Start(new ProcessStartInfo(FfmpegPath, "-hide_banner -version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }
            var firstLine = process.StandardOutput.ReadLine();
            process.WaitForExit(5000);
            return process.ExitCode == 0 ? firstLine : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? Resolve(string folder, string name)
    {
        if (!string.IsNullOrWhiteSpace(folder))
        {
            var candidate = Path.Combine(folder, name);
            return File.Exists(candidate) ? candidate : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
