using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Data.Sqlite;
using Storyboard.Tests.Fakes;

namespace Storyboard.Bench;

/// <summary>
/// GPU generation as a user's script drives it: 4 fake ComfyUI servers whose SDXL jobs take 0.5, 1.0, 1.5 and 2.0 s
/// (the tests' <see cref="FakeComfyUi"/>, in this process), registered through <c>POST /api/v1/servers</c>, then 200
/// image jobs queued through <c>POST /api/v1/projects/{id}/clips/{clipId}/jobs</c> (20 clips × 10) with an API token.
/// Each fake's <see cref="FakeComfyUi.ExecutionLog"/> gives every prompt's real start and end; after the run the app's
/// SQLite file (read-only) gives each job's dispatch time and the time its image was stored in the clip's gallery.
/// Figures: the makespan against the ideal (all the work spread over the servers' measured speeds with perfect packing),
/// the idle gaps on a server while jobs still waited to be dispatched, the app's CPU per job (minus an idle baseline
/// of the same length), and the delay from a server finishing a job to its image being in the gallery.
/// </summary>
public static class GenerationSection
{
    public const double MakespanRatioTarget = 1.03, IdleGapMedianTargetMilliseconds = 50, CpuPerJobTargetMilliseconds = 5,
        GalleryTargetMilliseconds = 500;
    private const string Model = "checkpoints/sd_xl_base_1.0.safetensors";
    private static readonly double[] SecondsPerJob = [0.5, 1.0, 1.5, 2.0];
    private const int Clips = 20, JobsPerClip = 10, Jobs = Clips * JobsPerClip;
    private const int StepsPerJob = 4, WarmUpJobs = 40;

    public static async Task RunAsync(BenchOptions options, string dataFolder, string adminName, string password, Report report,
        Func<AppProcess, Task> stop)
    {
        var fakes = new List<FakeComfyUi>();
        try
        {
            foreach (var seconds in SecondsPerJob)
            {
                var fake = new FakeComfyUi();
                // One sampler of StepsPerJob steps; every other node is instant: one job ≈ StepsPerJob × StepDelay plus
                // the fake's own overhead (a few ms; more on a loaded machine), which the measured means include.
                fake.Options.Steps = StepsPerJob;
                fake.Options.StepDelay = TimeSpan.FromSeconds(seconds / StepsPerJob);
                fake.Options.NodeDelay = TimeSpan.Zero;
                fake.Options.SetModels("checkpoints", "sd_xl_base_1.0.safetensors");
                fake.Options.GpuName = $"Fake GPU {seconds:0.0} s/image";
                fakes.Add(await fake.StartAsync());
            }
            _ = FakeMedia.Png; // made once per process: not inside the measured run
            await RunWithFakesAsync(options, dataFolder, adminName, password, report, stop, fakes);
        }
        finally
        {
            foreach (var fake in fakes)
            {
                await fake.DisposeAsync();
            }
        }
    }

