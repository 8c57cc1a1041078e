using System.ComponentModel;
using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Accounts;
using Storyboard.Web.Domain;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Api;

/// <summary>/api/v1/projects and /api/v1/trash: the same <see cref="IProjectService"/> the project pages use.</summary>
public static class ProjectsEndpoints
{
    public const string GetProjectRoute = "GetProject";

    public static RouteGroupBuilder MapProjectsEndpoints(this RouteGroupBuilder v1)
    {
        var projects = v1.MapGroup("/projects").WithTags("Projects");
        projects.MapGet("", ListAsync).WithName("ListProjects")
            .WithSummary("List projects")
            .WithDescription("Live projects (not those in the Trash), optionally filtered by a search in name and description.")
            .Produces<ProjectView[]>()
            .ProducesValidationProblem(ApiProblems.ValidationStatus);
        projects.MapGet("/{id:int}", GetAsync).WithName(GetProjectRoute)
            .WithSummary("Get a project")
            .Produces<ProjectView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapPost("", CreateAsync).WithName("CreateProject")
            .WithSummary("Create a project")
            .WithDescription("Editors and Admins. Answers 201 with the project and its URL in Location.")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<SaveProjectInput>("application/json")
            .Produces<ProjectView>(StatusCodes.Status201Created)
            .ProducesWriteProblems();
        projects.MapPut("/{id:int}", UpdateAsync).WithName("UpdateProject")
            .WithSummary("Replace a project's settings")
            .WithDescription("Editors and Admins. Name, frame rate, width and height are required; on any error nothing changes.")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<SaveProjectInput>("application/json")
            .Produces<ProjectView>()
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapDelete("/{id:int}", TrashAsync).WithName("TrashProject")
            .WithSummary("Move a project to the Trash")
            .WithDescription("Editors and Admins. The project can be restored from the Trash until it is purged.")
            .RequireAuthorization(Policies.CanEdit)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        projects.MapPost("/{id:int}/restore", RestoreAsync).WithName("RestoreProject")
            .WithTags("Trash")
            .WithSummary("Restore a project from the Trash")
            .RequireAuthorization(Policies.CanEdit)
            .Produces<ProjectView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var trash = v1.MapGroup("/trash").WithTags("Trash");
        trash.MapGet("", ListTrashAsync).WithName("ListTrash")
            .WithSummary("List projects in the Trash")
            .Produces<ProjectView[]>();
        trash.MapDelete("/{id:int}", PurgeAsync).WithName("PurgeProject")
            .WithSummary("Delete a project in the Trash for good")
            .WithDescription("Editors and Admins. Permanent: the project, its clips and media no other project uses are deleted.")
            .RequireAuthorization(Policies.CanEdit)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<IResult> ListAsync(
        [Description("Text to find in project names and descriptions.")] string? q,
        [Description("updated (default), name or created.")] string? sort,
        [Description("asc or desc; by default names sort ascending, dates newest first.")] string? order,
        IProjectService projects, CancellationToken cancellationToken)
    {
        ProjectSort? by = sort?.Trim().ToLowerInvariant() switch
        {
            null or "" or "updated" => ProjectSort.Updated,
            "name" => ProjectSort.Name,
            "created" => ProjectSort.Created,
            _ => null,
        };
        bool? descending = order?.Trim().ToLowerInvariant() switch
        {
            null or "" => by != ProjectSort.Name,
            "asc" => false,
            "desc" => true,
            _ => null,
        };
        if (by is null || descending is null)
        {
            var errors = new Dictionary<string, string>();
            if (by is null)
            {
                errors["sort"] = "Sort by updated, name or created.";
            }
            if (descending is null)
            {
                errors["order"] = "Use asc or desc.";
            }
            return ApiProblems.Invalid(errors);
        }
        var rows = await projects.ListAsync(new ProjectListQuery(q, by.Value, descending.Value), cancellationToken);
        return TypedResults.Ok(rows.Select(ProjectView.From).ToList());
    }

    private static async Task<IResult> GetAsync(int id, IProjectService projects, CancellationToken cancellationToken) =>
        await projects.GetAsync(id, cancellationToken) is { } project
            ? TypedResults.Ok(ProjectView.From(project))
            : ProjectNotFound(id);

    private static async Task<IResult> CreateAsync(HttpContext context, IProjectService projects, UserManager<AppUser> users,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveProjectInput>(context)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var result = await projects.CreateAsync(input.ToNewSettings(), users.GetUserId(context.User), cancellationToken);
        if (!result.Succeeded || result.ProjectId is not { } id)
        {
            return ApiProblems.InvalidFromService(result.Errors);
        }
        var project = await projects.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Project {id} vanished after it was created.");
        return TypedResults.Created(links.GetPathByName(context, GetProjectRoute, new { id }), ProjectView.From(project));
    }

    private static async Task<IResult> UpdateAsync(int id, HttpContext context, IProjectService projects, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveProjectInput>(context)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var result = await projects.UpdateAsync(id, input.ToReplacementSettings(), cancellationToken);
        if (!result.Succeeded)
        {
            // The service keys "not found" under "" (the whole form) and field errors by property.
            return result.Errors.ContainsKey("") ? ProjectNotFound(id) : ApiProblems.InvalidFromService(result.Errors);
        }
        return await GetAsync(id, projects, cancellationToken);
    }

    private static async Task<IResult> TrashAsync(int id, IProjectService projects, CancellationToken cancellationToken) =>
        await projects.TrashAsync(id, cancellationToken) ? TypedResults.NoContent() : ProjectNotFound(id);

    private static async Task<IResult> RestoreAsync(int id, IProjectService projects, CancellationToken cancellationToken) =>
        await projects.RestoreAsync(id, cancellationToken)
            ? await GetAsync(id, projects, cancellationToken)
            : ApiProblems.NotFound($"There is no project {id} in the Trash.");

    private static async Task<IResult> ListTrashAsync(IProjectService projects, CancellationToken cancellationToken) =>
        TypedResults.Ok((await projects.ListTrashAsync(cancellationToken)).Select(ProjectView.From).ToList());

    private static async Task<IResult> PurgeAsync(int id, IProjectService projects, CancellationToken cancellationToken) =>
        await projects.PurgeAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"There is no project {id} in the Trash. Only projects in the Trash can be purged; move it there first with DELETE /api/v1/projects/{id}.");

    private static IResult ProjectNotFound(int id) =>
        ApiProblems.NotFound($"There is no project {id}, or it is in the Trash (GET /api/v1/trash lists those).");
}
