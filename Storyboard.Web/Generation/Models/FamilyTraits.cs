namespace Storyboard.Web.Generation.Models;

/// <summary>
/// The fixed facts about a family the builder and the UI need. <see cref="TextEncoderCount"/> is how many text encoder
/// files a split (diffusion-model) install needs, <see cref="ClipType"/> the <c>type</c> given to the CLIP loader,
/// <see cref="FrameStep"/> the video length rule (frames = step·n + 1), 0 for image families.
/// </summary>
public sealed record FamilyTraits(
    ModelFamily Family,
    string DisplayName,
    MediaKind Makes,
    ModelLoader Loader,
    int TextEncoderCount,
    string? ClipType,
    int FrameStep,
    int SizeMultiple)
{
    public bool MakesVideo => Makes == MediaKind.Video;

    /// <summary>
    /// Whether LoRAs also patch the text encoder (<c>LoraLoader</c>, model and clip rewired) or only the diffusion model
    /// (<c>LoraLoaderModelOnly</c>): Wan, HiDream, Qwen-Image and LTX LoRAs are model-only.
    /// </summary>
    public bool LorasUseClip => Family is ModelFamily.Sd15 or ModelFamily.Sdxl or ModelFamily.PonyIllustrious
        or ModelFamily.Sd35 or ModelFamily.Flux or ModelFamily.Unknown;

    /// <summary>Whether the model can come as one checkpoint file (model, text encoders and VAE inside).</summary>
    public bool AllowsSingleFile => Loader == ModelLoader.Checkpoint && Family != ModelFamily.LtxVideo
        || Family is ModelFamily.Flux or ModelFamily.Sd35;

    /// <summary>The generation kinds the workflow builder supports for this family.</summary>
    public IReadOnlyList<GenerationKind> Kinds => Family switch
    {
        ModelFamily.Unknown => [],
        _ when MakesVideo => [GenerationKind.TextToVideo, GenerationKind.ImageToVideo],
        _ => [GenerationKind.TextToImage, GenerationKind.ImageToImage],
    };

    public bool Supports(GenerationKind kind) => Kinds.Contains(kind);

    /// <summary>Whether <paramref name="frames"/> is a length the family's video latent accepts (4n+1 for Wan, 8n+1 for LTX).</summary>
    public bool IsValidFrameCount(int frames) => FrameStep > 0 && frames >= 1 && (frames - 1) % FrameStep == 0;

    /// <summary>The nearest valid frame count not below one (rounds half up).</summary>
    public int NearestValidFrameCount(int frames)
    {
        if (FrameStep == 0)
        {
            return 1;
        }
        var n = (int)Math.Round(Math.Max(0, frames - 1) / (double)FrameStep, MidpointRounding.AwayFromZero);
        return n * FrameStep + 1;
    }
}
