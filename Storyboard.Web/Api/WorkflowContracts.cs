using System.ComponentModel;
using System.Text.Json;
using Storyboard.Web.Generation.Workflows;

namespace Storyboard.Web.Api;

/// <summary>The body of POST /api/v1/workflows.</summary>
public sealed record AddWorkflowInput(
    [property: Description("Required; at most 100 characters.")] string? Name,
    [property: Description("Image (default) or Video: what the workflow makes.")] string? Kind,
    [property: Description("The API-format graph (\"Export (API)\" in ComfyUI), as a JSON object or a string holding it, with placeholders such as {{prompt}} and {{seed}}.")] JsonElement? Json);

/// <summary>A custom workflow as the API lists it.</summary>
public sealed record WorkflowApiView(
    int Id,
    string Name,
    [property: Description("Image or Video.")] string Kind,
    [property: Description("The placeholder tokens the graph holds.")] IReadOnlyList<string> Placeholders,
    [property: Description("Why a stored graph no longer parses, or null.")] string? ParseError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WorkflowApiView From(StoredWorkflow w) =>
        new(w.Id, w.Name, w.Kind.ToString(), w.PlaceholderTokens, w.ParseError, w.CreatedAt, w.UpdatedAt);
}

public sealed record WorkflowProblemView(string? NodeId, string? Input, string Message);

/// <summary>How a workflow fares on one server.</summary>
public sealed record WorkflowCheckView(int ServerId, string ServerName,
    [property: Description("Ready, Problems or NotChecked (no catalogue: offline or not checked yet).")] string State,
    IReadOnlyList<WorkflowProblemView> Problems, string Summary);

/// <summary>One workflow with its graph and its check on every ComfyUI server.</summary>
public sealed record WorkflowDetailView(WorkflowApiView Workflow,
    [property: Description("The stored graph, as uploaded.")] string Json,
    IReadOnlyList<WorkflowCheckView> Checks);
