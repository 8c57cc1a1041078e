using System.Text.Json.Nodes;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

public sealed class CustomWorkflowTests
{
    static readonly ObjectInfoCatalog Catalog = Fixtures.Catalog();

    /// <summary>An SDXL graph as ComfyUI's "Export (API)" writes it, with placeholders and a {{loras}} anchor at node 10.</summary>
    const string Uploaded = """
        {
          "4":  {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}, "_meta": {"title": "Load Checkpoint"}},
          "10": {"class_type": "LoraLoader", "inputs": {"model": ["4", 0], "clip": ["4", 1], "lora_name": "{{loras}}", "strength_model": 1.0, "strength_clip": 1.0}},
          "5":  {"class_type": "EmptyLatentImage", "inputs": {"width": "{{width}}", "height": "{{ height }}", "batch_size": 1}},
          "6":  {"class_type": "CLIPTextEncode", "inputs": {"text": "masterpiece, {{prompt}}", "clip": ["10", 1]}},
          "7":  {"class_type": "CLIPTextEncode", "inputs": {"text": "{{negative}}", "clip": ["10", 1]}},
          "3":  {"class_type": "KSampler", "inputs": {"model": ["10", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0],
                  "seed": "{{seed}}", "steps": "{{steps}}", "cfg": "{{cfg}}", "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1.0}},
          "8":  {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9":  {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "storyboard/{{seed}}"}}
        }
        """;

    static CustomWorkflowValues Values(params LoraUse[] loras) => new()
    {
        Prompt = "a \"quoted\" fox", Negative = "blurry", Seed = ulong.MaxValue, Width = 1344, Height = 768, Steps = 25, Cfg = 6.5, Loras = loras,
    };

    [Fact]
    public void The_placeholders_of_an_uploaded_workflow_are_found()
    {
        var workflow = CustomWorkflow.Parse(Uploaded);
        Assert.Equal(
            new HashSet<Placeholder> { Placeholder.Loras, Placeholder.Width, Placeholder.Height, Placeholder.Prompt, Placeholder.Negative, Placeholder.Seed, Placeholder.Steps, Placeholder.Cfg },
            workflow.Placeholders);
        Assert.Equal("10", workflow.LoraAnchorNodeId);
        Assert.Contains(new PlaceholderUse("6", "text", Placeholder.Prompt, WholeValue: false), workflow.Uses);
        Assert.Contains(new PlaceholderUse("3", "seed", Placeholder.Seed, WholeValue: true), workflow.Uses);
        Assert.Contains(new PlaceholderUse("9", "filename_prefix", Placeholder.Seed, WholeValue: false), workflow.Uses);
        Assert.Empty(workflow.Validate(Catalog));
    }

