using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Accounts;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Api;

/// <summary>
/// Generation jobs: queueing them for a clip through the same <see cref="IGenerationQueue"/> the timeline page uses.
/// </summary>
public static partial class JobsEndpoints
{
    public static RouteGroupBuilder MapJobsEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/projects/{projectId:int}/clips/{clipId:int}/jobs", EnqueueAsync).WithName("EnqueueJobs")
            .WithTags("Jobs")
            .WithSummary("Queue generations of a clip")
            .WithDescription("Editors and Admins. A Draft card (draftCard: true) or count GPU jobs with the model, preset mode, kind, overrides, " +
                             "LoRAs or custom workflow given; the clip's prompts and the project's size are filled in by the queue, and the " +
                             "count jobs get consecutive seeds. Refused with 422 (errors keyed by field, such as model, kind or count) " +
                             "when the job could never run. Answers 201 with the new job ids. " + ApiValues.SeedNote)
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<EnqueueJobsInput>("application/json")
            .Produces<EnqueuedJobsView>(StatusCodes.Status201Created)
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<IResult> EnqueueAsync(int projectId, int clipId, HttpContext context, IGenerationQueue queue,
        UserManager<AppUser> users, CancellationToken cancellationToken)
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
        if (result.Errors.TryGetValue("", out var whole))
        {
            return ApiProblems.NotFound($"There is no clip {clipId} in project {projectId} (or the project is in the Trash). {whole}");
        }
        if (!result.Succeeded)
        {
            return ApiProblems.InvalidFromService(result.Errors);
        }
        return TypedResults.Created(JobUrl(result.JobIds[0]), new EnqueuedJobsView(result.JobIds));
    }

    private static string JobUrl(int id) => $"/api/v1/jobs/{id}";
}
