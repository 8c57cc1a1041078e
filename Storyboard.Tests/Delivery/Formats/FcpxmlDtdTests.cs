using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>Every sample, written in each version, against Apple's DTD for that version (xmllint, as Final Cut Pro's gate).</summary>
public sealed class FcpxmlDtdTests : IDisposable
{
    private static readonly FcpxmlFormat Format = new();
    private readonly string folder = TestFolders.Create("fcpxml-dtd");

    public void Dispose() => TestFolders.TryDelete(folder);

    /// <summary>The samples by name: the reference timeline at four rates and the awkward cases.</summary>
    public static IReadOnlyDictionary<string, Func<Cut>> Samples { get; } = new Dictionary<string, Func<Cut>>
    {
        ["sample-24"] = () => CutSamples.Sample(FrameRate.Fps24),
        ["sample-23976"] = () => CutSamples.Sample(FrameRate.Fps23976),
        ["sample-2997"] = () => CutSamples.Sample(FrameRate.Fps2997),
        ["sample-5994"] = () => CutSamples.Sample(FrameRate.Fps5994),
        ["nasty"] = CutSamples.Nasty,
        ["empty"] = CutSamples.Empty,
        ["three-hours"] = CutSamples.ThreeHours,
        ["many-300"] = () => CutSamples.Many(300),
        ["transitions-and-alternates"] = TransitionsAndAlternates,
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var name in Samples.Keys)
        {
            foreach (var version in Xmllint.Versions)
            {
                cases.Add(name, version);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_export_is_valid_against_apples_dtd(string sample, string version)
    {
        var run = await ExportRun.WriteAsync(Format, Samples[sample](), new ExportOptions { FcpxmlVersion = version });

        Xmllint.AssertValid(run.SaveTo(Path.Combine(folder, $"{sample}-v{version}.fcpxml")), version);
    }

    [Fact]
    public async Task The_dtd_check_catches_a_broken_document()
    {
        var run = await ExportRun.WriteAsync(Format, CutSamples.Sample(FrameRate.Fps24));
        var broken = run.Document.Descendants("transition").Single();
        broken.Attribute("duration")!.Remove();
        var path = Path.Combine(folder, "broken.fcpxml");
        run.Document.Save(path);

        var problems = Xmllint.Problems(path, Xmllint.Dtd("1.10"));

        Assert.NotNull(problems);
        Assert.Contains("duration", problems);
    }

    /// <summary>
    /// Writes the fixture project's FCPXML in every version to artifacts/fcpxml/, which .ci/run validates again with
    /// xmllint after the suite; checks them here too.
    /// </summary>
    [Fact]
    public async Task The_fixture_exports_are_written_to_artifacts_for_the_ci_check()
    {
        var artifacts = RepoRoot.File(Path.Combine("artifacts", "fcpxml"));
        Directory.CreateDirectory(artifacts);
        // Only this run's files: .ci/run validates whatever it finds there.
        foreach (var stale in Directory.GetFiles(artifacts, "*.fcpxml"))
        {
            File.Delete(stale);
        }
        foreach (var (name, cut) in new[] { ("fixture", TransitionsAndAlternates()), ("nasty", CutSamples.Nasty()), ("empty", CutSamples.Empty()) })
        {
            foreach (var version in Xmllint.Versions)
            {
                var run = await ExportRun.WriteAsync(Format, cut, new ExportOptions { FcpxmlVersion = version });
                var path = run.SaveTo(Path.Combine(artifacts, $"{name}-v{version}.fcpxml"));
                Xmllint.AssertValid(path, version);
            }
        }
        Assert.All(new[] { "fixture", "nasty", "empty" }, name => Assert.All(Xmllint.Versions,
            version => Assert.True(File.Exists(Path.Combine(artifacts, $"{name}-v{version}.fcpxml")))));
    }

    /// <summary>The sample with every transition kind, a short video, a gap dissolve and alternates on two lanes.</summary>
    public static Cut TransitionsAndAlternates()
    {
        var sample = CutSamples.Sample(FrameRate.Fps2997);
        return sample with
        {
            Clips =
            [
                sample.Clips[0] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 15 },
                sample.Clips[1] with { TransitionIn = TransitionKind.Wipe, TransitionFrames = 31 },
                sample.Clips[2] with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 20 },
                CutSamples.Clip(4, 4, "Short video", 390, 60, CutMediaKind.Video, sceneId: 11, mediaFrames: 40) with
                {
                    TransitionIn = TransitionKind.Dissolve, TransitionFrames = 10,
                },
            ],
            LengthFrames = 450,
            Alternates =
            [
                CutSamples.Clip(21, 2, "Shot 2 A1", 160, 100, CutMediaKind.Image) with { IsMain = false, Lane = 1, TakeNumber = 1 },
                CutSamples.Clip(22, 2, "Shot 2 A2", 150, 120, CutMediaKind.Video, mediaFrames: 200) with { IsMain = false, Lane = 2, TakeNumber = 2 },
                CutSamples.Clip(23, 3, "Board 3 A1", 300, 90, CutMediaKind.Draft) with { IsMain = false, Lane = 1, TakeNumber = 1 },
            ],
        };
    }
}
