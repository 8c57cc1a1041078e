using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;

namespace Storyboard.Tests.Generation.Workflows;

/// <summary>Custom workflows as ComfyUI's "Export (API)" writes them, with placeholders, and servers to check them on.</summary>
internal static class WorkflowGraphs
{
    /// <summary>SDXL text-to-image with a {{loras}} anchor (node 10).</summary>
    public const string SdxlImage = """
        {
          "4":  {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}, "_meta": {"title": "Load Checkpoint"}},
          "10": {"class_type": "LoraLoader", "inputs": {"model": ["4", 0], "clip": ["4", 1], "lora_name": "{{loras}}", "strength_model": 1.0, "strength_clip": 1.0}},
          "5":  {"class_type": "EmptyLatentImage", "inputs": {"width": "{{width}}", "height": "{{height}}", "batch_size": 1}},
          "6":  {"class_type": "CLIPTextEncode", "inputs": {"text": "cinematic still, {{prompt}}", "clip": ["10", 1]}},
          "7":  {"class_type": "CLIPTextEncode", "inputs": {"text": "{{negative}}", "clip": ["10", 1]}},
          "3":  {"class_type": "KSampler", "inputs": {"model": ["10", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0],
                  "seed": "{{seed}}", "steps": "{{steps}}", "cfg": "{{cfg}}", "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1.0}},
          "8":  {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9":  {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "storyboard"}}
        }
        """;

    /// <summary>Wan 2.1 image-to-video (node 50 is WanImageToVideo) ending in CreateVideo → SaveVideo.</summary>
    public const string WanImageToVideo = """
        {
          "37": {"class_type": "UNETLoader", "inputs": {"unet_name": "wan2.1_i2v_480p_14B_fp16.safetensors", "weight_dtype": "default"}},
          "38": {"class_type": "CLIPLoader", "inputs": {"clip_name": "umt5_xxl_fp8_e4m3fn_scaled.safetensors", "type": "wan", "device": "default"}},
          "39": {"class_type": "VAELoader", "inputs": {"vae_name": "wan_2.1_vae.safetensors"}},
          "48": {"class_type": "ModelSamplingSD3", "inputs": {"model": ["37", 0], "shift": 8.0}},
          "6":  {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}", "clip": ["38", 0]}},
          "7":  {"class_type": "CLIPTextEncode", "inputs": {"text": "{{negative}}", "clip": ["38", 0]}},
          "49": {"class_type": "CLIPVisionLoader", "inputs": {"clip_name": "clip_vision_h.safetensors"}},
          "52": {"class_type": "LoadImage", "inputs": {"image": "{{image}}"}},
          "51": {"class_type": "CLIPVisionEncode", "inputs": {"clip_vision": ["49", 0], "image": ["52", 0], "crop": "none"}},
          "50": {"class_type": "WanImageToVideo", "inputs": {"positive": ["6", 0], "negative": ["7", 0], "vae": ["39", 0],
                 "clip_vision_output": ["51", 0], "start_image": ["52", 0], "width": "{{width}}", "height": "{{height}}", "length": "{{frames}}", "batch_size": 1}},
          "3":  {"class_type": "KSampler", "inputs": {"model": ["48", 0], "positive": ["50", 0], "negative": ["50", 1],
                 "latent_image": ["50", 2], "seed": "{{seed}}", "steps": 20, "cfg": 6.0, "sampler_name": "uni_pc", "scheduler": "simple", "denoise": 1.0}},
          "8":  {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["39", 0]}},
          "60": {"class_type": "CreateVideo", "inputs": {"images": ["8", 0], "fps": "{{fps}}"}},
          "61": {"class_type": "SaveVideo", "inputs": {"video": ["60", 0], "filename_prefix": "video/storyboard", "format": "auto", "codec": "auto"}}
        }
        """;

    /// <summary>The same SDXL graph as the UI's "Save" writes it (nodes and links), which ComfyUI cannot queue.</summary>
    public const string UiFormat = """
        {"last_node_id": 9, "last_link_id": 9, "nodes": [{"id": 4, "type": "CheckpointLoaderSimple", "widgets_values": ["sd_xl_base_1.0.safetensors"]}],
         "links": [[1, 4, 0, 3, 0, "MODEL"]], "groups": [], "config": {}, "extra": {}, "version": 0.4}
        """;

    /// <summary>A valid graph over 2 MB: a long note in a node's _meta, as some exported graphs carry.</summary>
    public static string Oversize()
    {
        var graph = JsonNode.Parse(SdxlImage)!.AsObject();
        graph["9"]!["_meta"] = new JsonObject { ["title"] = new string('x', 2 * 1024 * 1024) };
        return graph.ToJsonString();
    }

    /// <summary>The fake server's catalogue without one node class, like a ComfyUI that lacks that node.</summary>
    public static ObjectInfoCatalog CatalogWithout(string nodeClass)
    {
        var info = JsonNode.Parse(Fixtures.ObjectInfoJson)!.AsObject();
        Assert.True(info.Remove(nodeClass));
        return ObjectInfoCatalog.Parse(info);
    }

    /// <summary>Registers a ComfyUI server row and, when given, the catalogue its last discovery read.</summary>
    public static async Task<int> AddServerAsync(this StoryboardFactory factory, string name, ObjectInfoCatalog? catalog,
        GpuServerStatus status = GpuServerStatus.Online)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var now = DateTimeOffset.UtcNow;
        // Port 9 (discard): nothing answers, so the health check never reads a catalogue over ours.
        var server = new GpuServer { Name = name, Kind = GpuServerKind.ComfyUi, BaseUrl = "http://127.0.0.1:9", Status = status, CreatedAt = now, UpdatedAt = now };
        db.GpuServers.Add(server);
        await db.SaveChangesAsync();
        if (catalog is not null)
        {
            factory.Services.GetRequiredService<IServerCatalogs>().Set(new ServerCatalog(server.Id, name, server.BaseUrl, catalog, now));
        }
        return server.Id;
    }
}
