using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Pages.Gallery;

/// <summary>
/// What the gallery's pages share: the project and clip from the address, the filter from the query, who may change
/// things (as on the timeline: everyone signed in reads, editors and admins change) and the links between the pages.
/// </summary>
public abstract class GalleryPageModel : PageModel
{
    [BindProperty(SupportsGet = true)] public GalleryFilterInput Filter { get; set; } = new();
    [FromRoute(Name = "projectId")] public int ProjectId { get; set; }
    [FromRoute(Name = "clipId")] public int ClipId { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    protected string? UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>The address values of this clip's gallery with the current filter, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> Route(object? extra = null)
    {
        var values = new Dictionary<string, string>(Filter.Query())
        {
            ["projectId"] = ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["clipId"] = ClipId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in new Microsoft.AspNetCore.Routing.RouteValueDictionary(extra))
        {
            // false is every flag's default: left out of the address (trash=false is the gallery itself).
            if (value is false)
            {
                values.Remove(key);
                continue;
            }
            values[key] = value is true ? "true" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        return values;
    }

    public string GridUrl(object? extra = null) => Url.Page("/Gallery/Index", Route(extra))!;
    public string ViewerUrl(int generationId) => Url.Page("/Gallery/Viewer", Route(new { generationId }))!;
    public string TimelineUrl => Url.Page("/Timeline/Index", new { id = ProjectId, clip = ClipId })!;
    public string? FileUrl(int generationId) => Url.RouteUrl("generation-file", new { generationId });
    public string? ThumbnailUrl(int generationId) => Url.RouteUrl("generation-thumbnail", new { generationId });
    public string? PosterUrl(int generationId) => Url.RouteUrl("generation-poster", new { generationId });
    public string? PreviewUrl(int generationId) => Url.RouteUrl("generation-preview", new { generationId });
}
