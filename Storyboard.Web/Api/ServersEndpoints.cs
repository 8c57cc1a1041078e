using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Accounts;
using Storyboard.Web.Data;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Api;

/// <summary>
/// /api/v1/servers: the GPU servers, through the same <see cref="IGpuServerAdmin"/> and <see cref="IServerHealth"/> the
/// server pages use. Every role reads them (to pick one for a job); only Admins register, change, pause or remove them.
/// Saving checks the server once, as the server form does, so the answer says whether it is reachable.
/// </summary>
public static class ServersEndpoints
{
    public const string GetServerRoute = "GetServer";

    public static RouteGroupBuilder MapServersEndpoints(this RouteGroupBuilder v1)
    {
        var servers = v1.MapGroup("/servers").WithTags("Servers");
        servers.MapGet("", ListAsync).WithName("ListServers")
            .WithSummary("List GPU servers")
            .WithDescription("Every role. Ordered by name, with the latest health check's status, GPU and queue depth. Secrets are never shown.")
            .Produces<ServerApiView[]>();
        servers.MapGet("/{id:int}", GetAsync).WithName(GetServerRoute)
            .WithSummary("Get a GPU server")
            .Produces<ServerApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        Admin(servers.MapPost("", CreateAsync).WithName("CreateServer")
            .WithSummary("Register a GPU server")
            .WithDescription("Admins. A ComfyUI server needs baseUrl; a RunPod endpoint needs endpointId and its API key as secret. " +
                             "The server is checked once before the answer (status Online when it answers, Offline with lastError when not). " +
                             "Answers 201 with the server and its URL in Location; the secret is never returned.")
            .Accepts<SaveServerInput>("application/json")
            .Produces<ServerApiView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Admin(servers.MapPut("/{id:int}", UpdateAsync).WithName("UpdateServer")
            .WithSummary("Replace a GPU server's settings")
            .WithDescription("Admins. Send the version you read; a stale one is a 409 problem with the stored server in 'current'. " +
                             "Leaving secret out keeps the stored one (removeSecret: true clears it). The server is checked again after saving.")
            .Accepts<SaveServerInput>("application/json")
            .Produces<ServerApiView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Admin(servers.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteServer")
            .WithSummary("Remove a GPU server")
            .WithDescription("Admins. Jobs that asked for it wait for any server; pictures it made stay in their galleries.")
            .Produces(StatusCodes.Status204NoContent));
        Admin(servers.MapPost("/{id:int}/pause", PauseAsync).WithName("PauseServer")
            .WithSummary("Pause a GPU server")
            .WithDescription("Admins. Nothing new is sent to it; what runs there finishes. Answers the server.")
            .Produces<ServerApiView>());
        Admin(servers.MapPost("/{id:int}/resume", ResumeAsync).WithName("ResumeServer")
            .WithSummary("Resume a paused GPU server")
            .WithDescription("Admins. Waiting jobs may go to it at once. Answers the server.")
            .Produces<ServerApiView>());
        Admin(servers.MapPost("/{id:int}/check", CheckAsync).WithName("CheckServer")
            .WithSummary("Check a GPU server now")
            .WithDescription("Admins. Asks the server for its status and (ComfyUI) reads its models again. Answers the server with the result.")
            .Produces<ServerApiView>());
        return v1;
    }

    private static RouteHandlerBuilder Admin(RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(ApiProblems.ValidationStatus);

    private static async Task<IResult> ListAsync(StoryboardDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.GpuServers.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken)).Select(ServerApiView.From).ToList());

    private static async Task<IResult> GetAsync(int id, StoryboardDbContext db, CancellationToken cancellationToken) =>
        await ViewAsync(db, id, cancellationToken) is { } view ? TypedResults.Ok(view) : ServerNotFound(id);

    private static async Task<ServerApiView?> ViewAsync(StoryboardDbContext db, int id, CancellationToken cancellationToken) =>
        await db.GpuServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } server ? ServerApiView.From(server) : null;