    [Fact]
    public void Applying_values_makes_whole_number_placeholders_numbers_and_the_seed_an_exact_integer()
    {
        var built = CustomWorkflow.Parse(Uploaded).Apply(Values(new LoraUse("detail_tweaker_xl.safetensors", 0.8, 0.6)), Catalog);
        var g = built.Graph;
        var json = built.ToJson();
        Assert.Contains("\"seed\":18446744073709551615", json, StringComparison.Ordinal);
        Assert.Equal(ulong.MaxValue, g.InputsOf("3")["seed"]!.GetValue<ulong>());
        Assert.Equal((25, 6.5), ((int)g.InputsOf("3")["steps"]!, (double)g.InputsOf("3")["cfg"]!));
        Assert.Equal((1344, 768), ((int)g.InputsOf("5")["width"]!, (int)g.InputsOf("5")["height"]!));
        Assert.Equal("masterpiece, a \"quoted\" fox", (string)g.InputsOf("6")["text"]!);
        Assert.Equal("blurry", (string)g.InputsOf("7")["text"]!);
        Assert.Equal("storyboard/18446744073709551615", (string)g.InputsOf("9")["filename_prefix"]!);
        Assert.Equal(("detail_tweaker_xl.safetensors", 0.8, 0.6), ((string)g.InputsOf("10")["lora_name"]!, (double)g.InputsOf("10")["strength_model"]!, (double)g.InputsOf("10")["strength_clip"]!));
        Assert.Equal(["9"], built.OutputNodeIds);
        Assert.Equal(MediaKind.Image, built.Media);
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void Applying_leaves_the_uploaded_template_untouched()
    {
        var workflow = CustomWorkflow.Parse(Uploaded);
        workflow.Apply(Values());
        Assert.Equal("{{seed}}", (string)workflow.Template["3"]!["inputs"]!["seed"]!);
        Assert.Equal("{{loras}}", (string)workflow.Template["10"]!["inputs"]!["lora_name"]!);
    }

    [Fact]
    public void No_loras_remove_the_anchor_and_link_its_consumers_to_its_inputs()
    {
        var g = CustomWorkflow.Parse(Uploaded).Apply(Values()).Graph;
        Assert.False(g.ContainsKey("10"));
        Assert.Equal(("4", 0), g.InputsOf("3").Link("model"));
        Assert.Equal(("4", 1), g.InputsOf("6").Link("clip"));
        Assert.Equal(("4", 1), g.InputsOf("7").Link("clip"));
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Several_loras_chain_after_the_anchor_and_its_consumers_use_the_last(int count)
    {
        var loras = Fixtures.LoraFiles.Take(count).Select(f => new LoraUse(f)).ToArray();
        var g = CustomWorkflow.Parse(Uploaded).Apply(Values(loras)).Graph;
        var previous = "10";
        Assert.Equal(Fixtures.LoraFiles[0], (string)g.InputsOf("10")["lora_name"]!);
        for (var i = 1; i < count; i++)
        {
            var (id, inputs) = Assert.Single(g.Nodes("LoraLoader"), n => n.Inputs.Link("model") == (previous, 0));
            Assert.Equal((previous, 1), inputs.Link("clip"));
            Assert.Equal(Fixtures.LoraFiles[i], (string)inputs["lora_name"]!);
            Assert.True(int.Parse(id) > 10);
            previous = id;
        }
        Assert.Equal((previous, 0), g.InputsOf("3").Link("model"));
        Assert.Equal((previous, 1), g.InputsOf("6").Link("clip"));
        Assert.Equal(count, g.Nodes("LoraLoader").Count());
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void A_model_only_anchor_chains_model_only_loras()
    {
        var json = """
            {
              "1": {"class_type": "UNETLoader", "inputs": {"unet_name": "wan2.2_ti2v_5B_fp16.safetensors", "weight_dtype": "default"}},
              "2": {"class_type": "LoraLoaderModelOnly", "inputs": {"model": ["1", 0], "lora_name": "{{loras}}", "strength_model": 1.0}},
              "3": {"class_type": "CLIPLoader", "inputs": {"clip_name": "umt5_xxl_fp8_e4m3fn_scaled.safetensors", "type": "wan"}},
              "4": {"class_type": "VAELoader", "inputs": {"vae_name": "wan2.2_vae.safetensors"}},
              "5": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}", "clip": ["3", 0]}},
              "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{negative}}", "clip": ["3", 0]}},
              "7": {"class_type": "LoadImage", "inputs": {"image": "{{image}}"}},
              "8": {"class_type": "Wan22ImageToVideoLatent", "inputs": {"vae": ["4", 0], "width": 1280, "height": 704, "length": "{{frames}}", "batch_size": 1, "start_image": ["7", 0]}},
              "9": {"class_type": "KSampler", "inputs": {"model": ["2", 0], "positive": ["5", 0], "negative": ["6", 0], "latent_image": ["8", 0],
                     "seed": "{{seed}}", "steps": 20, "cfg": 5.0, "sampler_name": "uni_pc", "scheduler": "simple", "denoise": 1.0}},
              "10": {"class_type": "VAEDecode", "inputs": {"samples": ["9", 0], "vae": ["4", 0]}},
              "11": {"class_type": "CreateVideo", "inputs": {"images": ["10", 0], "fps": "{{fps}}"}},
              "12": {"class_type": "SaveVideo", "inputs": {"video": ["11", 0], "filename_prefix": "video/sb", "format": "auto", "codec": "auto"}}
            }
            """;
        var workflow = CustomWorkflow.Parse(json);
        Assert.Empty(workflow.Validate(Catalog));
        var built = workflow.Apply(new CustomWorkflowValues
        {
            Prompt = "p", Seed = 7, Image = "start_frame.png", Frames = 121, Fps = 24,
            Loras = [new("wan2.2_i2v_lightx2v_4steps_lora_v1.safetensors", 1.0), new("add_detail.safetensors", 0.5)],
        }, Catalog);
        var g = built.Graph;
        var (last, lastInputs) = Assert.Single(g.Nodes("LoraLoaderModelOnly"), n => n.Id != "2");
        Assert.Equal(("2", 0), lastInputs.Link("model"));
        Assert.False(lastInputs.ContainsKey("clip"));
        Assert.Equal((last, 0), g.InputsOf("9").Link("model"));
        Assert.Equal((121, 24.0), ((int)g.InputsOf("8")["length"]!, (double)g.InputsOf("11")["fps"]!));
        Assert.Equal("start_frame.png", (string)g.InputsOf("7")["image"]!);
        Assert.Equal(["12"], built.OutputNodeIds);
        Assert.Equal(MediaKind.Video, built.Media);
        Assert.Empty(WorkflowValidator.Validate(g, Catalog));
    }

    [Fact]
    public void A_ui_format_workflow_is_refused_with_how_to_export_the_api_format()
    {
        var e = Assert.Throws<CustomWorkflowException>(() => CustomWorkflow.Parse("""
            {"last_node_id": 9, "last_link_id": 9, "nodes": [{"id": 3, "type": "KSampler", "widgets_values": [1, "fixed", 20]}], "links": [[1, 4, 0, 3, 0, "MODEL"]], "version": 0.4}
            """));
        Assert.Equal("This is a UI-format workflow (it has \"nodes\" and \"links\" lists), which ComfyUI cannot queue. " +
                     "In ComfyUI use Workflow → Export (API) and upload that file.", e.Message);
    }

    [Theory]
    [InlineData("not json", "The file is not valid JSON")]
    [InlineData("[]", "The file is not an API-format workflow: it should be a JSON object of nodes.")]
    [InlineData("{}", "The workflow has no nodes.")]
    [InlineData("""{"1": {"inputs": {}}}""", "Node 1 has no \"class_type\" and \"inputs\"; is this an API-format workflow?")]
    [InlineData("""{"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "a cat"}}}""", "The workflow has no {{prompt}} placeholder.")]
    [InlineData("""{"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}} {{style}}"}}}""", "Node 1, input 'text': {{style}} is not a placeholder Storyboard knows.")]
    [InlineData("""{"1": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}} {{loras}}"}}}""", "Node 1, input 'text': {{loras}} must be the whole lora_name")]
    public void A_file_that_cannot_be_a_custom_workflow_says_why(string json, string message) =>
        Assert.StartsWith(message, Assert.Throws<CustomWorkflowException>(() => CustomWorkflow.Parse(json)).Message);

    [Fact]
    public void Validation_names_missing_nodes_bad_combos_broken_links_and_misplaced_placeholders()
    {
        var json = Uploaded
            .Replace("\"sampler_name\": \"dpmpp_2m\"", "\"sampler_name\": \"dpm_2_a\"", StringComparison.Ordinal)
            .Replace("\"vae\": [\"4\", 2]", "\"vae\": [\"44\", 0]", StringComparison.Ordinal)
            .Replace("\"filename_prefix\": \"storyboard/{{seed}}\"", "\"filename_prefix\": \"{{seed}}\"", StringComparison.Ordinal)
            .Replace("\"EmptyLatentImage\"", "\"EmptyLatentImagePlus\"", StringComparison.Ordinal);
        var problems = CustomWorkflow.Parse(json).Validate(Catalog).Select(p => p.ToString()).ToList();
        Assert.Contains("Node 5: node class 'EmptyLatentImagePlus' is not installed on this server (update ComfyUI or install the custom node pack that provides it).", problems);
        Assert.Contains(problems, p => p.StartsWith("Node 3, input 'sampler_name': 'dpm_2_a' is not a value KSampler accepts here", StringComparison.Ordinal));
        Assert.Contains("Node 8, input 'vae': links to node 44, which is not in the graph.", problems);
        Assert.Contains("Node 9, input 'filename_prefix': {{seed}} cannot go here: SaveImage.filename_prefix expects STRING.", problems);
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Applying_without_a_value_the_workflow_needs_names_the_placeholder()
    {
        var workflow = CustomWorkflow.Parse(Uploaded);
        var e = Assert.Throws<CustomWorkflowException>(() => workflow.Apply(Values() with { Width = null }));
        Assert.Equal("Node 5, input 'width': the workflow uses {{width}} but this job gives no value for it.", e.Message);
    }

    [Fact]
    public void Output_nodes_are_found_without_a_catalogue_from_the_known_savers()
    {
        var built = CustomWorkflow.Parse(Uploaded.Replace("\"SaveImage\"", "\"PreviewImage\"", StringComparison.Ordinal)).Apply(Values());
        Assert.Equal(["9"], built.OutputNodeIds);
        Assert.IsType<JsonObject>(built.Graph["9"]);
    }
}
