using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Accounts;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Api;

/// <summary>
/// Generation jobs and the queue, through the same <see cref="IGenerationQueue"/> and <see cref="IQueueAdmin"/> the timeline
/// and queue pages use. As on the queue page, Admins see and act on every job and everyone else on their own; only Admins
/// pause the queue. A job in the wrong state for an action (retrying a completed job, deleting a running one) is a 409.
/// </summary>
public static class JobsEndpoints
{
    public const string GetJobRoute = "GetJob";

    public static RouteGroupBuilder MapJobsEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/projects/{projectId:int}/clips/{clipId:int}/jobs", EnqueueAsync).WithName("EnqueueJobs")
            .WithTags("Jobs")
            .WithSummary("Queue generations of a clip")
            .WithDescription("Editors and Admins. A Draft card (draftCard: true) or count GPU jobs with the model, preset mode, kind, overrides, " +
                             "LoRAs or custom workflow given; the clip's prompts and the project's size are filled in by the queue, and the " +
                             "count jobs get consecutive seeds. Refused with 422 (errors keyed by field, such as model, kind or count) " +
                             "when the job could never run. Answers 201 with the new job ids and the first job's URL in Location. " + ApiValues.SeedNote)
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<EnqueueJobsInput>("application/json")
            .Produces<EnqueuedJobsView>(StatusCodes.Status201Created)
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var jobs = v1.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("", ListAsync).WithName("ListJobs")
            .WithSummary("List generation jobs")
            .WithDescription("Newest first, 50 a page, filtered as on the queue page. Admins see every job, everyone else their own.")
            .Produces<JobPageView>()
            .ProducesValidationProblem(ApiProblems.ValidationStatus);
        jobs.MapGet("/{id:int}", GetAsync).WithName(GetJobRoute)
            .WithSummary("Get a generation job")
            .WithDescription("Its status, progress, error, parameters (seed as a string) and the gallery entries it made. Another user's job is 404 unless you are an Admin.")
            .Produces<JobApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        Act(jobs.MapPost("/{id:int}/cancel", CancelAsync).WithName("CancelJob")
            .WithSummary("Cancel a waiting or running job")
            .WithDescription("Editors and Admins, on their own jobs (Admins on any). A running job is stopped on its server. 409 when it had already finished.")
            .Produces<JobApiView>());
        Act(jobs.MapPost("/{id:int}/retry", RetryAsync).WithName("RetryJob")
            .WithSummary("Queue a failed or cancelled job again")
            .WithDescription("Editors and Admins, on their own jobs (Admins on any). 409 for a job that did not fail and was not cancelled.")
            .Produces<JobApiView>());
        Act(jobs.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteJob")
            .WithSummary("Remove a finished job")
            .WithDescription("Editors and Admins, on their own jobs (Admins on any). What it made stays in the gallery. 409 for an unfinished job: cancel it first.")
            .Produces(StatusCodes.Status204NoContent));
        Act(jobs.MapPut("/{id:int}/priority", SetPriorityAsync).WithName("SetJobPriority")
            .WithSummary("Change a waiting job's priority")
            .WithDescription("Editors and Admins, on their own jobs (Admins on any). -10 to 10, higher first; 409 when the job no longer waits.")
            .Accepts<SetPriorityInput>("application/json")
            .Produces<JobApiView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        jobs.MapPost("/clear-finished", ClearFinishedAsync).WithName("ClearFinishedJobs")
            .WithSummary("Remove finished jobs")
            .WithDescription("Editors and Admins. Completed and cancelled jobs (and failed ones with includeFailed): every user's for an Admin, one's own otherwise. " +
                             "What they made stays in the gallery. The body is optional: {\"includeFailed\": true} as JSON, or nothing.")
            .RequireAuthorization(Policies.CanEdit)
            .Produces<ClearedJobsView>()
            .ProducesWriteProblems();

        var queue = v1.MapGroup("/queue").WithTags("Queue");
        queue.MapGet("", GetQueueAsync).WithName("GetQueue")
            .WithSummary("Whether the generation queue is paused, with job counts")
            .Produces<QueueStateView>();
        queue.MapPut("", SetQueueAsync).WithName("SetQueue")
            .WithSummary("Pause or resume the generation queue")
            .WithDescription("Admins. While paused nothing new is sent to a server or drawn; what runs finishes.")
            .RequireAuthorization(Policies.Admin)
            .Accepts<QueueStateInput>("application/json")
            .Produces<QueueStateView>()
            .ProducesWriteProblems();
        return v1;
    }

