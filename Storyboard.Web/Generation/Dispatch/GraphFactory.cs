using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Generation.Dispatch;

/// <summary>A job that cannot be turned into a graph for the server picked, with the reason in the user's words.</summary>
public sealed class GraphRefusedException(string message) : Exception(message);

/// <summary>
/// Turns a queued job's frozen parameters into the API-format graph for one server: the built-in graph of the model's
/// family (preset, overrides, LoRAs, companion files from that server's catalogue) or the user's custom workflow.
/// <paramref name="sourceImage"/> is the name the server gave the uploaded init or start image.
/// </summary>
public static class GraphFactory
{
    public static BuiltWorkflow Build(GenerationParameters p, OutputKind output, int projectWidth, int projectHeight, ObjectInfoCatalog? catalog,
        string? sourceImage, string? customWorkflowJson)
    {
        var built = customWorkflowJson is not null ? Custom(p, customWorkflowJson, catalog, sourceImage) : BuiltIn(p, output, projectWidth, projectHeight, catalog, sourceImage);
        if (catalog is not null && built.Validate(catalog) is { Count: > 0 } problems)
        {
            throw new GraphRefusedException("The server cannot run this graph: " + string.Join(" ", problems.Select(x => x.Message)));
        }
        return built;
    }

    /// <summary>The family the job's model belongs to: the one chosen, else the one its folder and name suggest.</summary>
    public static ModelFamily FamilyOf(GenerationParameters p)
    {
        if (p.Family is { } family && family != ModelFamily.Unknown)
        {
            return family;
        }
        var (folder, file) = Split(p.Model ?? "");
        return ModelFamilies.Detect(folder, file);
    }

    /// <summary>The generation kind: the one asked for, else text to image or text to video by what the job makes.</summary>
    public static GenerationKind KindOf(GenerationParameters p, OutputKind output) =>
        p.Kind ?? (output == OutputKind.Video ? GenerationKind.TextToVideo : GenerationKind.TextToImage);

    private static BuiltWorkflow BuiltIn(GenerationParameters p, OutputKind output, int width, int height, ObjectInfoCatalog? catalog, string? sourceImage)
    {
        if (p.Model is null)
        {
            throw new GraphRefusedException("No model was chosen.");
        }
        var family = FamilyOf(p);
        if (family == ModelFamily.Unknown)
        {
            throw new GraphRefusedException($"The family of {p.ModelFile} is not known: set it in Models.");
        }
        var kind = KindOf(p, output);
        var (folder, file) = Split(p.Model);
        var fromCheckpoints = folder == ModelFolders.Folder(ModelKind.Checkpoint);
        var files = CompanionFiles.Complete(new ModelFiles(file)
        {
            TextEncoders = p.TextEncoders,
            Vae = p.Vae,
            ClipVision = p.ClipVision,
            LowNoiseModel = p.LowNoiseModel,
        }, family, kind, fromCheckpoints, catalog);
        var request = GenerationRequest.FromPreset(family, p.Mode, kind, files, p.Prompt, p.Seed, Math.Max(1, width), Math.Max(1, height));
        var traits = ModelFamilies.Traits(family);
        request = request with
        {
            Negative = p.NegativePrompt.Length > 0 ? p.NegativePrompt : request.Negative,
            Steps = p.Steps ?? request.Steps,
            Cfg = p.Cfg ?? request.Cfg,
            Frames = p.Frames is { } frames && traits.FrameStep > 0 ? traits.NearestValidFrameCount(frames) : request.Frames,
            Fps = p.Fps ?? request.Fps,
            Loras = [.. p.Loras.Select(l => new LoraUse(l.Name, l.Strength, l.Strength))],
            FilenamePrefix = "storyboard/clip",
        };
        if (kind is GenerationKind.ImageToImage)
        {
            request = request with { InitImage = sourceImage ?? throw new GraphRefusedException("Image to image needs a source image."), Denoise = p.Denoise ?? 0.6 };
        }
        if (kind is GenerationKind.ImageToVideo)
        {
            request = request with { StartImage = sourceImage ?? throw new GraphRefusedException("Image to video needs a start image.") };
        }
        if (WorkflowBuilder.Problems(request) is { Count: > 0 } problems)
        {
            throw new GraphRefusedException(string.Join(" ", problems));
        }
        return WorkflowBuilder.Build(request);
    }

    private static BuiltWorkflow Custom(GenerationParameters p, string json, ObjectInfoCatalog? catalog, string? sourceImage)
    {
        try
        {
            var workflow = CustomWorkflow.Parse(json);
            return workflow.Apply(new CustomWorkflowValues
            {
                Prompt = p.Prompt,
                Negative = p.NegativePrompt,
                Seed = p.Seed,
                Width = p.Width > 0 ? p.Width : null,
                Height = p.Height > 0 ? p.Height : null,
                Steps = p.Steps,
                Cfg = p.Cfg,
                Image = sourceImage,
                Frames = p.Frames,
                Fps = p.Fps,
                Loras = [.. p.Loras.Select(l => new LoraUse(l.Name, l.Strength, l.Strength))],
            }, catalog);
        }
        catch (CustomWorkflowException e)
        {
            throw new GraphRefusedException(e.Message);
        }
    }

    private static (string Folder, string File) Split(string key) =>
        key.IndexOf('/') is var slash and > 0 ? (key[..slash], key[(slash + 1)..]) : ("checkpoints", key);
}
