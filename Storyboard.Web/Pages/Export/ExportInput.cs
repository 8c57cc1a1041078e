using System.ComponentModel.DataAnnotations;
using Storyboard.Web.Delivery;

namespace Storyboard.Web.Pages.Export;

/// <summary>The export form: which format (the button pressed) and the options every format reads what it needs from.</summary>
public sealed class ExportInput
{
    public string Format { get; set; } = "";

    [Display(Name = "Include alternate takes")]
    public bool IncludeAlternates { get; set; }

    [Display(Name = "Folder on the editing computer")]
    [MaxLength(400)]
    public string? Folder { get; set; }

    [Display(Name = "FCPXML version")]
    public string FcpxmlVersion { get; set; } = "1.10";

    [Display(Name = "Panels per page")]
    public int PanelsPerPage { get; set; } = 6;

    public PaperSize Paper { get; set; } = PaperSize.A4;

    public PageOrientation Orientation { get; set; } = PageOrientation.Landscape;

    public ExportOptions ToOptions() => new()
    {
        IncludeAlternates = IncludeAlternates,
        Folder = (Folder ?? "").Trim(),
        FcpxmlVersion = FcpxmlVersion,
        PanelsPerPage = PanelsPerPage,
        Paper = Paper,
        Orientation = Orientation,
    };
}
