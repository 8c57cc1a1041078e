namespace Storyboard.Web.Domain;

/// <summary>
/// One undoable timeline edit of a project: the scenes and clips it touched, as JSON snapshots before and after.
/// Undo writes the "before" state back (re-creating deleted rows with their ids, removing created ones); redo writes
/// the "after" state. A new edit drops the undone edits after it.
/// </summary>
public sealed class TimelineEdit
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>"Move 3 clips", "Split Shot 4"… shown in the history list.</summary>
    public string Label { get; set; } = "";
    public string? UserId { get; set; }
    public string BeforeJson { get; set; } = "";
    public string AfterJson { get; set; } = "";
    public bool IsUndone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
