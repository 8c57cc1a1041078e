using System.Globalization;

namespace Storyboard.Web.Pages.Shared;

/// <summary>How times and sizes read on pages.</summary>
public static class Format
{
    /// <summary>3:25.4 or 1:02:07.0.</summary>
    public static string Duration(long microseconds)
    {
        var time = TimeSpan.FromTicks(microseconds * 10);
        return time.TotalHours >= 1
            ? time.ToString(@"h\:mm\:ss\.f", CultureInfo.InvariantCulture)
            : time.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture);
    }

    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"1 clip", "3 clips".</summary>
    public static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 * 1024 => $"{bytes / (1024.0 * 1024 * 1024):0.0} GB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        >= 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes} bytes",
    };
}
