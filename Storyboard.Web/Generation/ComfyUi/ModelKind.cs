namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>The kinds of model file a server lists, each read from a loader node's combo in <c>/object_info</c>.</summary>
public enum ModelKind
{
    Checkpoint,
    DiffusionModel,
    Lora,
    Vae,
    TextEncoder,
    ClipVision,
    UpscaleModel,
    ControlNet,
}

/// <summary>An optional custom node pack, recognised by one node class it always installs.</summary>
public sealed record NodePack(string Name, string MarkerClass)
{
    public static readonly NodePack VideoHelperSuite = new("ComfyUI-VideoHelperSuite", "VHS_VideoCombine");
    public static readonly NodePack Gguf = new("ComfyUI-GGUF", "UnetLoaderGGUF");
    public static readonly NodePack KjNodes = new("ComfyUI-KJNodes", "GetImageSizeAndCount");
    public static readonly NodePack WanVideoWrapper = new("ComfyUI-WanVideoWrapper", "WanVideoSampler");
    public static readonly NodePack ImpactPack = new("ComfyUI-Impact-Pack", "FaceDetailer");
    public static readonly NodePack IpAdapterPlus = new("ComfyUI_IPAdapter_plus", "IPAdapterAdvanced");
    public static readonly NodePack Reactor = new("ComfyUI-ReActor", "ReActorFaceSwap");
    public static readonly NodePack ControlNetAux = new("comfyui_controlnet_aux", "DWPreprocessor");

    /// <summary>The packs <see cref="ObjectInfoCatalog.Packs"/> looks for.</summary>
    public static IReadOnlyList<NodePack> Known { get; } =
        [VideoHelperSuite, Gguf, KjNodes, WanVideoWrapper, ImpactPack, IpAdapterPlus, Reactor, ControlNetAux];
}
