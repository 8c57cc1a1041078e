using System.Text.RegularExpressions;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Timeline;

/// <summary>Field checks of scene and clip inputs, keyed by input property name; lengths match the EF configuration.</summary>
public static partial class TimelineValidation
{
    public const int NameMax = 200;
    public const int SceneDescriptionMax = 4000;
    public const int SceneLyricsMax = 10000;
    public const int CustomSectionMax = 50;
    public const int TextMax = 4000;

    public static Dictionary<string, string> Validate(SceneInput input, FrameRate rate)
    {
        var errors = new Dictionary<string, string>();
        CheckName(errors, nameof(SceneInput.Name), input.Name);
        CheckLength(errors, nameof(SceneInput.Description), input.Description, SceneDescriptionMax);
        CheckLength(errors, nameof(SceneInput.Lyrics), input.Lyrics, SceneLyricsMax);
        CheckLength(errors, nameof(SceneInput.CustomSection), input.CustomSection, CustomSectionMax);
        CheckLength(errors, nameof(SceneInput.Notes), input.Notes, TextMax);
        if (!Enum.IsDefined(input.Section))
        {
            errors[nameof(SceneInput.Section)] = "Choose a section.";
        }
        else if (input.Section == SectionKind.Custom && string.IsNullOrWhiteSpace(input.CustomSection))
        {
            errors[nameof(SceneInput.CustomSection)] = "Name the custom section.";
        }
        if (input.Color is null || !ColorPattern().IsMatch(input.Color))
        {
            errors[nameof(SceneInput.Color)] = "A colour is written #rrggbb.";
        }
        CheckSpan(errors, input.StartFrame, input.LengthFrames, rate);
        return errors;
    }

    public static Dictionary<string, string> Validate(ClipInput input, FrameRate rate)
    {
        var errors = new Dictionary<string, string>();
        CheckName(errors, nameof(ClipInput.Name), input.Name);
        CheckLength(errors, nameof(ClipInput.Lyrics), input.Lyrics, TextMax);
        CheckLength(errors, nameof(ClipInput.ImagePrompt), input.ImagePrompt, TextMax);
        CheckLength(errors, nameof(ClipInput.NegativePrompt), input.NegativePrompt, TextMax);
        CheckLength(errors, nameof(ClipInput.VideoPrompt), input.VideoPrompt, TextMax);
        CheckLength(errors, nameof(ClipInput.Notes), input.Notes, TextMax);
        if (!Enum.IsDefined(input.ShotSize))
        {
            errors[nameof(ClipInput.ShotSize)] = "Choose a shot size.";
        }
        if (!Enum.IsDefined(input.CameraMove))
        {
            errors[nameof(ClipInput.CameraMove)] = "Choose a camera move.";
        }
        if (!Enum.IsDefined(input.TransitionIn))
        {
            errors[nameof(ClipInput.TransitionIn)] = "Choose a transition.";
        }
        else if (input.TransitionFrames < 0)
        {
            errors[nameof(ClipInput.TransitionFrames)] = "A transition cannot last less than no time.";
        }
        else if (input.TransitionIn == TransitionKind.Cut && input.TransitionFrames != 0)
        {
            errors[nameof(ClipInput.TransitionFrames)] = "A cut has no duration.";
        }
        else if (input.TransitionFrames > input.LengthFrames)
        {
            errors[nameof(ClipInput.TransitionFrames)] = "The transition cannot be longer than the clip.";
        }
        CheckSpan(errors, input.StartFrame, input.LengthFrames, rate);
        return errors;
    }

    private static void CheckName(Dictionary<string, string> errors, string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors[field] = "Give it a name.";
        }
        else if (name.Trim().Length > NameMax)
        {
            errors[field] = $"Keep the name within {NameMax} characters.";
        }
    }

    private static void CheckLength(Dictionary<string, string> errors, string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            errors[field] = $"Keep this within {max} characters.";
        }
    }

    private static void CheckSpan(Dictionary<string, string> errors, long start, long length, FrameRate rate)
    {
        if (TimelineRules.CheckSpan(new FrameSpan(start, length), rate) is { } problem)
        {
            errors[start < 0 ? "StartFrame" : "LengthFrames"] = problem;
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
