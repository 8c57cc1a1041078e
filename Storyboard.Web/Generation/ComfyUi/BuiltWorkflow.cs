using System.Text.Json.Nodes;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// An API-format graph ready for <c>POST /prompt</c> (send <see cref="Graph"/> as the <c>prompt</c> field), with the ids
/// of the nodes whose history outputs hold the result and what kind of media they hold.
/// </summary>
public sealed record BuiltWorkflow(JsonObject Graph, IReadOnlyList<string> OutputNodeIds, MediaKind Media)
{
    /// <summary>The graph as JSON text (seeds as exact integers).</summary>
    public string ToJson() => Graph.ToJsonString();

    /// <summary>Checks the graph against one server; see <see cref="WorkflowValidator.Validate"/>.</summary>
    public IReadOnlyList<GraphProblem> Validate(ObjectInfoCatalog catalog) => WorkflowValidator.Validate(Graph, catalog);
}
