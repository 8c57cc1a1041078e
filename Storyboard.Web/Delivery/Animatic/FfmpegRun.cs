using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using FFMpegCore.Enums;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>One ffmpeg process through FFMpegCore: inputs, output options, the error lines, the frames it wrote.</summary>
public static partial class FfmpegRun
{
    public sealed record Outcome(bool Succeeded, IReadOnlyList<string> Errors, long Frames)
    {
        public string ErrorText => string.Join(" | ", Errors.Where(e => !FrameLine().IsMatch(e)).TakeLast(5));
    }

    public static async Task<Outcome> RunAsync(IReadOnlyList<GraphInput> inputs, string output, string outputOptions,
        CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var arguments = FFMpegArguments.FromFileInput(inputs[0].Path, verifyExists: false, o => o.WithCustomArgument(inputs[0].Options));
        foreach (var input in inputs.Skip(1))
        {
            arguments = arguments.AddFileInput(input.Path, verifyExists: false, o => o.WithCustomArgument(input.Options));
        }
        var processor = arguments
            .OutputToFile(output, overwrite: true, o => o.WithCustomArgument("-stats " + outputOptions))
            .WithLogLevel(FFMpegLogLevel.Error)
            .NotifyOnStandardError(line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            })
            .CancellableThrough(cancellationToken);
        bool succeeded;
        try
        {
            succeeded = (await processor.ProcessAsynchronously(throwOnError: false)).Success;
        }
        catch (OperationCanceledException)
        {
            succeeded = false;
        }
        cancellationToken.ThrowIfCancellationRequested();
        lock (lines)
        {
            var frames = lines.Select(l => FrameLine().Match(l)).Where(m => m.Success)
                .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Last();
            return new Outcome(succeeded && File.Exists(output), lines.ToList(), frames);
        }
    }

    /// <summary>A path quoted for FFMpegCore's argument string.</summary>
    public static string Quote(string path) => "\"" + path.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"frame=\s*(\d+)")]
    private static partial Regex FrameLine();
}
