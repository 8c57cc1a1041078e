using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>
/// The text encoders, VAE and CLIP vision file a diffusion model needs beside it, picked from what the server lists by
/// the names the families' official releases use (Comfy-Org repackaged files). Files the user chose are kept. Without
/// a catalogue (a RunPod endpoint) the official names are assumed.
/// </summary>
public static class CompanionFiles
{
    private sealed record Wanted(string Default, params string[] Patterns);

    /// <param name="fromCheckpoints">The model is a file in <c>checkpoints/</c> (text encoders and VAE inside, except LTX-Video's T5).</param>
    public static ModelFiles Complete(ModelFiles files, ModelFamily family, GenerationKind kind, bool fromCheckpoints, ObjectInfoCatalog? catalog)
    {
        var traits = ModelFamilies.Traits(family);
        if (fromCheckpoints && family != ModelFamily.LtxVideo || traits.TextEncoderCount == 0)
        {
            return files;
        }
        var result = files;
        if (files.TextEncoders.Count == 0)
        {
            result = result with { TextEncoders = [.. Encoders(family).Select(w => Pick(catalog, ModelKind.TextEncoder, w))] };
        }
        if (files.Vae is null && !fromCheckpoints && Vae(family, files.Model) is { } vae)
        {
            result = result with { Vae = Pick(catalog, ModelKind.Vae, vae) };
        }
        if (family == ModelFamily.Wan21 && kind == GenerationKind.ImageToVideo && files.ClipVision is null)
        {
            result = result with { ClipVision = Pick(catalog, ModelKind.ClipVision, new Wanted("clip_vision_h.safetensors", "clip_vision_h")) };
        }
        if (family == ModelFamily.Wan22 && files.LowNoiseModel is null && files.Model.Contains("high_noise", StringComparison.OrdinalIgnoreCase))
        {
            var low = files.Model.Replace("high_noise", "low_noise", StringComparison.OrdinalIgnoreCase);
            if (catalog is null || catalog.HasModel(ModelKind.DiffusionModel, low))
            {
                result = result with { LowNoiseModel = low };
            }
        }
        return result;
    }

    private static Wanted[] Encoders(ModelFamily family) => family switch
    {
        ModelFamily.Flux => [T5, ClipL],
        ModelFamily.Sd35 => [ClipL, ClipG, T5],
        ModelFamily.HiDream => [ClipL, ClipG, T5, new Wanted("llama_3.1_8b_instruct_fp8_scaled.safetensors", "llama")],
        ModelFamily.QwenImage => [new Wanted("qwen_2.5_vl_7b_fp8_scaled.safetensors", "qwen_2.5_vl", "qwen")],
        ModelFamily.Wan21 or ModelFamily.Wan22 => [new Wanted("umt5_xxl_fp8_e4m3fn_scaled.safetensors", "umt5")],
        ModelFamily.LtxVideo => [T5],
        _ => [],
    };

    private static Wanted? Vae(ModelFamily family, string model) => family switch
    {
        ModelFamily.Flux or ModelFamily.HiDream => new Wanted("ae.safetensors", "ae.", "flux"),
        ModelFamily.Sd35 => new Wanted("sd3.5_vae.safetensors", "sd3"),
        ModelFamily.QwenImage => new Wanted("qwen_image_vae.safetensors", "qwen"),
        ModelFamily.Wan22 when model.Contains("5b", StringComparison.OrdinalIgnoreCase) => new Wanted("wan2.2_vae.safetensors", "wan2.2_vae", "wan_2.2_vae"),
        ModelFamily.Wan21 or ModelFamily.Wan22 => new Wanted("wan_2.1_vae.safetensors", "wan_2.1_vae", "wan2.1_vae", "wan"),
        _ => null,
    };

    private static readonly Wanted T5 = new("t5xxl_fp16.safetensors", "t5xxl");
    private static readonly Wanted ClipL = new("clip_l.safetensors", "clip_l");
    private static readonly Wanted ClipG = new("clip_g.safetensors", "clip_g");

    /// <summary>The file the server lists that matches the first pattern that matches anything; the official name otherwise.</summary>
    private static string Pick(ObjectInfoCatalog? catalog, ModelKind kind, Wanted wanted)
    {
        if (catalog is null)
        {
            return wanted.Default;
        }
        var files = catalog.Models(kind);
        if (files.Contains(wanted.Default, StringComparer.Ordinal))
        {
            return wanted.Default;
        }
        foreach (var pattern in wanted.Patterns)
        {
            var match = files.Where(f => Path.GetFileName(f).Contains(pattern, StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f.Contains("fp8", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).FirstOrDefault();
            if (match is not null)
            {
                return match;
            }
        }
        return wanted.Default;
    }
}
