using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Accounts;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Gallery;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Api;

/// <summary>
/// A clip's gallery through the same <see cref="IClipGallery"/> and <see cref="ITimelineService"/> the gallery pages use:
/// every role reads; Editors and Admins rate, trash, restore, choose and queue again. A generation of a project in the
/// Trash (or of a clip of a trashed scene) is 404.
/// </summary>
public static class GenerationsEndpoints
{
    public const string GetGenerationRoute = "GetGeneration";

    public static RouteGroupBuilder MapGenerationsEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/projects/{projectId:int}/clips/{clipId:int}/generations", ListAsync).WithName("ListGenerations")
            .WithTags("Generations")
            .WithSummary("List a clip's generations (its gallery)")
            .WithDescription("Each picture once, filtered and sorted as on the gallery page. " + ApiValues.SeedNote)
            .Produces<GalleryApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(ApiProblems.ValidationStatus);

        var generations = v1.MapGroup("/generations/{id:int}").WithTags("Generations");
        generations.MapGet("", GetAsync).WithName(GetGenerationRoute)
            .WithSummary("Get a generation")
            .WithDescription("With its parameters (seed as a string, and as a number when safe), model, server, timings and links to its files. " + ApiValues.SeedNote)
            .Produces<GenerationApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        Write(generations.MapPut("/rating", RateAsync).WithName("RateGeneration")
            .WithSummary("Rate a generation")
            .WithDescription("Editors and Admins. 0 (not rated) to 5 stars. Answers the generation.")
            .Accepts<RateGenerationInput>("application/json")
            .Produces<GenerationApiView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(generations.MapPost("/trash", TrashAsync).WithName("TrashGeneration")
            .WithSummary("Move a generation to the clip's Trash")
            .WithDescription("Editors and Admins. Copies of the same picture go with it. Answers the generation.")
            .Produces<GenerationApiView>());
        Write(generations.MapPost("/restore", RestoreAsync).WithName("RestoreGeneration")
            .WithSummary("Bring a generation back from the clip's Trash")
            .WithDescription("Editors and Admins. Answers the generation.")
            .Produces<GenerationApiView>());
        Write(generations.MapPost("/choose", ChooseAsync).WithName("ChooseGeneration")
            .WithSummary("Make a generation the clip's chosen image or video")
            .WithDescription("Editors and Admins. An image becomes the clip's chosen image (its thumbnail), a video its chosen video. " +
                             "A timeline edit: POST /api/v1/projects/{projectId}/timeline/undo undoes it. Answers the generation.")
            .Produces<GenerationApiView>());
        Write(generations.MapPost("/again", AgainAsync).WithName("GenerateAgain")
            .WithSummary("Queue the job that made a generation again")
            .WithDescription("Editors and Admins. Same parameters, kind and server, with the same seed or (newSeed: true) a new one. " +
                             "The body is optional: {\"newSeed\": true} as JSON, or nothing. Answers 201 with the new job's id.")
            .Produces<EnqueuedJobsView>(StatusCodes.Status201Created));
        return v1;
    }

    private static RouteHandlerBuilder Write(RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Policies.CanEdit)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(ApiProblems.ValidationStatus);

    private static async Task<IResult> ListAsync(int projectId, int clipId,
        [Description("Only those made under this source (a server's name, or \"Draft card\").")] string? source,
        [Description("Only those made with this model file.")] string? model,
        [Description("Made on or after this day (UTC), yyyy-MM-dd.")] string? from,
        [Description("Made on or before this day (UTC), yyyy-MM-dd.")] string? to,
        [Description("Image or Video.")] string? kind,
        [Description("true lists the clip's Trash instead of its gallery.")] bool? trash,
        [Description("Newest (default), Oldest or Rating.")] string? sort,
        HttpContext context, IClipGallery gallery, LinkGenerator links, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var filter = new GalleryFilter(source, model, Day(errors, "from", from), Day(errors, "to", to),
            ApiValues.ParseOptionalEnum<OutputKind>(errors, "kind", kind), trash ?? false,
            ApiValues.ParseEnum(errors, "sort", sort, GallerySort.Newest));
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        if (await gallery.ListAsync(projectId, clipId, filter, cancellationToken) is not { } list)
        {
            return ClipNotFound(projectId, clipId);
        }
        return TypedResults.Ok(new GalleryApiView(projectId, clipId, list.ProjectName, list.ClipName,
            list.Items.Select(g => GenerationRowView.From(g, list, Links(context, links, g))).ToList(), list.Sources, list.Models, list.TrashCount));
    }

    private static DateOnly? Day(Dictionary<string, string> errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = "Use a date as yyyy-MM-dd.";
        return null;
    }

    private static GenerationLinksView Links(HttpContext context, LinkGenerator links, GalleryItem g) => new(
        links.GetPathByName(context, "generation-file", new { generationId = g.Id }),
        links.GetPathByName(context, "generation-thumbnail", new { generationId = g.Id }),
        g.HasPoster ? links.GetPathByName(context, "generation-poster", new { generationId = g.Id }) : null,
        g.HasPreview ? links.GetPathByName(context, "generation-preview", new { generationId = g.Id }) : null);

    private sealed record Owner(int ProjectId, int ClipId, int? JobId, int? ServerId);

