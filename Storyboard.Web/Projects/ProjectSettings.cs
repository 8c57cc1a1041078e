using Storyboard.Web.Domain;

namespace Storyboard.Web.Projects;

/// <summary>What a user sets on a project: the form and the API both come down to this.</summary>
public sealed record ProjectSettings(string Name, string Description, string FrameRate, int Width, int Height);

/// <summary>
/// Field-keyed validation errors from a project change, or the project id on success; when the frame rate changed,
/// what that did to the timeline.
/// </summary>
public sealed record ProjectResult(int? ProjectId, IReadOnlyDictionary<string, string> Errors, FrameRateChange? RateChange = null)
{
    public bool Succeeded => Errors.Count == 0;
    /// <summary>Scenes and clips whose start or end moved in real time when the frame rate changed.</summary>
    public int MovedCount => RateChange?.MovedCount ?? 0;
    public static ProjectResult Ok(int id, FrameRateChange? rateChange = null) => new(id, new Dictionary<string, string>(), rateChange);
    public static ProjectResult Invalid(IReadOnlyDictionary<string, string> errors) => new(null, errors);
    public static ProjectResult NotFound() => new(null, new Dictionary<string, string> { [""] = "That project does not exist or is in the Trash." });
}

/// <summary>
/// A project's frame rate changed: every scene and clip was converted to the nearest frame at <see cref="To"/>;
/// <see cref="MovedClips"/> and <see cref="MovedScenes"/> count the takes whose start or end is now at a different time.
/// </summary>
public sealed record FrameRateChange(FrameRate From, FrameRate To, int MovedClips, int MovedScenes)
{
    public int MovedCount => MovedClips + MovedScenes;

    /// <summary>"12 clips and 3 scenes were moved to the nearest frame at 25 fps." or "Nothing had to move."</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            if (MovedClips > 0)
            {
                parts.Add(MovedClips == 1 ? "1 clip" : $"{MovedClips} clips");
            }
            if (MovedScenes > 0)
            {
                parts.Add(MovedScenes == 1 ? "1 scene" : $"{MovedScenes} scenes");
            }
            return parts.Count == 0
                ? "Nothing had to move."
                : $"{string.Join(" and ", parts)} {(MovedCount == 1 ? "was" : "were")} moved to the nearest frame at {To.Label} fps.";
        }
    }
}

public static class ProjectRules
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    /// <summary>Checks settings; keys are the <see cref="ProjectSettings"/> property names.</summary>
    public static Dictionary<string, string> Validate(ProjectSettings settings, out FrameRate rate)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(settings.Name))
        {
            errors[nameof(ProjectSettings.Name)] = "Give the project a name.";
        }
        else if (settings.Name.Trim().Length > MaxNameLength)
        {
            errors[nameof(ProjectSettings.Name)] = $"Use at most {MaxNameLength} characters.";
        }
        if ((settings.Description ?? "").Length > MaxDescriptionLength)
        {
            errors[nameof(ProjectSettings.Description)] = $"Use at most {MaxDescriptionLength} characters.";
        }
        if (!FrameRate.TryParseLabel(settings.FrameRate, out rate))
        {
            errors[nameof(ProjectSettings.FrameRate)] =
                $"Choose one of {string.Join(", ", FrameRate.Standard.Select(r => r.Label))} frames per second.";
        }
        if (!Resolution.IsValidSide(settings.Width))
        {
            errors[nameof(ProjectSettings.Width)] = $"Width must be an even number from {Resolution.MinSide} to {Resolution.MaxSide}.";
        }
        if (!Resolution.IsValidSide(settings.Height))
        {
            errors[nameof(ProjectSettings.Height)] = $"Height must be an even number from {Resolution.MinSide} to {Resolution.MaxSide}.";
        }
        return errors;
    }
}
