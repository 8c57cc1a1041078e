using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Gallery;

namespace Storyboard.Web.Pages.Gallery;

/// <summary>One generation large, with what made it; previous and next follow the gallery's filter and order.</summary>
public sealed class ViewerModel(IClipGallery gallery) : GalleryPageModel
{
    public GalleryDetail Detail { get; private set; } = default!;
    public GenerationPanel Panel { get; private set; } = default!;
    public string? PreviousUrl { get; private set; }
    public string? NextUrl { get; private set; }
    public string BackUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int generationId)
    {
        if (await gallery.GetAsync(ProjectId, ClipId, generationId, Filter.ToFilter(), Aborted) is not { } detail)
        {
            return NotFound();
        }
        Detail = detail;
        Panel = GenerationPanel.Of(this, detail);
        PreviousUrl = detail.PreviousId is { } previous ? ViewerUrl(previous) : null;
        NextUrl = detail.NextId is { } next ? ViewerUrl(next) : null;
        BackUrl = GridUrl(new { trash = detail.Item.DeletedAt != null });
        return Page();
    }
}

/// <summary>A generation as the viewer and the compare page draw it: the media's addresses, its name and its facts.</summary>
public sealed record GenerationPanel(
    int Id, bool IsVideo, string Title, string Alt, string FileUrl, string? PosterUrl, string? PreviewUrl, string ViewerUrl,
    IReadOnlyList<(string Label, string Value)> Facts)
{
    public static GenerationPanel Of(GalleryPageModel page, GalleryDetail detail)
    {
        var item = detail.Item;
        var p = detail.Parameters;
        var title = $"{(item.Kind == OutputKind.Image ? "Image" : "Video")}, seed {item.Seed}";
        var facts = new List<(string, string)>
        {
            ("Seed", item.Seed.ToString(CultureInfo.InvariantCulture)),
            ("Model", item.Model == "" ? "—" : item.Model),
            ("Server", item.Source),
            ("Size", $"{item.Width} × {item.Height}"),
            ("Rating", item.Rating == 0 ? "Not rated" : $"{item.Rating} of 5"),
        };
        if (p.Mode is var mode && p.Family is { } family) facts.Add(("Preset", $"{family} {mode}"));
        if (p.Steps is { } steps) facts.Add(("Steps", steps.ToString(CultureInfo.InvariantCulture)));
        if (p.Cfg is { } cfg) facts.Add(("CFG", cfg.ToString(CultureInfo.InvariantCulture)));
        if (detail.QueuedAt is { } queued) facts.Add(("Queued", Time(queued)));
        if (detail.StartedAt is { } started)
        {
            facts.Add(("Started", Time(started)));
            facts.Add(("Took", $"{Math.Max(0, (item.CreatedAt - started).TotalSeconds):0.#} s"));
        }
        facts.Add(("Finished", Time(item.CreatedAt)));
        if (item.DeletedAt is { } deleted) facts.Add(("In the Trash since", Time(deleted)));
        facts.Add(("Prompt", p.Prompt == "" ? "—" : p.Prompt));
        if (p.NegativePrompt != "") facts.Add(("Negative prompt", p.NegativePrompt));
        return new GenerationPanel(item.Id, item.Kind == OutputKind.Video, title, $"{title}, {item.Source}, {item.Width} × {item.Height}",
            page.FileUrl(item.Id)!, item.HasPoster ? page.PosterUrl(item.Id) : null, item.HasPreview ? page.PreviewUrl(item.Id) : null,
            page.ViewerUrl(item.Id), facts);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
