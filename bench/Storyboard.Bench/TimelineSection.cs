using System.Diagnostics;
using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Storyboard.Bench;

/// <summary>
/// The timeline page of a full project: a real 4-minute song uploaded through the dashboard's song form, then 40
/// scenes, 300 main clips and 100 alternates seeded into SQLite. Measures the whole-song page under the load run's
/// clients, its HTML size, and the clip "move by" form's round trip (plain post answered by a redirect, and the
/// htmx post answered by out-of-band updates of the moved takes, the details and the history), each move recorded as an undo edit as in real use.
/// </summary>
public static class TimelineSection
{
    public const double PageP95TargetMilliseconds = 25, MoveP95TargetMilliseconds = 10, HtmlTargetKilobytes = 400;
    private const int SongSeconds = 240;

    public static async Task RunAsync(BenchOptions options, string root, string dataFolder, string adminName, string password,
        Report report, Func<AppProcess, Task> stop)
    {
        var song = Path.Combine(root, "bench-song.mp3");
        await MakeSongAsync(song);

        // 1. The admin, the project and its song through the real forms; the song is analysed in the background.
        var (projectId, analysed) = await SetUpAsync(options, dataFolder, adminName, password, "Bench timeline",
            "A 4-minute song, 40 scenes, 300 clips and 100 alternates, seeded by bench/.", song, stop);
        Console.WriteLine($"  timeline: song uploaded and ready in {analysed.TotalSeconds:0.0} s");
        var seeded = TimelineSeeder.Seed(Path.Combine(dataFolder, "storyboard.db"), projectId);
        Console.WriteLine($"  timeline: seeded project {projectId}: {seeded.Scenes} scenes, {seeded.MainClips} clips, {seeded.Alternates} alternates");

        // 2. The whole-song page under load, then the move round trips.
        var path = $"/Projects/{projectId}/Timeline";
        using var run = await AppProcess.StartAsync(options.AppFolder, dataFolder);
        var browsers = Enumerable.Range(0, options.Clients).Select(_ => new Browser(run.BaseAddress)).ToList();
        try
        {
            foreach (var browser in browsers)
            {
                await browser.SignInAsync(adminName, password);
            }
            var (bytes, sections) = await CheckPageAsync(browsers[0], path, seeded);
            await LoadRun.RunAsync(browsers, path, options.WarmUpRequests);
            // One editor at a time is how the page is used; ten at once on two cores shows how it degrades.
            var alone = await LoadRun.RunAsync(browsers.Take(1).ToList(), path, Math.Max(100, options.TimelineRequests / 2));
            var load = await LoadRun.RunAsync(browsers, path, options.TimelineRequests);
            Console.WriteLine($"  timeline: {load.Requests} page requests in {load.Wall.TotalSeconds:0.00} s");

            using var plain = browsers[0].WithoutRedirects();
            var go = await MoveRunAsync(browsers[0], plain, path, seeded.MoveClipId, Math.Max(20, options.Moves / 4), htmx: false, formField: "#go-at", field: "Edit.At", values: ["10", "20"]);
            var redirect = await MoveRunAsync(browsers[0], plain, path, seeded.MoveClipId, options.Moves, htmx: false);
            var fragment = await MoveRunAsync(browsers[0], plain, path, seeded.MoveClipId, options.Moves, htmx: true);
            var now = await StartOfAsync(browsers[0], path, seeded.MoveClipId);
            if (now != seeded.MoveClipStart)
            {
                throw new InvalidOperationException($"After the ±1 frame moves clip {seeded.MoveClipId} starts at {now}, not {seeded.MoveClipStart}");
            }
            Console.WriteLine($"  timeline: {2 * (options.Moves + MoveWarmUp)} moves of clip {seeded.MoveClipId}, back at {now}");

            report.Add($"Timeline ({seeded.Scenes} scenes, {seeded.MainClips} clips, {seeded.Alternates} alternates, {SongSeconds / 60}-min song), whole song, one client ({alone.Requests}): server p50 / p95 / p99",
                Percentiles(alone.ServerMilliseconds), Stats.Percentile(alone.ServerMilliseconds, 95), PageP95TargetMilliseconds, "ms (p95)");
            report.Add("Timeline page, one client: client latency p50 / p95 / p99", Percentiles(alone.ClientMilliseconds));
            report.Add($"Timeline page, {options.Clients} clients at once on {Environment.ProcessorCount} cores ({load.Requests}): server p50 / p95 / p99", Percentiles(load.ServerMilliseconds));
            report.Add($"Timeline page, {options.Clients} clients at once: client latency p50 / p95 / p99", Percentiles(load.ClientMilliseconds));
            report.Add($"Timeline page throughput, {options.Clients} clients, {load.Requests:N0} requests", $"{load.RequestsPerSecond:0} req/s");
            report.Add("Timeline page HTML size", $"{bytes / 1024.0:0.0} KB", bytes / 1024.0, HtmlTargetKilobytes, "KB");
            foreach (var (name, size) in sections)
            {
                report.Add($"  of which {name}", $"{size / 1024.0:0.0} KB");
            }
            report.Add($"Clip move by ±1f, plain post → 302 (1 client, {redirect.Client.Length} after {MoveWarmUp} warm-up): client p50 / p95 / p99",
                Percentiles(redirect.Client), Stats.Percentile(redirect.Client, 95), MoveP95TargetMilliseconds, "ms (p95)");
            report.Add("Clip move plain post: server p50 / p95 / p99", Percentiles(redirect.Server));
            report.Add($"Baseline: \"Go to time\" plain post → 302 (loads the timeline, no edit; {go.Server.Length}): server p50 / p95", $"{Stats.Median(go.Server):0.00} / {Stats.Percentile(go.Server, 95):0.00} ms");
            report.Add($"Clip move by ±1f, htmx post → its takes, details and history out of band ({fragment.Client.Length}): client p50 / p95 / p99",
                Percentiles(fragment.Client), Stats.Percentile(fragment.Client, 95), MoveP95TargetMilliseconds, "ms (p95)");
            report.Add("Clip move htmx post: server p50 / p95 / p99", Percentiles(fragment.Server));
            report.Add("Clip move htmx fragment size", $"{fragment.Bytes / 1024.0:0.0} KB");
            report.Add("Clip move server p50, first / last 50 moves (plain, htmx; undo history grows)",
                $"{Stats.Median(redirect.Server[..Math.Min(50, redirect.Server.Length)]):0.00} / {Stats.Median(redirect.Server[^Math.Min(50, redirect.Server.Length)..]):0.00}, " +
                $"{Stats.Median(fragment.Server[..Math.Min(50, fragment.Server.Length)]):0.00} / {Stats.Median(fragment.Server[^Math.Min(50, fragment.Server.Length)..]):0.00} ms");
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
        await stop(run);
    }

    /// <summary>
    /// Moves made before measuring: the JIT re-compiles hot code (tiered compilation) over the first hundred or so
    /// edits, so fewer would measure the warm-up rather than the steady state (the "first / last 50" row shows both).
    /// </summary>
    private const int MoveWarmUp = 150;

    private sealed record MoveResult(double[] Client, double[] Server, long Bytes);

    /// <summary>
    /// Posts the selected clip's real "Move by" form (its action and antiforgery token as the page renders them), +1
    /// frame then -1 frame so the timeline stays as seeded. Plain: the answer is the 302 (not followed). htmx: the
    /// headers htmx sends, and the answer is the moved clip's takes, the details and the history, out of band.
    /// </summary>
    private static async Task<MoveResult> MoveRunAsync(Browser browser, HttpClient plain, string path, long clipId, int moves, bool htmx,
        string formField = "#move-by", string field = "Edit.By", string[]? values = null)
    {
        values ??= ["1f", "-1f"];
        var page = await browser.GetDocumentAsync($"{path}?clip={clipId}");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => f.QuerySelector(formField) is not null)
            ?? throw new InvalidOperationException($"{path}?clip={clipId} has no form with {formField}");
        var action = form.GetAttribute("action")!;
        var client = new double[moves];
        var server = new double[moves];
        long bytes = 0;
        for (var i = -MoveWarmUp; i < moves; i++)
        {
            var fields = Browser.Fields(form, new Dictionary<string, string> { [field] = values[i & 1] }, path);
            using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
            if (htmx)
            {
                request.Headers.Add("HX-Request", "true");
                request.Headers.Add("HX-Target", "timeline-workspace");
                request.Headers.Add("HX-Current-URL", new Uri(plain.BaseAddress!, $"{path}?clip={clipId}").ToString());
            }
            var started = Stopwatch.GetTimestamp();
            using var response = await plain.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var expected = htmx ? HttpStatusCode.OK : HttpStatusCode.Redirect;
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"Move {i}: POST {action} answered {(int)response.StatusCode}, not {(int)expected}");
            }
            if (htmx && !System.Text.Encoding.UTF8.GetString(body).Contains($"id=\"row-clip-{clipId}\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The htmx move did not answer clip {clipId}'s row");
            }
            if (i >= 0)
            {
                client[i] = elapsed;
                server[i] = LoadRun.ServerTime(response);
                bytes = body.Length;
            }
        }
        return new MoveResult(client, server, bytes);
    }

    private static async Task<string> StartOfAsync(Browser browser, string path, long clipId)
    {
        var page = await browser.GetDocumentAsync($"{path}?clip={clipId}");
        return page.QuerySelector(".clip-details dd.mono")?.TextContent.Trim() ?? "?";
    }

    /// <summary>The page is the seeded one (every clip drawn, the waveform there); its size and its biggest parts.</summary>
    private static async Task<(long Bytes, List<(string Name, long Bytes)> Sections)> CheckPageAsync(Browser browser, string path, TimelineSeeder.Seeded seeded)
    {
        using var response = await browser.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var bytes = (long)System.Text.Encoding.UTF8.GetByteCount(html);
        var page = await browser.GetDocumentAsync(path);
        var clips = page.QuerySelectorAll("[id^='lane-clip-']").Length;
        var scenes = page.QuerySelectorAll("[id^='lane-scene-']").Length;
        if (clips != seeded.MainClips + seeded.Alternates || scenes != seeded.Scenes || page.QuerySelector("#timeline-svg image") is null)
        {
            throw new InvalidOperationException($"The timeline draws {clips} clips, {scenes} scenes, waveform {page.QuerySelector("#timeline-svg image") is not null}: not the seeded project");
        }
        var sections = new List<(string, long)>();
        long Size(IElement e) => System.Text.Encoding.UTF8.GetByteCount(e.OuterHtml);
        if (page.QuerySelector("#timeline-svg") is { } svg)
        {
            foreach (var lane in svg.Children)
            {
                var name = lane.ClassList.FirstOrDefault(c => c.StartsWith("lane-", StringComparison.Ordinal)) ?? lane.ClassName ?? lane.LocalName;
                sections.Add(($"svg {name}{Each(lane.Children.Length, Size(lane))}", Size(lane)));
            }
        }
        if (page.QuerySelector("#timeline-workspace") is { } workspace)
        {
            foreach (var part in workspace.Children)
            {
                var name = !string.IsNullOrEmpty(part.Id) ? $"#{part.Id}" : !string.IsNullOrEmpty(part.ClassName) ? $".{part.ClassName}" : part.LocalName;
                var rows = part.QuerySelectorAll("tbody > tr").Length;
                sections.Add((name + (rows > 0 ? Each(rows, Size(part)) : ""), Size(part)));
            }
            sections.Add(("outside the workspace", bytes - Size(workspace)));
        }
        return (bytes, sections.OrderByDescending(s => s.Item2).Take(8).ToList());
    }

    private static string Each(int items, long bytes) => $" ({items} items, ~{bytes / Math.Max(1, items)} B each)";

    /// <summary>A fresh data folder set up through the real forms: the admin, a 24 fps 1080p project and its analysed song.</summary>
    internal static async Task<(int ProjectId, TimeSpan Analysed)> SetUpAsync(BenchOptions options, string dataFolder, string adminName,
        string password, string name, string description, string song, Func<AppProcess, Task> stop)
    {
        using var app = await AppProcess.StartAsync(options.AppFolder, dataFolder);
        using var admin = new Browser(app.BaseAddress);
        await admin.SubmitAsync("/Setup", new Dictionary<string, string>
        {
            ["Input.UserName"] = adminName,
            ["Input.DisplayName"] = "Bench Admin",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        var dashboard = await admin.SubmitAsync("/Projects/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Description"] = description,
            ["Input.FrameRate"] = "24",
            ["Input.ResolutionPreset"] = "1920x1080",
        });
        var projectId = int.Parse(dashboard.Segments[^1], CultureInfo.InvariantCulture);
        var analysed = await UploadSongAsync(admin, projectId, song);
        await stop(app);
        return (projectId, analysed);
    }

    internal static async Task MakeSongAsync(string file)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=220:duration={SongSeconds}", "-c:a", "libmp3lame", file })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg exited with {process.ExitCode}: {await errors}");
        }
    }

    /// <summary>
    /// The dashboard's song form as a browser posts it: multipart, the antiforgery token first, then the file field
    /// "File". Then the dashboard again until the panel shows the song (analysis done) or an error.
    /// </summary>
    internal static async Task<TimeSpan> UploadSongAsync(Browser admin, int projectId, string song)
    {
        var dashboard = $"/Projects/Dashboard/{projectId}";
        var page = await admin.GetDocumentAsync(dashboard);
        var form = page.QuerySelector<IHtmlFormElement>("#song-upload-form") ?? throw new InvalidOperationException("The dashboard has no song form");
        var token = form.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value
            ?? throw new InvalidOperationException("The song form carries no antiforgery token");
        var clock = Stopwatch.StartNew();
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
            var file = new StreamContent(File.OpenRead(song));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/mpeg");
            content.Add(file, "File", "bench-song.mp3");
            using var response = await admin.Http.PostAsync(form.GetAttribute("action"), content);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The song upload answered {(int)response.StatusCode}");
            }
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            page = await admin.GetDocumentAsync(dashboard);
            if (page.QuerySelector("#song-name") is not null && page.QuerySelector("#song-status") is null)
            {
                return clock.Elapsed;
            }
            if (page.QuerySelector("#song-status .song-error") is { } error)
            {
                throw new InvalidOperationException($"The song was refused: {error.TextContent.Trim()}");
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The song was not ready within 120 s");
    }

    private static string Percentiles(double[] milliseconds) =>
        $"{Stats.Median(milliseconds):0.00} / {Stats.Percentile(milliseconds, 95):0.00} / {Stats.Percentile(milliseconds, 99):0.00} ms";
}
