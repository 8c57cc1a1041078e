using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

/// <summary>The fake server's object_info (Fixtures/object_info.json: core nodes of ComfyUI 0.3.64 in both combo forms, plus VHS) and requests that fit it.</summary>
internal static class Fixtures
{
    static readonly Lazy<string> Json = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Generation", "Fixtures", "object_info.json")));

    public static string ObjectInfoJson => Json.Value;

    public static ObjectInfoCatalog Catalog() => ObjectInfoCatalog.Parse(ObjectInfoJson);

    /// <summary>Model files on the fake server for each family (Wan 2.2 as the 14B pair).</summary>
    public static ModelFiles ModelsFor(ModelFamily family, GenerationKind kind) => family switch
    {
        ModelFamily.Sd15 => new("v1-5-pruned-emaonly.safetensors"),
        ModelFamily.Sdxl => new("sd_xl_base_1.0.safetensors"),
        ModelFamily.PonyIllustrious => new("ponyDiffusionV6XL.safetensors"),
        ModelFamily.Sd35 => new("sd3.5_large.safetensors")
        {
            TextEncoders = ["clip_l.safetensors", "clip_g.safetensors", "t5xxl_fp8_e4m3fn.safetensors"], Vae = "ae.safetensors",
        },
        ModelFamily.Flux => new("flux1-dev.safetensors")
        {
            TextEncoders = ["t5xxl_fp8_e4m3fn.safetensors", "clip_l.safetensors"], Vae = "ae.safetensors", WeightDtype = "fp8_e4m3fn",
        },
        ModelFamily.HiDream => new("hidream_i1_full_fp8.safetensors")
        {
            TextEncoders = ["clip_l.safetensors", "clip_g.safetensors", "t5xxl_fp8_e4m3fn.safetensors", "llama_3.1_8b_instruct_fp8_scaled.safetensors"],
            Vae = "ae.safetensors",
        },
        ModelFamily.QwenImage => new("qwen_image_fp8_e4m3fn.safetensors")
        {
            TextEncoders = ["qwen_2.5_vl_7b_fp8_scaled.safetensors"], Vae = "qwen_image_vae.safetensors",
        },
        ModelFamily.Wan21 => new(kind == GenerationKind.ImageToVideo ? "wan2.1_i2v_480p_14B_fp16.safetensors" : "wan2.1_t2v_1.3B_fp16.safetensors")
        {
            TextEncoders = ["umt5_xxl_fp8_e4m3fn_scaled.safetensors"], Vae = "wan_2.1_vae.safetensors", ClipVision = "clip_vision_h.safetensors",
        },
        ModelFamily.Wan22 => kind == GenerationKind.ImageToVideo
            ? new("wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors")
            {
                LowNoiseModel = "wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors",
                TextEncoders = ["umt5_xxl_fp8_e4m3fn_scaled.safetensors"], Vae = "wan_2.1_vae.safetensors",
            }
            : new("wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors")
            {
                LowNoiseModel = "wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors",
                TextEncoders = ["umt5_xxl_fp8_e4m3fn_scaled.safetensors"], Vae = "wan_2.1_vae.safetensors",
            },
        ModelFamily.LtxVideo => new("ltx-video-2b-v0.9.5.safetensors") { TextEncoders = ["t5xxl_fp16.safetensors"] },
        _ => new("sd_xl_base_1.0.safetensors"),
    };

    public static readonly string[] LoraFiles =
    [
        "detail_tweaker_xl.safetensors", "SDXL/pixel_art.safetensors", "flux_realism_lora.safetensors", "add_detail.safetensors",
        "wan2.2_i2v_lightx2v_4steps_lora_v1.safetensors",
    ];

    /// <summary>A request from the family's preset with the uploads the kind needs.</summary>
    public static GenerationRequest Request(ModelFamily family, GenerationKind kind, PresetMode mode = PresetMode.Fast, ulong seed = 42) =>
        GenerationRequest.FromPreset(family, mode, kind, ModelsFor(family, kind), "a fox running through snow", seed) with
        {
            InitImage = kind == GenerationKind.ImageToImage ? "input_photo.png" : null,
            Denoise = kind == GenerationKind.ImageToImage ? 0.55 : 1.0,
            StartImage = kind == GenerationKind.ImageToVideo ? "start_frame.png" : null,
        };
}
