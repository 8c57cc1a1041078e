using System.Text.Json;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Timeline;

/// <summary>A scene row as stored, for undo and redo.</summary>
public sealed record SceneSnapshot(
    int Id, int ProjectId, string Name, string Description, string Lyrics, SectionKind Section, string CustomSection,
    string Color, string Notes, int SortOrder, long StartFrame, long LengthFrames, int? OriginalId, int TakeNumber,
    bool IsMain, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public static SceneSnapshot Of(Scene s) => new(s.Id, s.ProjectId, s.Name, s.Description, s.Lyrics, s.Section,
        s.CustomSection, s.Color, s.Notes, s.SortOrder, s.StartFrame, s.LengthFrames, s.OriginalId, s.TakeNumber,
        s.IsMain, s.Version, s.CreatedAt, s.UpdatedAt, s.DeletedAt);

    /// <summary>Writes every value but the id, project and version onto <paramref name="s"/>.</summary>
    public void ApplyTo(Scene s)
    {
        (s.Name, s.Description, s.Lyrics, s.Section, s.CustomSection, s.Color, s.Notes) =
            (Name, Description, Lyrics, Section, CustomSection, Color, Notes);
        (s.SortOrder, s.StartFrame, s.LengthFrames, s.OriginalId, s.TakeNumber, s.IsMain) =
            (SortOrder, StartFrame, LengthFrames, OriginalId, TakeNumber, IsMain);
        (s.CreatedAt, s.UpdatedAt, s.DeletedAt) = (CreatedAt, UpdatedAt, DeletedAt);
    }
}

/// <summary>A clip row as stored, for undo and redo.</summary>
public sealed record ClipSnapshot(
    int Id, int ProjectId, int? SceneId, string Name, long StartFrame, long LengthFrames, string Lyrics,
    string ImagePrompt, string NegativePrompt, string VideoPrompt, ShotSize ShotSize, CameraMove CameraMove,
    TransitionKind TransitionIn, int TransitionFrames, string Notes, string? ChosenImageHash, int? OriginalId,
    int TakeNumber, bool IsMain, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    // Last and optional: snapshots stored before clips had a chosen video read as none.
    string? ChosenVideoHash = null)
{
    public static ClipSnapshot Of(Clip c) => new(c.Id, c.ProjectId, c.SceneId, c.Name, c.StartFrame, c.LengthFrames,
        c.Lyrics, c.ImagePrompt, c.NegativePrompt, c.VideoPrompt, c.ShotSize, c.CameraMove, c.TransitionIn,
        c.TransitionFrames, c.Notes, c.ChosenImageHash, c.OriginalId, c.TakeNumber, c.IsMain, c.Version, c.CreatedAt,
        c.UpdatedAt, c.ChosenVideoHash);

    /// <summary>Writes every value but the id, project and version onto <paramref name="c"/>.</summary>
    public void ApplyTo(Clip c)
    {
        (c.SceneId, c.Name, c.StartFrame, c.LengthFrames, c.Lyrics, c.ImagePrompt, c.NegativePrompt, c.VideoPrompt) =
            (SceneId, Name, StartFrame, LengthFrames, Lyrics, ImagePrompt, NegativePrompt, VideoPrompt);
        (c.ShotSize, c.CameraMove, c.TransitionIn, c.TransitionFrames, c.Notes, c.ChosenImageHash) =
            (ShotSize, CameraMove, TransitionIn, TransitionFrames, Notes, ChosenImageHash);
        c.ChosenVideoHash = ChosenVideoHash;
        (c.OriginalId, c.TakeNumber, c.IsMain, c.CreatedAt, c.UpdatedAt) = (OriginalId, TakeNumber, IsMain, CreatedAt, UpdatedAt);
    }
}

/// <summary>
/// The rows one edit touched, as they were before or after it (<see cref="TimelineEdit.BeforeJson"/>,
/// <see cref="TimelineEdit.AfterJson"/>). A row missing from one side was created or deleted by the edit.
/// </summary>
public sealed record TimelineSnapshot(IReadOnlyList<SceneSnapshot> Scenes, IReadOnlyList<ClipSnapshot> Clips)
{
    public static TimelineSnapshot Of(IEnumerable<Scene> scenes, IEnumerable<Clip> clips) =>
        new(scenes.Select(SceneSnapshot.Of).ToList(), clips.Select(ClipSnapshot.Of).ToList());

    public string ToJson() => JsonSerializer.Serialize(this);

    public static TimelineSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<TimelineSnapshot>(json) ?? new TimelineSnapshot([], []);

    /// <summary>Only the rows that differ between the whole project <paramref name="before"/> and <paramref name="after"/> an edit.</summary>
    public static (TimelineSnapshot Before, TimelineSnapshot After) Diff(TimelineSnapshot before, TimelineSnapshot after)
    {
        var scenesAfter = after.Scenes.ToDictionary(s => s.Id);
        var scenesBefore = before.Scenes.ToDictionary(s => s.Id);
        var clipsAfter = after.Clips.ToDictionary(c => c.Id);
        var clipsBefore = before.Clips.ToDictionary(c => c.Id);
        return (
            new(before.Scenes.Where(s => !scenesAfter.TryGetValue(s.Id, out var a) || a != s).ToList(),
                before.Clips.Where(c => !clipsAfter.TryGetValue(c.Id, out var a) || a != c).ToList()),
            new(after.Scenes.Where(s => !scenesBefore.TryGetValue(s.Id, out var b) || b != s).ToList(),
                after.Clips.Where(c => !clipsBefore.TryGetValue(c.Id, out var b) || b != c).ToList()));
    }

    public bool IsEmpty => Scenes.Count == 0 && Clips.Count == 0;
}