    private static Task<Owner?> OwnerAsync(StoryboardDbContext db, int id, CancellationToken cancellationToken) =>
        db.ClipGenerations.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new Owner(g.ProjectId, g.ClipId, g.JobId, g.ServerId)).SingleOrDefaultAsync(cancellationToken);

    private static async Task<IResult> GetAsync(int id, HttpContext context, IClipGallery gallery, StoryboardDbContext db, LinkGenerator links,
        CancellationToken cancellationToken) =>
        await ViewAsync(id, context, gallery, db, links, cancellationToken) is { } view ? TypedResults.Ok(view) : GenerationNotFound(id);

    private static async Task<GenerationApiView?> ViewAsync(int id, HttpContext context, IClipGallery gallery, StoryboardDbContext db,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (await OwnerAsync(db, id, cancellationToken) is not { } owner
            || await gallery.GetAsync(owner.ProjectId, owner.ClipId, id, new GalleryFilter(), cancellationToken) is not { } detail)
        {
            return null;
        }
        var item = detail.Item;
        return new GenerationApiView(id, owner.ProjectId, owner.ClipId, GenerationRowView.From(item, detail.Gallery, Links(context, links, item)),
            ParametersApiView.From(detail.Parameters), owner.JobId, owner.ServerId, detail.QueuedAt, detail.StartedAt, item.CreatedAt,
            detail.StartedAt is { } started && item.CreatedAt >= started ? Math.Round((item.CreatedAt - started).TotalSeconds, 3) : null,
            detail.PreviousId, detail.NextId);
    }

    private static async Task<IResult> RateAsync(int id, HttpContext context, IClipGallery gallery, StoryboardDbContext db, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<RateGenerationInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.Stars is not { } stars || stars is < 0 or > 5)
        {
            return ApiProblems.Invalid("stars", "Required: 0 (not rated) to 5.");
        }
        if (await OwnerAsync(db, id, cancellationToken) is not { } owner
            || await gallery.RateAsync(owner.ProjectId, owner.ClipId, id, stars, cancellationToken) != GalleryOutcome.Ok)
        {
            return GenerationNotFound(id);
        }
        return await GetAsync(id, context, gallery, db, links, cancellationToken);
    }

    private static Task<IResult> TrashAsync(int id, HttpContext context, IClipGallery gallery, StoryboardDbContext db, LinkGenerator links,
        CancellationToken cancellationToken) =>
        MoveAsync(id, trash: true, context, gallery, db, links, cancellationToken);

    private static Task<IResult> RestoreAsync(int id, HttpContext context, IClipGallery gallery, StoryboardDbContext db, LinkGenerator links,
        CancellationToken cancellationToken) =>
        MoveAsync(id, trash: false, context, gallery, db, links, cancellationToken);

    /// <summary>Trash or restore; doing it twice is harmless (it answers the generation as it is).</summary>
    private static async Task<IResult> MoveAsync(int id, bool trash, HttpContext context, IClipGallery gallery, StoryboardDbContext db,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (await OwnerAsync(db, id, cancellationToken) is not { } owner
            || await gallery.ListAsync(owner.ProjectId, owner.ClipId, new GalleryFilter(), cancellationToken) is null)
        {
            return GenerationNotFound(id);
        }
        _ = trash
            ? await gallery.TrashAsync(owner.ProjectId, owner.ClipId, [id], cancellationToken)
            : await gallery.RestoreAsync(owner.ProjectId, owner.ClipId, [id], cancellationToken);
        return await GetAsync(id, context, gallery, db, links, cancellationToken);
    }

    private static async Task<IResult> ChooseAsync(int id, HttpContext context, IClipGallery gallery, ITimelineService timeline,
        UserManager<AppUser> users, StoryboardDbContext db, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (await ViewAsync(id, context, gallery, db, links, cancellationToken) is not { } view)
        {
            return GenerationNotFound(id);
        }
        var userId = users.GetUserId(context.User);
        var result = view.Generation.Kind == nameof(OutputKind.Video)
            ? await timeline.ChooseVideoAsync(view.ProjectId, view.ClipId, id, userId, cancellationToken)
            : await timeline.ChooseImageAsync(view.ProjectId, view.ClipId, id, userId, cancellationToken);
        return result.Outcome switch
        {
            TimelineOutcome.Ok => await GetAsync(id, context, gallery, db, links, cancellationToken),
            TimelineOutcome.NotFound => GenerationNotFound(id),
            _ => ApiProblems.Invalid(result.Errors.Select(e => new KeyValuePair<string, string>(e.Key.Length == 0 ? "id" : ApiProblems.JsonName(e.Key), e.Value))),
        };
    }

    private static async Task<IResult> AgainAsync(int id, HttpContext context, IClipGallery gallery, UserManager<AppUser> users,
        StoryboardDbContext db, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadOptionalAsync(context, new AgainInput())).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var newSeed = body.NewSeed ?? false;
        if (await OwnerAsync(db, id, cancellationToken) is not { } owner
            || await gallery.AgainAsync(owner.ProjectId, owner.ClipId, id, users.GetUserId(context.User), newSeed, cancellationToken) is not { } jobId)
        {
            return GenerationNotFound(id);
        }
        return TypedResults.Created(links.GetPathByName(context, JobsEndpoints.GetJobRoute, new { id = jobId }), new EnqueuedJobsView([jobId]));
    }

    private static IResult ClipNotFound(int projectId, int clipId) =>
        ApiProblems.NotFound($"There is no clip {clipId} in project {projectId}, or it (or its project or scene) is in the Trash.");

    private static IResult GenerationNotFound(int id) =>
        ApiProblems.NotFound($"There is no generation {id}, or its clip or project is in the Trash.");
}
