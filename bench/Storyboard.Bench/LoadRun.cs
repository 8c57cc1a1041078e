using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Storyboard.Bench;

public sealed record LoadResult(int Requests, TimeSpan Wall, double[] ClientMilliseconds, double[] ServerMilliseconds)
{
    public double RequestsPerSecond => Requests / Wall.TotalSeconds;
}

/// <summary>Each browser sends its share of GETs one after another; all browsers at once.</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<Browser> browsers, string path, int requests)
    {
        var each = requests / browsers.Count;
        var client = new double[each * browsers.Count];
        var server = new double[each * browsers.Count];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(browsers.Select((browser, b) => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await browser.Http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                client[b * each + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage!.RequestUri!.AbsolutePath != path)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} at {response.RequestMessage?.RequestUri}");
                }
                server[b * each + i] = ServerTime(response);
            }
        })));
        return new LoadResult(client.Length, wall.Elapsed, client, server);
    }

    /// <summary>The app's own time from its <c>Server-Timing: app;dur=…</c> header.</summary>
    public static double ServerTime(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Server-Timing", out var values))
        {
            foreach (var metric in values.SelectMany(v => v.Split(',')))
            {
                var parts = metric.Trim().Split(';');
                var duration = parts.FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal));
                if (parts[0] == "app" && duration is not null)
                {
                    return double.Parse(duration[4..], CultureInfo.InvariantCulture);
                }
            }
        }
        throw new InvalidOperationException("The response has no Server-Timing app;dur header");
    }
}
