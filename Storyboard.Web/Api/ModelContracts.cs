using System.ComponentModel;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Presets;

namespace Storyboard.Web.Api;

/// <summary>One model file offered by one or more servers.</summary>
public sealed record ModelApiView(
    [property: Description("\"folder/file\", the value for a job's model: \"checkpoints/sd_xl_base_1.0.safetensors\".")] string Key,
    string Name,
    [property: Description("Checkpoint, DiffusionModel, Lora, Vae, TextEncoder, ClipVision or UpscaleModel.")] string Kind,
    [property: Description("The family set by a user, else the one its name suggests (Unknown when none).")] string Family,
    bool FamilySetByUser,
    [property: Description("Names of the servers that have it.")] IReadOnlyList<string> Servers)
{
    public static ModelApiView From(ModelRow m) => new(m.Key, m.Name, m.Kind.ToString(), m.Family.ToString(), m.FamilySetByUser, m.Servers);
}

/// <summary>The body of PUT /api/v1/models/family.</summary>
public sealed record SetModelFamilyInput(
    [property: Description("Required: the model's key, \"folder/file\".")] string? Key,
    [property: Description("The family, or null to go back to the one its name suggests.")] string? Family);

/// <summary>One preset of a family.</summary>
public sealed record PresetApiView(int Steps, double Cfg, string Sampler, string Scheduler, double? Guidance, double? Shift, int? ClipSkip,
    [property: Description("Video families: frames; 0 for images.")] int Frames,
    [property: Description("Video families: frames per second; 0 for images.")] double Fps,
    [property: Description("The family's default negative prompt, if any.")] string Negative)
{
    public static PresetApiView From(GenerationPreset p) =>
        new(p.Steps, p.Cfg, p.Sampler, p.Scheduler, p.Guidance, p.Shift, p.ClipSkip, p.Frames, p.Fps, p.Negative);
}

public sealed record BucketApiView(int Width, int Height);

/// <summary>A model family: what it makes, the kinds it supports, its Fast and Quality presets and its resolution buckets.</summary>
public sealed record FamilyApiView(
    string Family,
    string DisplayName,
    [property: Description("Image or Video.")] string Makes,
    [property: Description("Checkpoint (one file) or DiffusionModel (model, text encoders and VAE apart).")] string Loader,
    [property: Description("The kinds a job of this family can ask for.")] IReadOnlyList<string> Kinds,
    [property: Description("Video families: valid frame counts are frameStep·n + 1; 0 for images.")] int FrameStep,
    PresetApiView Fast,
    PresetApiView Quality,
    [property: Description("Sizes the family was trained on, square first; a job uses the one nearest the project's aspect ratio.")] IReadOnlyList<BucketApiView> Buckets)
{
    public static FamilyApiView From(ModelFamily family)
    {
        var traits = ModelFamilies.Traits(family);
        return new(family.ToString(), traits.DisplayName, traits.Makes.ToString(), traits.Loader.ToString(),
            traits.Kinds.Select(k => k.ToString()).ToList(), traits.FrameStep,
            PresetApiView.From(PresetTable.Get(family, PresetMode.Fast)), PresetApiView.From(PresetTable.Get(family, PresetMode.Quality)),
            PresetTable.Buckets(family).Select(b => new BucketApiView(b.Width, b.Height)).ToList());
    }
}
