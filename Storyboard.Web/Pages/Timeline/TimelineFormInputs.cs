using System.ComponentModel.DataAnnotations;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>The clip form: times as typed text, turned into frames by <see cref="TimeText"/>.</summary>
public sealed class ClipFormInput
{
    [Required(ErrorMessage = "Name the clip.")]
    [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
    public string Name { get; set; } = "";
    [Display(Name = "Start")]
    public string Start { get; set; } = "";
    [Display(Name = "Length")]
    public string Length { get; set; } = "";
    public int? SceneId { get; set; }
    public string? Lyrics { get; set; }
    [Display(Name = "Image prompt")]
    public string? ImagePrompt { get; set; }
    [Display(Name = "Negative prompt")]
    public string? NegativePrompt { get; set; }
    [Display(Name = "Video prompt")]
    public string? VideoPrompt { get; set; }
    [Display(Name = "Shot size")]
    public ShotSize ShotSize { get; set; }
    [Display(Name = "Camera move")]
    public CameraMove CameraMove { get; set; }
    [Display(Name = "Transition in")]
    public TransitionKind TransitionIn { get; set; }
    [Range(0, 10_000, ErrorMessage = "Use 0 to 10000 frames.")]
    [Display(Name = "Transition length (frames)")]
    public int TransitionFrames { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; }

    public static ClipFormInput From(ClipView clip, FrameRate rate) => new()
    {
        Name = clip.Name, Start = TimeText.Format(clip.StartFrame, rate), Length = TimeText.Format(clip.LengthFrames, rate),
        SceneId = clip.SceneId, Lyrics = clip.Lyrics, ImagePrompt = clip.ImagePrompt, NegativePrompt = clip.NegativePrompt,
        VideoPrompt = clip.VideoPrompt, ShotSize = clip.ShotSize, CameraMove = clip.CameraMove, TransitionIn = clip.TransitionIn,
        TransitionFrames = clip.TransitionFrames, Notes = clip.Notes, Version = clip.Version,
    };

    /// <summary>The service input, or null with the time errors keyed by field.</summary>
    public ClipInput? ToInput(FrameRate rate, long? startOverride, IDictionary<string, string> errors)
    {
        var start = startOverride ?? 0;
        if (startOverride is null && TimeText.TryParse(Start, rate, out start) is { } startError)
        {
            errors[nameof(Start)] = startError;
        }
        if (TimeText.TryParse(Length, rate, out var length) is { } lengthError)
        {
            errors[nameof(Length)] = lengthError;
        }
        return errors.Count > 0 ? null : new ClipInput(Name.Trim(), SceneId, start, length, Lyrics ?? "", ImagePrompt ?? "",
            NegativePrompt ?? "", VideoPrompt ?? "", ShotSize, CameraMove, TransitionIn, TransitionFrames, Notes ?? "");
    }
}

public sealed class SceneFormInput
{
    [Required(ErrorMessage = "Name the scene.")]
    [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Lyrics { get; set; }
    [Display(Name = "Section")]
    public SectionKind Section { get; set; }
    [Display(Name = "Custom label")]
    [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
    public string? CustomSection { get; set; }
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Pick a colour.")]
    [Display(Name = "Colour")]
    public string Color { get; set; } = "#4f7cac";
    public string? Notes { get; set; }
    public string Start { get; set; } = "";
    public string Length { get; set; } = "";
    public int Version { get; set; }

    public static SceneFormInput From(SceneView scene, FrameRate rate) => new()
    {
        Name = scene.Name, Description = scene.Description, Lyrics = scene.Lyrics, Section = scene.Section,
        CustomSection = scene.CustomSection, Color = string.IsNullOrEmpty(scene.Color) ? "#4f7cac" : scene.Color, Notes = scene.Notes,
        Start = TimeText.Format(scene.StartFrame, rate), Length = TimeText.Format(scene.LengthFrames, rate), Version = scene.Version,
    };

    public SceneInput? ToInput(FrameRate rate, long? startOverride, IDictionary<string, string> errors)
    {
        var start = startOverride ?? 0;
        if (startOverride is null && TimeText.TryParse(Start, rate, out start) is { } startError)
        {
            errors[nameof(Start)] = startError;
        }
        if (TimeText.TryParse(Length, rate, out var length) is { } lengthError)
        {
            errors[nameof(Length)] = lengthError;
        }
        return errors.Count > 0 ? null : new SceneInput(Name.Trim(), Description ?? "", Lyrics ?? "", Section, CustomSection ?? "",
            Color, Notes ?? "", start, length);
    }
}

/// <summary>The small time forms of the details panel and the clip list (move, trim, split, ripple, batch).</summary>
public sealed class TimeEditInput
{
    public string? By { get; set; }
    public string? To { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? At { get; set; }
    public string? From { get; set; }
}

/// <summary>"Your values" beside "Current values" after a refused concurrent save.</summary>
public sealed record ConflictView(string Message, IReadOnlyList<(string Field, string Yours, string Current)> Rows)
{
    public static ConflictView ForClip(string message, ClipFormInput yours, ClipView current, FrameRate rate) => new(message, [
        ("Name", yours.Name, current.Name),
        ("Start", yours.Start, TimeText.Format(current.StartFrame, rate)),
        ("Length", yours.Length, TimeText.Format(current.LengthFrames, rate)),
        ("Lyrics", yours.Lyrics ?? "", current.Lyrics),
        ("Image prompt", yours.ImagePrompt ?? "", current.ImagePrompt),
        ("Notes", yours.Notes ?? "", current.Notes),
    ]);

    public static ConflictView ForScene(string message, SceneFormInput yours, SceneView current, FrameRate rate) => new(message, [
        ("Name", yours.Name, current.Name),
        ("Start", yours.Start, TimeText.Format(current.StartFrame, rate)),
        ("Length", yours.Length, TimeText.Format(current.LengthFrames, rate)),
        ("Description", yours.Description ?? "", current.Description),
        ("Lyrics", yours.Lyrics ?? "", current.Lyrics),
        ("Notes", yours.Notes ?? "", current.Notes),
    ]);
}

/// <summary>What the clip and scene form partials need besides the input: where they post and what to offer.</summary>
public sealed record FormView<TInput>(
    TInput Input, string Prefix, string Handler, string FormId, string Title, string SubmitLabel,
    Dictionary<string, string> Route, IReadOnlyList<SceneView> Scenes, IReadOnlyList<string> Errors, ConflictView? Conflict, string? SuggestedStartText, long? SuggestedStart,
    /// <summary>The start field shows the playhead (a new item's form before anything was typed into it).</summary>
    bool FollowsPlayhead = false);

public static class EnumOptions
{
    /// <summary>"ExtremeCloseUp" → "Extreme close up", for selects.</summary>
    public static IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Of<T>(T selected) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(Label(v.ToString()), v.ToString(), v.Equals(selected))).ToList();

    public static string Label(string name)
    {
        var spaced = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ");
        return spaced.Length == 0 ? spaced : spaced[0] + spaced[1..].ToLowerInvariant();
    }
}

/// <summary>The lyrics box under the clip list: pasted LRC (made into clips) or plain lines (spread over the picked clips).</summary>
public sealed class LyricsFormInput
{
    [Display(Name = "Paste lyrics")]
    public string? Text { get; set; }
}
