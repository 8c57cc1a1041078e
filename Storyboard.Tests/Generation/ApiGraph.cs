using System.Text.Json.Nodes;

namespace Storyboard.Tests.Generation;

/// <summary>Reading helpers for API-format graphs in tests.</summary>
internal static class ApiGraph
{
    public static IEnumerable<(string Id, JsonObject Inputs)> Nodes(this JsonObject graph, string classType) =>
        graph.Where(n => (string?)n.Value!["class_type"] == classType).Select(n => (n.Key, (JsonObject)n.Value!["inputs"]!));

    public static (string Id, JsonObject Inputs) Single(this JsonObject graph, string classType) => Assert.Single(graph.Nodes(classType));

    public static string ClassOf(this JsonObject graph, string id) => (string)graph[id]!["class_type"]!;

    /// <summary>The (node id, slot) an input links to.</summary>
    public static (string Id, int Slot) Link(this JsonObject inputs, string name)
    {
        var link = Assert.IsType<JsonArray>(inputs[name]);
        Assert.Equal(2, link.Count);
        return ((string)link[0]!, (int)link[1]!);
    }

    public static JsonObject InputsOf(this JsonObject graph, string id) => (JsonObject)graph[id]!["inputs"]!;
}
