using System.Globalization;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// Builds ComfyUI API-format graphs from a <see cref="GenerationRequest"/> with core nodes only. Checkpoint families
/// (SD1.5, SDXL, Pony/Illustrious, single-file Flux/SD3.5) load with <c>CheckpointLoaderSimple</c>; split families with
/// <c>UNETLoader</c> + <c>CLIPLoader</c>/<c>DualCLIPLoader</c>/<c>TripleCLIPLoader</c>/<c>QuadrupleCLIPLoader</c> +
/// <c>VAELoader</c>. The builder checks the request (<see cref="Problems"/>) but not the server: run
/// <see cref="WorkflowValidator.Validate"/> against the server's catalogue before queueing.
/// </summary>
public static partial class WorkflowBuilder
{
    /// <summary>Builds the graph.</summary>
    /// <exception cref="InvalidGenerationRequestException">The request has problems (see <see cref="Problems"/>).</exception>
    public static BuiltWorkflow Build(GenerationRequest request)
    {
        var problems = Problems(request);
        if (problems.Count > 0)
        {
            throw new InvalidGenerationRequestException(problems);
        }
        var g = new GraphWriter();
        var traits = ModelFamilies.Traits(request.Family);
        var saveId = request.Family switch
        {
            ModelFamily.Wan21 or ModelFamily.Wan22 => BuildWan(g, request),
            ModelFamily.LtxVideo => BuildLtx(g, request),
            _ => BuildImage(g, request),
        };
        return new BuiltWorkflow(g.Graph, [saveId], traits.Makes);
    }

    /// <summary>Every reason the request cannot be built, as sentences; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(GenerationRequest r)
    {
        var traits = ModelFamilies.Traits(r.Family);
        var name = traits.DisplayName;
        var p = new List<string>();
        if (r.Family == ModelFamily.Unknown)
        {
            p.Add("The model's family is unknown; choose it before generating.");
            return p;
        }
        if (!traits.Supports(r.Kind))
        {
            p.Add($"{name} makes {(traits.MakesVideo ? "video" : "images")}, so it cannot do {Describe(r.Kind)}.");
        }
        if (string.IsNullOrWhiteSpace(r.Prompt))
        {
            p.Add("A prompt is required.");
        }
        if (string.IsNullOrWhiteSpace(r.Models.Model))
        {
            p.Add("A model file is required.");
        }
        if (r.Width <= 0 || r.Height <= 0 || r.Width % traits.SizeMultiple != 0 || r.Height % traits.SizeMultiple != 0)
        {
            p.Add($"{r.Width}×{r.Height} is not a size {name} accepts: width and height must be positive multiples of {traits.SizeMultiple}.");
        }
        if (r.Steps < 1)
        {
            p.Add("Steps must be at least 1.");
        }
        if (r.Cfg is < 0 or > 100 || double.IsNaN(r.Cfg))
        {
            p.Add("CFG must be between 0 and 100.");
        }
        if (r.BatchSize is < 1 or > 64)
        {
            p.Add("The batch size must be between 1 and 64.");
        }
        if (string.IsNullOrWhiteSpace(r.Sampler) || string.IsNullOrWhiteSpace(r.Scheduler))
        {
            p.Add("A sampler and a scheduler are required.");
        }
        AddModelProblems(r, traits, p);
        if (r.Kind == GenerationKind.ImageToImage)
        {
            if (string.IsNullOrWhiteSpace(r.InitImage))
            {
                p.Add("Image-to-image needs an uploaded init image.");
            }
            if (r.Denoise is <= 0 or > 1 || double.IsNaN(r.Denoise))
            {
                p.Add("Denoise must be more than 0 and at most 1.");
            }
        }
        if (r.Kind == GenerationKind.ImageToVideo && string.IsNullOrWhiteSpace(r.StartImage))
        {
            p.Add("Image-to-video needs an uploaded start image.");
        }
        if (traits.MakesVideo)
        {
            if (!traits.IsValidFrameCount(r.Frames))
            {
                p.Add($"{r.Frames} frames is not a length {name} accepts: use {traits.FrameStep}n+1 " +
                      $"(e.g. {traits.NearestValidFrameCount(r.Frames)}).");
            }
            if (r.Fps is <= 0 or > 120 || double.IsNaN(r.Fps))
            {
                p.Add("The frame rate must be more than 0 and at most 120 fps.");
            }
        }
        if (r.Refiner is { } refiner)
        {
            if (r.Family is not (ModelFamily.Sdxl or ModelFamily.PonyIllustrious) || r.Kind != GenerationKind.TextToImage)
            {
                p.Add("A refiner is only supported for SDXL text-to-image.");
            }
            if (refiner.SwitchAtStep < 1 || refiner.SwitchAtStep >= r.Steps)
            {
                p.Add($"The refiner must take over after step 1 and before the last step ({r.Steps}).");
            }
            if (string.IsNullOrWhiteSpace(refiner.Model))
            {
                p.Add("The refiner needs a checkpoint file.");
            }
        }
        if (r.Upscale is { } up && (up.Factor is <= 0 or > 8 || double.IsNaN(up.Factor)))
        {
            p.Add("The upscale factor must be more than 0 and at most 8.");
        }
        for (var i = 0; i < r.Loras.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(r.Loras[i].Name))
            {
                p.Add($"LoRA {i + 1} has no file name.");
            }
        }
        return p;
    }

    static void AddModelProblems(GenerationRequest r, FamilyTraits traits, List<string> p)
    {
        var m = r.Models;
        var name = traits.DisplayName;
        if (r.Family == ModelFamily.LtxVideo)
        {
            if (m.TextEncoders.Count != 1)
            {
                p.Add($"{name} needs its checkpoint and 1 text encoder file (t5xxl).");
            }
            return;
        }
        if (m.IsSingleFile)
        {
            if (!traits.AllowsSingleFile)
            {
                p.Add($"{name} is a diffusion model: it needs {traits.TextEncoderCount} text encoder file(s) and a VAE.");
            }
        }
        else
        {
            var allowed = r.Family == ModelFamily.Sd35 ? [2, 3] : new[] { traits.TextEncoderCount };
            if (traits.Loader == ModelLoader.Checkpoint || !allowed.Contains(m.TextEncoders.Count))
            {
                p.Add(traits.Loader == ModelLoader.Checkpoint
                    ? $"{name} loads from one checkpoint; leave the text encoders empty."
                    : $"{name} needs {string.Join(" or ", allowed)} text encoder file(s); got {m.TextEncoders.Count}.");
            }
            if (string.IsNullOrWhiteSpace(m.Vae))
            {
                p.Add($"{name} loaded from a diffusion model needs a VAE file.");
            }
        }
        if (r.Family == ModelFamily.Wan21 && r.Kind == GenerationKind.ImageToVideo && string.IsNullOrWhiteSpace(m.ClipVision))
        {
            p.Add("Wan 2.1 image-to-video needs a CLIP vision file (clip_vision_h).");
        }
        if (m.LowNoiseModel is not null && (r.Family != ModelFamily.Wan22 || r.Steps < 2))
        {
            p.Add("A low-noise model is only used by Wan 2.2 14B, with at least 2 steps.");
        }
    }

    static string Describe(GenerationKind kind) => kind switch
    {
        GenerationKind.TextToImage => "text-to-image",
        GenerationKind.ImageToImage => "image-to-image",
        GenerationKind.TextToVideo => "text-to-video",
        _ => "image-to-video",
    };

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
