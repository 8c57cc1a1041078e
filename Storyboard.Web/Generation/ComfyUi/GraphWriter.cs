using System.Text.Json.Nodes;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>A link to output <see cref="Slot"/> of node <see cref="NodeId"/>; written as <c>["id", slot]</c>.</summary>
public readonly record struct NodeOutput(string NodeId, int Slot)
{
    public JsonArray ToJson() => [NodeId, Slot];
}

/// <summary>Appends nodes to an API-format graph with ids "1", "2", … in order.</summary>
internal sealed class GraphWriter
{
    public JsonObject Graph { get; } = [];

    int next = 1;

    /// <summary>Adds a node; input values may be <see cref="NodeOutput"/> links, strings, numbers (ulong seeds stay exact) or booleans.</summary>
    public string Add(string classType, params (string Name, object Value)[] inputs)
    {
        var id = (next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var obj = new JsonObject();
        foreach (var (name, value) in inputs)
        {
            obj[name] = ToNode(value);
        }
        Graph[id] = new JsonObject { ["class_type"] = classType, ["inputs"] = obj, ["_meta"] = new JsonObject { ["title"] = classType } };
        return id;
    }

    public static JsonNode ToNode(object value) => value switch
    {
        NodeOutput link => link.ToJson(),
        string s => JsonValue.Create(s),
        ulong u => JsonValue.Create(u),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => throw new ArgumentException($"Unsupported input value type {value.GetType().Name}."),
    };
}
