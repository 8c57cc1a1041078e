using System.ComponentModel;
using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Accounts;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Api;

/// <summary>
/// Animatic renders of a project, through the same <see cref="IRenders"/> the Animatic page uses. Everyone reads;
/// Editors and Admins queue, cancel and delete. Renders run one at a time in the background: poll GET {id} for progress.
/// </summary>
public static class RendersEndpoints
{
    public const string GetRenderRoute = "GetRender";
    public const string GetRenderFileRoute = "GetRenderFile";

    public static RouteGroupBuilder MapRendersEndpoints(this RouteGroupBuilder v1)
    {
        var renders = v1.MapGroup("/projects/{projectId:int}/renders").WithTags("Renders");
        renders.MapPost("", QueueAsync).WithName("QueueRender")
            .WithSummary("Queue an animatic render")
            .WithDescription("Editors and Admins. Renders the whole project (or sceneId on its own) to an MP4 (H.264 + AAC) with the song, " +
                             "Quick (480p) or Full (the project's size and frame rate), with optional burned-in timecode, shot names and lyrics " +
                             "and an optional .srt of the lyrics. Answers 201 with the render and its URL in Location; 422 for an unknown preset or scene.")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<QueueRenderBody>("application/json")
            .Produces<RenderApiView>(StatusCodes.Status201Created)
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        renders.MapGet("", ListAsync).WithName("ListRenders")
            .WithSummary("List a project's renders")
            .WithDescription("Newest first, with status, progress, notices and file URLs.")
            .Produces<IReadOnlyList<RenderApiView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        renders.MapGet("/{id:int}", GetAsync).WithName(GetRenderRoute)
            .WithSummary("Get a render")
            .WithDescription("Its status (Queued, Running, Done, Failed, Cancelled), progress from 0 to 1, error, notices and file URLs.")
            .Produces<RenderApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        renders.MapPost("/{id:int}/cancel", CancelAsync).WithName("CancelRender")
            .WithSummary("Cancel a queued or running render")
            .WithDescription("Editors and Admins. A running render stops within a second (ffmpeg is stopped, its files removed). 409 when it had already finished.")
            .RequireAuthorization(Policies.CanEdit)
            .Produces<RenderApiView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        renders.MapGet("/{id:int}/file", FileAsync).WithName(GetRenderFileRoute)
            .WithSummary("Download a render's MP4 or subtitles")
            .WithDescription("The MP4 (video/mp4; range requests supported, so players can seek), or with kind=srt the .srt. 404 until the render is Done.")
            .Produces(StatusCodes.Status200OK, contentType: "video/mp4")
            .Produces(StatusCodes.Status206PartialContent, contentType: "video/mp4")
            .ProducesValidationProblem(ApiProblems.ValidationStatus)
            .ProducesProblem(StatusCodes.Status404NotFound);
        renders.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteRender")
            .WithSummary("Delete a finished render and its files")
            .WithDescription("Editors and Admins. 409 for a queued or running render: cancel it first.")
            .RequireAuthorization(Policies.CanEdit)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<IResult> QueueAsync(int projectId, HttpContext context, IRenders renders, UserManager<AppUser> users,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadOptionalAsync(context, new QueueRenderBody())).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        var input = body.ToInput(errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var (id, serviceErrors) = await renders.QueueAsync(projectId, input, users.GetUserId(context.User), cancellationToken);
        if (serviceErrors.ContainsKey(""))
        {
            return NoProject(projectId);
        }
        if (id is null)
        {
            return ApiProblems.InvalidFromService(serviceErrors);
        }
        var view = await renders.GetAsync(projectId, id.Value, cancellationToken);
        return TypedResults.Created(links.GetPathByName(context, GetRenderRoute, new { projectId, id }), ToApi(view!, context, links));
    }

    private static async Task<IResult> ListAsync(int projectId, HttpContext context, IRenders renders, LinkGenerator links, CancellationToken cancellationToken) =>
        await renders.ListAsync(projectId, cancellationToken) is { } list
            ? TypedResults.Ok(list.Select(v => ToApi(v, context, links)).ToList())
            : NoProject(projectId);

    private static async Task<IResult> GetAsync(int projectId, int id, HttpContext context, IRenders renders, LinkGenerator links,
        CancellationToken cancellationToken) =>
        await renders.GetAsync(projectId, id, cancellationToken) is { } view ? TypedResults.Ok(ToApi(view, context, links)) : NoRender(projectId, id);

    private static async Task<IResult> CancelAsync(int projectId, int id, HttpContext context, IRenders renders, LinkGenerator links,
        CancellationToken cancellationToken) =>
        await renders.CancelAsync(projectId, id, cancellationToken) switch
        {
            RenderActionOutcome.NotFound => NoRender(projectId, id),
            RenderActionOutcome.Conflict => Conflict("The render has already finished; there is nothing to cancel."),
            _ => TypedResults.Ok(ToApi((await renders.GetAsync(projectId, id, cancellationToken))!, context, links)),
        };

    private static async Task<IResult> DeleteAsync(int projectId, int id, IRenders renders, CancellationToken cancellationToken) =>
        await renders.DeleteAsync(projectId, id, cancellationToken) switch
        {
            RenderActionOutcome.NotFound => NoRender(projectId, id),
            RenderActionOutcome.Conflict => Conflict("The render is queued or running: cancel it first."),
            _ => TypedResults.NoContent(),
        };

    private static async Task<IResult> FileAsync(int projectId, int id, [Description("mp4 (default) or srt.")] string? kind, IRenders renders,
        CancellationToken cancellationToken)
    {
        RenderFileKind fileKind;
        switch (kind?.Trim().ToLowerInvariant())
        {
            case null or "" or "mp4":
                fileKind = RenderFileKind.Video;
                break;
            case "srt":
                fileKind = RenderFileKind.Subtitles;
                break;
            default:
                return ApiProblems.Invalid("kind", "Use mp4 or srt.");
        }
        return await renders.FileAsync(projectId, id, fileKind, cancellationToken) is { } file
            ? Results.File(file.Path, file.ContentType, file.DownloadName, enableRangeProcessing: true)
            : ApiProblems.NotFound($"Render {id} of project {projectId} has no {(fileKind == RenderFileKind.Video ? "MP4" : "subtitles file")} (it is not done, or none was asked for).");
    }

    private static RenderApiView ToApi(RenderView view, HttpContext context, LinkGenerator links) =>
        RenderApiView.From(view,
            links.GetPathByName(context, GetRenderFileRoute, new { projectId = view.ProjectId, id = view.Id }),
            links.GetPathByName(context, GetRenderFileRoute, new { projectId = view.ProjectId, id = view.Id, kind = "srt" }));

    private static IResult NoProject(int projectId) => ApiProblems.NotFound($"There is no project {projectId}, or it is in the Trash.");

    private static IResult NoRender(int projectId, int id) => ApiProblems.NotFound($"Project {projectId} has no render {id}.");

    private static IResult Conflict(string detail) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
