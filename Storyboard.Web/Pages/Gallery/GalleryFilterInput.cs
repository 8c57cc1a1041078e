using System.Globalization;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Gallery;

namespace Storyboard.Web.Pages.Gallery;

/// <summary>The gallery's filter and order as the address carries them (<c>?source=…&amp;sort=rating</c>), kept by every link and form.</summary>
public sealed class GalleryFilterInput
{
    public string? Source { get; set; }
    public string? Model { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public OutputKind? Kind { get; set; }
    public bool Trash { get; set; }
    public GallerySort Sort { get; set; }

    public GalleryFilter ToFilter() => new(Source, Model, From, To, Kind, Trash, Sort);

    /// <summary>The non-default values as query values, to keep the view across links and posts.</summary>
    public Dictionary<string, string> Query()
    {
        var query = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(Source)) query["source"] = Source;
        if (!string.IsNullOrEmpty(Model)) query["model"] = Model;
        if (From is { } from) query["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (To is { } to) query["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Kind is { } kind) query["kind"] = kind.ToString();
        if (Trash) query["trash"] = "true";
        if (Sort != GallerySort.Newest) query["sort"] = Sort.ToString();
        return query;
    }
}
