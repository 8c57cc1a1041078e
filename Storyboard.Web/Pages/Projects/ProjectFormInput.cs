using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Storyboard.Web.Domain;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

/// <summary>The project form, shared by Create and Edit.</summary>
public sealed class ProjectFormInput
{
    public const string Custom = "custom";

    [Required(ErrorMessage = "Give the project a name.")]
    [StringLength(ProjectRules.MaxNameLength, ErrorMessage = "Use at most 200 characters.")]
    public string Name { get; set; } = "";

    [StringLength(ProjectRules.MaxDescriptionLength, ErrorMessage = "Use at most 4000 characters.")]
    public string? Description { get; set; }

    [Display(Name = "Frame rate")]
    public string FrameRate { get; set; } = Domain.FrameRate.Fps24.Label;

    [Display(Name = "Resolution")]
    public string ResolutionPreset { get; set; } = "1920x1080";

    [Display(Name = "Custom width")]
    public int? Width { get; set; }

    [Display(Name = "Custom height")]
    public int? Height { get; set; }

    public static ProjectFormInput From(ProjectDetails project)
    {
        var resolution = new Resolution(project.Width, project.Height);
        var preset = Resolution.Presets.Any(p => p.Value == resolution) ? resolution.Key : Custom;
        return new ProjectFormInput
        {
            Name = project.Name,
            Description = project.Description,
            FrameRate = project.FrameRate,
            ResolutionPreset = preset,
            Width = preset == Custom ? project.Width : null,
            Height = preset == Custom ? project.Height : null,
        };
    }

    public ProjectSettings ToSettings()
    {
        var preset = Resolution.Presets.FirstOrDefault(p => p.Key == ResolutionPreset);
        var (width, height) = preset.Key is null ? (Width ?? 0, Height ?? 0) : (preset.Value.Width, preset.Value.Height);
        return new ProjectSettings(Name, Description ?? "", FrameRate, width, height);
    }

    /// <summary>Puts the service's errors on the form's fields.</summary>
    public static void AddErrors(ModelStateDictionary modelState, ProjectResult result, string prefix)
    {
        foreach (var (key, message) in result.Errors)
        {
            var field = key switch
            {
                "" => "",
                nameof(ProjectSettings.Width) => $"{prefix}.{nameof(Width)}",
                nameof(ProjectSettings.Height) => $"{prefix}.{nameof(Height)}",
                _ => $"{prefix}.{key}",
            };
            modelState.AddModelError(field, message);
        }
    }
}
