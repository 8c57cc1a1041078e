using System.Diagnostics;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>
/// Apple's FCPXML DTDs (kept in shared/, never copied into the repository) and xmllint, the same check .ci/run makes.
/// </summary>
public static class Xmllint
{
    public static readonly string[] Versions = ["1.9", "1.10", "1.11"];

    /// <summary>&lt;repo&gt;/../shared/reference/fcpxml-dtd, else /work/shared/reference/fcpxml-dtd.</summary>
    public static string DtdFolder()
    {
        string[] candidates =
        [
            Path.GetFullPath(Path.Combine(RepoRoot.Path, "..", "shared", "reference", "fcpxml-dtd")),
            "/work/shared/reference/fcpxml-dtd",
        ];
        return candidates.FirstOrDefault(folder => Versions.All(v => File.Exists(Path.Combine(folder, DtdName(v)))))
            ?? throw new Xunit.Sdk.XunitException($"Apple's FCPXML DTDs are missing: looked in {string.Join(" and ", candidates)}");
    }

    /// <summary>"1.10" → "FCPXMLv1_10.dtd".</summary>
    public static string DtdName(string version) => $"FCPXMLv{version.Replace('.', '_')}.dtd";

    public static string Dtd(string version) => Path.Combine(DtdFolder(), DtdName(version));

    /// <summary>Runs <c>xmllint --noout --dtdvalid</c>; returns null when valid, else xmllint's message.</summary>
    public static string? Problems(string file, string dtd)
    {
        var start = new ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--noout", "--dtdvalid", dtd, file })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("xmllint did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"xmllint exit {process.ExitCode}: {errors.Result}{output}";
    }

    /// <summary>Fails the test with xmllint's message when <paramref name="file"/> is not valid against the version's DTD.</summary>
    public static void AssertValid(string file, string version)
    {
        var problems = Problems(file, Dtd(version));
        Assert.True(problems is null, $"{Path.GetFileName(file)} is not valid FCPXML {version}: {problems}");
    }
}
