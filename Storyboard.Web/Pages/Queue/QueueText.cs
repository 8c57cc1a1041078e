using System.Globalization;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Queue;

/// <summary>How the queue page words its figures.</summary>
public static class QueueText
{
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan value) => Format.Duration(value.Ticks / 10);

    /// <summary>"12.5 s per image · 80.0 s per video", or "not measured yet".</summary>
    public static string Speed(ServerLoad server)
    {
        var parts = new List<string>();
        if (server.SecondsPerImage is { } image)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{image:0.0} s per image"));
        }
        if (server.SecondsPerVideo is { } video)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{video:0.0} s per video"));
        }
        return parts.Count == 0 ? "not measured yet" : string.Join(" · ", parts);
    }

    public static string What(QueueJobRow job) =>
        job.IsDraftCard ? "Draft card" : job.Kind == OutputKind.Video ? "Video" : "Image";

    public static string Showing(QueueJobPage jobs) => jobs.Total == 0
        ? "No jobs match."
        : jobs.PageCount == 1
            ? Format.Count(jobs.Total, "job")
            : $"{Format.Count(jobs.Total, "job")}, {QueueAdmin.PageSize.ToString(CultureInfo.InvariantCulture)} a page";

    /// <summary>A prompt cut to a line.</summary>
    public static string Short(string prompt) => prompt.Length <= 140 ? prompt : $"{prompt[..139]}…";
}
