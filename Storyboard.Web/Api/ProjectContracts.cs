using System.ComponentModel;
using Storyboard.Web.Domain;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Api;

/// <summary>The body of POST /api/v1/projects and PUT /api/v1/projects/{id}.</summary>
public sealed record SaveProjectInput(
    [property: Description("Required; at most 200 characters.")] string? Name,
    [property: Description("Optional; at most 4000 characters. PUT replaces it, so leaving it out empties it.")] string? Description = null,
    [property: Description("One of 23.976, 24, 25, 29.97, 30, 50, 59.94, 60. POST defaults to 24; PUT requires it.")] string? FrameRate = null,
    [property: Description("Even, 64–8192. POST defaults to 1920; PUT requires it.")] int? Width = null,
    [property: Description("Even, 64–8192. POST defaults to 1080; PUT requires it.")] int? Height = null)
{
    /// <summary>A new project: what is left out takes the project form's defaults (24 fps, 1920 × 1080).</summary>
    public ProjectSettings ToNewSettings()
    {
        var size = Resolution.Presets[0].Value;
        return new(Name ?? "", Description ?? "", FrameRate ?? Domain.FrameRate.Fps24.Label, Width ?? size.Width, Height ?? size.Height);
    }

    /// <summary>A full replacement: what is left out is invalid (the service says why), except the description.</summary>
    public ProjectSettings ToReplacementSettings() =>
        new(Name ?? "", Description ?? "", FrameRate ?? "", Width ?? 0, Height ?? 0);
}

/// <summary>A project as the API shows it.</summary>
public sealed record ProjectView(
    int Id,
    string Name,
    string Description,
    [property: Description("Frames per second, as a label: \"23.976\", \"24\", \"29.97\"…")] string FrameRate,
    int Width,
    int Height,
    [property: Description("Length of the project's song in seconds, or null when it has none yet.")] double? SongDurationSeconds,
    int ClipCount,
    [property: Description("Number of scenes; given when reading one project, null in lists.")] int? SceneCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("When the project was moved to the Trash; null unless it is there.")] DateTimeOffset? DeletedAt)
{
    public static ProjectView From(ProjectRow row) => new(
        row.Id, row.Name, row.Description, row.FrameRate, row.Width, row.Height, Seconds(row.SongDurationMicroseconds),
        row.ClipCount, null, row.CreatedAt, row.UpdatedAt, row.DeletedAt);

    public static ProjectView From(ProjectDetails project) => new(
        project.Id, project.Name, project.Description, project.FrameRate, project.Width, project.Height,
        Seconds(project.SongDurationMicroseconds), project.ClipCount, project.SceneCount, project.CreatedAt, project.UpdatedAt, null);

    private static double? Seconds(long? microseconds) =>
        microseconds is { } value ? Math.Round(value / 1_000_000.0, 3) : null;
}

/// <summary>The user an API token acts as.</summary>
public sealed record MeView(string UserName, string DisplayName, [property: Description("Admin, Editor or Viewer.")] string Role);
