using System.Text.Json.Nodes;
using CsCheck;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

public sealed class WorkflowBuilderTests
{
    static readonly ObjectInfoCatalog Catalog = Fixtures.Catalog();

    [Fact]
    public void Sdxl_text_to_image_is_the_minimal_checkpoint_graph()
    {
        var built = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage) with { Negative = "blurry" });
        var g = built.Graph;
        var (ckpt, ckptInputs) = g.Single("CheckpointLoaderSimple");
        Assert.Equal("sd_xl_base_1.0.safetensors", (string)ckptInputs["ckpt_name"]!);
        var (_, sampler) = g.Single("KSampler");
        Assert.Equal((ckpt, 0), sampler.Link("model"));
        Assert.Equal("EmptyLatentImage", g.ClassOf(sampler.Link("latent_image").Id));
        var positive = g.InputsOf(sampler.Link("positive").Id);
        Assert.Equal("a fox running through snow", (string)positive["text"]!);
        Assert.Equal((ckpt, 1), positive.Link("clip"));
        Assert.Equal("blurry", (string)g.InputsOf(sampler.Link("negative").Id)["text"]!);
        Assert.Equal(("dpmpp_2m", "karras", 1.0), ((string)sampler["sampler_name"]!, (string)sampler["scheduler"]!, (double)sampler["denoise"]!));
        var (save, saveInputs) = g.Single("SaveImage");
        Assert.Equal("VAEDecode", g.ClassOf(saveInputs.Link("images").Id));
        Assert.Equal([save], built.OutputNodeIds);
        Assert.Equal(MediaKind.Image, built.Media);
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void Flux_from_split_files_uses_unet_dual_clip_vae_and_flux_guidance_with_cfg_one()
    {
        var g = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Flux, GenerationKind.TextToImage)).Graph;
        var (unet, unetInputs) = g.Single("UNETLoader");
        Assert.Equal("fp8_e4m3fn", (string)unetInputs["weight_dtype"]!);
        var (clip, clipInputs) = g.Single("DualCLIPLoader");
        Assert.Equal("flux", (string)clipInputs["type"]!);
        var (vae, _) = g.Single("VAELoader");
        var (_, sampler) = g.Single("KSampler");
        Assert.Equal(1.0, (double)sampler["cfg"]!);
        Assert.Equal((unet, 0), sampler.Link("model"));
        var (guidanceId, guidance) = g.Single("FluxGuidance");
        Assert.Equal(3.5, (double)guidance["guidance"]!);
        Assert.Equal((guidanceId, 0), sampler.Link("positive"));
        Assert.Equal((clip, 0), g.InputsOf(guidance.Link("conditioning").Id).Link("clip"));
        Assert.Equal("EmptySD3LatentImage", g.ClassOf(sampler.Link("latent_image").Id));
        Assert.Equal((vae, 0), g.Single("VAEDecode").Inputs.Link("vae"));
        Assert.Empty(g.Nodes("CheckpointLoaderSimple"));
    }

    [Fact]
    public void Flux_from_one_fp8_checkpoint_uses_the_checkpoint_loader()
    {
        var request = Fixtures.Request(ModelFamily.Flux, GenerationKind.TextToImage) with { Models = new("flux1-dev-fp8.safetensors") };
        var g = WorkflowBuilder.Build(request).Graph;
        Assert.Single(g.Nodes("CheckpointLoaderSimple"));
        Assert.Empty(g.Nodes("UNETLoader"));
        Assert.Single(g.Nodes("FluxGuidance"));
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Theory]
    [InlineData(0.55)]
    [InlineData(1.0)]
    [InlineData(0.05)]
    public void Image_to_image_encodes_the_uploaded_image_and_samples_with_the_given_denoise(double denoise)
    {
        var request = Fixtures.Request(ModelFamily.Sd15, GenerationKind.ImageToImage) with { Denoise = denoise, InitImage = "clip 7 (1).png" };
        var g = WorkflowBuilder.Build(request).Graph;
        var (_, sampler) = g.Single("KSampler");
        Assert.Equal(denoise, (double)sampler["denoise"]!);
        var (encodeId, encode) = g.Single("VAEEncode");
        Assert.Equal((encodeId, 0), sampler.Link("latent_image"));
        var (loadId, load) = g.Single("LoadImage");
        Assert.Equal((loadId, 0), encode.Link("pixels"));
        Assert.Equal("clip 7 (1).png", (string)load["image"]!);
        Assert.Equal(("CheckpointLoaderSimple", 2), (g.ClassOf(encode.Link("vae").Id), encode.Link("vae").Slot));
        Assert.Empty(g.Nodes("EmptyLatentImage"));
    }

    [Fact]
    public void A_batch_of_image_to_image_repeats_the_encoded_latent()
    {
        var g = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Sdxl, GenerationKind.ImageToImage) with { BatchSize = 3 }).Graph;
        var (repeatId, repeat) = g.Single("RepeatLatentBatch");
        Assert.Equal(3, (int)repeat["amount"]!);
        Assert.Equal((repeatId, 0), g.Single("KSampler").Inputs.Link("latent_image"));
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    public static TheoryData<int, ModelFamily> LoraCounts()
    {
        var data = new TheoryData<int, ModelFamily>();
        foreach (var family in new[] { ModelFamily.Sdxl, ModelFamily.Flux, ModelFamily.Wan22, ModelFamily.QwenImage })
        {
            for (var n = 0; n <= 5; n++)
            {
                data.Add(n, family);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LoraCounts))]
    public void A_chain_of_loras_feeds_each_one_from_the_previous_and_the_sampler_from_the_last(int count, ModelFamily family)
    {
        var kind = ModelFamilies.Traits(family).MakesVideo ? GenerationKind.TextToVideo : GenerationKind.TextToImage;
        var loras = Enumerable.Range(0, count).Select(i => new LoraUse(Fixtures.LoraFiles[i], 0.5 + i / 10.0, 0.9)).ToList();
        var g = WorkflowBuilder.Build(Fixtures.Request(family, kind) with { Loras = loras }).Graph;
        var withClip = ModelFamilies.Traits(family).LorasUseClip;
        var loraClass = withClip ? "LoraLoader" : "LoraLoaderModelOnly";
        var experts = family == ModelFamily.Wan22 ? 2 : 1;
        Assert.Equal(count * experts, g.Nodes(loraClass).Count());
        Assert.Empty(g.Nodes(withClip ? "LoraLoaderModelOnly" : "LoraLoader"));

        foreach (var loader in g.Where(n => g.ClassOf(n.Key) is "CheckpointLoaderSimple" or "UNETLoader").Select(n => n.Key))
        {
            // Walk the chain from the loader: each LoRA's model comes from the one before.
            var previous = loader;
            var previousClip = g.ClassOf(loader) == "CheckpointLoaderSimple"
                ? (loader, 1)
                : (g.Single(n => g.ClassOf(n.Key).EndsWith("CLIPLoader", StringComparison.Ordinal)).Key, 0);
            for (var i = 0; i < count; i++)
            {
                var (id, inputs) = Assert.Single(g.Nodes(loraClass), n => n.Inputs.Link("model") == (previous, 0));
                Assert.Equal(Fixtures.LoraFiles[i], (string)inputs["lora_name"]!);
                Assert.Equal(0.5 + i / 10.0, (double)inputs["strength_model"]!, 9);
                if (withClip)
                {
                    Assert.Equal(previousClip, inputs.Link("clip"));
                    previousClip = (id, 1);
                    Assert.Equal(0.9, (double)inputs["strength_clip"]!);
                }
                previous = id;
            }
            // Whatever consumes the end of the chain is a model patch or a sampler, never a loader output skipped over.
            var consumers = g.Where(n => n.Value!["inputs"]!.AsObject().Any(i => i.Value is JsonArray a && (string)a[0]! == previous && (int)a[1]! == 0)).ToList();
            Assert.NotEmpty(consumers);
            Assert.All(consumers, c => Assert.Contains(g.ClassOf(c.Key), new[] { "KSampler", "KSamplerAdvanced", "ModelSamplingSD3", "ModelSamplingAuraFlow" }));
            if (withClip)
            {
                Assert.All(g.Nodes("CLIPTextEncode"), e => Assert.Equal(previousClip, e.Inputs.Link("clip")));
            }
        }
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void Pony_skips_the_last_clip_layer_after_its_loras()
    {
        var g = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.PonyIllustrious, GenerationKind.TextToImage) with
        {
            Loras = [new("detail_tweaker_xl.safetensors")],
        }).Graph;
        var (skipId, skip) = g.Single("CLIPSetLastLayer");
        Assert.Equal(-2, (int)skip["stop_at_clip_layer"]!);
        Assert.Equal("LoraLoader", g.ClassOf(skip.Link("clip").Id));
        Assert.All(g.Nodes("CLIPTextEncode"), e => Assert.Equal((skipId, 0), e.Inputs.Link("clip")));
    }

    [Fact]
    public void The_sdxl_refiner_takes_over_at_the_switch_step_with_its_own_prompts()
    {
        var request = Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage) with
        {
            Steps = 30, Refiner = new("sd_xl_refiner_1.0.safetensors", 24),
        };
        var g = WorkflowBuilder.Build(request).Graph;
        Assert.Empty(g.Nodes("KSampler"));
        var passes = g.Nodes("KSamplerAdvanced").ToList();
        Assert.Equal(2, passes.Count);
        var basePass = passes.Single(p => (string)p.Inputs["add_noise"]! == "enable");
        var refinerPass = passes.Single(p => (string)p.Inputs["add_noise"]! == "disable");
        Assert.Equal((0, 24, "enable"), ((int)basePass.Inputs["start_at_step"]!, (int)basePass.Inputs["end_at_step"]!, (string)basePass.Inputs["return_with_leftover_noise"]!));
        Assert.Equal((24, 10000), ((int)refinerPass.Inputs["start_at_step"]!, (int)refinerPass.Inputs["end_at_step"]!));
        Assert.Equal((basePass.Id, 0), refinerPass.Inputs.Link("latent_image"));
        var refinerCkpt = g.Nodes("CheckpointLoaderSimple").Single(n => (string)n.Inputs["ckpt_name"]! == "sd_xl_refiner_1.0.safetensors").Id;
        Assert.Equal((refinerCkpt, 0), refinerPass.Inputs.Link("model"));
        Assert.Equal((refinerCkpt, 1), g.InputsOf(refinerPass.Inputs.Link("positive").Id).Link("clip"));
        Assert.Equal((refinerCkpt, 2), g.Single("VAEDecode").Inputs.Link("vae"));
        Assert.Equal(4, g.Nodes("CLIPTextEncode").Count());
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void An_upscale_model_is_followed_by_a_scale_to_the_exact_factor()
    {
        var request = Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage) with
        {
            Width = 1344, Height = 768, Upscale = new(1.5, "4x-UltraSharp.pth"),
        };
        var g = WorkflowBuilder.Build(request).Graph;
        var (upscaleId, upscale) = g.Single("ImageUpscaleWithModel");
        Assert.Equal("VAEDecode", g.ClassOf(upscale.Link("image").Id));
        Assert.Equal("UpscaleModelLoader", g.ClassOf(upscale.Link("upscale_model").Id));
        var (scaleId, scale) = g.Single("ImageScale");
        Assert.Equal((upscaleId, 0), scale.Link("image"));
        Assert.Equal((2016, 1152), ((int)scale["width"]!, (int)scale["height"]!));
        Assert.Equal((scaleId, 0), g.Single("SaveImage").Inputs.Link("images"));
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void A_plain_upscale_scales_the_image_by_the_factor()
    {
        var g = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Flux, GenerationKind.TextToImage) with { Upscale = new(2) }).Graph;
        var (scaleId, scale) = g.Single("ImageScaleBy");
        Assert.Equal((2.0, "lanczos"), ((double)scale["scale_by"]!, (string)scale["upscale_method"]!));
        Assert.Equal((scaleId, 0), g.Single("SaveImage").Inputs.Link("images"));
        Assert.Empty(g.Nodes("UpscaleModelLoader"));
    }

    [Fact]
    public void Seeds_up_to_the_largest_unsigned_64_bit_value_are_written_as_exact_integers()
    {
        Gen.ULong.Sample(seed =>
        {
            var json = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage, seed: seed)).ToJson();
            var written = JsonNode.Parse(json)!.AsObject().Single(n => (string?)n.Value!["class_type"] == "KSampler").Value!["inputs"]!["seed"]!;
            return json.Contains($"\"seed\":{seed}", StringComparison.Ordinal) && written.GetValue<ulong>() == seed;
        });
        var max = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Wan22, GenerationKind.TextToVideo, seed: ulong.MaxValue)).ToJson();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(max, "\"noise_seed\":18446744073709551615[,}]").Count);
        Assert.Empty(WorkflowValidator.Validate(JsonNode.Parse(max)!.AsObject(), Catalog));
    }

    [Fact]
    public void Wan_2_2_14B_samples_high_noise_then_low_noise_over_split_steps_and_saves_an_mp4()
    {
        var request = Fixtures.Request(ModelFamily.Wan22, GenerationKind.ImageToVideo) with { Steps = 20, Frames = 81, Fps = 16 };
        var built = WorkflowBuilder.Build(request);
        var g = built.Graph;
        var unets = g.Nodes("UNETLoader").ToDictionary(n => (string)n.Inputs["unet_name"]!, n => n.Id);
        var (i2vId, i2v) = g.Single("WanImageToVideo");
        Assert.Equal((81, 1), ((int)i2v["length"]!, (int)i2v["batch_size"]!));
        Assert.Equal("LoadImage", g.ClassOf(i2v.Link("start_image").Id));
        Assert.False(i2v.ContainsKey("clip_vision_output"));
        var passes = g.Nodes("KSamplerAdvanced").ToList();
        var high = passes.Single(p => (int)p.Inputs["start_at_step"]! == 0);
        var low = passes.Single(p => (int)p.Inputs["start_at_step"]! == 10);
        Assert.Equal(10, (int)high.Inputs["end_at_step"]!);
        Assert.Equal((high.Id, 0), low.Inputs.Link("latent_image"));
        Assert.Equal((i2vId, 2), high.Inputs.Link("latent_image"));
        Assert.Equal((i2vId, 0), low.Inputs.Link("positive"));
        Assert.Equal((i2vId, 1), low.Inputs.Link("negative"));
        Assert.Equal(unets["wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors"], g.InputsOf(high.Inputs.Link("model").Id).Link("model").Id);
        Assert.Equal(unets["wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors"], g.InputsOf(low.Inputs.Link("model").Id).Link("model").Id);
        Assert.Equal("wan", (string)g.Single("CLIPLoader").Inputs["type"]!);
        var (createId, create) = g.Single("CreateVideo");
        Assert.Equal(16.0, (double)create["fps"]!);
        var (saveId, save) = g.Single("SaveVideo");
        Assert.Equal((createId, 0), save.Link("video"));
        Assert.Equal([saveId], built.OutputNodeIds);
        Assert.Equal(MediaKind.Video, built.Media);
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Theory]
    [InlineData(GenerationKind.TextToVideo)]
    [InlineData(GenerationKind.ImageToVideo)]
    public void Wan_2_2_5B_samples_one_model_on_the_wan22_latent(GenerationKind kind)
    {
        var request = Fixtures.Request(ModelFamily.Wan22, kind) with
        {
            Models = new("wan2.2_ti2v_5B_fp16.safetensors") { TextEncoders = ["umt5_xxl_fp8_e4m3fn_scaled.safetensors"], Vae = "wan2.2_vae.safetensors" },
            Width = 1280, Height = 704, Frames = 121, Fps = 24,
        };
        var g = WorkflowBuilder.Build(request).Graph;
        var (latentId, latent) = g.Single("Wan22ImageToVideoLatent");
        Assert.Equal((latentId, 0), g.Single("KSampler").Inputs.Link("latent_image"));
        Assert.Equal(kind == GenerationKind.ImageToVideo, latent.ContainsKey("start_image"));
        Assert.Empty(g.Nodes("WanImageToVideo"));
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void Wan_2_1_image_to_video_encodes_the_start_image_with_clip_vision()
    {
        var g = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Wan21, GenerationKind.ImageToVideo)).Graph;
        var (_, i2v) = g.Single("WanImageToVideo");
        var (visionId, vision) = g.Single("CLIPVisionEncode");
        Assert.Equal((visionId, 0), i2v.Link("clip_vision_output"));
        Assert.Equal(i2v.Link("start_image"), vision.Link("image"));
        Assert.Equal(8.0, (double)g.Single("ModelSamplingSD3").Inputs["shift"]!);
    }

    [Fact]
    public void Wan_text_to_video_uses_the_hunyuan_empty_latent_and_can_save_an_animated_webp()
    {
        var built = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Wan21, GenerationKind.TextToVideo) with { VideoOutput = VideoOutput.AnimatedWebp });
        var g = built.Graph;
        var (latentId, latent) = g.Single("EmptyHunyuanLatentVideo");
        Assert.Equal(33, (int)latent["length"]!);
        Assert.Equal((latentId, 0), g.Single("KSampler").Inputs.Link("latent_image"));
        var (saveId, save) = g.Single("SaveAnimatedWEBP");
        Assert.Equal(16.0, (double)save["fps"]!);
        Assert.Empty(g.Nodes("CreateVideo"));
        Assert.Equal([saveId], built.OutputNodeIds);
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void Ids_are_strings_and_links_are_id_and_slot_pairs()
    {
        var json = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage)).ToJson();
        Assert.Contains("\"model\":[\"1\",0]", json, StringComparison.Ordinal);
        Assert.Matches("^\\{\"1\":\\{\"class_type\":\"CheckpointLoaderSimple\"", json);
    }

    [Theory]
    [InlineData(ModelFamily.Sdxl, GenerationKind.TextToVideo, "SDXL makes images, so it cannot do text-to-video.")]
    [InlineData(ModelFamily.Wan22, GenerationKind.TextToImage, "Wan 2.2 makes video, so it cannot do text-to-image.")]
    [InlineData(ModelFamily.Unknown, GenerationKind.TextToImage, "The model's family is unknown; choose it before generating.")]
    public void A_kind_the_family_cannot_make_is_refused(ModelFamily family, GenerationKind kind, string problem)
    {
        var request = Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage) with { Family = family, Kind = kind, Frames = 33, Fps = 16 };
        var e = Assert.Throws<InvalidGenerationRequestException>(() => WorkflowBuilder.Build(request));
        Assert.Contains(problem, e.Problems);
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var request = Fixtures.Request(ModelFamily.Wan21, GenerationKind.ImageToVideo) with
        {
            Prompt = " ", Frames = 14, Width = 830, StartImage = null,
            Models = new("wan2.1_i2v_480p_14B_fp16.safetensors"),
        };
        var problems = WorkflowBuilder.Problems(request);
        Assert.Contains("A prompt is required.", problems);
        Assert.Contains("14 frames is not a length Wan 2.1 accepts: use 4n+1 (e.g. 13).", problems);
        Assert.Contains("830×480 is not a size Wan 2.1 accepts: width and height must be positive multiples of 16.", problems);
        Assert.Contains("Image-to-video needs an uploaded start image.", problems);
        Assert.Contains("Wan 2.1 is a diffusion model: it needs 1 text encoder file(s) and a VAE.", problems);
        Assert.Contains("Wan 2.1 image-to-video needs a CLIP vision file (clip_vision_h).", problems);
    }

    [Fact]
    public void Image_to_image_without_an_image_or_with_a_refiner_is_refused()
    {
        var request = Fixtures.Request(ModelFamily.Sdxl, GenerationKind.ImageToImage) with
        {
            InitImage = null, Denoise = 0, Refiner = new("sd_xl_refiner_1.0.safetensors", 30),
        };
        var problems = WorkflowBuilder.Problems(request);
        Assert.Contains("Image-to-image needs an uploaded init image.", problems);
        Assert.Contains("Denoise must be more than 0 and at most 1.", problems);
        Assert.Contains("A refiner is only supported for SDXL text-to-image.", problems);
        Assert.Contains("The refiner must take over after step 1 and before the last step (20).", problems);
    }
}
