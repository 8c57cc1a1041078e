using Storyboard.Web.Domain;

namespace Storyboard.Web.Projects;

/// <summary>What a user sets on a project: the form and the API both come down to this.</summary>
public sealed record ProjectSettings(string Name, string Description, string FrameRate, int Width, int Height);

/// <summary>Field-keyed validation errors from a project change, or the project id on success.</summary>
public sealed record ProjectResult(int? ProjectId, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
    public static ProjectResult Ok(int id) => new(id, new Dictionary<string, string>());
    public static ProjectResult Invalid(IReadOnlyDictionary<string, string> errors) => new(null, errors);
    public static ProjectResult NotFound() => new(null, new Dictionary<string, string> { [""] = "That project does not exist or is in the Trash." });
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
