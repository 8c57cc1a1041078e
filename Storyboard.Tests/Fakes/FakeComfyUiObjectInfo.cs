using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>
/// The node catalogue a fake ComfyUI serves at <c>/object_info</c> and validates prompts against (spec §2.10, §4).
/// Classic nodes describe combos as a list of values; v3 nodes (FluxGuidance, SaveVideo, CreateVideo, …) use the
/// <c>["COMBO", {"options": [...]}]</c> form, so a client must read both.
/// </summary>
public static class FakeComfyUiObjectInfo
{
    public static readonly string[] Samplers =
    [
        "euler", "euler_cfg_pp", "euler_ancestral", "euler_ancestral_cfg_pp", "heun", "heunpp2", "dpm_2",
        "dpm_2_ancestral", "lms", "dpm_fast", "dpm_adaptive", "dpmpp_2s_ancestral", "dpmpp_2s_ancestral_cfg_pp",
        "dpmpp_sde", "dpmpp_sde_gpu", "dpmpp_2m", "dpmpp_2m_cfg_pp", "dpmpp_2m_sde", "dpmpp_2m_sde_gpu",
        "dpmpp_2m_sde_heun", "dpmpp_2m_sde_heun_gpu", "dpmpp_3m_sde", "dpmpp_3m_sde_gpu", "ddpm", "lcm", "ipndm",
        "ipndm_v", "deis", "res_multistep", "res_multistep_cfg_pp", "res_multistep_ancestral",
        "res_multistep_ancestral_cfg_pp", "gradient_estimation", "gradient_estimation_cfg_pp", "er_sde", "seeds_2",
        "seeds_3", "sa_solver", "sa_solver_pece", "ddim", "uni_pc", "uni_pc_bh2",
    ];

    public static readonly string[] Schedulers =
        ["simple", "sgm_uniform", "karras", "exponential", "ddim_uniform", "beta", "normal", "linear_quadratic", "kl_optimal"];

    /// <summary>The model folders <c>GET /models</c> lists (folder_paths.py order).</summary>
    public static readonly string[] ModelFolders =
    [
        "checkpoints", "configs", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision", "style_models",
        "embeddings", "diffusers", "vae_approx", "controlnet", "gligen", "upscale_models", "custom_nodes",
        "hypernetworks", "photomaker", "classifiers", "model_patches", "audio_encoders",
    ];

