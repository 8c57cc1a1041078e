using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.ComfyUi;

public static partial class WorkflowBuilder
{
    /// <summary>The model, text encoder and VAE outputs every graph starts from.</summary>
    internal readonly record struct Loaded(NodeOutput Model, NodeOutput Clip, NodeOutput Vae);

    static Loaded LoadModels(GraphWriter g, GenerationRequest r)
    {
        var m = r.Models;
        if (m.IsSingleFile)
        {
            var ckpt = g.Add("CheckpointLoaderSimple", ("ckpt_name", m.Model));
            return new Loaded(new(ckpt, 0), new(ckpt, 1), new(ckpt, 2));
        }
        var unet = LoadDiffusionModel(g, m.Model, m.WeightDtype);
        return new Loaded(unet, LoadTextEncoders(g, r.Family, m.TextEncoders), LoadVae(g, m.Vae!));
    }

    static NodeOutput LoadDiffusionModel(GraphWriter g, string file, string weightDtype) =>
        new(g.Add("UNETLoader", ("unet_name", file), ("weight_dtype", weightDtype)), 0);

    static NodeOutput LoadVae(GraphWriter g, string file) => new(g.Add("VAELoader", ("vae_name", file)), 0);

    static NodeOutput LoadTextEncoders(GraphWriter g, ModelFamily family, IReadOnlyList<string> files)
    {
        var type = ModelFamilies.Traits(family).ClipType!;
        var id = files.Count switch
        {
            1 => g.Add("CLIPLoader", ("clip_name", files[0]), ("type", type)),
            2 => g.Add("DualCLIPLoader", ("clip_name1", files[0]), ("clip_name2", files[1]), ("type", type)),
            3 => g.Add("TripleCLIPLoader", ("clip_name1", files[0]), ("clip_name2", files[1]), ("clip_name3", files[2])),
            _ => g.Add("QuadrupleCLIPLoader", ("clip_name1", files[0]), ("clip_name2", files[1]), ("clip_name3", files[2]), ("clip_name4", files[3])),
        };
        return new(id, 0);
    }

    /// <summary>
    /// Chains the LoRAs in order: each <c>LoraLoader</c> takes the previous one's MODEL (slot 0) and CLIP (slot 1), and
    /// everything downstream uses the last one's. Families whose LoRAs touch only the model get <c>LoraLoaderModelOnly</c>
    /// and keep the loader's CLIP.
    /// </summary>
    static (NodeOutput Model, NodeOutput Clip) ChainLoras(GraphWriter g, GenerationRequest r, NodeOutput model, NodeOutput clip)
    {
        var withClip = ModelFamilies.Traits(r.Family).LorasUseClip;
        foreach (var lora in r.Loras)
        {
            if (withClip)
            {
                var id = g.Add("LoraLoader", ("model", model), ("clip", clip), ("lora_name", lora.Name),
                    ("strength_model", lora.ModelStrength), ("strength_clip", lora.ClipStrength));
                (model, clip) = (new(id, 0), new(id, 1));
            }
            else
            {
                model = new(g.Add("LoraLoaderModelOnly", ("model", model), ("lora_name", lora.Name),
                    ("strength_model", lora.ModelStrength)), 0);
            }
        }
        return (model, clip);
    }

    /// <summary>The family's sampling shift patch, when the request has a shift.</summary>
    static NodeOutput ApplyShift(GraphWriter g, GenerationRequest r, NodeOutput model)
    {
        if (r.Shift is not { } shift)
        {
            return model;
        }
        var node = r.Family == ModelFamily.QwenImage ? "ModelSamplingAuraFlow" : "ModelSamplingSD3";
        return r.Family is ModelFamily.Sd35 or ModelFamily.HiDream or ModelFamily.QwenImage or ModelFamily.Wan21 or ModelFamily.Wan22
            ? new(g.Add(node, ("model", model), ("shift", shift)), 0)
            : model;
    }

    static (NodeOutput Positive, NodeOutput Negative) Encode(GraphWriter g, GenerationRequest r, NodeOutput clip)
    {
        var positive = new NodeOutput(g.Add("CLIPTextEncode", ("text", r.Prompt), ("clip", clip)), 0);
        var negative = new NodeOutput(g.Add("CLIPTextEncode", ("text", r.Negative), ("clip", clip)), 0);
        return (positive, negative);
    }

    static NodeOutput KSampler(GraphWriter g, GenerationRequest r, NodeOutput model, NodeOutput positive,
        NodeOutput negative, NodeOutput latent, double denoise = 1.0) =>
        new(g.Add("KSampler", ("model", model), ("positive", positive), ("negative", negative), ("latent_image", latent),
            ("seed", r.Seed), ("steps", r.Steps), ("cfg", r.Cfg), ("sampler_name", r.Sampler),
            ("scheduler", r.Scheduler), ("denoise", denoise)), 0);

    /// <summary>One <c>KSamplerAdvanced</c> pass over steps [start, end); the first pass adds noise and hands on the leftover.</summary>
    static NodeOutput KSamplerAdvanced(GraphWriter g, GenerationRequest r, NodeOutput model, NodeOutput positive,
        NodeOutput negative, NodeOutput latent, int start, int end, bool first) =>
        new(g.Add("KSamplerAdvanced", ("model", model), ("add_noise", first ? "enable" : "disable"), ("noise_seed", r.Seed),
            ("steps", r.Steps), ("cfg", r.Cfg), ("sampler_name", r.Sampler), ("scheduler", r.Scheduler),
            ("positive", positive), ("negative", negative), ("latent_image", latent),
            ("start_at_step", start), ("end_at_step", end), ("return_with_leftover_noise", first ? "enable" : "disable")), 0);

    static NodeOutput LoadImage(GraphWriter g, string file) => new(g.Add("LoadImage", ("image", file)), 0);

    /// <summary>Decodes and applies the optional upscale; returns the IMAGE output.</summary>
    static NodeOutput DecodeAndUpscale(GraphWriter g, GenerationRequest r, NodeOutput samples, NodeOutput vae)
    {
        var image = new NodeOutput(g.Add("VAEDecode", ("samples", samples), ("vae", vae)), 0);
        if (r.Upscale is not { } up)
        {
            return image;
        }
        if (up.Model is null)
        {
            return new(g.Add("ImageScaleBy", ("image", image), ("upscale_method", up.Method), ("scale_by", up.Factor)), 0);
        }
        var loader = g.Add("UpscaleModelLoader", ("model_name", up.Model));
        var upscaled = new NodeOutput(g.Add("ImageUpscaleWithModel", ("upscale_model", new NodeOutput(loader, 0)), ("image", image)), 0);
        return new(g.Add("ImageScale", ("image", upscaled), ("upscale_method", up.Method),
            ("width", (int)Math.Round(r.Width * up.Factor)), ("height", (int)Math.Round(r.Height * up.Factor)), ("crop", "disabled")), 0);
    }

    static string SaveVideo(GraphWriter g, GenerationRequest r, NodeOutput images) => r.VideoOutput switch
    {
        VideoOutput.AnimatedWebp => g.Add("SaveAnimatedWEBP", ("images", images), ("filename_prefix", r.FilenamePrefix),
            ("fps", r.Fps), ("lossless", false), ("quality", 90), ("method", "default")),
        _ => g.Add("SaveVideo", ("video", new NodeOutput(g.Add("CreateVideo", ("images", images), ("fps", r.Fps)), 0)),
            ("filename_prefix", r.FilenamePrefix), ("format", "auto"), ("codec", "auto")),
    };
}
