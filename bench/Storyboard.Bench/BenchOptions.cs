namespace Storyboard.Bench;

/// <summary>
/// Command line: <c>--app FOLDER --results FOLDER --starts N --clients N --requests N --warmup N
/// --timeline-requests N --moves N --only dashboard|timeline|generation|animatic</c> (no --only: every section).
/// </summary>
public sealed class BenchOptions
{
    public string AppFolder { get; private set; } = "artifacts/publish";
    public string? ResultsFolder { get; private set; }
    public int Starts { get; private set; } = 5;
    public int Clients { get; private set; } = 10;
    public int Scenes { get; private set; } = 12;
    public int Clips { get; private set; } = 300;
    public int WarmUpRequests { get; private set; } = 200;
    public int MemoryRequests { get; private set; } = 1_000;
    public int TimedRequests { get; private set; } = 3_000;
    public int TimelineRequests { get; private set; } = 1_000;
    public int Moves { get; private set; } = 200;
    public string? Only { get; private set; }
    public bool Runs(string section) => Only is null || Only == section;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--app": options.AppFolder = value; break;
                case "--results": options.ResultsFolder = value; break;
                case "--starts": options.Starts = Positive(value); break;
                case "--clients": options.Clients = Positive(value); break;
                case "--requests": options.TimedRequests = Positive(value); break;
                case "--warmup": options.WarmUpRequests = Positive(value); break;
                case "--timeline-requests": options.TimelineRequests = Positive(value); break;
                case "--moves": options.Moves = Positive(value); break;
                case "--only" when value is "dashboard" or "timeline" or "generation" or "animatic" or "exports": options.Only = value; break;
                case "--only": throw new ArgumentException($"--only takes dashboard, timeline, generation, animatic or exports, not '{value}'");
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} has no value");
        }
        if (!File.Exists(Path.Combine(options.AppFolder, "Storyboard.Web.dll")))
        {
            throw new ArgumentException($"No Storyboard.Web.dll in {Path.GetFullPath(options.AppFolder)}: publish first (bench/run.sh does)");
        }
        options.AppFolder = Path.GetFullPath(options.AppFolder);
        return options;
    }

    private static int Positive(string value) =>
        int.TryParse(value, out var number) && number > 0 ? number : throw new ArgumentException($"'{value}' is not a positive number");
}
