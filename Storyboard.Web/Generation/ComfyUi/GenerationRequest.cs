using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Presets;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// The model files one graph loads, as the server lists them. <see cref="Model"/> is the checkpoint (checkpoint
/// families, or a single-file Flux/SD3.5) or the diffusion model. <see cref="TextEncoders"/> and <see cref="Vae"/> are
/// needed when the model is a diffusion model (split files); leave <see cref="TextEncoders"/> empty to load
/// <see cref="Model"/> with <c>CheckpointLoaderSimple</c>. For SD3.5 the encoders are clip_l, clip_g, t5xxl; Flux
/// t5xxl, clip_l; HiDream clip_l, clip_g, t5xxl, llama. <see cref="LowNoiseModel"/> is the second expert of Wan 2.2
/// 14B (high-noise model in <see cref="Model"/>); Wan 2.2 without it is the 5B TI2V model.
/// <see cref="ClipVision"/> is needed by Wan 2.1 image-to-video.
/// </summary>
public sealed record ModelFiles(string Model)
{
    public IReadOnlyList<string> TextEncoders { get; init; } = [];
    public string? Vae { get; init; }
    public string? ClipVision { get; init; }
    public string? LowNoiseModel { get; init; }

    /// <summary><c>UNETLoader.weight_dtype</c>: default, fp8_e4m3fn, fp8_e4m3fn_fast, fp8_e5m2.</summary>
    public string WeightDtype { get; init; } = "default";

    /// <summary>True when the graph loads <see cref="Model"/> with <c>CheckpointLoaderSimple</c> (text encoder and VAE inside).</summary>
    public bool IsSingleFile => TextEncoders.Count == 0;
}

/// <summary>One LoRA of a chain, applied in list order. A name includes its subfolder exactly as the server lists it.</summary>
public sealed record LoraUse(string Name, double ModelStrength = 1.0, double ClipStrength = 1.0);

/// <summary>SDXL refiner: a second checkpoint that takes over the sampling at <see cref="SwitchAtStep"/> (of the request's steps).</summary>
public sealed record RefinerOptions(string Model, int SwitchAtStep);

/// <summary>
/// Upscale after decoding: with <see cref="Model"/> an <c>UpscaleModelLoader</c> + <c>ImageUpscaleWithModel</c> then an
/// <c>ImageScale</c> to exactly <see cref="Factor"/> × the generated size; without a model a plain <c>ImageScaleBy</c>.
/// </summary>
public sealed record UpscaleOptions(double Factor, string? Model = null, string Method = "lanczos");

/// <summary>How a video is saved: core <c>CreateVideo</c> + <c>SaveVideo</c> (mp4) or <c>SaveAnimatedWEBP</c>.</summary>
public enum VideoOutput
{
    Mp4,
    AnimatedWebp,
}

/// <summary>
/// Everything the builder needs for one graph. Image files (<see cref="InitImage"/>, <see cref="StartImage"/>) are the
/// names <c>/upload/image</c> returned. <see cref="Cfg"/> is the sampler cfg; <see cref="Guidance"/> is Flux guidance
/// (used only by Flux). <see cref="Denoise"/> applies to image-to-image.
/// </summary>
public sealed record GenerationRequest
{
    public required GenerationKind Kind { get; init; }
    public required ModelFamily Family { get; init; }
    public required ModelFiles Models { get; init; }
    public required string Prompt { get; init; }
    public string Negative { get; init; } = "";
    public ulong Seed { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int Steps { get; init; }
    public required double Cfg { get; init; }
    public double? Guidance { get; init; }
    public double? Shift { get; init; }
    public int? ClipSkip { get; init; }
    public required string Sampler { get; init; }
    public required string Scheduler { get; init; }
    public int BatchSize { get; init; } = 1;
    public IReadOnlyList<LoraUse> Loras { get; init; } = [];
    public double Denoise { get; init; } = 1.0;
    public string? InitImage { get; init; }
    public RefinerOptions? Refiner { get; init; }
    public UpscaleOptions? Upscale { get; init; }
    public int Frames { get; init; }
    public double Fps { get; init; }
    public string? StartImage { get; init; }
    public VideoOutput VideoOutput { get; init; } = VideoOutput.Mp4;

    /// <summary><c>filename_prefix</c> of the save node; a <c>/</c> makes a subfolder of ComfyUI's output folder.</summary>
    public string FilenamePrefix { get; init; } = "storyboard/clip";

    /// <summary>
    /// A request filled from the preset of <paramref name="family"/> and <paramref name="mode"/>, sized to the bucket
    /// nearest the project's aspect ratio. Callers then set init/start images, LoRAs, refiner or upscale with <c>with</c>.
    /// </summary>
    public static GenerationRequest FromPreset(
        ModelFamily family, PresetMode mode, GenerationKind kind, ModelFiles models, string prompt, ulong seed,
        int aspectWidth = 16, int aspectHeight = 9)
    {
        var preset = PresetTable.Get(family, mode);
        var bucket = PresetTable.BucketFor(family, aspectWidth, aspectHeight);
        return new GenerationRequest
        {
            Kind = kind,
            Family = family,
            Models = models,
            Prompt = prompt,
            Negative = preset.Negative,
            Seed = seed,
            Width = bucket.Width,
            Height = bucket.Height,
            Steps = preset.Steps,
            Cfg = preset.Cfg,
            Guidance = preset.Guidance,
            Shift = preset.Shift,
            ClipSkip = preset.ClipSkip,
            Sampler = preset.Sampler,
            Scheduler = preset.Scheduler,
            Frames = preset.Frames,
            Fps = preset.Fps,
        };
    }
}
