using System.ComponentModel;
using Storyboard.Web.Generation.Gallery;

namespace Storyboard.Web.Api;

/// <summary>Where a generation's files are served (the media routes the pages use; they need the browser's session or a token).</summary>
public sealed record GenerationLinksView(
    [property: Description("The image or video file.")] string? File,
    [property: Description("A small JPEG thumbnail.")] string? Thumbnail,
    [property: Description("Videos: a still frame; null for images or before it is made.")] string? Poster,
    [property: Description("Videos: a short low-resolution preview; null for images or before it is made.")] string? Preview);

/// <summary>One entry of a clip's gallery.</summary>
public sealed record GenerationRowView(
    int Id,
    [property: Description("Image or Video.")] string Kind,
    string MediaHash,
    int Width,
    int Height,
    [property: Description("The seed as a string (exact for all unsigned 64-bit values).")] string Seed,
    [property: Description("The seed as a number when at most 2^53 − 1, else null.")] long? SeedNumber,
    string Model,
    [property: Description("Where it was made: \"Draft card\" or the server's name at the time.")] string Source,
    [property: Description("0 (not rated) to 5 stars.")] int Rating,
    [property: Description("Whether it is the clip's chosen image (or video).")] bool IsChosen,
    DateTimeOffset CreatedAt,
    [property: Description("When it was moved to the Trash; null in the gallery.")] DateTimeOffset? DeletedAt,
    GenerationLinksView Links)
{
    public static GenerationRowView From(GalleryItem g, GalleryList list, GenerationLinksView links) => new(
        g.Id, g.Kind.ToString(), g.MediaHash, g.Width, g.Height, ApiValues.SeedText(g.Seed), ApiValues.SafeSeed(g.Seed), g.Model, g.Source,
        g.Rating, g.MediaHash == (g.Kind == Domain.OutputKind.Video ? list.ChosenVideoHash : list.ChosenImageHash), g.CreatedAt, g.DeletedAt, links);
}

/// <summary>A clip's gallery as filtered, with the choices the filter offers.</summary>
public sealed record GalleryApiView(
    int ProjectId,
    int ClipId,
    string ProjectName,
    string ClipName,
    IReadOnlyList<GenerationRowView> Generations,
    [property: Description("The sources (servers, \"Draft card\") of the shown list (gallery or Trash), for the source filter.")] IReadOnlyList<string> Sources,
    IReadOnlyList<string> Models,
    int TrashCount);

/// <summary>One generation in full: what made it, where and when, and its neighbours in the gallery's default order.</summary>
public sealed record GenerationApiView(
    int Id,
    int ProjectId,
    int ClipId,
    GenerationRowView Generation,
    ParametersApiView Parameters,
    [property: Description("The job that made it, or null (removed, or made before jobs were kept).")] int? JobId,
    [property: Description("The server that made it; null for a Draft card or a removed server.")] int? ServerId,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? StartedAt,
    [property: Description("When it was stored (the server had just finished).")] DateTimeOffset FinishedAt,
    [property: Description("Seconds from start to finish, when known.")] double? RunSeconds,
    int? PreviousId,
    int? NextId);

public sealed record RateGenerationInput([property: Description("Required: 0 (not rated) to 5.")] int? Stars);

public sealed record AgainInput([property: Description("True draws a fresh random seed; false (default) repeats the seed.")] bool? NewSeed = null);
