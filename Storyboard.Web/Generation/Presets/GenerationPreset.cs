using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Presets;

/// <summary>
/// Default sampling settings for one family and mode. <see cref="Cfg"/> goes to the sampler's <c>cfg</c>;
/// <see cref="Guidance"/> (Flux) goes to a <c>FluxGuidance</c> node while cfg stays 1. <see cref="Shift"/> is the
/// <c>ModelSamplingSD3</c>/<c>ModelSamplingAuraFlow</c> shift where the family uses one. <see cref="ClipSkip"/> is the
/// negative <c>CLIPSetLastLayer</c> value (−2 for Pony/Illustrious). Frames and fps are 0 for image families.
/// </summary>
public sealed record GenerationPreset(
    ModelFamily Family,
    PresetMode Mode,
    int Steps,
    double Cfg,
    string Sampler,
    string Scheduler,
    double? Guidance = null,
    double? Shift = null,
    int? ClipSkip = null,
    int Frames = 0,
    double Fps = 0,
    string Negative = "");
