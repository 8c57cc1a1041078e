using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.DraftCards;

/// <summary>
/// What a draft card shows for one clip take. Texts are shown as given (empty ones are left out); the shot size and
/// camera move also choose the frame's schematic. <see cref="AccentColor"/> is the scene's "#rrggbb" (an unreadable
/// or missing value falls back to Storyboard's blue).
/// </summary>
public sealed record DraftCard
{
    public string ProjectName { get; init; } = "";
    public string SceneName { get; init; } = "";
    /// <summary>The clip's name with its take, as the timeline shows it: "Intro shot A1".</summary>
    public string ClipName { get; init; } = "";
    /// <summary>"Main take", "A1"… (left out when empty).</summary>
    public string TakeLabel { get; init; } = "";
    public ShotSize ShotSize { get; init; } = ShotSize.Unset;
    public CameraMove CameraMove { get; init; } = CameraMove.Static;
    /// <summary>"Cut", "Dissolve 12f"… (left out when empty).</summary>
    public string Transition { get; init; } = "";
    /// <summary>Timecode at the project's rate: "00:00:12:04".</summary>
    public string TimecodeIn { get; init; } = "";
    public string TimecodeOut { get; init; } = "";
    /// <summary>"3.2 s", "77f"…</summary>
    public string Duration { get; init; } = "";
    public string Prompt { get; init; } = "";
    public string NegativePrompt { get; init; } = "";
    public string Lyrics { get; init; } = "";
    public string Notes { get; init; } = "";
    public string? AccentColor { get; init; }
}
