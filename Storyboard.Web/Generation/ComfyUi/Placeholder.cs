namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// The placeholders a custom workflow may hold in its string input values, written <c>{{prompt}}</c>, <c>{{seed}}</c>, ….
/// Number placeholders (<see cref="IsNumber"/>) that are a whole value become JSON numbers when applied (the seed an
/// exact unsigned 64-bit integer); inside longer text they are written as text.
/// </summary>
public enum Placeholder
{
    Prompt,
    Negative,
    Seed,
    Width,
    Height,
    Steps,
    Cfg,
    Image,
    Frames,
    Fps,
    Loras,
}

/// <summary>Where one placeholder sits: node, input, and whether it is the input's whole value.</summary>
public sealed record PlaceholderUse(string NodeId, string Input, Placeholder Placeholder, bool WholeValue);

public static class PlaceholderExtensions
{
    public static string Token(this Placeholder placeholder) => "{{" + placeholder.ToString().ToLowerInvariant() + "}}";

    public static bool IsNumber(this Placeholder placeholder) => placeholder is Placeholder.Seed or Placeholder.Width
        or Placeholder.Height or Placeholder.Steps or Placeholder.Cfg or Placeholder.Frames or Placeholder.Fps;

    /// <summary>True for placeholders that become integers (all numbers but cfg and fps).</summary>
    public static bool IsInteger(this Placeholder placeholder) => placeholder.IsNumber() && placeholder is not (Placeholder.Cfg or Placeholder.Fps);
}

/// <summary>The values a custom workflow is filled with for one job. Values for placeholders the workflow lacks are ignored.</summary>
public sealed record CustomWorkflowValues
{
    public required string Prompt { get; init; }
    public string Negative { get; init; } = "";
    public ulong Seed { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public int? Steps { get; init; }
    public double? Cfg { get; init; }

    /// <summary>The uploaded image's name as <c>/upload/image</c> returned it.</summary>
    public string? Image { get; init; }

    public int? Frames { get; init; }
    public double? Fps { get; init; }
    public IReadOnlyList<LoraUse> Loras { get; init; } = [];
}

/// <summary>A custom workflow that cannot be used as uploaded, or cannot be filled with the values given.</summary>
public sealed class CustomWorkflowException(string message) : FormatException(message);
