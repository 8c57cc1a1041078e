using System.Diagnostics;
using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Storyboard.Bench;

/// <summary>
/// Every export format of a 300-clip project (the timeline section's project: a 4-minute song, 40 scenes, 300 main
/// clips with Draft cards, 100 alternates), through the export page's form as a browser posts it (htmx). The first
/// export of each format is reported apart (it draws and caches the Draft cards the PDF and the package need); then
/// the median of the next runs.
/// </summary>
public static class ExportsSection
{
    public const double ExportTargetMilliseconds = 200, PdfTargetMilliseconds = 3_000;
    private const int Runs = 5;

    public static async Task RunAsync(BenchOptions options, string root, string dataFolder, string adminName, string password,
        Report report, Func<AppProcess, Task> stop)
    {
        var song = Path.Combine(root, "bench-exports-song.mp3");
        await TimelineSection.MakeSongAsync(song);
        var (projectId, _) = await TimelineSection.SetUpAsync(options, dataFolder, adminName, password, "Bench exports",
            "300 clips, seeded by bench/.", song, stop);
        var seeded = TimelineSeeder.Seed(Path.Combine(dataFolder, "storyboard.db"), projectId);
        Console.WriteLine($"  exports: seeded project {projectId}: {seeded.MainClips} clips, {seeded.Alternates} alternates");

        using var run = await AppProcess.StartAsync(options.AppFolder, dataFolder);
        using var browser = new Browser(run.BaseAddress);
        await browser.SignInAsync(adminName, password);
        var path = $"/projects/{projectId}/export";
        var page = await browser.GetDocumentAsync(path);
        var form = page.QuerySelector("#export-form") as IHtmlFormElement ?? throw new InvalidOperationException("The export page has no form");
        var formats = form.QuerySelectorAll<IHtmlButtonElement>("button[name='Input.Format']").Select(b => b.Value).ToList();
        foreach (var format in formats)
        {
            var first = await ExportAsync(browser, form, path, format);
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < Runs; i++)
            {
                var timed = await ExportAsync(browser, form, path, format);
                bytes = timed.Bytes;
                times.Add(timed.Milliseconds);
            }
            var target = format == "pdf" ? PdfTargetMilliseconds : ExportTargetMilliseconds;
            Console.WriteLine($"  exports: {format}: first {first.Milliseconds:0} ms, then {string.Join(" / ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms, {bytes / 1024.0:0} KB");
            report.Add($"Export {format}, 300-clip project: first run (draws the Draft cards) / median of the next {Runs}, file size",
                $"{first.Milliseconds:0} / {Stats.Median([.. times]):0} ms, {bytes / 1024.0:0} KB", Stats.Median([.. times]), target, "ms (median)");
        }
        await stop(run);
    }

    /// <summary>Posts the export form for one format as htmx does and times the answer (the file is written by then).</summary>
    private static async Task<(double Milliseconds, long Bytes)> ExportAsync(Browser browser, IHtmlFormElement form, string path, string format)
    {
        var fields = Browser.Fields(form, new Dictionary<string, string> { ["Input.Format"] = format }, path);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        var clock = Stopwatch.StartNew();
        using var response = await browser.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("export-made-download", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Exporting {format} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
        }
        var size = System.Text.RegularExpressions.Regex.Match(body, "export-made-download\" href=\"([^\"]+)\"");
        using var head = await browser.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, WebUtility.HtmlDecode(size.Groups[1].Value)));
        return (elapsed, head.Content.Headers.ContentLength ?? 0);
    }
}
