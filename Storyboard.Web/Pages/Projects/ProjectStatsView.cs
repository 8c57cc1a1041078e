using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

/// <summary>The dashboard's figures; <see cref="OutOfBand"/> when they ride along an htmx answer for another region.</summary>
public sealed record ProjectStatsView(ProjectDetails Project, bool OutOfBand = false)
{
    public string SongLength => Project.SongDurationMicroseconds is long us ? Format.Duration(us) : "No song yet";

    public string Completion => Project.CompletionPercent is int percent
        ? $"{percent}% ({Project.ClipsWithChosenImage} of {Format.Count(Project.ClipCount, "clip")} with a chosen image)"
        : "No clips yet";
}
