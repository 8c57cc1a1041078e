using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Accounts;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Api;

/// <summary>
/// /api/v1/projects/{id}/timeline, …/scenes and …/clips: the same <see cref="ITimelineService"/> the timeline page uses.
/// Times are whole frames at the project's rate. Outcomes map to problems: invalid values and overlaps are 422
/// (an overlap names startFrame and carries <c>suggestedStartFrame</c>, the nearest free slot or null), a stale
/// <c>version</c> is 409 with the stored values in <c>current</c>, unknown ids (or another project's) are 404.
/// On any problem nothing is stored.
/// </summary>
public static partial class TimelineEndpoints
{
    public const string GetTimelineRoute = "GetTimeline";
    public const string GetSceneRoute = "GetScene";
    public const string GetClipRoute = "GetClip";

    private const string OverlapNote = " An overlap with another item is a 422 problem naming startFrame, with suggestedStartFrame (the nearest free start, or null).";

    public static RouteGroupBuilder MapTimelineEndpoints(this RouteGroupBuilder v1)
    {
        var project = v1.MapGroup("/projects/{id:int}").WithTags("Timeline");
        project.MapGet("/timeline", GetAsync).WithName(GetTimelineRoute)
            .WithSummary("Get a project's whole timeline")
            .WithDescription("Frame rate, song length, every live scene and clip (all takes) with versions and timecodes, and the undo/redo labels.")
            .Produces<TimelineApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        project.MapGet("/timeline/history", HistoryAsync).WithName("GetTimelineHistory")
            .WithSummary("List a project's recent timeline edits")
            .WithDescription("Newest first; count defaults to 50 (at most 500).")
            .Produces<HistoryEntryView[]>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(ApiProblems.ValidationStatus);
        Write(project.MapPost("/timeline/undo", UndoAsync).WithName("UndoTimelineEdit")
            .WithSummary("Undo the latest timeline edit")
            .WithDescription("Editors and Admins. Answers the timeline after the undo; 404 when there is nothing to undo.")
            .Produces<TimelineApiView>());
        Write(project.MapPost("/timeline/redo", RedoAsync).WithName("RedoTimelineEdit")
            .WithSummary("Redo the earliest undone timeline edit")
            .WithDescription("Editors and Admins. Answers the timeline after the redo; 404 when there is nothing to redo.")
            .Produces<TimelineApiView>());

        Write(project.MapPost("/scenes", CreateSceneAsync).WithName("CreateScene")
            .WithSummary("Create a scene")
            .WithDescription("Editors and Admins. Answers 201 with the scene and its URL in Location." + OverlapNote)
            .Accepts<SaveSceneInput>("application/json")
            .Produces<SceneApiView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        project.MapGet("/scenes/{sceneId:int}", GetSceneAsync).WithName(GetSceneRoute)
            .WithSummary("Get a scene")
            .WithDescription("One live take of a scene, as in GET …/timeline; a scene in the Trash is 404.")
            .Produces<SceneApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        Write(project.MapPut("/scenes/{sceneId:int}", UpdateSceneAsync).WithName("UpdateScene")
            .WithSummary("Replace a scene's values")
            .WithDescription("Editors and Admins. Send the version you read; a stale one is a 409 problem with the stored scene in 'current'." + OverlapNote)
            .Accepts<SaveSceneInput>("application/json")
            .Produces<SceneApiView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapDelete("/scenes/{sceneId:int}", TrashSceneAsync).WithName("TrashScene")
            .WithSummary("Move a scene and its clips to the Trash")
            .WithDescription("Editors and Admins. The main take of a group with alternates is refused (422): promote another take first. Undo brings it back.")
            .Produces(StatusCodes.Status204NoContent));
        Write(project.MapPost("/scenes/{sceneId:int}/alternates", CreateSceneAlternateAsync).WithName("CreateSceneAlternate")
            .WithSummary("Create an alternate take of a scene")
            .WithDescription("Editors and Admins. The new take (A1, A2…) shares the scene's slot and holds copies of its main clips. Answers 201 with the take and its URL in Location.")
            .Produces<SceneApiView>(StatusCodes.Status201Created));
        Write(project.MapPost("/scenes/{sceneId:int}/promote", PromoteSceneAsync).WithName("PromoteScene")
            .WithSummary("Make a scene take the main one of its group")
            .Produces<SceneApiView>());
        Write(project.MapPost("/scenes/{sceneId:int}/duplicate", DuplicateSceneAsync).WithName("DuplicateScene")
            .WithSummary("Duplicate a scene with its clips")
            .WithDescription("Editors and Admins. The copy (a new scene group, with copies of the scene's main clips) goes in the first free slot " +
                             "at or after the scene's end; 422 when there is none. Answers 201 with the copy and its URL in Location.")
            .Produces<SceneApiView>(StatusCodes.Status201Created));
        Write(project.MapPost("/scenes/{sceneId:int}/reorder", ReorderSceneAsync).WithName("ReorderScene")
            .WithSummary("Move a scene one place up or down the scene list")
            .WithDescription("Editors and Admins. Changes the list order only, not the scene's frames; its takes move with it. " +
                             "Answers every live scene in the new order (the first or last scene stays where it is).")
            .Accepts<ReorderSceneInput>("application/json")
            .Produces<SceneApiView[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapPost("/scenes/{sceneId:int}/restore", RestoreSceneAsync).WithName("RestoreScene")
            .WithSummary("Bring a scene and its clips back from the Trash")
            .WithDescription("Editors and Admins. The scene id is the one DELETE …/scenes/{sceneId} trashed; a live scene is 404. " +
                             "Answers the restored scene." + OverlapNote)
            .Produces<SceneApiView>());

        Write(project.MapPost("/clips", CreateClipAsync).WithName("CreateClip")
            .WithSummary("Create a clip")
            .WithDescription("Editors and Admins. Answers 201 with the clip and its URL in Location." + OverlapNote)
            .Accepts<SaveClipInput>("application/json")
            .Produces<ClipApiView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        project.MapGet("/clips/{clipId:int}", GetClipAsync).WithName(GetClipRoute)
            .WithSummary("Get a clip")
            .WithDescription("One take of a clip, as in GET …/timeline; a clip of a scene in the Trash is 404.")
            .Produces<ClipApiView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        Write(project.MapPut("/clips/{clipId:int}", UpdateClipAsync).WithName("UpdateClip")
            .WithSummary("Replace a clip's values")
            .WithDescription("Editors and Admins. A new start or length applies to all takes of the clip's group. Send the version you read; " +
                             "a stale one is a 409 problem with the stored clip in 'current'." + OverlapNote)
            .Accepts<SaveClipInput>("application/json")
            .Produces<ClipApiView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapPost("/clips/move", MoveClipsAsync).WithName("MoveClips")
            .WithSummary("Move clips together by a number of frames")
            .WithDescription("Editors and Admins. Their alternates move with them; answers the moved clips." + OverlapNote)
            .Accepts<MoveClipsInput>("application/json")
            .Produces<ClipApiView[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapDelete("/clips/{clipId:int}", DeleteClipAsync).WithName("DeleteClip")
            .WithSummary("Delete a clip")
            .WithDescription("Editors and Admins. Deleting a main take deletes all its takes; deleting an alternate deletes only it. Undo brings it back.")
            .Produces(StatusCodes.Status204NoContent));
        Write(project.MapPost("/clips/{clipId:int}/alternates", CreateClipAlternateAsync).WithName("CreateClipAlternate")
            .WithSummary("Create an alternate take of a clip")
            .WithDescription("Editors and Admins. The new take (A1, A2…) shares the clip's slot. Answers 201 with the take and its URL in Location.")
            .Produces<ClipApiView>(StatusCodes.Status201Created));
        Write(project.MapPost("/clips/{clipId:int}/promote", PromoteClipAsync).WithName("PromoteClip")
            .WithSummary("Make a clip take the main one of its group")
            .Produces<ClipApiView>());
        Write(project.MapPost("/clips/{clipId:int}/span", SetClipSpanAsync).WithName("SetClipSpan")
            .WithSummary("Set a clip's start and length (move it or trim either end)")
            .WithDescription("Editors and Admins. All takes of the clip's group get the span; answers the clip. " +
                             "A length shorter than a take's transition is a 422 naming lengthFrames." + OverlapNote)
            .Accepts<SetClipSpanInput>("application/json")
            .Produces<ClipApiView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapPost("/clips/{clipId:int}/split", SplitClipAsync).WithName("SplitClip")
            .WithSummary("Split a clip in two at a frame")
            .WithDescription("Editors and Admins. atFrame must be strictly inside the clip; a clip with alternate takes is refused (422). " +
                             "The second part is a new clip named \"<name> (2)\" with the same values. Answers 201 with both parts " +
                             "(first, then second) and the second part's URL in Location.")
            .Accepts<SplitClipInput>("application/json")
            .Produces<ClipApiView[]>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapPost("/clips/{clipId:int}/duplicate", DuplicateClipAsync).WithName("DuplicateClip")
            .WithSummary("Duplicate a clip")
            .WithDescription("Editors and Admins. The copy (its own group) goes in the first free slot at or after the clip's end; 422 when there is none. " +
                             "Answers 201 with the copy and its URL in Location.")
            .Produces<ClipApiView>(StatusCodes.Status201Created));
        Write(project.MapPost("/clips/ripple", RippleClipsAsync).WithName("RippleClips")
            .WithSummary("Move every clip from a frame onwards by a number of frames")
            .WithDescription("Editors and Admins. Every main-take clip starting at or after fromFrame moves, with its alternates; " +
                             "answers the moved clips (all takes)." + OverlapNote)
            .Accepts<RippleClipsInput>("application/json")
            .Produces<ClipApiView[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapPost("/clips/delete", DeleteClipsAsync).WithName("DeleteClips")
            .WithSummary("Delete clips together")
            .WithDescription("Editors and Admins. One edit (one undo). Deleting a main take deletes all its takes; an alternate goes alone. " +
                             "Any unknown id refuses the whole request (404).")
            .Accepts<DeleteClipsInput>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));

        Write(project.MapPost("/timeline/lyrics/lrc", ImportLrcAsync).WithName("ImportLrcLyrics")
            .WithSummary("Make clips from timed LRC lyrics")
            .WithDescription("Editors and Admins. Each timed line becomes a main-take clip from its time until the next line, with the line as its lyrics. " +
                             "Malformed LRC, or a line whose clip would overlap a clip, refuses the whole import (422 naming text). " +
                             "Answers 201 with the new clips; Location is the timeline, since there can be many.")
            .Accepts<ImportLrcInput>("application/json")
            .Produces<ClipApiView[]>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        Write(project.MapPost("/timeline/lyrics/spread", SpreadLyricsAsync).WithName("SpreadLyrics")
            .WithSummary("Share lines of lyrics over clips")
            .WithDescription("Editors and Admins. The non-blank lines are shared out over the clips in timeline order and replace their lyrics " +
                             "(a clip that gets no line is cleared). Answers the clips in timeline order.")
            .Accepts<SpreadLyricsInput>("application/json")
            .Produces<ClipApiView[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType));
        return v1;
    }

    /// <summary>Every write: Editors and Admins, and the problems any edit can give.</summary>
    private static RouteHandlerBuilder Write(RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Policies.CanEdit)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(ApiProblems.ValidationStatus);

    private static async Task<IResult> GetAsync(int id, ITimelineService timeline, CancellationToken cancellationToken) =>
        await timeline.GetAsync(id, cancellationToken) is { } view ? TypedResults.Ok(TimelineApiView.From(view)) : ProjectNotFound(id);

    private static async Task<IResult> HistoryAsync(int id,
        [Description("How many edits, 1 to 500; 50 by default.")] string? count,
        ITimelineService timeline, StoryboardDbContext db, CancellationToken cancellationToken)
    {
        var take = 50;
        if (!string.IsNullOrWhiteSpace(count) &&
            (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out take)
             || take is < 1 or > TimelineService.HistoryLimit))
        {
            return ApiProblems.Invalid("count", $"Ask for 1 to {TimelineService.HistoryLimit} edits.");
        }
        if (!await db.Projects.AnyAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken))
        {
            return ProjectNotFound(id);
        }
        var entries = await timeline.HistoryAsync(id, take, cancellationToken);
        return TypedResults.Ok(entries.Select(HistoryEntryView.From).ToList());
    }

    private static async Task<IResult> UndoAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        CancellationToken cancellationToken) =>
        await TimelineAfterAsync(id, await timeline.UndoAsync(id, users.GetUserId(context.User), cancellationToken), timeline, cancellationToken);

    private static async Task<IResult> RedoAsync(int id, HttpContext context, ITimelineService timeline, UserManager<AppUser> users,
        CancellationToken cancellationToken) =>
        await TimelineAfterAsync(id, await timeline.RedoAsync(id, users.GetUserId(context.User), cancellationToken), timeline, cancellationToken);

    private static async Task<IResult> TimelineAfterAsync(int id, TimelineResult result, ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        return await GetAsync(id, timeline, cancellationToken);
    }

    private static async Task<IResult> GetSceneAsync(int id, int sceneId, ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (await timeline.GetAsync(id, cancellationToken) is not { } view)
        {
            return ProjectNotFound(id);
        }
        return view.Scenes.SingleOrDefault(s => s.Id == sceneId) is { } scene
            ? TypedResults.Ok(SceneApiView.From(scene, view.FrameRate))
            : ApiProblems.NotFound($"There is no scene {sceneId} in project {id}, or it is in the Trash.");
    }

    private static async Task<IResult> GetClipAsync(int id, int clipId, ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (await timeline.GetAsync(id, cancellationToken) is not { } view)
        {
            return ProjectNotFound(id);
        }
        return view.Clips.SingleOrDefault(c => c.Id == clipId) is { } clip
            ? TypedResults.Ok(ClipApiView.From(clip, view.FrameRate))
            : ApiProblems.NotFound($"There is no clip {clipId} in project {id}, or its scene is in the Trash.");
    }

    private static async Task<TimelineView> ViewAfterEditAsync(int id, ITimelineService timeline, CancellationToken cancellationToken) =>
        await timeline.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Project {id} vanished after an edit.");

    private static string? SceneUrl(HttpContext context, LinkGenerator links, int id, int sceneId) =>
        links.GetPathByName(context, GetSceneRoute, new { id, sceneId });

    private static string? ClipUrl(HttpContext context, LinkGenerator links, int id, int clipId) =>
        links.GetPathByName(context, GetClipRoute, new { id, clipId });

    /// <summary>The scene the edit changed (its first id), or the problem.</summary>
    private static async Task<IResult> SceneAfterAsync(int id, TimelineResult result, ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        return TypedResults.Ok(SceneApiView.From(view.Scenes.Single(s => s.Id == result.Ids[0]), view.FrameRate));
    }

    /// <summary>201 with the scene the edit created (its first id) and its URL in Location, or the problem.</summary>
    private static async Task<IResult> CreatedSceneAsync(int id, TimelineResult result, HttpContext context, LinkGenerator links,
        ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        var scene = view.Scenes.Single(s => s.Id == result.Ids[0]);
        return TypedResults.Created(SceneUrl(context, links, id, scene.Id), SceneApiView.From(scene, view.FrameRate));
    }

    /// <summary>The clip the edit changed (its first id), or the problem.</summary>
    private static async Task<IResult> ClipAfterAsync(int id, TimelineResult result, ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        return TypedResults.Ok(ClipApiView.From(view.Clips.Single(c => c.Id == result.Ids[0]), view.FrameRate));
    }

    /// <summary>201 with the clip the edit created (its first id) and its URL in Location, or the problem.</summary>
    private static async Task<IResult> CreatedClipAsync(int id, TimelineResult result, HttpContext context, LinkGenerator links,
        ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        var clip = view.Clips.Single(c => c.Id == result.Ids[0]);
        return TypedResults.Created(ClipUrl(context, links, id, clip.Id), ClipApiView.From(clip, view.FrameRate));
    }

    /// <summary>Every clip the edit changed, in timeline order, or the problem.</summary>
    private static async Task<IResult> ClipsAfterAsync(int id, TimelineResult result, ITimelineService timeline, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return await ProblemAsync(id, result, timeline, cancellationToken);
        }
        var view = await ViewAfterEditAsync(id, timeline, cancellationToken);
        var changed = result.Ids.ToHashSet();
        return TypedResults.Ok(view.Clips.Where(c => changed.Contains(c.Id)).Select(c => ClipApiView.From(c, view.FrameRate)).ToList());
    }

    /// <summary>A failed edit as a problem (see the class summary for the mapping).</summary>
    /// <param name="renamed">Service error keys (as JSON names) that this endpoint's body calls otherwise.</param>
    private static async Task<IResult> ProblemAsync(int id, TimelineResult result, ITimelineService timeline, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? renamed = null)
    {
        var whole = result.Errors.GetValueOrDefault("");
        var fields = result.Errors.Where(e => e.Key.Length > 0)
            .Select(e => (Key: ApiProblems.JsonName(e.Key), e.Value))
            .ToDictionary(e => renamed?.GetValueOrDefault(e.Key) ?? e.Key, e => new[] { e.Value });
        switch (result.Outcome)
        {
            case TimelineOutcome.NotFound:
                return ApiProblems.NotFound(whole ?? $"Not found in project {id}.");
            case TimelineOutcome.Conflict:
                var rate = (await timeline.GetAsync(id, cancellationToken))?.FrameRate ?? FrameRate.Fps24;
                object? current = result.CurrentScene is { } scene ? SceneApiView.From(scene, rate)
                    : result.CurrentClip is { } clip ? ClipApiView.From(clip, rate) : null;
                return TypedResults.Problem(title: "The item was changed by someone else", detail: whole,
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["current"] = current });
            case TimelineOutcome.Overlap:
                return TypedResults.Problem(new HttpValidationProblemDetails(fields)
                {
                    Status = ApiProblems.ValidationStatus,
                    Title = "There is no room on the timeline there",
                    Detail = whole ?? string.Join(" ", fields.Values.SelectMany(m => m)),
                    Extensions = { ["suggestedStartFrame"] = result.SuggestedStartFrame },
                });
            default:
                return TypedResults.Problem(new HttpValidationProblemDetails(fields)
                {
                    Status = ApiProblems.ValidationStatus,
                    Title = "The request has invalid values",
                    Detail = whole ?? "See 'errors': each names a JSON property and what is wrong with it. Nothing was changed.",
                });
        }
    }

