using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.ComfyUi;

public static partial class WorkflowBuilder
{
    /// <summary>
    /// Wan 2.1 and 2.2 text/image-to-video (§4.6). Wan 2.2 with a <see cref="ModelFiles.LowNoiseModel"/> is the 14B pair:
    /// two <c>KSamplerAdvanced</c> passes, high noise for the first half of the steps and low noise for the rest; the
    /// same LoRA chain is applied to both experts. Wan 2.2 without it is the 5B TI2V model on <c>Wan22ImageToVideoLatent</c>.
    /// </summary>
    static string BuildWan(GraphWriter g, GenerationRequest r)
    {
        var m = r.Models;
        var high = ApplyShift(g, r, ChainLoras(g, r, LoadDiffusionModel(g, m.Model, m.WeightDtype), default).Model);
        NodeOutput? low = m.LowNoiseModel is { } lowFile
            ? ApplyShift(g, r, ChainLoras(g, r, LoadDiffusionModel(g, lowFile, m.WeightDtype), default).Model)
            : null;
        var clip = LoadTextEncoders(g, r.Family, m.TextEncoders);
        var vae = LoadVae(g, m.Vae!);
        var (positive, negative) = Encode(g, r, clip);
        var start = r.Kind == GenerationKind.ImageToVideo ? LoadImage(g, r.StartImage!) : (NodeOutput?)null;
        var size = new (string, object)[] { ("width", r.Width), ("height", r.Height), ("length", r.Frames), ("batch_size", r.BatchSize) };

        NodeOutput latent;
        if (r.Family == ModelFamily.Wan22 && low is null)
        {
            var inputs = new List<(string, object)> { ("vae", vae) };
            inputs.AddRange(size);
            if (start is { } image)
            {
                inputs.Add(("start_image", image));
            }
            latent = new(g.Add("Wan22ImageToVideoLatent", [.. inputs]), 0);
        }
        else if (start is { } image)
        {
            var inputs = new List<(string, object)> { ("positive", positive), ("negative", negative), ("vae", vae) };
            if (r.Family == ModelFamily.Wan21)
            {
                var vision = g.Add("CLIPVisionLoader", ("clip_name", m.ClipVision!));
                var encoded = g.Add("CLIPVisionEncode", ("clip_vision", new NodeOutput(vision, 0)), ("image", image), ("crop", "none"));
                inputs.Add(("clip_vision_output", new NodeOutput(encoded, 0)));
            }
            inputs.Add(("start_image", image));
            inputs.AddRange(size);
            var i2v = g.Add("WanImageToVideo", [.. inputs]);
            (positive, negative, latent) = (new(i2v, 0), new(i2v, 1), new(i2v, 2));
        }
        else
        {
            latent = new(g.Add("EmptyHunyuanLatentVideo", size), 0);
        }

        NodeOutput samples;
        if (low is { } lowModel)
        {
            var split = r.Steps / 2;
            var first = KSamplerAdvanced(g, r, high, positive, negative, latent, 0, split, first: true);
            samples = KSamplerAdvanced(g, r, lowModel, positive, negative, first, split, 10000, first: false);
        }
        else
        {
            samples = KSampler(g, r, high, positive, negative, latent);
        }
        return SaveVideo(g, r, DecodeAndUpscale(g, r, samples, vae));
    }

    /// <summary>
    /// LTX-Video with core nodes: checkpoint (model + VAE), T5 through <c>CLIPLoader</c> type ltxv,
    /// <c>LTXVConditioning</c> for the frame rate, <c>EmptyLTXVLatentVideo</c> or <c>LTXVImgToVideo</c>, one KSampler.
    /// </summary>
    static string BuildLtx(GraphWriter g, GenerationRequest r)
    {
        var ckpt = g.Add("CheckpointLoaderSimple", ("ckpt_name", r.Models.Model));
        var (model, _) = ChainLoras(g, r, new(ckpt, 0), default);
        var vae = new NodeOutput(ckpt, 2);
        var clip = LoadTextEncoders(g, r.Family, r.Models.TextEncoders);
        var (positive, negative) = Encode(g, r, clip);
        NodeOutput latent;
        if (r.Kind == GenerationKind.ImageToVideo)
        {
            var i2v = g.Add("LTXVImgToVideo", ("positive", positive), ("negative", negative), ("vae", vae),
                ("image", LoadImage(g, r.StartImage!)), ("width", r.Width), ("height", r.Height), ("length", r.Frames),
                ("batch_size", r.BatchSize), ("strength", 1.0));
            (positive, negative, latent) = (new(i2v, 0), new(i2v, 1), new(i2v, 2));
        }
        else
        {
            latent = new(g.Add("EmptyLTXVLatentVideo", ("width", r.Width), ("height", r.Height), ("length", r.Frames),
                ("batch_size", r.BatchSize)), 0);
        }
        var conditioned = g.Add("LTXVConditioning", ("positive", positive), ("negative", negative), ("frame_rate", r.Fps));
        var samples = KSampler(g, r, model, new(conditioned, 0), new(conditioned, 1), latent);
        return SaveVideo(g, r, DecodeAndUpscale(g, r, samples, vae));
    }
}
