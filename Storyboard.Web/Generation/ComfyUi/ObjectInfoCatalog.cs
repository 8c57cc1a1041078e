using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// What one ComfyUI server offers, parsed from its <c>GET /object_info</c> answer: node classes with their inputs and
/// combo options, model lists per kind, sampler and scheduler names, and which optional node packs are installed.
/// Parsing is lenient: entries that are not objects, or inputs of an odd shape, are kept as far as they make sense
/// and never throw; only a document that is not a JSON object is refused.
/// </summary>
public sealed class ObjectInfoCatalog
{
    static readonly (ModelKind Kind, string Node, string Input)[] ModelSources =
    [
        (ModelKind.Checkpoint, "CheckpointLoaderSimple", "ckpt_name"),
        (ModelKind.DiffusionModel, "UNETLoader", "unet_name"),
        (ModelKind.DiffusionModel, "UnetLoaderGGUF", "unet_name"),
        (ModelKind.Lora, "LoraLoader", "lora_name"),
        (ModelKind.Lora, "LoraLoaderModelOnly", "lora_name"),
        (ModelKind.Vae, "VAELoader", "vae_name"),
        (ModelKind.TextEncoder, "CLIPLoader", "clip_name"),
        (ModelKind.TextEncoder, "DualCLIPLoader", "clip_name1"),
        (ModelKind.ClipVision, "CLIPVisionLoader", "clip_name"),
        (ModelKind.UpscaleModel, "UpscaleModelLoader", "model_name"),
        (ModelKind.ControlNet, "ControlNetLoader", "control_net_name"),
    ];

    readonly Dictionary<string, NodeClassInfo> nodes;

    ObjectInfoCatalog(Dictionary<string, NodeClassInfo> nodes) => this.nodes = nodes;

    /// <summary>Every node class by name (ordinal, case-sensitive like ComfyUI).</summary>
    public IReadOnlyDictionary<string, NodeClassInfo> Nodes => nodes;

    /// <summary>Parses the text of a <c>/object_info</c> answer.</summary>
    /// <exception cref="FormatException">The text is not JSON or not a JSON object.</exception>
    public static ObjectInfoCatalog Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The object_info answer is not valid JSON: {e.Message}", e);
        }
        return Parse(root);
    }

    /// <summary>Parses an already-parsed <c>/object_info</c> answer (or a merge of several <c>/object_info/{class}</c> answers).</summary>
    public static ObjectInfoCatalog Parse(JsonNode? root)
    {
        if (root is not JsonObject classes)
        {
            throw new FormatException("The object_info answer is not a JSON object of node classes.");
        }
        var nodes = new Dictionary<string, NodeClassInfo>(StringComparer.Ordinal);
        foreach (var (name, info) in classes)
        {
            if (info is JsonObject obj)
            {
                nodes[name] = ParseNode(name, obj);
            }
        }
        return new ObjectInfoCatalog(nodes);
    }

    public bool HasNode(string nodeClass) => nodes.ContainsKey(nodeClass);

    public NodeClassInfo? Node(string nodeClass) => nodes.GetValueOrDefault(nodeClass);

    /// <summary>The files of one kind the server offers, as ComfyUI lists them (subfolders and server separators kept).</summary>
    public IReadOnlyList<string> Models(ModelKind kind) =>
        [.. ModelSources.Where(s => s.Kind == kind).SelectMany(s => Options(s.Node, s.Input)).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether the server lists <paramref name="fileName"/> as a model of that kind (asked for every waiting job at every dispatch: a set per kind, made once).</summary>
    public bool HasModel(ModelKind kind, string fileName) =>
        _modelSets.GetOrAdd(kind, k => new HashSet<string>(Models(k), StringComparer.Ordinal)).Contains(fileName);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ModelKind, HashSet<string>> _modelSets = new();

    public IReadOnlyList<string> Samplers => Options("KSampler", "sampler_name");

    public IReadOnlyList<string> Schedulers => Options("KSampler", "scheduler");

    /// <summary>The known optional node packs this server has installed.</summary>
    public IReadOnlyList<NodePack> Packs => [.. NodePack.Known.Where(p => HasNode(p.MarkerClass))];

    public bool HasPack(NodePack pack) => HasNode(pack.MarkerClass);

    /// <summary>A combo input's options, or empty when the node or input is missing or not a combo.</summary>
    public IReadOnlyList<string> Options(string nodeClass, string input) =>
        Node(nodeClass)?.Inputs.GetValueOrDefault(input)?.Options ?? [];

    static NodeClassInfo ParseNode(string name, JsonObject info)
    {
        var inputs = new Dictionary<string, NodeInput>(StringComparer.Ordinal);
        if (info["input"] is JsonObject groups)
        {
            foreach (var group in Enum.GetValues<InputGroup>())
            {
                if (groups[group.ToString().ToLowerInvariant()] is not JsonObject specs)
                {
                    continue;
                }
                foreach (var (inputName, spec) in specs)
                {
                    inputs.TryAdd(inputName, ParseInput(inputName, group, spec));
                }
            }
        }
        var outputs = info["output"] is JsonArray outs ? outs.Select(TypeName).ToList() : [];
        var isOutput = info["output_node"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        var category = info["category"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : "";
        return new NodeClassInfo(name, inputs, outputs, isOutput, category);
    }

    static NodeInput ParseInput(string name, InputGroup group, JsonNode? spec)
    {
        switch (spec)
        {
            case JsonValue value:
                // v3 hidden inputs and some odd packs write a bare type string.
                return new NodeInput(name, group, TypeName(value));
            case JsonArray { Count: > 0 } array:
                var settings = array.Count > 1 ? array[1] as JsonObject : null;
                var upload = settings?["image_upload"] is JsonValue u && u.TryGetValue<bool>(out var up) && up
                    || settings?["video_upload"] is JsonValue vu && vu.TryGetValue<bool>(out var vup) && vup;
                var (min, max) = (Number(settings?["min"]), Number(settings?["max"]));
                if (array[0] is JsonArray classic)
                {
                    return new NodeInput(name, group, "COMBO", [.. classic.Select(Text)], AcceptsUpload: upload);
                }
                var type = TypeName(array[0]);
                if (type == "COMBO")
                {
                    var options = settings?["options"] is JsonArray o ? o.Select(Text).ToList() : [];
                    return new NodeInput(name, group, "COMBO", options, AcceptsUpload: upload);
                }
                return new NodeInput(name, group, type, null, min, max);
            default:
                return new NodeInput(name, group, "*");
        }
    }

    /// <summary>A value as the text a combo compares: strings as-is, numbers and booleans in their JSON form.</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    static string TypeName(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray => "COMBO",
        _ => "*",
    };

    static decimal? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : null;
}
