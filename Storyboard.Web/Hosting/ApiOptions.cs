using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Hosting;

/// <summary>Limits for the JSON API and for the pages that take a password (section "Api").</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests a minute each user may send to /api (anonymous requests share one budget per IP address).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Sign-in and first-run setup form posts a minute from one IP address; showing those pages is never limited.</summary>
    [Range(1, 10_000)]
    public int SignInPermitsPerMinute { get; set; } = 10;
}
