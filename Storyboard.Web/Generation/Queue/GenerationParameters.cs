using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// What a job was asked to make, frozen when it was queued (a later edit of the clip's prompt does not change a
/// queued job): the prompts, the seed, the size, and for GPU jobs the model and preset with any overrides.
/// </summary>
public sealed record GenerationParameters
{
    public string Prompt { get; init; } = "";
    public string NegativePrompt { get; init; } = "";
    public ulong Seed { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>The model file on the server (null for a Draft card).</summary>
    public string? Model { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GenerationParameters FromJson(string json) => JsonSerializer.Deserialize<GenerationParameters>(json, Json) ?? new();
}
