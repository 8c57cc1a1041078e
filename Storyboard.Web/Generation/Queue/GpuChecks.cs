using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Dispatch;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Queue;

/// <summary>What is checked before a GPU job is queued, so a job that could never run is refused with a reason at once.</summary>
public static class GpuChecks
{
    /// <summary>
    /// Adds a message to <paramref name="errors"/> per problem and returns what the job makes: a custom workflow's
    /// kind, or what the model's family makes (a Wan model makes videos whatever was asked).
    /// </summary>
    public static async Task<OutputKind> OutputAsync(StoryboardDbContext db, GenerationParameters gpu, OutputKind asked, string? chosenImageHash,
        Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (gpu.Kind is GenerationKind.ImageToImage or GenerationKind.ImageToVideo && chosenImageHash is null)
        {
            errors["SourceImage"] = "Choose an image for this clip first: image to image and image to video start from it.";
        }
        if (gpu.WorkflowId is { } workflowId)
        {
            var kind = await db.CustomWorkflows.AsNoTracking().Where(w => w.Id == workflowId).Select(w => (OutputKind?)w.Kind).SingleOrDefaultAsync(cancellationToken);
            if (kind is null)
            {
                errors["WorkflowId"] = "That custom workflow does not exist.";
            }
            return kind ?? asked;
        }
        if (gpu.Model is null)
        {
            errors["Model"] = "Choose a model (or a custom workflow).";
            return asked;
        }
        var family = await FamilyAsync(db, gpu, cancellationToken);
        if (family == ModelFamily.Unknown)
        {
            errors["Model"] = $"Storyboard cannot tell which family {gpu.ModelFile} belongs to: set it on the Models page.";
            return asked;
        }
        var traits = ModelFamilies.Traits(family);
        var generationKind = gpu.Kind ?? (traits.MakesVideo ? GenerationKind.TextToVideo : GenerationKind.TextToImage);
        if (!traits.Supports(generationKind))
        {
            errors["Kind"] = $"{ModelFolders.Label(family)} makes {(traits.MakesVideo ? "videos" : "images")}: choose {(traits.MakesVideo ? "text or image to video" : "text or image to image")}.";
        }
        return traits.MakesVideo ? OutputKind.Video : OutputKind.Image;
    }

    /// <summary>The family of the job's model: chosen in the form, else set by a user on the Models page, else guessed from its name.</summary>
    public static async Task<ModelFamily> FamilyAsync(StoryboardDbContext db, GenerationParameters gpu, CancellationToken cancellationToken)
    {
        if (gpu.Family is { } chosen && chosen != ModelFamily.Unknown)
        {
            return chosen;
        }
        var set = gpu.Model is null ? null
            : await db.ModelFamilyOverrides.AsNoTracking().Where(o => o.ModelKey == gpu.Model).Select(o => o.Family).SingleOrDefaultAsync(cancellationToken);
        return Enum.TryParse<ModelFamily>(set, out var family) ? family : GraphFactory.FamilyOf(gpu);
    }
}
