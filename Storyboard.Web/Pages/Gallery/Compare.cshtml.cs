using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Generation.Gallery;

namespace Storyboard.Web.Pages.Gallery;

/// <summary>Two generations of the clip side by side (<c>?a=&amp;b=</c>); anything but two different ones is explained.</summary>
public sealed class CompareModel(IClipGallery gallery) : GalleryPageModel
{
    public IReadOnlyList<GenerationPanel> Panels { get; private set; } = [];
    public string ClipName { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? a, int? b)
    {
        if (await gallery.ListAsync(ProjectId, ClipId, new GalleryFilter(), Aborted) is not { } list)
        {
            return NotFound();
        }
        ClipName = list.ClipName;
        if (a is not { } first || b is not { } second || first == second)
        {
            Error = "Pick exactly two different generations to compare: tick two in the gallery, then press Compare.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var panels = new List<GenerationPanel>();
        foreach (var id in new[] { first, second })
        {
            if (await gallery.GetAsync(ProjectId, ClipId, id, Filter.ToFilter(), Aborted) is not { } detail)
            {
                return NotFound();
            }
            panels.Add(GenerationPanel.Of(this, detail));
        }
        Panels = panels;
        return Page();
    }
}
