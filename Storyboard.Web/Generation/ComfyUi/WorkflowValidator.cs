using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// Checks an API-format graph against one server's catalogue the way ComfyUI's own validation would, so callers can
/// refuse a job before queueing it: node classes installed, required inputs present, links pointing at an existing
/// node's existing output of the right type, combo values (model files, samplers, …) offered, numbers in range, and
/// at least one output node.
/// </summary>
public static class WorkflowValidator
{
    /// <summary>Output node classes known without a catalogue (core savers and VideoHelperSuite's combine).</summary>
    public static IReadOnlySet<string> KnownOutputClasses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "SaveImage", "PreviewImage", "SaveVideo", "SaveWEBM", "SaveAnimatedWEBP", "SaveAnimatedPNG",
        "SaveImageWebsocket", "VHS_VideoCombine",
    };

    static readonly HashSet<string> ModelInputs = new(StringComparer.Ordinal)
    {
        "ckpt_name", "unet_name", "lora_name", "vae_name", "clip_name", "clip_name1", "clip_name2", "clip_name3",
        "clip_name4", "model_name", "control_net_name",
    };

    /// <summary>Every problem found; empty when the server should accept the graph.</summary>
    /// <param name="skipInput">Inputs (node id, input name) to leave unchecked, e.g. placeholders not yet filled.</param>
    public static IReadOnlyList<GraphProblem> Validate(JsonObject graph, ObjectInfoCatalog catalog,
        Func<string, string, bool>? skipInput = null)
    {
        var problems = new List<GraphProblem>();
        var hasOutput = false;
        foreach (var (id, node) in graph)
        {
            if (node is not JsonObject obj || ClassType(obj) is not { } classType)
            {
                problems.Add(new(id, null, "is not a node: it needs a \"class_type\" and an \"inputs\" object."));
                continue;
            }
            if (catalog.Node(classType) is not { } info)
            {
                hasOutput |= KnownOutputClasses.Contains(classType); // its absence is the problem, not a missing output
                problems.Add(new(id, null, $"node class '{classType}' is not installed on this server{PackHint(classType)}."));
                continue;
            }
            hasOutput |= info.IsOutputNode;
            var inputs = obj["inputs"] as JsonObject ?? [];
            foreach (var required in info.RequiredInputs)
            {
                if (!inputs.ContainsKey(required.Name))
                {
                    problems.Add(new(id, required.Name, $"{classType} needs this input and it is missing."));
                }
            }
            foreach (var (name, value) in inputs)
            {
                if (skipInput?.Invoke(id, name) == true || !info.Inputs.TryGetValue(name, out var spec) || spec.Group == InputGroup.Hidden)
                {
                    continue; // ComfyUI ignores inputs a node does not declare.
                }
                if (CheckInput(graph, catalog, classType, spec, value) is { } message)
                {
                    problems.Add(new(id, name, message));
                }
            }
        }
        if (!hasOutput)
        {
            problems.Add(new(null, null, "The graph has no output node (SaveImage, SaveVideo, …), so ComfyUI would run nothing."));
        }
        return problems;
    }

    /// <summary>Ids of the nodes whose outputs hold results: output nodes per the catalogue, or known savers without one.</summary>
    public static IReadOnlyList<string> OutputNodeIds(JsonObject graph, ObjectInfoCatalog? catalog = null) =>
        [.. graph.Where(n => n.Value is JsonObject o && ClassType(o) is { } c
                && (catalog?.Node(c)?.IsOutputNode ?? KnownOutputClasses.Contains(c)))
            .Select(n => n.Key)];

    internal static string? ClassType(JsonObject node) =>
        node["class_type"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    /// <summary>Reads <c>["id", slot]</c>; ids may be strings or numbers.</summary>
    internal static bool TryReadLink(JsonNode? value, out string nodeId, out int slot)
    {
        (nodeId, slot) = ("", 0);
        if (value is not JsonArray { Count: 2 } link || link[1] is not JsonValue slotValue || !slotValue.TryGetValue(out slot))
        {
            return false;
        }
        switch (link[0])
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                nodeId = s;
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                nodeId = v.ToJsonString();
                return true;
            default:
                return false;
        }
    }

    static string? CheckInput(JsonObject graph, ObjectInfoCatalog catalog, string classType, NodeInput spec, JsonNode? value)
    {
        if (TryReadLink(value, out var sourceId, out var slot))
        {
            if (graph[sourceId] is not JsonObject source)
            {
                return $"links to node {sourceId}, which is not in the graph.";
            }
            if (ClassType(source) is not { } sourceClass || catalog.Node(sourceClass) is not { } sourceInfo)
            {
                return null; // reported on the source node itself
            }
            if (slot < 0 || slot >= sourceInfo.Outputs.Count)
            {
                return $"links to output {slot} of node {sourceId} ({sourceClass}), which has {sourceInfo.Outputs.Count} output(s).";
            }
            var outputType = sourceInfo.Outputs[slot];
            return TypesMatch(outputType, spec)
                ? null
                : $"expects {spec.Type} but links to output {slot} of node {sourceId} ({sourceClass}), which is {outputType}.";
        }
        if (spec.IsCombo)
        {
            var text = ObjectInfoCatalog.Text(value);
            if (spec.AcceptsUpload || spec.Options!.Contains(text, StringComparer.Ordinal))
            {
                return null;
            }
            return ModelInputs.Contains(spec.Name)
                ? $"model file '{text}' is not on this server ({classType} lists {spec.Options!.Count} file(s){Sample(spec.Options!)})."
                : $"'{text}' is not a value {classType} accepts here{Sample(spec.Options!)}.";
        }
        return spec.Type switch
        {
            "INT" => CheckNumber(value, spec, integer: true),
            "FLOAT" => CheckNumber(value, spec, integer: false),
            "BOOLEAN" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "expects true or false.",
            "STRING" => value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? null : "expects text.",
            "*" => null,
            _ => $"expects a link to a {spec.Type} output, e.g. [\"4\", 0].",
        };
    }

    static string? CheckNumber(JsonNode? value, NodeInput spec, bool integer)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number
            || !decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return integer ? "expects a whole number." : "expects a number.";
        }
        if (integer && number != decimal.Truncate(number))
        {
            return $"expects a whole number, not {Format(number)}.";
        }
        if (number < spec.Min || number > spec.Max)
        {
            return $"{Format(number)} is outside {(spec.Min is { } min ? Format(min) : "…")}–{(spec.Max is { } max ? Format(max) : "…")}.";
        }
        return null;
    }

    static string Format(decimal number) => number.ToString("0.############################", CultureInfo.InvariantCulture);

    static bool TypesMatch(string outputType, NodeInput spec)
    {
        if (spec.IsCombo || spec.Type == "*" || outputType == "*")
        {
            return true;
        }
        static IEnumerable<string> Split(string t) => t.Split(',', StringSplitOptions.TrimEntries);
        return Split(spec.Type).Intersect(Split(outputType), StringComparer.Ordinal).Any();
    }

    static string Sample(IReadOnlyList<string> options) => options.Count switch
    {
        0 => "",
        <= 6 => ": " + string.Join(", ", options),
        _ => ": " + string.Join(", ", options.Take(6)) + ", …",
    };

    static string PackHint(string classType) => classType switch
    {
        _ when classType.StartsWith("VHS_", StringComparison.Ordinal) => " (it comes with ComfyUI-VideoHelperSuite)",
        _ when classType.Contains("GGUF", StringComparison.Ordinal) => " (it comes with ComfyUI-GGUF)",
        _ => " (update ComfyUI or install the custom node pack that provides it)",
    };
}
