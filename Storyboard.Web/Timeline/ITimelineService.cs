namespace Storyboard.Web.Timeline;

/// <summary>
/// Every read and edit of a project's scenes and clips. Each edit checks the timeline rules
/// (<see cref="Domain.Timeline.TimelineRules"/>), the caller's version (optimistic concurrency) where it changes one
/// item's values, records itself for undo/redo, and stores nothing when it fails. Ids always belong to
/// <c>projectId</c>; an id of another project is "not found".
/// </summary>
public interface ITimelineService
{
    /// <summary>Null when the project does not exist or is in the Trash. Trashed scenes are left out.</summary>
    Task<TimelineView?> GetAsync(int projectId, CancellationToken cancellationToken);
    /// <summary>
    /// What an edit needs before it runs, without reading the whole timeline: the frame rate, one live clip and
    /// whether one live scene exists. Null when the project does not exist or is in the Trash.
    /// </summary>
    Task<TimelineHeader?> HeaderAsync(int projectId, int? clipId, int? sceneId, CancellationToken cancellationToken);
    /// <summary>What undo and redo would do now.</summary>
    Task<HistoryState> HistoryStateAsync(int projectId, CancellationToken cancellationToken);

    Task<TimelineResult> CreateSceneAsync(int projectId, SceneInput input, string? userId, CancellationToken cancellationToken);
    Task<TimelineResult> UpdateSceneAsync(int projectId, int sceneId, SceneInput input, int expectedVersion, string? userId, CancellationToken cancellationToken);
    /// <summary>Moves the scene one place up (-1) or down (+1) in the scene list.</summary>
    Task<TimelineResult> ReorderSceneAsync(int projectId, int sceneId, int direction, string? userId, CancellationToken cancellationToken);
    /// <summary>A copy of the scene with copies of its clips, placed at the nearest free slot after it.</summary>
    Task<TimelineResult> DuplicateSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken);
    /// <summary>
    /// Moves the scene to the Trash with its clips (they keep their scene and leave the timeline until it is restored;
    /// they are no longer main takes). The main take of a group with live alternates is refused: promote another first.
    /// </summary>
    Task<TimelineResult> TrashSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken);
    /// <summary>Brings a trashed scene and its clips back; refused (Overlap) when something took their place meanwhile.</summary>
    Task<TimelineResult> RestoreSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken);
    /// <summary>
    /// An alternate take of the scene (numbered one past the highest take its group has used, including deleted takes
    /// undo could bring back) holding copies of its main clips in the same slots (new clips, not clip alternates).
    /// </summary>
    Task<TimelineResult> CreateSceneAlternateAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken);
    /// <summary>Makes the take the main one of its group; the old main becomes an alternate.</summary>
    Task<TimelineResult> PromoteSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken);

    Task<TimelineResult> CreateClipAsync(int projectId, ClipInput input, string? userId, CancellationToken cancellationToken);
    Task<TimelineResult> UpdateClipAsync(int projectId, int clipId, ClipInput input, int expectedVersion, string? userId, CancellationToken cancellationToken);
    /// <summary>Moves clips (and their alternates) by <paramref name="deltaFrames"/> together; refused if any would overlap.</summary>
    Task<TimelineResult> MoveClipsAsync(int projectId, IReadOnlyList<int> clipIds, long deltaFrames, string? userId, CancellationToken cancellationToken);
    /// <summary>Sets a clip's slot (its group's) to a new start and length: trim either end or move.</summary>
    Task<TimelineResult> SetClipSpanAsync(int projectId, int clipId, long startFrame, long lengthFrames, string? userId, CancellationToken cancellationToken);
    /// <summary>
    /// Splits a clip at <paramref name="atFrame"/> (strictly inside it) into two clips with the same values; the second
    /// is named "&lt;name&gt; (2)". A clip with alternates is refused (its takes must keep sharing one slot).
    /// </summary>
    Task<TimelineResult> SplitClipAsync(int projectId, int clipId, long atFrame, string? userId, CancellationToken cancellationToken);
    /// <summary>A copy (its own group) placed at the first free slot at or after the original's end.</summary>
    Task<TimelineResult> DuplicateClipAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken);
    /// <summary>Deleting a main take deletes its group (all its takes); deleting an alternate deletes only it.</summary>
    Task<TimelineResult> DeleteClipsAsync(int projectId, IReadOnlyList<int> clipIds, string? userId, CancellationToken cancellationToken);
    /// <summary>Moves every main-take clip starting at or after <paramref name="fromFrame"/> by <paramref name="deltaFrames"/>.</summary>
    Task<TimelineResult> RippleMoveAsync(int projectId, long fromFrame, long deltaFrames, string? userId, CancellationToken cancellationToken);
    /// <summary>Makes one of the clip's generated images its chosen one (the timeline's thumbnail); undoable.</summary>
    Task<TimelineResult> ChooseImageAsync(int projectId, int clipId, int generationId, string? userId, CancellationToken cancellationToken);
    /// <summary>Makes one of the clip's generated videos its chosen one; undoable.</summary>
    Task<TimelineResult> ChooseVideoAsync(int projectId, int clipId, int generationId, string? userId, CancellationToken cancellationToken);
    Task<TimelineResult> CreateClipAlternateAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken);
    Task<TimelineResult> PromoteClipAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a main-take clip per timed LRC line, at its time rounded to the nearest frame, lasting until the next line
    /// (the last one <see cref="TimelineService.LastLyricLength"/> or to the song's end, whichever is sooner), named
    /// "Line n: words" with the line as its lyrics; lines on the same frame share a clip. Malformed LRC is Invalid
    /// (key "lrc", one line-numbered message per bad line); a clip that would overlap a main-take clip refuses the
    /// whole import (Overlap, key "lrc", naming the line and the clip). One undo record.
    /// </summary>
    Task<TimelineResult> ImportLrcAsync(int projectId, string lrc, string? userId, CancellationToken cancellationToken);
    /// <summary>
    /// Shares the non-blank lines of <paramref name="text"/> over the clips in timeline order
    /// (<see cref="Domain.Timeline.LyricsSpread"/>) and sets each clip's lyrics to its lines (clips that get none are
    /// cleared). No lines or no clips: Invalid (key "text"). One undo record.
    /// </summary>
    Task<TimelineResult> SpreadLyricsAsync(int projectId, IReadOnlyList<int> clipIds, string text, string? userId, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes the latest edit not yet undone; NotFound when there is none. Restored rows get a new version (values
    /// are exactly as before the edit), so a form opened before the undo is a conflict rather than an overwrite.
    /// The last <see cref="TimelineService.HistoryLimit"/> edits of a project are kept.
    /// </summary>
    Task<TimelineResult> UndoAsync(int projectId, string? userId, CancellationToken cancellationToken);
    /// <summary>Redoes the earliest undone edit (a new edit drops them); NotFound when there is none.</summary>
    Task<TimelineResult> RedoAsync(int projectId, string? userId, CancellationToken cancellationToken);
    /// <summary>The project's scenes in the Trash, most recently trashed first, with how many clips each holds.</summary>
    Task<IReadOnlyList<TrashedScene>> TrashedScenesAsync(int projectId, CancellationToken cancellationToken);
    Task<IReadOnlyList<HistoryEntry>> HistoryAsync(int projectId, int count, CancellationToken cancellationToken);
}