    private static async Task RunWithFakesAsync(BenchOptions options, string dataFolder, string adminName, string password, Report report,
        Func<AppProcess, Task> stop, List<FakeComfyUi> fakes)
    {
        // Run from the app folder as the Dockerfile does: started in the data folder's parent, the content root's file
        // watcher would see every image and database write (about 2 ms of CPU a job, measured).
        using var app = await AppProcess.StartAsync(options.AppFolder, dataFolder, workingDirectory: options.AppFolder);
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseAddress, "/api/v1/"), Timeout = TimeSpan.FromSeconds(30) };
        using (var admin = new Browser(app.BaseAddress))
        {
            await admin.SubmitAsync("/Setup", new Dictionary<string, string>
            {
                ["Input.UserName"] = adminName,
                ["Input.DisplayName"] = "Bench Admin",
                ["Input.Password"] = password,
                ["Input.ConfirmPassword"] = password,
            });
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(admin));
        }

        // 1. The project, 20 clips with an image prompt, and the 4 servers, as a script would make them.
        var project = await PostAsync(api, "projects", new JsonObject
        {
            ["name"] = "Bench generation",
            ["description"] = "200 SDXL images over 4 fake ComfyUI servers, made by bench/.",
        });
        var projectId = (int)project["id"]!;
        var clipIds = new List<int>();
        for (var c = 0; c < Clips; c++)
        {
            var clip = await PostAsync(api, $"projects/{projectId}/clips", new JsonObject
            {
                ["name"] = $"Shot {c + 1}",
                ["startFrame"] = c * 48,
                ["lengthFrames"] = 48,
                ["imagePrompt"] = $"shot {c + 1}: a singer on a rooftop at dusk, neon signs, wide lens, film grain",
                ["negativePrompt"] = "blurry, watermark",
            });
            clipIds.Add((int)clip["id"]!);
        }
        var serverFake = new Dictionary<int, int>();
        for (var i = 0; i < fakes.Count; i++)
        {
            var server = await PostAsync(api, "servers", new JsonObject
            {
                ["name"] = $"Fake {SecondsPerJob[i]:0.0} s",
                ["kind"] = "ComfyUi",
                ["baseUrl"] = fakes[i].BaseAddress.ToString(),
                ["capacity"] = 2,
            });
            if (server["status"]?.ToString() != "Online")
            {
                throw new InvalidOperationException($"Server {i} registered as {server["status"]}, not Online: {server.ToJsonString()}");
            }
            serverFake[(int)server["id"]!] = i;
        }
        Console.WriteLine($"  generation: project {projectId}, {Clips} clips, {fakes.Count} servers online; queueing {Jobs} jobs");

        var database = Path.Combine(dataFolder, "storyboard.db");

        // 2. A warm-up batch, not counted, so the JIT has compiled the hot paths (tiered: a method is recompiled after 30
        // calls) and the app has learnt each server's speed, as on an install that has been running for a while.
        var warmUp = new List<int>();
        for (var c = 0; c < WarmUpJobs / JobsPerClip; c++)
        {
            warmUp.AddRange(await EnqueueAsync(api, projectId, clipIds[c], JobsPerClip));
        }
        await WaitForJobsAsync(database, warmUp.Count, app, TimeSpan.FromSeconds(120));
        var warmUpPrompts = fakes.SelectMany(f => f.ExecutionLog).Select(e => e.PromptId).ToHashSet();
        Console.WriteLine($"  generation: {warmUp.Count} warm-up jobs done");

        // 3. The idle baseline, before the run: the same app with its servers connected and nothing to do, after a settle
        // (the JIT's background compiler finishes the warm-up's backlog), scaled to the run's length below. (Measured
        // after the run it would include the run's own deferred JIT work.)
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idleWindow = TimeSpan.FromSeconds(20);
        var cpuIdleBefore = app.CpuTime();
        var threadsIdleBefore = ThreadCpu(app.Id);
        await Task.Delay(idleWindow);
        var cpuIdleMeasured = app.CpuTime() - cpuIdleBefore;
        var threadsIdle = Subtract(ThreadCpu(app.Id), threadsIdleBefore);

        // 4. The run: every job queued (10 per clip, one request per clip), then wait for every image in the gallery.
        var dispatcherBefore = await DispatcherAsync(api);
        var cpuBefore = app.CpuTime();
        var threadsBefore = ThreadCpu(app.Id);
        var started = FakeComfyUi.MonotonicUtcNow;
        var jobIds = new List<int>();
        foreach (var clipId in clipIds)
        {
            jobIds.AddRange(await EnqueueAsync(api, projectId, clipId, JobsPerClip));
        }
        var enqueued = FakeComfyUi.MonotonicUtcNow;
        if (jobIds.Count != Jobs)
        {
            throw new InvalidOperationException($"{jobIds.Count} jobs queued, not {Jobs}");
        }
        await WaitForJobsAsync(database, warmUp.Count + Jobs, app, TimeSpan.FromSeconds(600));
        var cpuRun = app.CpuTime() - cpuBefore;
        var threadsRun = Subtract(ThreadCpu(app.Id), threadsBefore);
        var dispatcherAfter = await DispatcherAsync(api);
        var wall = FakeComfyUi.MonotonicUtcNow - started;
        Console.WriteLine($"  generation: {Jobs} jobs done in {wall.TotalSeconds:0.0} s (queued in {(enqueued - started).TotalMilliseconds:0} ms)");

        var cpuIdle = cpuIdleMeasured * (wall / idleWindow);
        Console.WriteLine($"  generation: app CPU by thread name, run: {Top(threadsRun)}");
        Console.WriteLine($"  generation: app CPU by thread name, idle {idleWindow.TotalSeconds:0} s: {Top(threadsIdle)}");
        await stop(app);

        // 5. Figures from the fakes' logs and the database.
        var measured = jobIds.ToHashSet();
        var rows = ReadJobs(database).Where(r => measured.Contains(r.Id)).ToList();
        var failed = rows.Where(r => r.Status != "Completed").ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"{failed.Count} jobs did not complete, e.g. job {failed[0].Id}: {failed[0].Status} {failed[0].Error}");
        }
        var perFake = fakes.Select(f => f.ExecutionLog.Where(e => !warmUpPrompts.Contains(e.PromptId)).OrderBy(e => e.StartedAt).ToList()).ToList();
        var byPrompt = perFake.SelectMany((log, i) => log.Select(e => (Fake: i, Run: e))).ToDictionary(x => x.Run.PromptId);
        var ends = new List<DateTimeOffset>();
        var gallery = new List<double>();
        foreach (var row in rows)
        {
            if (row.RemoteId is null || !byPrompt.TryGetValue(row.RemoteId, out var run) || serverFake[row.ServerId] != run.Fake)
            {
                throw new InvalidOperationException($"Job {row.Id} ({row.RemoteId}) is not in its server's execution log");
            }
            gallery.Add((row.StoredAt - run.Run.FinishedAt).TotalMilliseconds);
            ends.Add(row.StoredAt);
        }
        var makespan = (ends.Max() - started).TotalSeconds;
        var means = perFake.Select(log => log.Average(e => (e.FinishedAt - e.StartedAt).TotalSeconds)).ToList();
        var ideal = Jobs / means.Sum(m => 1 / m);
        var lastWorkEnd = perFake.SelectMany(l => l).Max(e => e.FinishedAt);
        var firstWorkStart = perFake.SelectMany(l => l).Min(e => e.StartedAt);
        var gaps = new List<double>();
        var idleByFake = new double[perFake.Count];
        for (var f = 0; f < perFake.Count; f++)
        {
            var log = perFake[f];
            for (var i = 0; i + 1 < log.Count; i++)
            {
                var end = log[i].FinishedAt;
                // Counted only while some job was still waiting in Storyboard's queue (queued, not yet given to a server).
                if (rows.Any(r => r.CreatedAt <= end && r.DispatchedAt > end))
                {
                    gaps.Add((log[i + 1].StartedAt - end).TotalMilliseconds);
                    idleByFake[f] += gaps[^1];
                }
            }
        }
        var cpuPerJob = (cpuRun - cpuIdle).TotalMilliseconds / Jobs;
        var learnt = LearntSeconds(database);

        report.Add($"Generation: {Jobs} SDXL jobs ({Clips} clips × {JobsPerClip}, after {WarmUpJobs} warm-up jobs) over {fakes.Count} fake ComfyUI " +
                   "servers, capacity 2: measured s/job per server (jobs run)",
            string.Join(" / ", perFake.Select((log, i) => $"{means[i]:0.000} ({log.Count})")));
        report.Add("Generation: the app's learnt s/job per server after the run (GpuServers.SecondsPerImage)",
            string.Join(" / ", serverFake.OrderBy(p => p.Value).Select(p => learnt.TryGetValue(p.Key, out var v) ? $"{v:0.000}" : "?")));
        report.Add("Generation makespan: first enqueue request → last image stored", $"{makespan:0.00} s");
        report.Add("Generation ideal: jobs / Σ(1 / measured s/job), perfect packing", $"{ideal:0.00} s");
        report.Add("Generation makespan / ideal", $"{makespan / ideal:0.000}", makespan / ideal, MakespanRatioTarget, "×");
        report.Add("Generation: first enqueue request → first job running; the 20 enqueue requests took; last server finish → last image stored",
            $"{(firstWorkStart - started).TotalMilliseconds:0} ms; {(enqueued - started).TotalMilliseconds:0} ms; {(ends.Max() - lastWorkEnd).TotalMilliseconds:0} ms");
        report.Add($"Generation idle gap on a server while jobs waited ({gaps.Count} gaps): p50 / p95 / max",
            gaps.Count == 0 ? "none" : $"{Stats.Median(gaps):0.0} / {Stats.Percentile(gaps, 95):0.0} / {gaps.Max():0.0} ms",
            gaps.Count == 0 ? 0 : Stats.Median(gaps), IdleGapMedianTargetMilliseconds, "ms (p50)");
        var planMs = dispatcherAfter.Plan - dispatcherBefore.Plan;
        var sendMs = dispatcherAfter.Send - dispatcherBefore.Send;
        var dispatcherPerJob = (planMs + sendMs) / Jobs;
        report.Add("Generation dispatcher time per job: its passes (read queue and servers, plan, claim) + sending (graph, POST /prompt), " +
                   "wall clock, an upper bound of its CPU (GET /api/v1/queue)",
            $"{dispatcherPerJob:0.00} ms ({dispatcherAfter.Passes - dispatcherBefore.Passes} passes {planMs:0} ms + {dispatcherAfter.Sent - dispatcherBefore.Sent} sends {sendMs:0} ms)",
            dispatcherPerJob, CpuPerJobTargetMilliseconds, "ms");
        report.Add("Generation whole app CPU per job (dispatcher, websocket progress, polls, downloads, media store, gallery; run − idle baseline)",
            $"{cpuPerJob:0.00} ms ({cpuRun.TotalSeconds:0.00} − {cpuIdle.TotalSeconds:0.00} s)");
        // Not net of the baseline: the compiler's thread comes and goes, and it is idle once the code is warm.
        var jit = threadsRun.GetValueOrDefault(".NET Tiered Com");
        report.Add("  of which the tiered JIT's background compiler during the run (recompiling hot code), per job", $"{jit / Jobs:0.00} ms");
        report.Add("Generation idle time on each server while jobs waited (sum of its gaps)",
            string.Join(" / ", idleByFake.Select(ms => $"{ms / 1000:0.00}")) + " s");
        report.Add("Generation gallery latency: image stored − server finished, p50 / p95 / max",
            $"{Stats.Median(gallery):0} / {Stats.Percentile(gallery, 95):0} / {gallery.Max():0} ms", Stats.Percentile(gallery, 95), GalleryTargetMilliseconds, "ms (p95)");
        report.Add("Generation gallery latency max", $"{gallery.Max():0} ms", gallery.Max(), GalleryTargetMilliseconds, "ms (max)");
    }

    private static async Task<List<int>> EnqueueAsync(HttpClient api, int projectId, int clipId, int count)
    {
        var answer = await PostAsync(api, $"projects/{projectId}/clips/{clipId}/jobs", new JsonObject
        {
            ["model"] = Model,
            ["count"] = count,
            ["seed"] = null,
        });
        return [.. answer["jobIds"]!.AsArray().Select(id => (int)id!)];
    }

    /// <summary>Polls the database (read-only) until that many GPU jobs are over.</summary>
    private static async Task WaitForJobsAsync(string database, int count, AppProcess app, TimeSpan timeout)
    {
        var deadline = FakeComfyUi.MonotonicUtcNow + timeout;
        while (FinishedJobs(database) < count)
        {
            if (FakeComfyUi.MonotonicUtcNow > deadline)
            {
                throw new TimeoutException($"Only {FinishedJobs(database)} of {count} jobs finished in {timeout.TotalSeconds:0} s:\n{app.Tail}");
            }
            await Task.Delay(20);
        }
    }

    private static Dictionary<int, double> LearntSeconds(string database)
    {
        using var db = OpenReadOnly(database);
        using var query = db.CreateCommand();
        query.CommandText = "SELECT Id, SecondsPerImage FROM GpuServers WHERE SecondsPerImage IS NOT NULL";
        using var reader = query.ExecuteReader();
        var speeds = new Dictionary<int, double>();
        while (reader.Read())
        {
            speeds[reader.GetInt32(0)] = reader.GetDouble(1);
        }
        return speeds;
    }

    /// <summary>
    /// CPU time (ms) of the process's live threads, summed by thread name (/proc/PID/task/*/stat): where the time goes
    /// (thread-pool workers, the tiered JIT, the GC). Threads that exit in between are missed, so it is a rough split.
    /// </summary>
    private static Dictionary<string, (string Name, double Milliseconds)> ThreadCpu(int pid)
    {
        var threads = new Dictionary<string, (string, double)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                var ms = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
                threads[Path.GetFileName(task)] = (stat[(open + 1)..close], ms);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return threads;
    }

    /// <summary>CPU per thread name between two readings: threads born in between count from zero, those gone are missed.</summary>
    private static Dictionary<string, double> Subtract(Dictionary<string, (string Name, double Milliseconds)> after, Dictionary<string, (string Name, double Milliseconds)> before) =>
        after.GroupBy(p => p.Value.Name)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value.Milliseconds - (before.TryGetValue(p.Key, out var b) && b.Name == p.Value.Name ? b.Milliseconds : 0)));

    private static string Top(Dictionary<string, double> cpu) =>
        string.Join(", ", cpu.Where(p => p.Value > 0).OrderByDescending(p => p.Value).Take(8).Select(p => $"{p.Key} {p.Value:0} ms"));

    private sealed record JobRow(int Id, string Status, string? Error, int ServerId, string? RemoteId, DateTimeOffset CreatedAt, DateTimeOffset? DispatchedAt, DateTimeOffset StoredAt);

    private static SqliteConnection OpenReadOnly(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static int FinishedJobs(string database)
    {
        using var db = OpenReadOnly(database);
        using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM GenerationJobs WHERE NOT IsDraftCard AND Status IN ('Completed', 'Failed', 'Cancelled')";
        return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every job with the time its (one) image was stored in the gallery; times are UTC ticks.</summary>
    private static List<JobRow> ReadJobs(string database)
    {
        using var db = OpenReadOnly(database);
        using var query = db.CreateCommand();
        query.CommandText =
            "SELECT j.Id, j.Status, j.Error, j.ServerId, j.RemoteId, j.DispatchedAt, j.FinishedAt, (SELECT MIN(g.CreatedAt) FROM ClipGenerations g WHERE g.JobId = j.Id), j.CreatedAt " +
            "FROM GenerationJobs j WHERE NOT j.IsDraftCard ORDER BY j.Id";
        using var reader = query.ExecuteReader();
        var rows = new List<JobRow>();
        while (reader.Read())
        {
            static DateTimeOffset? At(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);
            rows.Add(new JobRow(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? 0 : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), At(reader, 8)!.Value, At(reader, 5),
                At(reader, 7) ?? At(reader, 6) ?? DateTimeOffset.MaxValue));
        }
        return rows;
    }

    /// <summary>An API token made on the account page, as a person makes one (the secret is shown once, in that answer).</summary>
    private static async Task<string> CreateTokenAsync(Browser admin)
    {
        var page = await admin.GetDocumentAsync("/Account");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => f.QuerySelector("input[name='Token.Name']") is not null)
            ?? throw new InvalidOperationException("/Account has no token form");
        var fields = Browser.Fields(form, new Dictionary<string, string> { ["Token.Name"] = "bench generation script" }, "/Account");
        using var response = await admin.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Creating a token answered {(int)response.StatusCode}");
        }
        var answer = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return answer.QuerySelector<IHtmlInputElement>("#new-token-value")?.Value
            ?? throw new InvalidOperationException("The account page showed no new token");
    }

    /// <summary>The dispatcher's totals since the app started, as GET /api/v1/queue reports them.</summary>
    private static async Task<(long Passes, long Sent, double Plan, double Send)> DispatcherAsync(HttpClient api)
    {
        var queue = JsonNode.Parse(await api.GetStringAsync("queue"))!["dispatcher"]!;
        return ((long)queue["passes"]!, (long)queue["jobsSent"]!, (double)queue["planMilliseconds"]!, (double)queue["sendMilliseconds"]!);
    }

    private static async Task<JsonObject> PostAsync(HttpClient api, string path, JsonObject body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/v1/{path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!.AsObject();
    }
}
