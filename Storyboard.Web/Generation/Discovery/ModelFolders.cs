using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Discovery;

/// <summary>ComfyUI's model folders, for family detection and for people.</summary>
public static class ModelFolders
{
    public static string Folder(ModelKind kind) => kind switch
    {
        ModelKind.Checkpoint => "checkpoints",
        ModelKind.DiffusionModel => "diffusion_models",
        ModelKind.Lora => "loras",
        ModelKind.Vae => "vae",
        ModelKind.TextEncoder => "text_encoders",
        ModelKind.ClipVision => "clip_vision",
        ModelKind.UpscaleModel => "upscale_models",
        _ => "controlnet",
    };

    public static string Label(ModelKind kind) => kind switch
    {
        ModelKind.Checkpoint => "Checkpoint",
        ModelKind.DiffusionModel => "Diffusion model",
        ModelKind.Lora => "LoRA",
        ModelKind.Vae => "VAE",
        ModelKind.TextEncoder => "Text encoder",
        ModelKind.ClipVision => "CLIP vision",
        ModelKind.UpscaleModel => "Upscaler",
        _ => "ControlNet",
    };

    public static string Label(ModelFamily family) => family switch
    {
        ModelFamily.Sd15 => "SD 1.5",
        ModelFamily.Sdxl => "SDXL",
        ModelFamily.PonyIllustrious => "Pony / Illustrious",
        ModelFamily.Sd35 => "SD 3.5",
        ModelFamily.Flux => "Flux",
        ModelFamily.HiDream => "HiDream",
        ModelFamily.QwenImage => "Qwen-Image",
        ModelFamily.Wan21 => "Wan 2.1",
        ModelFamily.Wan22 => "Wan 2.2",
        ModelFamily.LtxVideo => "LTX-Video",
        _ => "Unknown",
    };
}
