using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.ComfyUi;

public static partial class WorkflowBuilder
{
    /// <summary>Text- or image-to-image for every image family (§4.2–4.5 of the protocol notes).</summary>
    static string BuildImage(GraphWriter g, GenerationRequest r)
    {
        var loaded = LoadModels(g, r);
        var (model, clip) = ChainLoras(g, r, loaded.Model, loaded.Clip);
        model = ApplyShift(g, r, model);
        if (r.ClipSkip is { } skip && skip < -1)
        {
            clip = new(g.Add("CLIPSetLastLayer", ("clip", clip), ("stop_at_clip_layer", skip)), 0);
        }
        var (positive, negative) = Encode(g, r, clip);
        if (r.Family == ModelFamily.Flux && r.Guidance is { } guidance)
        {
            positive = new(g.Add("FluxGuidance", ("conditioning", positive), ("guidance", guidance)), 0);
        }

        NodeOutput latent;
        var denoise = 1.0;
        if (r.Kind == GenerationKind.ImageToImage)
        {
            var pixels = LoadImage(g, r.InitImage!);
            latent = new(g.Add("VAEEncode", ("pixels", pixels), ("vae", loaded.Vae)), 0);
            if (r.BatchSize > 1)
            {
                latent = new(g.Add("RepeatLatentBatch", ("samples", latent), ("amount", r.BatchSize)), 0);
            }
            denoise = r.Denoise;
        }
        else
        {
            var emptyLatent = ModelFamilies.Traits(r.Family).Loader == ModelLoader.Checkpoint ? "EmptyLatentImage" : "EmptySD3LatentImage";
            latent = new(g.Add(emptyLatent, ("width", r.Width), ("height", r.Height), ("batch_size", r.BatchSize)), 0);
        }

        NodeOutput samples;
        if (r.Refiner is { } refiner)
        {
            // ComfyUI's own SDXL refiner graph: base 0→switch keeps its leftover noise, the refiner finishes switch→end.
            var refinerCkpt = g.Add("CheckpointLoaderSimple", ("ckpt_name", refiner.Model));
            var (refinerPositive, refinerNegative) = Encode(g, r, new NodeOutput(refinerCkpt, 1));
            var baseSamples = KSamplerAdvanced(g, r, model, positive, negative, latent, 0, refiner.SwitchAtStep, first: true);
            samples = KSamplerAdvanced(g, r, new(refinerCkpt, 0), refinerPositive, refinerNegative, baseSamples,
                refiner.SwitchAtStep, 10000, first: false);
            var refinedImage = DecodeAndUpscale(g, r, samples, new NodeOutput(refinerCkpt, 2));
            return g.Add("SaveImage", ("images", refinedImage), ("filename_prefix", r.FilenamePrefix));
        }
        samples = KSampler(g, r, model, positive, negative, latent, denoise);
        var image = DecodeAndUpscale(g, r, samples, loaded.Vae);
        return g.Add("SaveImage", ("images", image), ("filename_prefix", r.FilenamePrefix));
    }
}
