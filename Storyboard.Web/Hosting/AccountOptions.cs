using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Hosting;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 10;

    /// <summary>How long a browser session lasts without activity.</summary>
    [Range(5, 60 * 24 * 90)]
    public int SessionMinutes { get; set; } = 60 * 24 * 14;
}