    /// <summary>Builds the catalogue for the given model lists and uploaded input file names.</summary>
    public static JsonObject Build(IReadOnlyDictionary<string, IReadOnlyList<string>> models, IReadOnlyList<string> inputFiles)
    {
        IReadOnlyList<string> M(string folder) => models.TryGetValue(folder, out var list) ? list : [];
        var vaes = M("vae").Concat(["pixel_space"]).ToList();
        var catalogue = new JsonObject();

        void Add(string name, string display, string category, string module, string[] outputs, Inputs inputs,
            bool outputNode = false, bool v3 = false, string[]? outputNames = null)
        {
            var info = new JsonObject
            {
                ["input"] = inputs.ToJson(),
                ["input_order"] = inputs.OrderJson(),
                ["output"] = Strings(outputs),
                ["output_is_list"] = new JsonArray(outputs.Select(_ => (JsonNode?)false).ToArray()),
                ["output_name"] = Strings(outputNames ?? outputs),
                ["name"] = name,
                ["display_name"] = display,
                ["description"] = "",
                ["python_module"] = module,
                ["category"] = category,
                ["output_node"] = outputNode,
            };
            if (v3)
            {
                info["output_tooltips"] = new JsonArray(outputs.Select(_ => (JsonNode?)null).ToArray());
                info["deprecated"] = false;
                info["experimental"] = false;
                info["api_node"] = false;
            }
            catalogue[name] = info;
        }

        Add("CheckpointLoaderSimple", "Load Checkpoint", "loaders", "nodes", ["MODEL", "CLIP", "VAE"],
            new Inputs().Req("ckpt_name", Combo(M("checkpoints"), "The name of the checkpoint (model) to load.")));
        Add("UNETLoader", "Load Diffusion Model", "advanced/loaders", "nodes", ["MODEL"],
            new Inputs().Req("unet_name", Combo(M("diffusion_models")))
                .Req("weight_dtype", Combo(["default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"])));
        Add("CLIPLoader", "Load CLIP", "advanced/loaders", "nodes", ["CLIP"],
            new Inputs().Req("clip_name", Combo(M("text_encoders")))
                .Req("type", Combo(["stable_diffusion", "stable_cascade", "sd3", "stable_audio", "mochi", "ltxv", "pixart",
                    "cosmos", "lumina2", "wan", "hidream", "chroma", "ace", "omnigen2", "qwen_image", "hunyuan_image"]))
                .Opt("device", Combo(["default", "cpu"], advanced: true)));
        Add("DualCLIPLoader", "DualCLIPLoader", "advanced/loaders", "nodes", ["CLIP"],
            new Inputs().Req("clip_name1", Combo(M("text_encoders"))).Req("clip_name2", Combo(M("text_encoders")))
                .Req("type", Combo(["sdxl", "sd3", "flux", "hunyuan_video", "hidream", "hunyuan_image"]))
                .Opt("device", Combo(["default", "cpu"], advanced: true)));
        Add("VAELoader", "Load VAE", "loaders", "nodes", ["VAE"], new Inputs().Req("vae_name", Combo(vaes)));
        Add("LoraLoader", "Load LoRA", "loaders", "nodes", ["MODEL", "CLIP"],
            new Inputs().Req("model", Link("MODEL")).Req("clip", Link("CLIP")).Req("lora_name", Combo(M("loras")))
                .Req("strength_model", Float(1.0, -100, 100, 0.01)).Req("strength_clip", Float(1.0, -100, 100, 0.01)));
        Add("LoraLoaderModelOnly", "LoraLoaderModelOnly", "loaders", "nodes", ["MODEL"],
            new Inputs().Req("model", Link("MODEL")).Req("lora_name", Combo(M("loras")))
                .Req("strength_model", Float(1.0, -100, 100, 0.01)));
        Add("CLIPTextEncode", "CLIP Text Encode (Prompt)", "conditioning", "nodes", ["CONDITIONING"],
            new Inputs().Req("text", Str(multiline: true)).Req("clip", Link("CLIP")));
        Add("KSampler", "KSampler", "sampling", "nodes", ["LATENT"],
            new Inputs().Req("model", Link("MODEL")).Req("seed", Seed()).Req("steps", Int(20, 1, 10000))
                .Req("cfg", Float(8.0, 0, 100, 0.1)).Req("sampler_name", Combo(Samplers)).Req("scheduler", Combo(Schedulers))
                .Req("positive", Link("CONDITIONING")).Req("negative", Link("CONDITIONING"))
                .Req("latent_image", Link("LATENT")).Req("denoise", Float(1.0, 0, 1, 0.01)));
        Add("KSamplerAdvanced", "KSampler (Advanced)", "sampling", "nodes", ["LATENT"],
            new Inputs().Req("model", Link("MODEL")).Req("add_noise", Combo(["enable", "disable"]))
                .Req("noise_seed", Seed()).Req("steps", Int(20, 1, 10000)).Req("cfg", Float(8.0, 0, 100, 0.1))
                .Req("sampler_name", Combo(Samplers)).Req("scheduler", Combo(Schedulers))
                .Req("positive", Link("CONDITIONING")).Req("negative", Link("CONDITIONING"))
                .Req("latent_image", Link("LATENT")).Req("start_at_step", Int(0, 0, 10000))
                .Req("end_at_step", Int(10000, 0, 10000)).Req("return_with_leftover_noise", Combo(["disable", "enable"])));
        Add("EmptyLatentImage", "Empty Latent Image", "latent", "nodes", ["LATENT"],
            new Inputs().Req("width", Int(512, 16, 16384, 8)).Req("height", Int(512, 16, 16384, 8)).Req("batch_size", Int(1, 1, 4096)));
        Add("EmptySD3LatentImage", "EmptySD3LatentImage", "latent/sd3", "comfy_extras.nodes_sd3", ["LATENT"],
            new Inputs().Req("width", Int(1024, 16, 16384, 16)).Req("height", Int(1024, 16, 16384, 16))
                .Req("batch_size", Int(1, 1, 4096)), v3: true);
        Add("VAEDecode", "VAE Decode", "latent", "nodes", ["IMAGE"],
            new Inputs().Req("samples", Link("LATENT")).Req("vae", Link("VAE")));
        Add("VAEEncode", "VAE Encode", "latent", "nodes", ["LATENT"],
            new Inputs().Req("pixels", Link("IMAGE")).Req("vae", Link("VAE")));
        Add("LoadImage", "Load Image", "image", "nodes", ["IMAGE", "MASK"],
            new Inputs().Req("image", Combo(inputFiles, imageUpload: true)));
        Add("SaveImage", "Save Image", "image", "nodes", [],
            new Inputs().Req("images", Link("IMAGE")).Req("filename_prefix", Str(defaultValue: "ComfyUI"))
                .Hidden("prompt", "PROMPT").Hidden("extra_pnginfo", "EXTRA_PNGINFO"), outputNode: true);
        Add("PreviewImage", "Preview Image", "image", "nodes", [],
            new Inputs().Req("images", Link("IMAGE")).Hidden("prompt", "PROMPT").Hidden("extra_pnginfo", "EXTRA_PNGINFO"),
            outputNode: true);
        Add("ImageScale", "Upscale Image", "image/upscaling", "nodes", ["IMAGE"],
            new Inputs().Req("image", Link("IMAGE"))
                .Req("upscale_method", Combo(["nearest-exact", "bilinear", "area", "bicubic", "lanczos"]))
                .Req("width", Int(512, 0, 16384)).Req("height", Int(512, 0, 16384)).Req("crop", Combo(["disabled", "center"])));
        Add("ImageScaleBy", "Upscale Image By", "image/upscaling", "nodes", ["IMAGE"],
            new Inputs().Req("image", Link("IMAGE"))
                .Req("upscale_method", Combo(["nearest-exact", "bilinear", "area", "bicubic", "lanczos"]))
                .Req("scale_by", Float(1.0, 0.01, 8.0, 0.01)));
        Add("UpscaleModelLoader", "Load Upscale Model", "loaders", "comfy_extras.nodes_upscale_model", ["UPSCALE_MODEL"],
            new Inputs().Req("model_name", Combo(M("upscale_models"))));
        Add("ImageUpscaleWithModel", "Upscale Image (using Model)", "image/upscaling", "comfy_extras.nodes_upscale_model",
            ["IMAGE"], new Inputs().Req("upscale_model", Link("UPSCALE_MODEL")).Req("image", Link("IMAGE")));
        Add("FluxGuidance", "FluxGuidance", "advanced/conditioning/flux", "comfy_extras.nodes_flux", ["CONDITIONING"],
            new Inputs().Req("conditioning", Link("CONDITIONING")).Req("guidance", Float(3.5, 0, 100, 0.1)), v3: true);
        Add("ModelSamplingSD3", "ModelSamplingSD3", "advanced/model", "comfy_extras.nodes_model_advanced", ["MODEL"],
            new Inputs().Req("model", Link("MODEL")).Req("shift", Float(3.0, 0, 100, 0.01)));
        Add("WanImageToVideo", "WanImageToVideo", "conditioning/video_models", "comfy_extras.nodes_wan",
            ["CONDITIONING", "CONDITIONING", "LATENT"],
            new Inputs().Req("positive", Link("CONDITIONING")).Req("negative", Link("CONDITIONING")).Req("vae", Link("VAE"))
                .Req("width", Int(832, 16, 16384, 16)).Req("height", Int(480, 16, 16384, 16))
                .Req("length", Int(81, 1, 16384, 4)).Req("batch_size", Int(1, 1, 4096))
                .Opt("clip_vision_output", Link("CLIP_VISION_OUTPUT")).Opt("start_image", Link("IMAGE")),
            v3: true, outputNames: ["positive", "negative", "latent"]);
        Add("EmptyHunyuanLatentVideo", "EmptyHunyuanLatentVideo", "latent/video", "comfy_extras.nodes_hunyuan", ["LATENT"],
            new Inputs().Req("width", Int(848, 16, 16384, 16)).Req("height", Int(480, 16, 16384, 16))
                .Req("length", Int(25, 1, 16384, 4)).Req("batch_size", Int(1, 1, 4096)), v3: true);
        Add("CLIPVisionLoader", "Load CLIP Vision", "loaders", "nodes", ["CLIP_VISION"],
            new Inputs().Req("clip_name", Combo(M("clip_vision"))));
        Add("CLIPVisionEncode", "CLIP Vision Encode", "conditioning", "nodes", ["CLIP_VISION_OUTPUT"],
            new Inputs().Req("clip_vision", Link("CLIP_VISION")).Req("image", Link("IMAGE")).Req("crop", Combo(["center", "none"])));
        Add("CreateVideo", "Create Video", "image/video", "comfy_extras.nodes_video", ["VIDEO"],
            new Inputs().Req("images", Link("IMAGE")).Req("fps", Float(30.0, 1.0, 120.0, 1.0)).Opt("audio", Link("AUDIO")),
            v3: true);
        Add("SaveVideo", "Save Video", "image/video", "comfy_extras.nodes_video", [],
            new Inputs().Req("video", Link("VIDEO")).Req("filename_prefix", Str(defaultValue: "video/ComfyUI"))
                .Req("format", V3Combo(["auto", "mp4"])).Req("codec", V3Combo(["auto", "h264"]))
                .Hidden("prompt", "PROMPT").Hidden("extra_pnginfo", "EXTRA_PNGINFO"), outputNode: true, v3: true);
        Add("SaveAnimatedWEBP", "SaveAnimatedWEBP", "image/animation", "comfy_extras.nodes_images", [],
            new Inputs().Req("images", Link("IMAGE")).Req("filename_prefix", Str(defaultValue: "ComfyUI"))
                .Req("fps", Float(6.0, 0.01, 1000000.0, 0.01)).Req("lossless", Bool(true))
                .Req("quality", Int(80, 0, 100)).Req("method", Combo(["default", "fastest", "slowest"]))
                .Hidden("prompt", "PROMPT").Hidden("extra_pnginfo", "EXTRA_PNGINFO"), outputNode: true);
        Add("VHS_VideoCombine", "Video Combine 🎥🅥🅗🅢", "Video Helper Suite 🎥🅥🅗🅢", "videohelpersuite.nodes", ["VHS_FILENAMES"],
            new Inputs().Req("images", Link("IMAGE")).Req("frame_rate", Float(8, 1, 1000000, 1))
                .Req("loop_count", Int(0, 0, 100)).Req("filename_prefix", Str(defaultValue: "AnimateDiff"))
                .Req("format", Combo(["image/gif", "image/webp", "video/h264-mp4", "video/webm"]))
                .Req("pingpong", Bool(false)).Req("save_output", Bool(true))
                .Opt("audio", Link("AUDIO")).Opt("meta_batch", Link("VHS_BatchManager")).Opt("vae", Link("VAE")),
            outputNode: true, outputNames: ["Filenames"]);
        return catalogue;
    }