    private static bool TryConvert(SaveSceneInput body, bool requireVersion, out SceneInput input, [NotNullWhen(false)] out IResult? problem)
    {
        var errors = Required(body.StartFrame, body.LengthFrames, requireVersion ? body.Version : 0);
        var section = ParseEnum(errors, "section", body.Section, SectionKind.Verse);
        input = new SceneInput(body.Name ?? "", body.Description ?? "", body.Lyrics ?? "", section, body.CustomSection ?? "",
            body.Color ?? SaveSceneInput.DefaultColor, body.Notes ?? "", body.StartFrame ?? 0, body.LengthFrames ?? 0);
        problem = errors.Count > 0 ? ApiProblems.Invalid(errors) : null;
        return problem is null;
    }

    private static bool TryConvert(SaveClipInput body, bool requireVersion, out ClipInput input, [NotNullWhen(false)] out IResult? problem)
    {
        var errors = Required(body.StartFrame, body.LengthFrames, requireVersion ? body.Version : 0);
        var shot = ParseEnum(errors, "shotSize", body.ShotSize, ShotSize.Unset);
        var move = ParseEnum(errors, "cameraMove", body.CameraMove, CameraMove.Static);
        var transition = ParseEnum(errors, "transitionIn", body.TransitionIn, TransitionKind.Cut);
        input = new ClipInput(body.Name ?? "", body.SceneId, body.StartFrame ?? 0, body.LengthFrames ?? 0, body.Lyrics ?? "",
            body.ImagePrompt ?? "", body.NegativePrompt ?? "", body.VideoPrompt ?? "", shot, move, transition,
            body.TransitionFrames ?? 0, body.Notes ?? "");
        problem = errors.Count > 0 ? ApiProblems.Invalid(errors) : null;
        return problem is null;
    }

    private static Dictionary<string, string> Required(long? startFrame, long? lengthFrames, int? version)
    {
        var errors = new Dictionary<string, string>();
        if (startFrame is null)
        {
            errors["startFrame"] = "Required: the first frame, a whole number from 0.";
        }
        if (lengthFrames is null)
        {
            errors["lengthFrames"] = "Required: the length in frames.";
        }
        if (version is null)
        {
            errors["version"] = "Required: the version you read (GET …/timeline), so a change made meanwhile is not overwritten.";
        }
        return errors;
    }

    /// <summary>An enum by its name (any case; numbers are refused), the default when left out.</summary>
    private static T ParseEnum<T>(Dictionary<string, string> errors, string field, string? text, T fallback) where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }
        errors[field] = $"Use one of {string.Join(", ", Enum.GetNames<T>())}.";
        return fallback;
    }

    private static IResult ProjectNotFound(int id) =>
        ApiProblems.NotFound($"There is no project {id}, or it is in the Trash.");
}
