namespace Storyboard.Web.Generation.Models;

/// <summary>A base-model family: decides the loaders, the latent node, the presets and what the model makes.</summary>
public enum ModelFamily
{
    Unknown,
    Sd15,
    Sdxl,
    /// <summary>SDXL fine-tunes with their own prompting and clip skip 2: Pony Diffusion, Illustrious, NoobAI.</summary>
    PonyIllustrious,
    Sd35,
    Flux,
    HiDream,
    QwenImage,
    Wan21,
    Wan22,
    LtxVideo,
}

/// <summary>What a family makes.</summary>
public enum MediaKind
{
    Image,
    Video,
}

/// <summary>How a family's weights are usually shipped and so which loader nodes a graph needs.</summary>
public enum ModelLoader
{
    /// <summary>One file in <c>checkpoints/</c> holding model, text encoder and VAE: <c>CheckpointLoaderSimple</c>.</summary>
    Checkpoint,

    /// <summary>A file in <c>diffusion_models/</c> (<c>UNETLoader</c>) plus text encoder(s) and a VAE loaded apart.</summary>
    DiffusionModel,
}
