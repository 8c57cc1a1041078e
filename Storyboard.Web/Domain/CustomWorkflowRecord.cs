namespace Storyboard.Web.Domain;

/// <summary>
/// A user's own API-format ComfyUI graph with placeholders (see <c>Generation.ComfyUi.CustomWorkflow</c>), kept as
/// uploaded. It is checked against a server's <c>/object_info</c> before any job uses it there.
/// </summary>
public sealed class CustomWorkflowRecord
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public OutputKind Kind { get; set; }
    public string Json { get; set; } = "";
    public string? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
