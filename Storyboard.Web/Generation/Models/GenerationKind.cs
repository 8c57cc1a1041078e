namespace Storyboard.Web.Generation.Models;

/// <summary>What one generation makes from what.</summary>
public enum GenerationKind
{
    TextToImage,
    ImageToImage,
    TextToVideo,
    ImageToVideo,
}

/// <summary>The two presets each family has.</summary>
public enum PresetMode
{
    Fast,
    Quality,
}
