using System.Collections.Concurrent;

namespace Storyboard.Tests.Fakes;

/// <summary>What an output node writes (spec §2.7).</summary>
public enum FakeOutputKind
{
    /// <summary>SaveImage: <c>{"images": [png]}</c>.</summary>
    Image,

    /// <summary>SaveAnimatedWEBP: <c>{"images": [webp], "animated": [true]}</c>.</summary>
    AnimatedWebp,

    /// <summary>SaveVideo: the mp4 under <c>images</c> with <c>animated: [true]</c>, subfolder from the prefix.</summary>
    Video,

    /// <summary>VHS_VideoCombine: <c>{"gifs": [{…, "format": "video/h264-mp4", …}]}</c>.</summary>
    VhsGifs,
}

/// <summary>Which ComfyUI the fake imitates (spec §10: "a fake should expose a server generation switch").</summary>
public enum FakeComfyUiGeneration
{
    /// <summary>0.3.64 (Oct 2025): any <c>prompt_id</c>, <c>invalid_prompt</c> for unknown nodes, no <c>/api/jobs</c>.</summary>
    V0_3_64,

    /// <summary>2026 builds: <c>prompt_id</c> must be a canonical UUID, <c>missing_node_type</c>, the <c>/api/jobs</c> API
    /// (§2.13), <c>create_time</c> in <c>extra_data</c>, <c>os</c> from <c>sys.platform</c>.</summary>
    Y2026,
}

/// <summary>
/// The knobs of a <see cref="FakeComfyUi"/>. Set them before or during a test, from any thread: the worker and the
/// routes read them each time they need them.
/// </summary>
public sealed class FakeComfyUiOptions
{
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> models = new(StringComparer.Ordinal)
    {
        ["checkpoints"] = ["flux1-dev-fp8.safetensors", "sd_xl_base_1.0.safetensors", "v1-5-pruned-emaonly.safetensors"],
        ["diffusion_models"] =
        [
            "flux1-dev.safetensors", "wan2.1_t2v_1.3B_fp16.safetensors", "wan2.1_i2v_480p_14B_fp16.safetensors",
            "wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors", "wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors",
        ],
        ["loras"] = ["detail_tweaker_xl.safetensors", "SDXL/pixel_art.safetensors"],
        ["vae"] = ["ae.safetensors", "sdxl_vae.safetensors", "wan_2.1_vae.safetensors"],
        ["text_encoders"] = ["clip_l.safetensors", "t5xxl_fp8_e4m3fn.safetensors", "umt5_xxl_fp8_e4m3fn_scaled.safetensors"],
        ["clip_vision"] = ["clip_vision_h.safetensors"],
        ["upscale_models"] = ["4x-UltraSharp.pth"],
        ["embeddings"] = ["EasyNegative.safetensors"],
    };

    /// <summary>Pause before each sampler step (and so between <c>progress</c> frames).</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Pause inside every executed node that has no steps.</summary>
    public TimeSpan NodeDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Sampler steps to report; null takes the graph's own <c>steps</c> input.</summary>
    public int? Steps { get; set; } = 3;

    /// <summary>The node id that raises when it starts executing; null for none.</summary>
    public string? FailAtNode { get; set; }

    public string FailureMessage { get; set; } = "Allocation on device \nThis error means you ran out of memory on your GPU.";

    /// <summary><c>exception_type</c> of the failure: <c>torch.OutOfMemoryError</c>, <c>RuntimeError</c>, …</summary>
    public string FailureType { get; set; } = "torch.OutOfMemoryError";

    /// <summary>Forces every output node to emit this shape; null lets the node's class decide.</summary>
    public FakeOutputKind? OutputKind { get; set; }

    /// <summary>Abort the prompt's websocket after this many <c>progress</c> frames of each job; null never.</summary>
    public int? DropWebSocketAfterProgress { get; set; }

    /// <summary>Keep every websocket open but send nothing on it (HTTP keeps working).</summary>
    public bool StallWebSockets { get; set; }

    /// <summary>Send binary latent previews with each sampler step, as with <c>--preview-method auto</c> (off by
    /// default, like a real server).</summary>
    public bool Previews { get; set; }

    /// <summary>Answer every HTTP request with 502 Bad Gateway, as a reverse proxy does in front of a dead ComfyUI.</summary>
    public bool BadGateway { get; set; }

    /// <summary>Extra latency of <c>GET /history</c> and <c>GET /history/{id}</c>.</summary>
    public TimeSpan HistoryDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Extra latency of <c>GET /object_info</c> (real servers answer it slowly).</summary>
    public TimeSpan ObjectInfoDelay { get; set; } = TimeSpan.Zero;

    public string GpuName { get; set; } = "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync";

    public long VramTotal { get; set; } = 25_386_352_640;

    public long VramFree { get; set; } = 23_812_112_384;

    public string Version { get; set; } = "0.3.64";

    /// <summary>Set <see cref="Version"/> too (e.g. "0.26.0") when switching to <see cref="FakeComfyUiGeneration.Y2026"/>.</summary>
    public FakeComfyUiGeneration Generation { get; set; } = FakeComfyUiGeneration.V0_3_64;

    /// <summary>History entries kept (oldest dropped first).</summary>
    public int MaxHistory { get; set; } = 10_000;

    /// <summary>The model files of one folder (feeds <c>/models/{folder}</c> and the loaders' combos).</summary>
    public IReadOnlyList<string> Models(string folder) => models.TryGetValue(folder, out var list) ? list : [];

    public FakeComfyUiOptions SetModels(string folder, params string[] files)
    {
        models[folder] = files.ToArray();
        return this;
    }

    internal IReadOnlyDictionary<string, IReadOnlyList<string>> AllModels() =>
        models.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