    /// <summary>The combo values of one input, whichever of the two forms it is written in.</summary>
    public static IReadOnlyList<string>? ComboOptions(JsonNode? spec)
    {
        if (spec is not JsonArray array || array.Count == 0)
        {
            return null;
        }
        if (array[0] is JsonArray values)
        {
            return values.Select(v => v?.ToString() ?? "").ToList();
        }
        if (array[0] is JsonValue type && type.ToString() == "COMBO" && array.Count > 1
            && array[1]?["options"] is JsonArray options)
        {
            return options.Select(v => v?.ToString() ?? "").ToList();
        }
        return null;
    }

    static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    static JsonArray Link(string type) => [type];

    static JsonArray Combo(IEnumerable<string> values, string? tooltip = null, bool advanced = false, bool imageUpload = false)
    {
        var options = new JsonObject();
        if (tooltip is not null)
        {
            options["tooltip"] = tooltip;
        }
        if (advanced)
        {
            options["advanced"] = true;
        }
        if (imageUpload)
        {
            options["image_upload"] = true;
        }
        return options.Count == 0 ? [Strings(values)] : [Strings(values), options];
    }

    static JsonArray V3Combo(string[] values) =>
        ["COMBO", new JsonObject { ["options"] = Strings(values), ["default"] = values[0], ["multiselect"] = false }];

