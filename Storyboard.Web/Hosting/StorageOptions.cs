using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Hosting;

/// <summary>Where Storyboard keeps its database, media, logs and backups.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder. <c>STORYBOARD_DATA</c> sets it too. Relative paths resolve against the working directory.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    public string DataFolder => Path.GetFullPath(DataPath);
    public string DatabasePath => Path.Combine(DataFolder, "storyboard.db");
    public string MediaFolder => Path.Combine(DataFolder, "media");
    public string BackupFolder => Path.Combine(DataFolder, "backups");
    public string LogFolder => Path.Combine(DataFolder, "logs");
    public string KeysFolder => Path.Combine(DataFolder, "keys");
    public string TempFolder => Path.Combine(DataFolder, "tmp");
    /// <summary>Animatics (MP4 and SRT) and the segments a re-render reuses.</summary>
    public string RendersFolder => Path.Combine(DataFolder, "renders");
    /// <summary>Exported files kept for download again.</summary>
    public string ExportsFolder => Path.Combine(DataFolder, "exports");
    /// <summary>Files Storyboard can make again (Draft card stills for exports and renders).</summary>
    public string CacheFolder => Path.Combine(DataFolder, "cache");
}
