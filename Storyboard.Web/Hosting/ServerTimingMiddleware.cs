using System.Diagnostics;
using System.Globalization;

namespace Storyboard.Web.Hosting;

/// <summary>
/// Adds <c>Server-Timing: app;dur=&lt;ms&gt;</c> to every response: the time from the start of the pipeline until the
/// response starts (for a buffered page, its whole render). Browsers' dev tools show it; bench/ reports it.
/// </summary>
public sealed class ServerTimingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={milliseconds:0.###}");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
