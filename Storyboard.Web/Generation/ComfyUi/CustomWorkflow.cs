using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// A user's own API-format workflow with <see cref="Placeholder"/>s in its string inputs. <see cref="Parse"/> checks
/// the shape and finds the placeholders (a <c>{{prompt}}</c> is required); <see cref="Validate"/> checks it against a
/// server's catalogue; <see cref="Apply"/> fills a copy for one job.
/// <para>
/// LoRAs: set <c>lora_name</c> of one <c>LoraLoader</c> (or <c>LoraLoaderModelOnly</c>) node to <c>{{loras}}</c>; that
/// node is the chain's anchor, wired like any LoRA between the model loader and its consumers. Applying N LoRAs makes
/// the anchor the first and chains N−1 copies after it (new numeric ids), relinking the anchor's consumers to the last;
/// applying none removes the anchor and links its consumers to the anchor's own model/clip inputs.
/// </para>
/// </summary>
public sealed partial class CustomWorkflow
{
    static readonly string[] LoraClasses = ["LoraLoader", "LoraLoaderModelOnly"];

    readonly JsonObject template;

    CustomWorkflow(JsonObject template, IReadOnlyList<PlaceholderUse> uses)
    {
        this.template = template;
        Uses = uses;
    }

    /// <summary>Every placeholder use, in graph order.</summary>
    public IReadOnlyList<PlaceholderUse> Uses { get; }

    /// <summary>The distinct placeholders the workflow holds.</summary>
    public IReadOnlySet<Placeholder> Placeholders => Uses.Select(u => u.Placeholder).ToHashSet();

    /// <summary>The node whose <c>lora_name</c> is <c>{{loras}}</c>, if any.</summary>
    public string? LoraAnchorNodeId => Uses.FirstOrDefault(u => u.Placeholder == Placeholder.Loras)?.NodeId;

    /// <summary>A copy of the uploaded graph, placeholders unfilled.</summary>
    public JsonObject Template => (JsonObject)template.DeepClone();

