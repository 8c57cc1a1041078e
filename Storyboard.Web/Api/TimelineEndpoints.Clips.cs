using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Api;

/// <summary>The clip handlers of the timeline API.</summary>
public static partial class TimelineEndpoints
{
    private static async Task<IResult> CreateClipAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveClipInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (!TryConvert(body, requireVersion: false, out var input, out var invalid))
        {
            return invalid;
        }
        var result = await timeline.CreateClipAsync(id, input, users.GetUserId(context.User), cancellationToken);
        return await CreatedClipAsync(id, result, context, links, timeline, cancellationToken);
    }

    private static async Task<IResult> UpdateClipAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SaveClipInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (!TryConvert(body, requireVersion: true, out var input, out var invalid))
        {
            return invalid;
        }
        var result = await timeline.UpdateClipAsync(id, clipId, input, body.Version!.Value, users.GetUserId(context.User), cancellationToken);
        return await ClipAfterAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> MoveClipsAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<MoveClipsInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        if (body.ClipIds is not { Length: > 0 })
        {
            errors["clipIds"] = "Name at least one clip.";
        }
        if (body.DeltaFrames is null)
        {
            errors["deltaFrames"] = "Required: the frames to move by.";
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var result = await timeline.MoveClipsAsync(id, body.ClipIds!, body.DeltaFrames!.Value, users.GetUserId(context.User), cancellationToken);
        return await ClipsAfterAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> DeleteClipAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var result = await timeline.DeleteClipsAsync(id, [clipId], users.GetUserId(context.User), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : await ProblemAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> CreateClipAlternateAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, LinkGenerator links, CancellationToken cancellationToken) =>
        await CreatedClipAsync(id, await timeline.CreateClipAlternateAsync(id, clipId, users.GetUserId(context.User), cancellationToken),
            context, links, timeline, cancellationToken);

    private static async Task<IResult> PromoteClipAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken) =>
        await ClipAfterAsync(id, await timeline.PromoteClipAsync(id, clipId, users.GetUserId(context.User), cancellationToken),
            timeline, cancellationToken);

    private static async Task<IResult> SetClipSpanAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SetClipSpanInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = Required(body.StartFrame, body.LengthFrames, 0);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var result = await timeline.SetClipSpanAsync(id, clipId, body.StartFrame!.Value, body.LengthFrames!.Value,
            users.GetUserId(context.User), cancellationToken);
        return await ClipAfterAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> SplitClipAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SplitClipInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.AtFrame is not { } atFrame)
        {
            return ApiProblems.Invalid("atFrame", "Required: the first frame of the second part, strictly inside the clip.");
        }
        var result = await timeline.SplitClipAsync(id, clipId, atFrame, users.GetUserId(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        var parts = result.Ids.Select(partId => ClipApiView.From(view.Clips.Single(c => c.Id == partId), view.FrameRate)).ToList();
        return TypedResults.Created(ClipUrl(context, links, id, parts[^1].Id), parts);
    }

    private static async Task<IResult> DuplicateClipAsync(int id, int clipId, HttpContext context, ITimelineService timeline,
        UserManager<AppUser> users, LinkGenerator links, CancellationToken cancellationToken) =>
        await CreatedClipAsync(id, await timeline.DuplicateClipAsync(id, clipId, users.GetUserId(context.User), cancellationToken),
            context, links, timeline, cancellationToken);

    private static async Task<IResult> RippleClipsAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<RippleClipsInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        if (body.FromFrame is not >= 0)
        {
            errors["fromFrame"] = "Required: the frame from which clips move, a whole number from 0.";
        }
        if (body.DeltaFrames is null)
        {
            errors["deltaFrames"] = "Required: the frames to move by.";
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var result = await timeline.RippleMoveAsync(id, body.FromFrame!.Value, body.DeltaFrames!.Value, users.GetUserId(context.User), cancellationToken);
        return await ClipsAfterAsync(id, result, timeline, cancellationToken);
    }

    private static async Task<IResult> DeleteClipsAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<DeleteClipsInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (body.ClipIds is not { Length: > 0 })
        {
            return ApiProblems.Invalid("clipIds", "Name at least one clip.");
        }
        var result = await timeline.DeleteClipsAsync(id, body.ClipIds, users.GetUserId(context.User), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : await ProblemAsync(id, result, timeline, cancellationToken);
    }
}
