namespace Storyboard.Web.Domain;

/// <summary>
/// A section of the song (verse, chorus…) spanning frames of the timeline, grouping clips. Alternates ("Chorus A1")
/// share their original's slot: <see cref="OriginalId"/> points at the first take of the group, <see cref="TakeNumber"/>
/// is 0 for it and 1, 2… for alternates (never reused), and exactly one take of a group <see cref="IsMain"/>.
/// </summary>
public sealed class Scene
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Lyrics { get; set; } = "";
    public SectionKind Section { get; set; } = SectionKind.Verse;
    /// <summary>The label of a <see cref="SectionKind.Custom"/> section.</summary>
    public string CustomSection { get; set; } = "";
    /// <summary>"#rrggbb".</summary>
    public string Color { get; set; } = "#5b7fe0";
    public string Notes { get; set; } = "";
    public int SortOrder { get; set; }
    public long StartFrame { get; set; }
    public long LengthFrames { get; set; }
    public int? OriginalId { get; set; }
    public int TakeNumber { get; set; }
    public bool IsMain { get; set; } = true;
    /// <summary>Optimistic concurrency: every save checks and bumps it.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when the scene is in the Trash.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public List<Clip> Clips { get; set; } = [];

    /// <summary>The id every take of this scene's group shares.</summary>
    public int GroupId => OriginalId ?? Id;
}
