namespace Storyboard.Web.Timeline;

public sealed partial class TimelineService
{
    private static Task<TimelineResult> Pending() => throw new NotImplementedException("The timeline edits are being built.");
    public Task<TimelineResult> CreateSceneAsync(int projectId, SceneInput input, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> UpdateSceneAsync(int projectId, int sceneId, SceneInput input, int expectedVersion, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> ReorderSceneAsync(int projectId, int sceneId, int direction, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> DuplicateSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> TrashSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> RestoreSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> CreateSceneAlternateAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> PromoteSceneAsync(int projectId, int sceneId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> CreateClipAsync(int projectId, ClipInput input, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> UpdateClipAsync(int projectId, int clipId, ClipInput input, int expectedVersion, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> MoveClipsAsync(int projectId, IReadOnlyList<int> clipIds, long deltaFrames, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> SetClipSpanAsync(int projectId, int clipId, long startFrame, long lengthFrames, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> SplitClipAsync(int projectId, int clipId, long atFrame, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> DuplicateClipAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> DeleteClipsAsync(int projectId, IReadOnlyList<int> clipIds, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> RippleMoveAsync(int projectId, long fromFrame, long deltaFrames, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> CreateClipAlternateAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> PromoteClipAsync(int projectId, int clipId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> UndoAsync(int projectId, string? userId, CancellationToken cancellationToken) => Pending();
    public Task<TimelineResult> RedoAsync(int projectId, string? userId, CancellationToken cancellationToken) => Pending();
}

public sealed partial class TimelineService
{
    private DateTimeOffset Now => clock.GetUtcNow();
    private void LogPending() => logger.LogDebug("Timeline edits pending");
}
