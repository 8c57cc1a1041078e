using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Hosting;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Below this much free space in the data folder, /health/ready reports unhealthy.</summary>
    [Range(0, 1_000_000)]
    public int MinFreeDiskMegabytes { get; set; } = 500;
}
