using System.Text.Json.Nodes;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Tests.Generation;

public sealed class WorkflowValidatorTests
{
    static readonly ObjectInfoCatalog Catalog = Fixtures.Catalog();

    static JsonObject SdxlGraph() => WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Sdxl, GenerationKind.TextToImage)).Graph;

    static string Only(IReadOnlyList<GraphProblem> problems) => Assert.Single(problems).ToString();

    [Fact]
    public void A_model_file_the_server_lacks_is_named_with_its_node_and_input()
    {
        var graph = SdxlGraph();
        var (id, inputs) = graph.Single("CheckpointLoaderSimple");
        inputs["ckpt_name"] = "juggernautXL.safetensors";
        var problem = Only(WorkflowValidator.Validate(graph, Catalog));
        Assert.StartsWith($"Node {id}, input 'ckpt_name': model file 'juggernautXL.safetensors' is not on this server", problem);
    }

    [Fact]
    public void A_sampler_name_comfyui_does_not_know_is_a_bad_combo_value()
    {
        var graph = SdxlGraph();
        var (id, inputs) = graph.Single("KSampler");
        inputs["sampler_name"] = "euler_a";
        Assert.StartsWith($"Node {id}, input 'sampler_name': 'euler_a' is not a value KSampler accepts here: euler, ",
            Only(WorkflowValidator.Validate(graph, Catalog)));
    }

    [Fact]
    public void A_node_class_that_is_not_installed_is_named_with_the_pack_that_provides_it()
    {
        var catalog = ObjectInfoCatalog.Parse(Fixtures.ObjectInfoJson.Replace("\"VHS_VideoCombine\"", "\"Other\"", StringComparison.Ordinal));
        var graph = SdxlGraph();
        graph["99"] = new JsonObject { ["class_type"] = "VHS_VideoCombine", ["inputs"] = new JsonObject() };
        Assert.Equal("Node 99: node class 'VHS_VideoCombine' is not installed on this server (it comes with ComfyUI-VideoHelperSuite).",
            Only(WorkflowValidator.Validate(graph, catalog)));
    }

    [Fact]
    public void Links_to_missing_nodes_missing_outputs_or_the_wrong_type_are_refused()
    {
        var graph = SdxlGraph();
        var (sampler, inputs) = graph.Single("KSampler");
        var (ckpt, _) = graph.Single("CheckpointLoaderSimple");
        inputs["model"] = new JsonArray("404", 0);
        inputs["positive"] = new JsonArray(ckpt, 7);
        inputs["latent_image"] = new JsonArray(ckpt, 2);
        var problems = WorkflowValidator.Validate(graph, Catalog).Select(p => p.ToString()).ToList();
        Assert.Equal(
        [
            $"Node {sampler}, input 'model': links to node 404, which is not in the graph.",
            $"Node {sampler}, input 'positive': links to output 7 of node {ckpt} (CheckpointLoaderSimple), which has 3 output(s).",
            $"Node {sampler}, input 'latent_image': expects LATENT but links to output 2 of node {ckpt} (CheckpointLoaderSimple), which is VAE.",
        ], problems);
    }

    [Fact]
    public void Missing_required_inputs_wrong_value_types_and_out_of_range_numbers_are_refused()
    {
        var graph = SdxlGraph();
        var (sampler, inputs) = graph.Single("KSampler");
        inputs.Remove("scheduler");
        inputs["steps"] = 0;
        inputs["cfg"] = "seven";
        inputs["denoise"] = 1.5;
        inputs["seed"] = 1.5;
        var problems = WorkflowValidator.Validate(graph, Catalog).Select(p => p.ToString()).ToList();
        Assert.Contains($"Node {sampler}, input 'scheduler': KSampler needs this input and it is missing.", problems);
        Assert.Contains($"Node {sampler}, input 'steps': 0 is outside 1–10000.", problems);
        Assert.Contains($"Node {sampler}, input 'cfg': expects a number.", problems);
        Assert.Contains($"Node {sampler}, input 'denoise': 1.5 is outside 0–1.", problems);
        Assert.Contains($"Node {sampler}, input 'seed': expects a whole number, not 1.5.", problems);
    }

    [Fact]
    public void A_widget_where_a_link_belongs_is_refused()
    {
        var graph = SdxlGraph();
        var (sampler, inputs) = graph.Single("KSampler");
        inputs["model"] = "sd_xl_base_1.0.safetensors";
        Assert.Equal($"Node {sampler}, input 'model': expects a link to a MODEL output, e.g. [\"4\", 0].", Only(WorkflowValidator.Validate(graph, Catalog)));
    }

    [Fact]
    public void A_graph_without_an_output_node_would_run_nothing()
    {
        var graph = SdxlGraph();
        graph.Remove(graph.Single("SaveImage").Id);
        Assert.Equal("The graph has no output node (SaveImage, SaveVideo, …), so ComfyUI would run nothing.", Only(WorkflowValidator.Validate(graph, Catalog)));
    }

    [Fact]
    public void A_missing_output_node_is_reported_beside_other_problems()
    {
        var graph = SdxlGraph();
        graph.Remove(graph.Single("SaveImage").Id);
        graph.Single("KSampler").Inputs["steps"] = -1;
        Assert.Equal(2, WorkflowValidator.Validate(graph, Catalog).Count);
        Assert.Single(WorkflowValidator.Validate([], Catalog));
    }

    [Fact]
    public void An_uploaded_image_name_is_left_to_the_load_image_node_and_extra_inputs_are_ignored()
    {
        var graph = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Sdxl, GenerationKind.ImageToImage) with { InitImage = "not-listed-yet.png" }).Graph;
        graph.Single("KSampler").Inputs["unknown_extra"] = 3;
        Assert.Empty(WorkflowValidator.Validate(graph, Catalog));
    }

    [Fact]
    public void A_server_without_wan_nodes_refuses_a_wan_graph_node_by_node()
    {
        var catalog = ObjectInfoCatalog.Parse(Fixtures.ObjectInfoJson.Replace("\"WanImageToVideo\":", "\"OldWan\":", StringComparison.Ordinal));
        var graph = WorkflowBuilder.Build(Fixtures.Request(ModelFamily.Wan22, GenerationKind.ImageToVideo)).Graph;
        var (id, _) = graph.Single("WanImageToVideo");
        Assert.Contains(WorkflowValidator.Validate(graph, catalog), p => p.NodeId == id && p.Message.StartsWith("node class 'WanImageToVideo' is not installed", StringComparison.Ordinal));
    }
}
