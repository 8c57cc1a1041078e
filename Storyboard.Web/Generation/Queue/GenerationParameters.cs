using System.Text.Json;
using System.Text.Json.Serialization;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Queue;

/// <summary>One LoRA of a job's chain: its name as the server lists it (with subfolder) and its weight.</summary>
public sealed record LoraChoice(string Name, double Strength = 1.0);

/// <summary>
/// What a job was asked to make, frozen when it was queued (a later edit of the clip's prompt does not change a
/// queued job): the prompts, the seed, the size, and for GPU jobs the model, preset, overrides and source image.
/// Everything a GPU job needs is here, so "again with these settings" copies it and the dispatcher builds the graph
/// from it for whichever server runs it.
/// </summary>
public sealed record GenerationParameters
{
    public string Prompt { get; init; } = "";
    public string NegativePrompt { get; init; } = "";
    public ulong Seed { get; init; }
    /// <summary>The project's size (a Draft card's size); a GPU job uses the preset's bucket nearest its aspect ratio.</summary>
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>The model as "folder/file" the way the model browser keys it, e.g. <c>checkpoints/sdxl.safetensors</c> (null for a Draft card or a custom workflow).</summary>
    public string? Model { get; init; }
    public ModelFamily? Family { get; init; }
    public PresetMode Mode { get; init; }
    /// <summary>Text to image, image to image, text to video or image to video (null for a Draft card).</summary>
    public GenerationKind? Kind { get; init; }
    /// <summary>Companion files of a diffusion model; empty ones are picked from the server's catalogue at dispatch.</summary>
    public IReadOnlyList<string> TextEncoders { get; init; } = [];
    public string? Vae { get; init; }
    public string? ClipVision { get; init; }
    public string? LowNoiseModel { get; init; }
    /// <summary>Overrides of the preset; null keeps the preset's value.</summary>
    public int? Steps { get; init; }
    public double? Cfg { get; init; }
    public double? Denoise { get; init; }
    public int? Frames { get; init; }
    public double? Fps { get; init; }
    public IReadOnlyList<LoraChoice> Loras { get; init; } = [];
    /// <summary>The media hash of the init image (image to image) or start image (image to video), uploaded at dispatch.</summary>
    public string? SourceImageHash { get; init; }
    /// <summary>A custom workflow to run instead of the built-in graph.</summary>
    public int? WorkflowId { get; init; }

    /// <summary>The file name part of <see cref="Model"/> (what the gallery shows and ComfyUI loads).</summary>
    [JsonIgnore]
    public string? ModelFile => Model is null ? null : Model[(Model.IndexOf('/') + 1)..];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GenerationParameters FromJson(string json) => JsonSerializer.Deserialize<GenerationParameters>(json, Json) ?? new();
}