    /// <summary>An action on one job: Editors and Admins, 404 for a job not shown to the caller, 409 for the wrong state.</summary>
    private static RouteHandlerBuilder Act(RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Policies.CanEdit)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> EnqueueAsync(int projectId, int clipId, HttpContext context, IGenerationQueue queue,
        UserManager<AppUser> users, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<EnqueueJobsInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        var request = body.ToRequest(projectId, clipId, users.GetUserId(context.User), errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var result = await queue.EnqueueAsync(request, cancellationToken);
        if (result.Errors.ContainsKey(""))
        {
            return ApiProblems.NotFound($"There is no clip {clipId} in project {projectId}, or the project is in the Trash.");
        }
        if (!result.Succeeded)
        {
            return ApiProblems.InvalidFromService(result.Errors);
        }
        return TypedResults.Created(links.GetPathByName(context, GetJobRoute, new { id = result.JobIds[0] }), new EnqueuedJobsView(result.JobIds));
    }

    internal static QueueActor Actor(ClaimsPrincipal user, UserManager<AppUser> users) =>
        new(users.GetUserId(user), user.IsInRole(Roles.Admin), user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Editor));

    private static async Task<IResult> ListAsync(
        [Description("Queued, Dispatched, Running, Completed, Failed or Cancelled.")] string? status,
        [Description("Jobs on (or waiting for) this server.")] int? serverId,
        [Description("Jobs of this project.")] int? projectId,
        [Description("Text in the prompt or the clip's name.")] string? q,
        [Description("1 (default) and up; past the last page answers the last.")] int? page,
        ClaimsPrincipal user, UserManager<AppUser> users, IQueueAdmin queue, StoryboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var state = ApiValues.ParseOptionalEnum<JobStatus>(errors, "status", status);
        if (page is < 1)
        {
            errors["page"] = "Pages start at 1.";
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var overview = await queue.OverviewAsync(new QueueFilter(state, serverId, projectId, q, page ?? 1), Actor(user, users), cancellationToken);
        var ids = overview.Jobs.Rows.Select(r => r.Id).ToList();
        var views = (await ViewsAsync(db, db.GenerationJobs.Where(j => ids.Contains(j.Id)), cancellationToken)).ToDictionary(v => v.Id);
        return TypedResults.Ok(new JobPageView(ids.Where(views.ContainsKey).Select(id => views[id]).ToList(),
            overview.Jobs.Total, overview.Jobs.Page, overview.Jobs.PageCount));
    }

    private static async Task<IResult> GetAsync(int id, ClaimsPrincipal user, UserManager<AppUser> users, StoryboardDbContext db,
        CancellationToken cancellationToken)
    {
        var actor = Actor(user, users);
        // The queue page's rule: Admins see every job, everyone else their own.
        var visible = actor.IsAdmin ? db.GenerationJobs : db.GenerationJobs.Where(j => j.UserId != null && j.UserId == actor.UserId);
        return (await ViewsAsync(db, visible.Where(j => j.Id == id), cancellationToken)).SingleOrDefault() is { } view
            ? TypedResults.Ok(view)
            : JobNotFound(id);
    }

    private static async Task<IReadOnlyList<JobApiView>> ViewsAsync(StoryboardDbContext db, IQueryable<GenerationJob> jobs, CancellationToken cancellationToken)
    {
        var rows = await jobs.AsNoTracking()
            .Select(j => new
            {
                Job = j,
                Project = db.Projects.Where(p => p.Id == j.ProjectId).Select(p => p.Name).FirstOrDefault(),
                Clip = db.Clips.Where(c => c.Id == j.ClipId).Select(c => c.Name).FirstOrDefault(),
                User = db.Users.Where(u => u.Id == j.UserId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault(),
                Server = db.GpuServers.Where(s => s.Id == (j.ServerId ?? j.RequestedServerId)).Select(s => s.Name).FirstOrDefault(),
                Generations = db.ClipGenerations.Where(g => g.JobId == j.Id).OrderBy(g => g.Id).Select(g => g.Id).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new JobApiView(
            r.Job.Id, r.Job.ProjectId, r.Project ?? "", r.Job.ClipId, r.Clip, r.User, r.Job.Status.ToString(), r.Job.Kind.ToString(),
            r.Job.IsDraftCard, r.Job.IsDraftCard ? null : r.Job.ServerId ?? r.Job.RequestedServerId,
            r.Job.IsDraftCard ? "Draft card" : r.Server ?? "any server", r.Job.Priority, r.Job.Attempts, r.Job.Progress, r.Job.ProgressText,
            r.Job.Error, ParametersApiView.From(GenerationParameters.FromJson(r.Job.ParametersJson)), r.Generations,
            r.Job.CreatedAt, r.Job.StartedAt, r.Job.FinishedAt, r.Job.Status is JobStatus.Failed or JobStatus.Cancelled)).ToList();
    }

    private static async Task<IResult> CancelAsync(int id, ClaimsPrincipal user, UserManager<AppUser> users, IQueueAdmin queue,
        StoryboardDbContext db, CancellationToken cancellationToken) =>
        await AfterAsync(id, await queue.CancelAsync(id, Actor(user, users), cancellationToken),
            $"Job {id} had already finished.", user, users, db, cancellationToken);

    private static async Task<IResult> RetryAsync(int id, ClaimsPrincipal user, UserManager<AppUser> users, IQueueAdmin queue,
        StoryboardDbContext db, CancellationToken cancellationToken) =>
        await AfterAsync(id, await queue.RetryAsync(id, Actor(user, users), cancellationToken),
            $"Only a failed or cancelled job can be retried; job {id} is not.", user, users, db, cancellationToken);

    private static async Task<IResult> DeleteAsync(int id, ClaimsPrincipal user, UserManager<AppUser> users, IQueueAdmin queue,
        CancellationToken cancellationToken) =>
        Problem(id, await queue.DeleteAsync(id, Actor(user, users), cancellationToken), $"Job {id} is not finished: cancel it first.")
        ?? TypedResults.NoContent();

    private static async Task<IResult> SetPriorityAsync(int id, HttpContext context, UserManager<AppUser> users, IQueueAdmin queue,
        StoryboardDbContext db, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SetPriorityInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.Priority is not { } priority || priority is < QueueAdmin.MinPriority or > QueueAdmin.MaxPriority)
        {
            return ApiProblems.Invalid("priority", $"Required: {QueueAdmin.MinPriority} to {QueueAdmin.MaxPriority}, higher runs first.");
        }
        return await AfterAsync(id, await queue.SetPriorityAsync(id, priority, Actor(context.User, users), cancellationToken),
            $"Only a waiting job's priority can change; job {id} no longer waits.", context.User, users, db, cancellationToken);
    }

    private static async Task<IResult> ClearFinishedAsync(HttpContext context, UserManager<AppUser> users, IQueueAdmin queue,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadOptionalAsync(context, new ClearFinishedInput())).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var includeFailed = body.IncludeFailed ?? false;
        return await queue.ClearFinishedAsync(includeFailed, Actor(context.User, users), cancellationToken) is { } cleared
            ? TypedResults.Ok(new ClearedJobsView(cleared))
            : Problem(0, QueueOutcome.NotAllowed, "")!;
    }

    private static async Task<IResult> GetQueueAsync(IQueuePause pause, StoryboardDbContext db, Generation.Dispatch.DispatchStats stats,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await QueueStateAsync(pause, db, stats, cancellationToken));

    private static async Task<QueueStateView> QueueStateAsync(IQueuePause pause, StoryboardDbContext db, Generation.Dispatch.DispatchStats stats,
        CancellationToken cancellationToken)
    {
        var counts = await db.GenerationJobs.AsNoTracking().GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new QueueStateView(await pause.IsPausedAsync(cancellationToken),
            Enum.GetValues<JobStatus>().ToDictionary(s => s.ToString(), s => counts.GetValueOrDefault(s)), stats.Snapshot());
    }

    private static async Task<IResult> SetQueueAsync(HttpContext context, UserManager<AppUser> users, IQueueAdmin queue, IQueuePause pause,
        StoryboardDbContext db, Generation.Dispatch.DispatchStats stats, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<QueueStateInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.Paused is not { } paused)
        {
            return ApiProblems.Invalid("paused", "Required: true to pause the queue, false to resume it.");
        }
        return Problem(0, await queue.SetQueuePausedAsync(paused, Actor(context.User, users), cancellationToken), "")
            ?? TypedResults.Ok(await QueueStateAsync(pause, db, stats, cancellationToken));
    }

    /// <summary>The job after an action, or the problem the outcome is.</summary>
    private static async Task<IResult> AfterAsync(int id, QueueOutcome outcome, string wrongState, ClaimsPrincipal user, UserManager<AppUser> users,
        StoryboardDbContext db, CancellationToken cancellationToken) =>
        Problem(id, outcome, wrongState) ?? await GetAsync(id, user, users, db, cancellationToken);

    private static IResult? Problem(int id, QueueOutcome outcome, string wrongState) => outcome switch
    {
        QueueOutcome.Done => null,
        QueueOutcome.NotFound => JobNotFound(id),
        QueueOutcome.NotAllowed => TypedResults.Problem(title: "Forbidden", detail: "Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden),
        _ => TypedResults.Problem(title: "The job is not in a state that allows this", detail: wrongState, statusCode: StatusCodes.Status409Conflict),
    };

    private static IResult JobNotFound(int id) =>
        ApiProblems.NotFound($"There is no job {id} you can see (Admins see every job, everyone else their own).");
}
