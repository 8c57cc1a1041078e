using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Api;

/// <summary>The scene handlers of the timeline API.</summary>
public static partial class TimelineEndpoints
{
    private static async Task<IResult> CreateSceneAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveSceneInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (!TryConvert(body, requireVersion: false, out var input, out var invalid))
        {
            return invalid;
        }
        var result = await timeline.CreateSceneAsync(id, input, users.GetUserId(context.User), cancellationToken);
        return await CreatedSceneAsync(id, result, context, links, timeline, cancellationToken);
    }

    private static async Task<IResult> UpdateSceneAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveSceneInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (!TryConvert(body, requireVersion: true, out var input, out var invalid))
        {
            return invalid;
        }
        var result = await timeline.UpdateSceneAsync(id, sceneId, input, body.Version!.Value, users.GetUserId(context.User), cancellationToken);
        return await SceneAfterAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> TrashSceneAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var result = await timeline.TrashSceneAsync(id, sceneId, users.GetUserId(context.User), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : await ProblemAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> CreateSceneAlternateAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, LinkGenerator links, CancellationToken cancellationToken) =>
        await CreatedSceneAsync(id, await timeline.CreateSceneAlternateAsync(id, sceneId, users.GetUserId(context.User), cancellationToken),
            context, links, timeline, cancellationToken);

    private static async Task<IResult> PromoteSceneAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken) =>
        await SceneAfterAsync(id, await timeline.PromoteSceneAsync(id, sceneId, users.GetUserId(context.User), cancellationToken),
            timeline, cancellationToken);

    private static async Task<IResult> DuplicateSceneAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, LinkGenerator links, CancellationToken cancellationToken) =>
        await CreatedSceneAsync(id, await timeline.DuplicateSceneAsync(id, sceneId, users.GetUserId(context.User), cancellationToken),
            context, links, timeline, cancellationToken);

    private static async Task<IResult> ReorderSceneAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<ReorderSceneInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.Direction is not (-1 or 1))
        {
            return ApiProblems.Invalid("direction", "Required: -1 moves the scene one place up, 1 one place down.");
        }
        var result = await timeline.ReorderSceneAsync(id, sceneId, body.Direction.Value, users.GetUserId(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        return TypedResults.Ok(view.Scenes.Select(s => SceneApiView.From(s, view.FrameRate)).ToList());
    }

    private static async Task<IResult> RestoreSceneAsync(int id, int sceneId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken) =>
        await SceneAfterAsync(id, await timeline.RestoreSceneAsync(id, sceneId, users.GetUserId(context.User), cancellationToken),
            timeline, cancellationToken);
}
