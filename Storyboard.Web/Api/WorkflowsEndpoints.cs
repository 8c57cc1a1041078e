using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Accounts;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Workflows;

namespace Storyboard.Web.Api;

/// <summary>/api/v1/workflows: the custom workflow library through <see cref="IWorkflowLibrary"/>; every role reads, Editors and Admins add and remove (as the Workflows pages).</summary>
public static class WorkflowsEndpoints
{
    public const string GetWorkflowRoute = "GetWorkflow";

    public static RouteGroupBuilder MapWorkflowsEndpoints(this RouteGroupBuilder v1)
    {
        var workflows = v1.MapGroup("/workflows").WithTags("Workflows");
        workflows.MapGet("", ListAsync).WithName("ListWorkflows")
            .WithSummary("List custom workflows")
            .Produces<WorkflowApiView[]>();
        workflows.MapGet("/{id:int}", GetAsync).WithName(GetWorkflowRoute)
            .WithSummary("Get a custom workflow with its check on every server")
            .WithDescription("Each ComfyUI server's check says whether it offers every node, model and value the graph needs.")
            .Produces<WorkflowDetailView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapPost("", AddAsync).WithName("AddWorkflow")
            .WithSummary("Add a custom workflow")
            .WithDescription("Editors and Admins. The graph must be ComfyUI's API format with at least the prompt placeholder; a refused one is a 422 naming name or json. " +
                             "Answers 201 with the workflow and its URL in Location.")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<AddWorkflowInput>("application/json")
            .Produces<WorkflowApiView>(StatusCodes.Status201Created)
            .ProducesWriteProblems();
        workflows.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteWorkflow")
            .WithSummary("Remove a custom workflow")
            .WithDescription("Editors and Admins.")
            .RequireAuthorization(Policies.CanEdit)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<IResult> ListAsync(IWorkflowLibrary library, CancellationToken cancellationToken) =>
        TypedResults.Ok((await library.ListAsync(cancellationToken)).Select(WorkflowApiView.From).ToList());

    private static async Task<IResult> GetAsync(int id, IWorkflowLibrary library, CancellationToken cancellationToken)
    {
        if (await library.GetAsync(id, cancellationToken) is not { } workflow)
        {
            return WorkflowNotFound(id);
        }
        var checks = await library.CheckEverywhereAsync(workflow, cancellationToken);
        return TypedResults.Ok(new WorkflowDetailView(WorkflowApiView.From(workflow), workflow.Json,
            checks.Select(c => new WorkflowCheckView(c.ServerId, c.ServerName, c.State.ToString(),
                c.Problems.Select(p => new WorkflowProblemView(p.NodeId, p.Input, p.Message)).ToList(), c.Summary)).ToList()));
    }

    private static async Task<IResult> AddAsync(HttpContext context, IWorkflowLibrary library, UserManager<AppUser> users, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<AddWorkflowInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        var kind = ApiValues.ParseEnum(errors, "kind", body.Kind, OutputKind.Image);
        var json = body.Json switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Object } graph => graph.GetRawText(),
            null or { ValueKind: JsonValueKind.Null } => null,
            _ => Invalid(errors),
        };
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var result = await library.AddAsync(body.Name, kind, json, users.GetUserId(context.User), cancellationToken);
        if (result.Id is not { } id)
        {
            return ApiProblems.Invalid(result.Errors.Select(e => new KeyValuePair<string, string>(e.Key.Length == 0 ? "json" : ApiProblems.JsonName(e.Key), e.Value)));
        }
        var saved = await library.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Workflow {id} vanished after it was added.");
        return TypedResults.Created(links.GetPathByName(context, GetWorkflowRoute, new { id }), WorkflowApiView.From(saved));
    }

    private static string? Invalid(Dictionary<string, string> errors)
    {
        errors["json"] = "Send the API-format graph as a JSON object, or as a string holding it.";
        return null;
    }

    private static async Task<IResult> DeleteAsync(int id, IWorkflowLibrary library, CancellationToken cancellationToken) =>
        await library.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : WorkflowNotFound(id);

    private static IResult WorkflowNotFound(int id) => ApiProblems.NotFound($"There is no custom workflow {id}.");
}
