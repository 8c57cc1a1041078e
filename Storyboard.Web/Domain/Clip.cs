namespace Storyboard.Web.Domain;

/// <summary>
/// A shot on the song timeline, positioned in whole frames at the project frame rate. Alternates share their
/// original's slot (the same start and length) and are numbered like scene alternates.
/// </summary>
public sealed class Clip
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int? SceneId { get; set; }
    public string Name { get; set; } = "";
    public long StartFrame { get; set; }
    public long LengthFrames { get; set; }
    public string Lyrics { get; set; } = "";
    public string ImagePrompt { get; set; } = "";
    public string NegativePrompt { get; set; } = "";
    public string VideoPrompt { get; set; } = "";
    public ShotSize ShotSize { get; set; }
    public CameraMove CameraMove { get; set; }
    public TransitionKind TransitionIn { get; set; }
    public int TransitionFrames { get; set; }
    public string Notes { get; set; } = "";
    public string? ChosenImageHash { get; set; }
    public string? ChosenVideoHash { get; set; }
    public int? OriginalId { get; set; }
    public int TakeNumber { get; set; }
    public bool IsMain { get; set; } = true;
    /// <summary>Optimistic concurrency: every save checks and bumps it.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public int GroupId => OriginalId ?? Id;
}
