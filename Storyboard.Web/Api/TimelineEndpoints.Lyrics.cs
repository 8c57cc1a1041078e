using Microsoft.AspNetCore.Identity;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Api;

/// <summary>The lyrics handlers of the timeline API.</summary>
public static partial class TimelineEndpoints
{
    private static async Task<IResult> ImportLrcAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<ImportLrcInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return ApiProblems.Invalid("text", "Required: LRC text, lines like \"[00:12.50] the words\".");
        }
        var result = await timeline.ImportLrcAsync(id, body.Text, users.GetUserId(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            // The service names the pasted LRC "lrc"; this endpoint's body calls it "text".
            return await ProblemAsync(id, result, timeline, cancellationToken, new Dictionary<string, string> { [TimelineService.LrcField] = "text" });
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        var made = result.Ids.ToHashSet();
        return TypedResults.Created(links.GetPathByName(context, GetTimelineRoute, new { id }),
            view.Clips.Where(c => made.Contains(c.Id)).Select(c => ClipApiView.From(c, view.FrameRate)).ToList());
    }

    private static async Task<IResult> SpreadLyricsAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SpreadLyricsInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        if (body.ClipIds is not { Length: > 0 })
        {
            errors["clipIds"] = "Name at least one clip.";
        }
        if (string.IsNullOrWhiteSpace(body.Text))
        {
            errors["text"] = "Required: at least one line of lyrics.";
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var result = await timeline.SpreadLyricsAsync(id, body.ClipIds!, body.Text!, users.GetUserId(context.User), cancellationToken);
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        return TypedResults.Ok(result.Ids.Select(clipId => ClipApiView.From(view.Clips.Single(c => c.Id == clipId), view.FrameRate)).ToList());
    }
}
