using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>API-format graphs from spec §4 and small HTTP helpers for tests of the fakes.</summary>
public static class FakeComfyUiGraphs
{
    /// <summary>§4.2 SDXL text-to-image (node 9 is the SaveImage output, node 3 the KSampler).</summary>
    public static JsonObject Sdxl(long seed = 123456789, string checkpoint = "sd_xl_base_1.0.safetensors") => Parse($$$"""
        {
          "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "{{{checkpoint}}}"}},
          "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 1024, "height": 1024, "batch_size": 1}},
          "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a photo of a cat", "clip": ["4", 1]}},
          "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry, low quality", "clip": ["4", 1]}},
          "3": {"class_type": "KSampler", "inputs": {"model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
                "latent_image": ["5", 0], "seed": {{{seed}}}, "steps": 25, "cfg": 7.0, "sampler_name": "dpmpp_2m",
                "scheduler": "karras", "denoise": 1.0}},
          "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
          "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "ComfyUI"}}
        }
        """);

    /// <summary>§4.6 Wan 2.1 image-to-video ending in CreateVideo → SaveVideo (node 61).</summary>
    public static JsonObject WanImageToVideo(string startImage) => Parse($$$"""
        {
          "37": {"class_type": "UNETLoader", "inputs": {"unet_name": "wan2.1_i2v_480p_14B_fp16.safetensors", "weight_dtype": "default"}},
          "38": {"class_type": "CLIPLoader", "inputs": {"clip_name": "umt5_xxl_fp8_e4m3fn_scaled.safetensors", "type": "wan", "device": "default"}},
          "39": {"class_type": "VAELoader", "inputs": {"vae_name": "wan_2.1_vae.safetensors"}},
          "48": {"class_type": "ModelSamplingSD3", "inputs": {"model": ["37", 0], "shift": 8.0}},
          "6":  {"class_type": "CLIPTextEncode", "inputs": {"text": "a fox running through snow", "clip": ["38", 0]}},
          "7":  {"class_type": "CLIPTextEncode", "inputs": {"text": "static, blurry", "clip": ["38", 0]}},
          "49": {"class_type": "CLIPVisionLoader", "inputs": {"clip_name": "clip_vision_h.safetensors"}},
          "52": {"class_type": "LoadImage", "inputs": {"image": "{{{startImage}}}"}},
          "51": {"class_type": "CLIPVisionEncode", "inputs": {"clip_vision": ["49", 0], "image": ["52", 0], "crop": "none"}},
          "50": {"class_type": "WanImageToVideo", "inputs": {"positive": ["6", 0], "negative": ["7", 0], "vae": ["39", 0],
                 "clip_vision_output": ["51", 0], "start_image": ["52", 0], "width": 832, "height": 480, "length": 33, "batch_size": 1}},
          "3":  {"class_type": "KSampler", "inputs": {"model": ["48", 0], "positive": ["50", 0], "negative": ["50", 1],
                 "latent_image": ["50", 2], "seed": 42, "steps": 20, "cfg": 6.0, "sampler_name": "uni_pc",
                 "scheduler": "simple", "denoise": 1.0}},
          "8":  {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["39", 0]}},
          "60": {"class_type": "CreateVideo", "inputs": {"images": ["8", 0], "fps": 16.0}},
          "61": {"class_type": "SaveVideo", "inputs": {"video": ["60", 0], "filename_prefix": "video/ComfyUI", "format": "auto", "codec": "auto"}}
        }
        """);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static async Task<(int Status, JsonNode? Body)> PostJsonAsync(this HttpClient http, string path, JsonNode body)
    {
        using var response = await http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : TryParse(text));
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>Posts a prompt and returns its id (asserting the 200).</summary>
    public static async Task<string> QueuePromptAsync(this HttpClient http, JsonObject prompt, string? clientId, JsonObject? extra = null)
    {
        var body = new JsonObject { ["prompt"] = prompt.DeepClone() };
        if (clientId is not null)
        {
            body["client_id"] = clientId;
        }
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }
        var (status, answer) = await http.PostJsonAsync("/prompt", body);
        Assert.True(status == 200, answer?.ToJsonString());
        return answer!["prompt_id"]!.ToString();
    }

    static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
