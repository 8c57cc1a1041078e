using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Presets;

namespace Storyboard.Tests.Generation;

/// <summary>Each family's graph uses the loaders, latent and sampling patch its official ComfyUI workflow uses.</summary>
public sealed class WorkflowFamilyShapeTests
{
    [Theory]
    [InlineData(ModelFamily.Sd15, "CheckpointLoaderSimple", null, "EmptyLatentImage", null)]
    [InlineData(ModelFamily.Sdxl, "CheckpointLoaderSimple", null, "EmptyLatentImage", null)]
    [InlineData(ModelFamily.PonyIllustrious, "CheckpointLoaderSimple", null, "EmptyLatentImage", null)]
    [InlineData(ModelFamily.Sd35, "UNETLoader", "TripleCLIPLoader", "EmptySD3LatentImage", "ModelSamplingSD3")]
    [InlineData(ModelFamily.Flux, "UNETLoader", "DualCLIPLoader", "EmptySD3LatentImage", null)]
    [InlineData(ModelFamily.HiDream, "UNETLoader", "QuadrupleCLIPLoader", "EmptySD3LatentImage", "ModelSamplingSD3")]
    [InlineData(ModelFamily.QwenImage, "UNETLoader", "CLIPLoader", "EmptySD3LatentImage", "ModelSamplingAuraFlow")]
    [InlineData(ModelFamily.Wan21, "UNETLoader", "CLIPLoader", "EmptyHunyuanLatentVideo", "ModelSamplingSD3")]
    [InlineData(ModelFamily.Wan22, "UNETLoader", "CLIPLoader", "EmptyHunyuanLatentVideo", "ModelSamplingSD3")]
    [InlineData(ModelFamily.LtxVideo, "CheckpointLoaderSimple", "CLIPLoader", "EmptyLTXVLatentVideo", null)]
    public void The_text_to_x_graph_has_the_family_loaders_latent_and_shift(ModelFamily family, string loader, string? clipLoader, string latent, string? shift)
    {
        var kind = ModelFamilies.Traits(family).Kinds[0];
        var g = WorkflowBuilder.Build(Fixtures.Request(family, kind)).Graph;
        Assert.NotEmpty(g.Nodes(loader));
        if (clipLoader is not null)
        {
            var (_, clip) = g.Single(clipLoader);
            if (clip["type"] is { } type)
            {
                Assert.Equal(ModelFamilies.Traits(family).ClipType, (string)type!);
            }
        }
        Assert.Single(g.Nodes(latent));
        if (shift is not null)
        {
            Assert.All(g.Nodes(shift), s => Assert.Equal(PresetTable.Get(family, PresetMode.Fast).Shift, (double)s.Inputs["shift"]!));
            Assert.NotEmpty(g.Nodes(shift));
        }
        Assert.Equal(family == ModelFamily.Flux, g.Nodes("FluxGuidance").Any());
        Assert.Equal(family == ModelFamily.PonyIllustrious, g.Nodes("CLIPSetLastLayer").Any());
    }

    [Fact]
    public void Sd35_with_two_text_encoders_uses_the_dual_loader_of_type_sd3()
    {
        var request = Fixtures.Request(ModelFamily.Sd35, GenerationKind.TextToImage) with
        {
            Models = new("sd3.5_large.safetensors") { TextEncoders = ["clip_l.safetensors", "clip_g.safetensors"], Vae = "ae.safetensors" },
        };
        var g = WorkflowBuilder.Build(request).Graph;
        Assert.Equal("sd3", (string)g.Single("DualCLIPLoader").Inputs["type"]!);
        Assert.Empty(WorkflowValidator.Validate(g, Fixtures.Catalog()));
    }

    [Fact]
    public void Ltx_image_to_video_conditions_on_the_start_image_and_the_frame_rate()
    {
        var g = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.LtxVideo, GenerationKind.ImageToVideo) with { Fps = 25 }).Graph;
        var (i2vId, i2v) = g.Single("LTXVImgToVideo");
        Assert.Equal("LoadImage", g.ClassOf(i2v.Link("image").Id));
        var (conditionedId, conditioned) = g.Single("LTXVConditioning");
        Assert.Equal(((i2vId, 0), (i2vId, 1), 25.0), (conditioned.Link("positive"), conditioned.Link("negative"), (double)conditioned["frame_rate"]!));
        var (_, sampler) = g.Single("KSampler");
        Assert.Equal(((conditionedId, 0), (conditionedId, 1), (i2vId, 2)), (sampler.Link("positive"), sampler.Link("negative"), sampler.Link("latent_image")));
        Assert.Equal(("CheckpointLoaderSimple", 2), (g.ClassOf(i2v.Link("vae").Id), i2v.Link("vae").Slot));
    }

    [Fact]
    public void A_preset_request_takes_the_bucket_and_the_family_defaults()
    {
        var request = GenerationRequest.FromPreset(ModelFamily.PonyIllustrious, PresetMode.Quality, GenerationKind.TextToImage,
            new("ponyDiffusionV6XL.safetensors"), "1girl, rain", 5, aspectWidth: 9, aspectHeight: 16);
        Assert.Equal((768, 1344, 30, "dpmpp_2m_sde", "karras", -2), (request.Width, request.Height, request.Steps, request.Sampler, request.Scheduler, request.ClipSkip!.Value));
        Assert.StartsWith("score_4", request.Negative, StringComparison.Ordinal);
        Assert.Empty(WorkflowBuilder.Problems(request));
    }
}
