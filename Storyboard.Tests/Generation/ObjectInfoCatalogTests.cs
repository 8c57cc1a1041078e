using Storyboard.Web.Generation.ComfyUi;

namespace Storyboard.Tests.Generation;

public sealed class ObjectInfoCatalogTests
{
    [Fact]
    public void Classic_list_combos_and_v3_COMBO_options_are_both_read()
    {
        var catalog = ObjectInfoCatalog.Parse("""
            {
              "CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": [["a.safetensors", "SDXL\\b.safetensors"], {"tooltip": "x"}]}},
                                         "output": ["MODEL", "CLIP", "VAE"], "output_node": false},
              "SaveVideo": {"input": {"required": {"video": ["VIDEO"], "format": ["COMBO", {"options": ["auto", "mp4"], "default": "auto", "multiselect": false}]},
                                      "hidden": {"prompt": ["PROMPT"]}},
                            "output": [], "output_node": true, "display_name": null, "deprecated": false}
            }
            """);
        Assert.Equal(["a.safetensors", "SDXL\\b.safetensors"], catalog.Models(ModelKind.Checkpoint));
        Assert.Equal(["auto", "mp4"], catalog.Options("SaveVideo", "format"));
        var save = catalog.Node("SaveVideo")!;
        Assert.True(save.IsOutputNode);
        Assert.Equal(InputGroup.Hidden, save.Inputs["prompt"].Group);
        Assert.Equal("VIDEO", save.Inputs["video"].Type);
        Assert.Equal(["MODEL", "CLIP", "VAE"], catalog.Node("CheckpointLoaderSimple")!.Outputs);
    }

    [Fact]
    public void The_fixture_server_lists_models_of_every_kind()
    {
        var catalog = Fixtures.Catalog();
        Assert.Contains("sd_xl_base_1.0.safetensors", catalog.Models(ModelKind.Checkpoint));
        Assert.Contains("wan2.2_ti2v_5B_fp16.safetensors", catalog.Models(ModelKind.DiffusionModel));
        Assert.Contains("SDXL/pixel_art.safetensors", catalog.Models(ModelKind.Lora));
        Assert.Contains("taesd", catalog.Models(ModelKind.Vae));
        Assert.Contains("umt5_xxl_fp8_e4m3fn_scaled.safetensors", catalog.Models(ModelKind.TextEncoder));
        Assert.Equal(["clip_vision_h.safetensors"], catalog.Models(ModelKind.ClipVision));
        Assert.Contains("4x-UltraSharp.pth", catalog.Models(ModelKind.UpscaleModel));
        Assert.Empty(catalog.Models(ModelKind.ControlNet));
        Assert.Equal(catalog.Models(ModelKind.Lora).Count, catalog.Models(ModelKind.Lora).Distinct().Count());
        Assert.Contains("euler_ancestral", catalog.Samplers);
        Assert.Contains("karras", catalog.Schedulers);
        Assert.DoesNotContain("euler_a", catalog.Samplers);
    }

    [Fact]
    public void The_seed_bound_of_two_to_the_64_minus_one_is_kept_exactly()
    {
        var seed = Fixtures.Catalog().Node("KSampler")!.Inputs["seed"];
        Assert.Equal(ulong.MaxValue, (ulong)seed.Max!.Value);
        Assert.Equal(0m, seed.Min);
    }

    [Fact]
    public void Node_classes_and_optional_packs_are_detected()
    {
        var catalog = Fixtures.Catalog();
        Assert.True(catalog.HasNode("WanImageToVideo"));
        Assert.False(catalog.HasNode("EmptyLatentVideo"));
        Assert.Equal([NodePack.VideoHelperSuite], catalog.Packs);
        Assert.True(catalog.HasPack(NodePack.VideoHelperSuite));
        Assert.False(catalog.HasPack(NodePack.Gguf));
    }

    [Fact]
    public void Odd_entries_are_skipped_or_kept_as_far_as_they_make_sense()
    {
        var catalog = ObjectInfoCatalog.Parse("""
            {
              "Broken": 42,
              "NoInputs": {"output": ["IMAGE"]},
              "Weird": {"input": {"required": {"a": "INT", "b": [], "c": {"x": 1}, "d": [["x", 1, true, null]], "e": ["COMBO"]},
                                  "optional": "nonsense"},
                        "output": [["a", "b"], 3], "output_node": "yes"},
              "UnetLoaderGGUF": {"input": {"required": {"unet_name": [["flux1-dev-Q4_K_S.gguf"]]}}, "output": ["MODEL"]}
            }
            """);
        Assert.False(catalog.HasNode("Broken"));
        Assert.Empty(catalog.Node("NoInputs")!.Inputs);
        var weird = catalog.Node("Weird")!;
        Assert.Equal("INT", weird.Inputs["a"].Type);
        Assert.Equal("*", weird.Inputs["b"].Type);
        Assert.Equal(["x", "1", "true", "null"], weird.Inputs["d"].Options);
        Assert.Empty(weird.Inputs["e"].Options!);
        Assert.False(weird.IsOutputNode);
        Assert.Equal(["COMBO", "*"], weird.Outputs);
        Assert.Equal(["flux1-dev-Q4_K_S.gguf"], catalog.Models(ModelKind.DiffusionModel));
        Assert.True(catalog.HasPack(NodePack.Gguf));
        Assert.Empty(catalog.Samplers);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    public void A_document_that_is_not_an_object_of_node_classes_is_refused(string json) =>
        Assert.Throws<FormatException>(() => ObjectInfoCatalog.Parse(json));
}
