using System.Text.RegularExpressions;

namespace Storyboard.Web.Generation.Models;

/// <summary>
/// Family facts and detection of a model's family from its ComfyUI folder and file name. Detection is a best guess
/// from the name; callers let the user override it per model and store the override.
/// </summary>
public static partial class ModelFamilies
{
    static readonly Dictionary<ModelFamily, FamilyTraits> TraitsByFamily = new FamilyTraits[]
    {
        new(ModelFamily.Unknown, "Unknown", MediaKind.Image, ModelLoader.Checkpoint, 0, null, 0, 8),
        new(ModelFamily.Sd15, "Stable Diffusion 1.5", MediaKind.Image, ModelLoader.Checkpoint, 0, null, 0, 8),
        new(ModelFamily.Sdxl, "SDXL", MediaKind.Image, ModelLoader.Checkpoint, 0, null, 0, 8),
        new(ModelFamily.PonyIllustrious, "Pony / Illustrious", MediaKind.Image, ModelLoader.Checkpoint, 0, null, 0, 8),
        // SD3.5 ships as a checkpoint without T5 or as a diffusion model with clip_l, clip_g and t5xxl.
        new(ModelFamily.Sd35, "Stable Diffusion 3.5", MediaKind.Image, ModelLoader.DiffusionModel, 3, "sd3", 0, 16),
        new(ModelFamily.Flux, "Flux.1", MediaKind.Image, ModelLoader.DiffusionModel, 2, "flux", 0, 16),
        new(ModelFamily.HiDream, "HiDream-I1", MediaKind.Image, ModelLoader.DiffusionModel, 4, "hidream", 0, 16),
        new(ModelFamily.QwenImage, "Qwen-Image", MediaKind.Image, ModelLoader.DiffusionModel, 1, "qwen_image", 0, 16),
        new(ModelFamily.Wan21, "Wan 2.1", MediaKind.Video, ModelLoader.DiffusionModel, 1, "wan", 4, 16),
        new(ModelFamily.Wan22, "Wan 2.2", MediaKind.Video, ModelLoader.DiffusionModel, 1, "wan", 4, 32),
        // LTX-Video's official files are checkpoints (model + VAE) with a separate T5 text encoder.
        new(ModelFamily.LtxVideo, "LTX-Video", MediaKind.Video, ModelLoader.Checkpoint, 1, "ltxv", 8, 32),
    }.ToDictionary(t => t.Family);

    /// <summary>Every family, Unknown first.</summary>
    public static IReadOnlyList<ModelFamily> All { get; } = Enum.GetValues<ModelFamily>();

    /// <summary>Every family the builder can make graphs for (all but Unknown).</summary>
    public static IReadOnlyList<ModelFamily> Known { get; } = [.. All.Where(f => f != ModelFamily.Unknown)];

    public static FamilyTraits Traits(ModelFamily family) => TraitsByFamily[family];

    /// <summary>Detects from a path as listed by ComfyUI, e.g. <c>checkpoints/SDXL/juggernautXL.safetensors</c> or just a file name.</summary>
    public static ModelFamily Detect(string path)
    {
        var normalised = path.Replace('\\', '/');
        var slash = normalised.IndexOf('/');
        return slash < 0 ? Detect(folder: "", normalised) : Detect(normalised[..slash], normalised[(slash + 1)..]);
    }

    /// <summary>
    /// Detects from the ComfyUI model folder (<c>checkpoints</c>, <c>diffusion_models</c>, <c>unet</c>, <c>loras</c>, …)
    /// and the file name as listed (subfolders included: they often name the family, e.g. <c>SDXL/x.safetensors</c>).
    /// Name rules win; the folder only settles names that say nothing (a Wan-style <c>t2v</c>/<c>i2v</c> diffusion model).
    /// </summary>
    public static ModelFamily Detect(string folder, string fileName)
    {
        var name = fileName.Replace('\\', '/').ToLowerInvariant();
        var dir = folder.Replace('\\', '/').Trim('/').ToLowerInvariant();

        if (WanToken().Match(name) is { Success: true } wan)
        {
            return Wan22Version().IsMatch(name[wan.Index..]) ? ModelFamily.Wan22 : ModelFamily.Wan21;
        }
        if (name.Contains("ltx"))
        {
            return ModelFamily.LtxVideo;
        }
        if (name.Contains("hidream"))
        {
            return ModelFamily.HiDream;
        }
        if (name.Contains("qwen"))
        {
            return ModelFamily.QwenImage;
        }
        if (name.Contains("flux"))
        {
            return ModelFamily.Flux;
        }
        if (Sd3().IsMatch(name))
        {
            return ModelFamily.Sd35;
        }
        if (name.Contains("pony") || name.Contains("illustrious") || name.Contains("noobai") || IllustriousShort().IsMatch(name))
        {
            return ModelFamily.PonyIllustrious;
        }
        if (name.Contains("sdxl") || name.Contains("sd_xl") || XlSuffix().IsMatch(name))
        {
            return ModelFamily.Sdxl;
        }
        if (Sd15().IsMatch(name))
        {
            return ModelFamily.Sd15;
        }
        if ((dir is "diffusion_models" or "unet") && VideoHint().IsMatch(name))
        {
            return ModelFamily.Wan21;
        }
        return ModelFamily.Unknown;
    }

    [GeneratedRegex(@"(?<![a-z])wan(?![a-z])")]
    private static partial Regex WanToken();

    [GeneratedRegex(@"^wan[\s_.\-]?2[\s_.\-]?2")]
    private static partial Regex Wan22Version();

    [GeneratedRegex(@"(?<![a-z])sd[\s_.\-]?3|stable[\s_.\-]?diffusion[\s_.\-]?3")]
    private static partial Regex Sd3();

    [GeneratedRegex(@"(?<![a-z])(ilxl|illu)(?![a-z])")]
    private static partial Regex IllustriousShort();

    [GeneratedRegex(@"(?<!x)xl(?![a-z])")]
    private static partial Regex XlSuffix();

    [GeneratedRegex(@"sd[\s_.\-]?1[\s_.\-]?5|v1[\s_.\-]5|(?<![0-9.])1\.5(?![0-9])|sd[\s_.\-]?v1")]
    private static partial Regex Sd15();

    [GeneratedRegex(@"(?<![a-z])[ti]2v(?![a-z])")]
    private static partial Regex VideoHint();
}
