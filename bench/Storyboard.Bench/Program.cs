using System.Globalization;
using Storyboard.Bench;

// Benchmarks the published app (bench/run.sh publishes it first): start-up, resident memory and the project
// dashboard under 10 concurrent signed-in clients; then the timeline page of a full project (a 4-minute song, 40
// scenes, 300 clips, 100 alternates) and the clip move round trip; then 200 GPU image jobs over 4 fake ComfyUI servers
// of different speeds, queued through the JSON API; then the animatic renderer on a 3-minute 1080p30 project against a
// hand-written ffmpeg command; then every export format of a 300-clip project
// (--only dashboard|timeline|generation|animatic|exports runs one section).
// Everything runs on 127.0.0.1 with fixed counts and stops by itself.
var options = BenchOptions.Parse(args);
var root = Path.Combine(Path.GetTempPath(), $"storyboard-bench-{Guid.NewGuid():N}");
const string AdminName = "bench";
const string Password = "bench password that is long enough";
const double StartTargetSeconds = 1.5, IdleRssTargetMegabytes = 150, DashboardP95TargetMilliseconds = 20;
var quiet = TimeSpan.FromSeconds(3);

try
{
    Console.WriteLine($"Storyboard bench: {options.AppFolder}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

    var report = new Report();
    if (options.Runs("dashboard"))
    {
        await DashboardAsync(report);
    }
    if (options.Runs("timeline"))
    {
        await TimelineSection.RunAsync(options, root, DataFolder("timeline"), AdminName, Password, report, Stop);
    }
    if (options.Runs("generation"))
    {
        await GenerationSection.RunAsync(options, DataFolder("generation"), AdminName, Password, report, Stop);
    }
    if (options.Runs("animatic"))
    {
        await AnimaticSection.RunAsync(DataFolder("animatic"), report);
    }
    if (options.Runs("exports"))
    {
        await ExportsSection.RunAsync(options, root, DataFolder("exports"), AdminName, Password, report, Stop);
    }

    var table = report.Render();
    Console.WriteLine();
    Console.Write(table);
    Console.WriteLine($"Load average after the run: {LoadAverage()} (other work on the machine skews every figure).");
    if (options.ResultsFolder is not null)
    {
        Directory.CreateDirectory(options.ResultsFolder);
        var file = Path.Combine(options.ResultsFolder, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
        await File.WriteAllTextAsync(file, table);
        Console.WriteLine($"Saved to {file}");
    }
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
    }
}

async Task DashboardAsync(Report report)
{
    // 1. Start-up on fresh data folders: migrations run on an empty file.
    var fresh = new Starts();
    for (var i = 0; i < options.Starts; i++)
    {
        using var app = await AppProcess.StartAsync(options.AppFolder, DataFolder($"fresh-{i}"));
        fresh.Add(app);
        await Stop(app);
        Console.WriteLine($"  fresh start {i + 1}: {app.StartUp.TotalMilliseconds:0} ms ({app.StartUpCpu.TotalMilliseconds:0} ms CPU)");
    }

    // 2. Seed: the admin and the project through the real forms, then scenes and clips straight into SQLite.
    var data = DataFolder("seeded");
    int projectId;
    using (var app = await AppProcess.StartAsync(options.AppFolder, data))
    using (var admin = new Browser(app.BaseAddress))
    {
        await admin.SubmitAsync("/Setup", new Dictionary<string, string>
        {
            ["Input.UserName"] = AdminName,
            ["Input.DisplayName"] = "Bench Admin",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        var dashboard = await admin.SubmitAsync("/Projects/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Bench video",
            ["Input.Description"] = "A music video with many clips, seeded by bench/.",
            ["Input.FrameRate"] = "24",
            ["Input.ResolutionPreset"] = "1920x1080",
        });
        projectId = int.Parse(dashboard.Segments[^1], CultureInfo.InvariantCulture);
        await Stop(app);
    }
    Seeder.AddScenesAndClips(Path.Combine(data, "storyboard.db"), projectId, options.Scenes, options.Clips);
    Console.WriteLine($"  seeded project {projectId}: {options.Scenes} scenes, {options.Clips} clips");

    // 3. Start-up on the set-up, seeded folder (the everyday start), then resident memory once it has been quiet.
    var migrated = new Starts();
    var idle = new List<double>();
    for (var i = 0; i < options.Starts; i++)
    {
        using var app = await AppProcess.StartAsync(options.AppFolder, data);
        migrated.Add(app);
        await Task.Delay(quiet);
        idle.Add(app.Memory().Rss);
        await Stop(app);
        Console.WriteLine($"  migrated start {i + 1}: {app.StartUp.TotalMilliseconds:0} ms ({app.StartUpCpu.TotalMilliseconds:0} ms CPU), idle {idle[^1]:0} MB");
    }

    // 4. The dashboard under load: 10 browsers, each signed in with its own cookies.
    var path = $"/Projects/Dashboard/{projectId}";
    using (var app = await AppProcess.StartAsync(options.AppFolder, data))
    {
        var browsers = Enumerable.Range(0, options.Clients).Select(_ => new Browser(app.BaseAddress)).ToList();
        try
        {
            foreach (var browser in browsers)
            {
                await browser.SignInAsync(AdminName, Password);
            }
            await CheckDashboard(browsers[0], path, options);
            await Task.Delay(quiet);
            var signedIn = app.Memory();

            await LoadRun.RunAsync(browsers, path, options.WarmUpRequests);
            await LoadRun.RunAsync(browsers, path, options.MemoryRequests - options.WarmUpRequests);
            var afterThousand = app.Memory();

            var load = await LoadRun.RunAsync(browsers, path, options.TimedRequests);
            var afterLoad = app.Memory();
            Console.WriteLine($"  timed run: {load.Requests} requests in {load.Wall.TotalSeconds:0.00} s");

            report.Add($"Start-up to /health 200, fresh data (min / median of {options.Starts})",
                fresh.Describe(), fresh.MedianSeconds, StartTargetSeconds, "s");
            report.Add($"Start-up to /health 200, set-up data (min / median of {options.Starts})",
                migrated.Describe(), migrated.MedianSeconds, StartTargetSeconds, "s");
            report.Add("Start-up CPU time (user + sys), fresh / set-up (median)",
                $"{fresh.MedianCpuSeconds:0.000} / {migrated.MedianCpuSeconds:0.000} s");
            report.Add("RSS at first /health 200, fresh / set-up (median)",
                $"{Stats.Median(fresh.Rss):0} / {Stats.Median(migrated.Rss):0} MB");
            report.Add($"RSS idle after start-up, set-up data, {quiet.TotalSeconds:0} s quiet (median)", $"{Stats.Median(idle):0} MB",
                Stats.Median(idle), IdleRssTargetMegabytes, "MB");
            report.Add($"RSS after {options.Clients} sign-ins and one dashboard, {quiet.TotalSeconds:0} s quiet", $"{signedIn.Rss:0} MB");
            report.Add($"RSS after {options.MemoryRequests:N0} dashboard requests", $"{afterThousand.Rss:0} MB");
            report.Add($"RSS after {options.MemoryRequests + options.TimedRequests:N0} requests (peak VmHWM)",
                $"{afterLoad.Rss:0} MB ({afterLoad.Peak:0} MB)");
            report.Add("Dashboard server time (Server-Timing) p50 / p95 / p99", Percentiles(load.ServerMilliseconds),
                Stats.Percentile(load.ServerMilliseconds, 95), DashboardP95TargetMilliseconds, "ms (p95)");
            report.Add("Dashboard client latency p50 / p95 / p99", Percentiles(load.ClientMilliseconds));
            report.Add($"Dashboard throughput, {options.Clients} clients, {load.Requests:N0} requests", $"{load.RequestsPerSecond:0} req/s");
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
        await Stop(app);
    }
}

string DataFolder(string name)
{
    var folder = Path.Combine(root, name, "data");
    Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
    return folder;
}

static async Task Stop(AppProcess app)
{
    var exitCode = await app.StopAsync();
    if (exitCode != 0)
    {
        throw new InvalidOperationException($"The app exited with {exitCode} after SIGTERM:\n{app.Tail}");
    }
}

static async Task CheckDashboard(Browser browser, string path, BenchOptions options)
{
    var page = await browser.GetDocumentAsync(path);
    var scenes = page.QuerySelectorAll("#scenes-heading ~ ol > li").Length;
    var stats = page.QuerySelector("#project-stats")?.TextContent ?? "";
    if (scenes != options.Scenes || !stats.Contains(options.Clips.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"The dashboard shows {scenes} scenes and '{stats.Trim()}', not the seeded project");
    }
}

static string Percentiles(double[] milliseconds) =>
    $"{Stats.Median(milliseconds):0.00} / {Stats.Percentile(milliseconds, 95):0.00} / {Stats.Percentile(milliseconds, 99):0.00} ms";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";
