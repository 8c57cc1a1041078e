using System.Diagnostics;

namespace Storyboard.Tests.Infrastructure;

/// <summary>
/// The one way Storyboard is published. test.sh, bench/run.sh and the Dockerfile's build stage run exactly
/// <see cref="CommandLine"/> (the Dockerfile with its own output folder, /app); DockerfileTests fails if any drifts.
/// </summary>
public static class PublishCommand
{
    public const string Arguments = "publish Storyboard.Web/Storyboard.Web.csproj -c Release";

    /// <summary>Where test.sh and bench/run.sh publish, relative to the repository root.</summary>
    public const string OutputFolder = "artifacts/publish";

    public static string CommandLine(string outputFolder) => $"dotnet {Arguments} -o {outputFolder}";

    private static readonly Lazy<string> Published = new(EnsurePublished, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The published app's folder. test.sh publishes before it tests; when the output is missing, or older than the
    /// Storyboard.Web these tests were built with, this runs the same publish itself.
    /// </summary>
    public static string PublishedFolder => Published.Value;

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    private static string EnsurePublished()
    {
        var folder = RepoRoot.File(OutputFolder);
        var published = Path.Combine(folder, "Storyboard.Web.dll");
        var built = Path.Combine(AppContext.BaseDirectory, "Storyboard.Web.dll");
        if (File.Exists(published) && File.GetLastWriteTimeUtc(published) >= File.GetLastWriteTimeUtc(built))
        {
            return folder;
        }

        // Like test.sh: publish into an empty folder, so nothing of an older publish is left to be tested.
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in CommandLine(OutputFolder).Split(' ').Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{CommandLine(OutputFolder)}' took longer than 5 minutes");
        }
        if (process.ExitCode != 0 || !File.Exists(published))
        {
            throw new InvalidOperationException(
                $"'{CommandLine(OutputFolder)}' exited with {process.ExitCode}:\n{output.Result}\n{errors.Result}");
        }
        return folder;
    }
}