    static JsonArray Int(long defaultValue, long min, long max, long step = 1) =>
        ["INT", new JsonObject { ["default"] = defaultValue, ["min"] = min, ["max"] = max, ["step"] = step }];

    static JsonArray Seed() =>
        ["INT", new JsonObject { ["default"] = 0, ["min"] = 0, ["max"] = ulong.MaxValue, ["control_after_generate"] = true }];

    static JsonArray Float(double defaultValue, double min, double max, double step) =>
        ["FLOAT", new JsonObject { ["default"] = defaultValue, ["min"] = min, ["max"] = max, ["step"] = step }];

    static JsonArray Bool(bool defaultValue) => ["BOOLEAN", new JsonObject { ["default"] = defaultValue }];

    static JsonArray Str(bool multiline = false, string? defaultValue = null)
    {
        var options = new JsonObject();
        if (multiline)
        {
            options["multiline"] = true;
            options["dynamicPrompts"] = true;
        }
        if (defaultValue is not null)
        {
            options["default"] = defaultValue;
        }
        return ["STRING", options];
    }

    sealed class Inputs
    {
        readonly List<(string Group, string Name, JsonNode Spec)> entries = [];

        public Inputs Req(string name, JsonNode spec) => With("required", name, spec);

        public Inputs Opt(string name, JsonNode spec) => With("optional", name, spec);

        public Inputs Hidden(string name, string type) => With("hidden", name, JsonValue.Create(type));

        Inputs With(string group, string name, JsonNode spec)
        {
            entries.Add((group, name, spec));
            return this;
        }

        public JsonObject ToJson()
        {
            var json = new JsonObject();
            foreach (var (group, name, spec) in entries)
            {
                var groupJson = json[group] as JsonObject ?? (JsonObject)(json[group] = new JsonObject());
                groupJson[name] = spec.DeepClone();
            }
            return json;
        }

        public JsonObject OrderJson()
        {
            var json = new JsonObject();
            foreach (var group in entries.Select(e => e.Group).Distinct())
            {
                json[group] = Strings(entries.Where(e => e.Group == group).Select(e => e.Name));
            }
            return json;
        }
    }
}