    /// <summary>Parses an uploaded API-format workflow.</summary>
    /// <exception cref="CustomWorkflowException">Not JSON, a UI-format workflow, a node without class_type or inputs, an
    /// unknown or misplaced placeholder, or no <c>{{prompt}}</c>; the message says which node and input.</exception>
    public static CustomWorkflow Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CustomWorkflowException($"The file is not valid JSON ({e.Message}).");
        }
        if (root is not JsonObject graph)
        {
            throw new CustomWorkflowException("The file is not an API-format workflow: it should be a JSON object of nodes.");
        }
        if (graph["nodes"] is JsonArray && graph["links"] is JsonArray)
        {
            throw new CustomWorkflowException("This is a UI-format workflow (it has \"nodes\" and \"links\" lists), which ComfyUI " +
                "cannot queue. In ComfyUI use Workflow → Export (API) and upload that file.");
        }
        if (graph.Count == 0)
        {
            throw new CustomWorkflowException("The workflow has no nodes.");
        }
        var uses = new List<PlaceholderUse>();
        foreach (var (id, node) in graph)
        {
            if (node is not JsonObject obj || WorkflowValidator.ClassType(obj) is not { } classType || obj["inputs"] is not JsonObject inputs)
            {
                throw new CustomWorkflowException($"Node {id} has no \"class_type\" and \"inputs\"; is this an API-format workflow?");
            }
            foreach (var (input, value) in inputs)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    uses.AddRange(FindPlaceholders(id, classType, input, text));
                }
            }
        }
        if (!uses.Any(u => u.Placeholder == Placeholder.Prompt))
        {
            throw new CustomWorkflowException("The workflow has no {{prompt}} placeholder. Put {{prompt}} in the positive prompt's " +
                "text input (for example a CLIPTextEncode's text) so each clip's prompt reaches it.");
        }
        if (uses.Count(u => u.Placeholder == Placeholder.Loras) > 1)
        {
            throw new CustomWorkflowException("Only one node may hold {{loras}}: it is the anchor the LoRA chain is built from.");
        }
        return new CustomWorkflow((JsonObject)graph.DeepClone(), uses);
    }

    static IEnumerable<PlaceholderUse> FindPlaceholders(string id, string classType, string input, string text)
    {
        var matches = Token().Matches(text);
        foreach (Match match in matches)
        {
            var name = match.Groups[1].Value;
            if (!Enum.TryParse<Placeholder>(name, ignoreCase: true, out var placeholder) || int.TryParse(name, out _))
            {
                throw new CustomWorkflowException($"Node {id}, input '{input}': {{{{{name}}}}} is not a placeholder Storyboard knows. " +
                    "Use " + string.Join(", ", Enum.GetValues<Placeholder>().Select(p => p.Token())) + ".");
            }
            var whole = matches.Count == 1 && match.Value.Length == text.Trim().Length;
            if (placeholder == Placeholder.Loras && (!whole || input != "lora_name" || !LoraClasses.Contains(classType)))
            {
                throw new CustomWorkflowException($"Node {id}, input '{input}': {{{{loras}}}} must be the whole lora_name of a " +
                    "LoraLoader or LoraLoaderModelOnly node (the anchor of the LoRA chain).");
            }
            yield return new PlaceholderUse(id, input, placeholder, whole);
        }
    }

    /// <summary>
    /// Checks the workflow against a server before any job uses it: node classes installed, links to existing nodes and
    /// outputs, combo values offered, an output node present; inputs that are whole placeholders are checked for type
    /// only (a number placeholder must sit in an INT or FLOAT input).
    /// </summary>
    public IReadOnlyList<GraphProblem> Validate(ObjectInfoCatalog catalog)
    {
        var whole = Uses.Where(u => u.WholeValue).ToDictionary(u => (u.NodeId, u.Input), u => u.Placeholder);
        var problems = WorkflowValidator.Validate(template, catalog, (id, input) => whole.ContainsKey((id, input))).ToList();
        foreach (var ((id, input), placeholder) in whole)
        {
            var classType = WorkflowValidator.ClassType((JsonObject)template[id]!)!;
            if (catalog.Node(classType)?.Inputs.GetValueOrDefault(input) is not { } spec)
            {
                continue;
            }
            var fits = placeholder.IsNumber() ? spec.Type is "INT" or "FLOAT" or "*"
                : placeholder == Placeholder.Image ? spec.IsCombo || spec.Type is "STRING" or "*"
                : placeholder == Placeholder.Loras || spec.Type is "STRING" or "*";
            if (!fits)
            {
                problems.Add(new(id, input, $"{placeholder.Token()} cannot go here: {classType}.{input} expects {spec.Type}."));
            }
        }
        return problems;
    }

    /// <summary>Fills a copy of the workflow for one job.</summary>
    /// <param name="catalog">When given, output nodes are read from it; otherwise the known core savers are used.</param>
    /// <exception cref="CustomWorkflowException">The workflow uses a placeholder the values leave empty.</exception>
    public BuiltWorkflow Apply(CustomWorkflowValues values, ObjectInfoCatalog? catalog = null)
    {
        var graph = Template;
        foreach (var use in Uses.Where(u => u.Placeholder != Placeholder.Loras))
        {
            var inputs = (JsonObject)graph[use.NodeId]!["inputs"]!;
            var replacement = Value(use, values);
            inputs[use.Input] = use.WholeValue
                ? replacement
                : JsonValue.Create(Token().Replace(inputs[use.Input]!.GetValue<string>(), m =>
                    Enum.Parse<Placeholder>(m.Groups[1].Value, ignoreCase: true) == use.Placeholder ? Text(replacement) : m.Value));
        }
        if (LoraAnchorNodeId is { } anchor)
        {
            ApplyLoras(graph, anchor, values.Loras);
        }
        var outputs = WorkflowValidator.OutputNodeIds(graph, catalog);
        var media = outputs.Any(id => WorkflowValidator.ClassType((JsonObject)graph[id]!) is "SaveVideo" or "SaveWEBM"
            or "SaveAnimatedWEBP" or "SaveAnimatedPNG" or "VHS_VideoCombine") ? MediaKind.Video : MediaKind.Image;
        return new BuiltWorkflow(graph, outputs, media);
    }

    static JsonNode Value(PlaceholderUse use, CustomWorkflowValues v)
    {
        JsonNode? value = use.Placeholder switch
        {
            Placeholder.Prompt => JsonValue.Create(v.Prompt),
            Placeholder.Negative => JsonValue.Create(v.Negative),
            Placeholder.Seed => JsonValue.Create(v.Seed),
            Placeholder.Width => v.Width is { } w ? JsonValue.Create(w) : null,
            Placeholder.Height => v.Height is { } h ? JsonValue.Create(h) : null,
            Placeholder.Steps => v.Steps is { } s ? JsonValue.Create(s) : null,
            Placeholder.Cfg => v.Cfg is { } c ? JsonValue.Create(c) : null,
            Placeholder.Image => v.Image is { Length: > 0 } i ? JsonValue.Create(i) : null,
            Placeholder.Frames => v.Frames is { } f ? JsonValue.Create(f) : null,
            Placeholder.Fps => v.Fps is { } fps ? JsonValue.Create(fps) : null,
            _ => null,
        };
        return value ?? throw new CustomWorkflowException(
            $"Node {use.NodeId}, input '{use.Input}': the workflow uses {use.Placeholder.Token()} but this job gives no value for it.");
    }

    static string Text(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    static void ApplyLoras(JsonObject graph, string anchorId, IReadOnlyList<LoraUse> loras)
    {
        var anchor = (JsonObject)graph[anchorId]!;
        var anchorInputs = (JsonObject)anchor["inputs"]!;
        var withClip = WorkflowValidator.ClassType(anchor) == "LoraLoader";
        var consumers = graph.Where(n => n.Key != anchorId).SelectMany(n => LinksTo(n.Value, anchorId)).ToList();
        if (loras.Count == 0)
        {
            graph.Remove(anchorId);
            foreach (var (inputs, name, slot) in consumers)
            {
                var source = slot == 0 ? anchorInputs["model"] : withClip && slot == 1 ? anchorInputs["clip"] : null;
                inputs[name] = source?.DeepClone()
                    ?? throw new CustomWorkflowException($"Node {anchorId} ({{{{loras}}}}) has no input to stand in for its output {slot}.");
            }
            return;
        }
        Fill(anchorInputs, loras[0], withClip);
        var previous = anchorId;
        var nextId = graph.Select(n => long.TryParse(n.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0).DefaultIfEmpty(0).Max() + 1;
        foreach (var lora in loras.Skip(1))
        {
            var copy = (JsonObject)anchor.DeepClone();
            var inputs = (JsonObject)copy["inputs"]!;
            inputs["model"] = new JsonArray(previous, 0);
            if (withClip)
            {
                inputs["clip"] = new JsonArray(previous, 1);
            }
            Fill(inputs, lora, withClip);
            previous = (nextId++).ToString(CultureInfo.InvariantCulture);
            graph[previous] = copy;
        }
        foreach (var (inputs, name, slot) in consumers)
        {
            inputs[name] = new JsonArray(previous, slot);
        }
    }

    static void Fill(JsonObject inputs, LoraUse lora, bool withClip)
    {
        inputs["lora_name"] = lora.Name;
        inputs["strength_model"] = lora.ModelStrength;
        if (withClip)
        {
            inputs["strength_clip"] = lora.ClipStrength;
        }
    }

    static IEnumerable<(JsonObject Inputs, string Name, int Slot)> LinksTo(JsonNode? node, string targetId)
    {
        if (node?["inputs"] is not JsonObject inputs)
        {
            yield break;
        }
        foreach (var (name, value) in inputs.ToList())
        {
            if (WorkflowValidator.TryReadLink(value, out var source, out var slot) && source == targetId)
            {
                yield return (inputs, name, slot);
            }
        }
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Token();
}
