using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Delivery;

/// <summary>
/// One file format an export can be written in. Each format is a singleton or scoped service registered as
/// <see cref="IExportFormat"/>; the export page lists them in <see cref="Order"/>.
/// </summary>
public interface IExportFormat
{
    /// <summary>"fcpxml", "fcp7", "edl", "otio", "otioz", "json", "pdf", "package".</summary>
    string Key { get; }
    /// <summary>"Final Cut Pro XML (FCPXML)".</summary>
    string Label { get; }
    /// <summary>Which editors read it: "Final Cut Pro 10.6 and later; DaVinci Resolve 18.5+".</summary>
    string Editors { get; }
    /// <summary>".fcpxml".</summary>
    string Extension { get; }
    string ContentType { get; }
    int Order { get; }

    /// <summary>Writes <paramref name="cut"/> to <paramref name="output"/>; adds to <paramref name="report"/> what it left out.</summary>
    Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken);
}

public enum PaperSize
{
    A4,
    Letter,
}

public enum PageOrientation
{
    Landscape,
    Portrait,
}

/// <summary>The choices an export takes; each format reads those it needs.</summary>
public sealed record ExportOptions
{
    /// <summary>Alternate takes as extra lanes or disabled clips (left out by default).</summary>
    public bool IncludeAlternates { get; init; }

    /// <summary>
    /// The folder on the editing computer where the media package is unzipped ("/Users/me/Movies/My video");
    /// exported files point at its <c>media/</c> subfolder with absolute file URLs. POSIX or Windows ("D:\Edits\My video").
    /// </summary>
    [MaxLength(400)]
    public string Folder { get; init; } = "";

    /// <summary>"1.9", "1.10" (default) or "1.11".</summary>
    public string FcpxmlVersion { get; init; } = "1.10";

    /// <summary>Panels per PDF page: 1, 4 (2×2), 6 (2×3) or 9 (3×3).</summary>
    public int PanelsPerPage { get; init; } = 6;
    public PaperSize Paper { get; init; } = PaperSize.A4;
    public PageOrientation Orientation { get; init; } = PageOrientation.Landscape;

    public static IReadOnlyList<string> FcpxmlVersions { get; } = ["1.9", "1.10", "1.11"];
    public static IReadOnlyList<int> PanelCounts { get; } = [1, 4, 6, 9];
}

/// <summary>What an export left out or replaced, in words a user reads.</summary>
public sealed class ExportReport
{
    private readonly List<string> notices = [];

    public IReadOnlyList<string> Notices => notices;

    public void Add(string notice)
    {
        if (!notices.Contains(notice))
        {
            notices.Add(notice);
        }
    }
}