    private static async Task<IResult> CreateAsync(HttpContext context, IGpuServerAdmin admin, IServerHealth health, StoryboardDbContext db,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        var saved = await SaveAsync(null, context, admin, health, db, cancellationToken);
        return saved.View is { } view
            ? TypedResults.Created(links.GetPathByName(context, GetServerRoute, new { id = view.Id }), view)
            : saved.Problem!;
    }

    private static async Task<IResult> UpdateAsync(int id, HttpContext context, IGpuServerAdmin admin, IServerHealth health, StoryboardDbContext db,
        CancellationToken cancellationToken)
    {
        var saved = await SaveAsync(id, context, admin, health, db, cancellationToken);
        return saved.View is { } view ? TypedResults.Ok(view) : saved.Problem!;
    }

    /// <summary>Reads the body, saves through the admin service, checks the server once and answers its view (or the problem).</summary>
    private static async Task<(ServerApiView? View, IResult? Problem)> SaveAsync(int? id, HttpContext context, IGpuServerAdmin admin,
        IServerHealth health, StoryboardDbContext db, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveServerInput>(context)).TryGet(out var body, out var problem))
        {
            return (null, problem);
        }
        if (id is { } existing && await admin.GetAsync(existing, cancellationToken) is null)
        {
            return (null, ServerNotFound(existing));
        }
        var errors = new Dictionary<string, string>();
        if (id is not null && body.Version is null)
        {
            errors["version"] = "Required: the version you read (GET /api/v1/servers/{id}), so a change made meanwhile is not overwritten.";
        }
        var form = body.ToForm(errors);
        // What the page's model binding checks (name, lengths, capacity), then the service's own checks on save.
        var annotations = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), annotations, validateAllProperties: true);
        foreach (var result in annotations)
        {
            foreach (var member in result.MemberNames)
            {
                errors.TryAdd(ApiProblems.JsonName(member), result.ErrorMessage ?? "This value is not valid.");
            }
        }
        if (errors.Count > 0)
        {
            return (null, ApiProblems.Invalid(errors));
        }
        var saved = await admin.SaveAsync(id, form, cancellationToken);
        switch (saved.Outcome)
        {
            case ServerSaveOutcome.NotFound:
                return (null, ServerNotFound(id ?? 0));
            case ServerSaveOutcome.Conflict:
                return (null, TypedResults.Problem(title: "The server was changed by someone else", detail: saved.Errors.GetValueOrDefault(""),
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["current"] = await ViewAsync(db, id ?? 0, cancellationToken) }));
            case ServerSaveOutcome.Invalid:
                return (null, ApiProblems.InvalidFromService(saved.Errors));
        }
        // A first answer now, as the server form gives: the view says whether the server is reachable.
        await health.CheckAsync(saved.Id, cancellationToken);
        return (await ViewAsync(db, saved.Id, cancellationToken) ?? throw new InvalidOperationException($"Server {saved.Id} vanished after it was saved."), null);
    }

    private static async Task<IResult> DeleteAsync(int id, IGpuServerAdmin admin, CancellationToken cancellationToken) =>
        await admin.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ServerNotFound(id);

    private static Task<IResult> PauseAsync(int id, IGpuServerAdmin admin, StoryboardDbContext db, CancellationToken cancellationToken) =>
        SetPausedAsync(id, true, admin, db, cancellationToken);

    private static Task<IResult> ResumeAsync(int id, IGpuServerAdmin admin, StoryboardDbContext db, CancellationToken cancellationToken) =>
        SetPausedAsync(id, false, admin, db, cancellationToken);

    private static async Task<IResult> SetPausedAsync(int id, bool paused, IGpuServerAdmin admin, StoryboardDbContext db, CancellationToken cancellationToken) =>
        await admin.SetPausedAsync(id, paused, cancellationToken) ? await GetAsync(id, db, cancellationToken) : ServerNotFound(id);

    private static async Task<IResult> CheckAsync(int id, IServerHealth health, StoryboardDbContext db, CancellationToken cancellationToken) =>
        await health.CheckAsync(id, cancellationToken) ? await GetAsync(id, db, cancellationToken) : ServerNotFound(id);

    private static IResult ServerNotFound(int id) => ApiProblems.NotFound($"There is no GPU server {id}.");
}
