using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Pages.Shared;

/// <summary>
/// The GPU choice fields (server, model or workflow, kind, preset, seed, count, overrides, a LoRA) as one partial,
/// shared by the clip panel and the batch form. Fields are named <c>Gpu.X</c>; ids start with <see cref="IdPrefix"/>.
/// </summary>
public sealed record GpuChoicesFields(GpuChoicesInput Input, GpuChoiceOptions Options, IReadOnlyDictionary<string, string> Errors, string IdPrefix)
{
    public string Id(string field) => $"{IdPrefix}-{field.ToLowerInvariant()}";
    public string? Error(string field) => Errors.GetValueOrDefault(field);
    public string? DescribedBy(string field) => HasError(field) ? Id(field) + "-error" : null;
    public string? Invalid(string field) => HasError(field) ? "true" : null;

    // The chosen-image problem is shown at the "Make" field, which asked for it.
    private bool HasError(string field) => Errors.ContainsKey(field) || field == "Kind" && Errors.ContainsKey("SourceImage");
}
