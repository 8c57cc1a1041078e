namespace Storyboard.Web.Domain;

/// <summary>Jobs queued together for several clips (picked clips, a scene or the whole project) with shared settings.</summary>
public sealed class GenerationBatch
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public string? UserId { get; set; }
    /// <summary>What it covered, as the user sees it ("Scene Verse 1", "3 picked clips", "Whole project").</summary>
    public string Label { get; set; } = "";
    /// <summary>The shared settings, as the generation form posted them.</summary>
    public string SettingsJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
}
