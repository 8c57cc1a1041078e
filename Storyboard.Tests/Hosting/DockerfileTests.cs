using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Hosting;

/// <summary>
/// There is no Docker engine in CI, so the Dockerfile is held to what is tested: the publish that PublishedAppTests
/// start, a non-root user, one /data volume and a health check on /health.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly IReadOnlyList<DockerInstruction> Instructions =
        Dockerfile.Parse(File.ReadAllText(RepoRoot.File("Dockerfile")));

    private static int FinalStage => Instructions.Max(i => i.Stage);

    private static IEnumerable<DockerInstruction> Final(string keyword) =>
        Instructions.Where(i => i.Stage == FinalStage && i.Keyword == keyword);

    [Fact]
    public void The_Dockerfile_publishes_with_the_same_command_as_the_tests()
    {
        var publishes = Instructions.Where(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).ToList();
        var publish = Assert.Single(publishes);
        Assert.Equal(PublishCommand.CommandLine("/app"), publish.Arguments);
        Assert.Contains(Final("COPY"), copy => copy.Arguments.StartsWith("--from=build /app ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("test.sh")]
    [InlineData("bench/run.sh")]
    public void The_scripts_publish_with_the_same_command_as_the_tests(string script)
    {
        var lines = File.ReadAllLines(RepoRoot.File(script)).Select(l => l.Trim());
        Assert.Contains(PublishCommand.CommandLine(PublishCommand.OutputFolder), lines);
    }

    [Theory]
    [InlineData("global.json")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    [InlineData("Storyboard.Web/")]
    [InlineData("migrations/")]
    [InlineData("wwwroot/")]
    public void The_build_stage_copies_what_publish_reads(string source)
    {
        var copied = Instructions.Where(i => i.Stage == 0 && i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ')[..^1]);
        Assert.Contains(source, copied);
    }

    [Fact]
    public void The_container_runs_as_a_non_root_user()
    {
        var user = Assert.Single(Final("USER")).Arguments;
        if (user.StartsWith('$'))
        {
            var name = user.TrimStart('$').Trim('{', '}');
            user = Environment(name) ?? throw new Xunit.Sdk.XunitException($"USER {user} but {name} is not set in the final stage");
        }
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
        Assert.Equal("1654", user);
    }

    [Fact]
    public void The_container_keeps_its_data_in_one_volume_at_data()
    {
        var volume = Assert.Single(Instructions, i => i.Keyword == "VOLUME");
        Assert.Equal(FinalStage, volume.Stage);
        Assert.Contains(volume.Arguments, new[] { "/data", "[\"/data\"]" });
        Assert.Equal("/data", Environment("STORYBOARD_DATA"));
        Assert.Contains(Final("RUN"), run => run.Arguments.Contains("chown app:app /data", StringComparison.Ordinal));
    }

    [Fact]
    public void The_container_listens_on_8080_and_checks_health_there()
    {
        Assert.Equal("http://0.0.0.0:8080", Environment("ASPNETCORE_URLS"));
        Assert.Equal("8080", Assert.Single(Final("EXPOSE")).Arguments);
        var health = Assert.Single(Final("HEALTHCHECK")).Arguments;
        Assert.EndsWith("CMD curl -fsS http://127.0.0.1:8080/health || exit 1", health);
        Assert.Contains(Final("RUN"), run => run.Arguments.Contains("ffmpeg curl", StringComparison.Ordinal));
    }

    /// <summary>A variable set by ENV in the final stage (both <c>ENV A=1 B=2</c> and <c>ENV A 1</c> forms).</summary>
    private static string? Environment(string name)
    {
        string? value = null;
        foreach (var env in Final("ENV"))
        {
            var parts = env.Arguments.Split(' ');
            if (!parts[0].Contains('=') && parts[0] == name)
            {
                value = string.Join(' ', parts[1..]);
                continue;
            }
            foreach (var pair in parts.Where(p => p.StartsWith(name + "=", StringComparison.Ordinal)))
            {
                value = pair[(name.Length + 1)..].Trim('"');
            }
        }
        return value;
    }
}
