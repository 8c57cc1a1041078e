using System.ComponentModel;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Api;

/// <summary>The body of POST /api/v1/projects/{projectId}/renders.</summary>
public sealed record QueueRenderBody(
    [property: Description("The scene to render on its own; null or left out renders the whole project.")] int? SceneId = null,
    [property: Description("Quick (480 pixels tall, fast encode) or Full (the project's size and frame rate); Quick by default.")] string? Preset = null,
    [property: Description("Burn the song's timecode into the top right corner.")] bool? Timecode = null,
    [property: Description("Burn each shot's number and name into the top left corner.")] bool? ShotNames = null,
    [property: Description("Burn each clip's lyrics in as subtitles.")] bool? Lyrics = null,
    [property: Description("Also write the lyrics as a SubRip (.srt) file beside the MP4.")] bool? Subtitles = null)
{
    public QueueRenderInput ToInput(Dictionary<string, string> errors) =>
        new(SceneId, ApiValues.ParseEnum(errors, "preset", Preset, RenderPreset.Quick),
            new AnimaticSettings(Timecode ?? false, ShotNames ?? false, Lyrics ?? false, Subtitles ?? false));
}

/// <summary>A render's state, progress and files.</summary>
public sealed record RenderApiView(
    int Id,
    int ProjectId,
    [property: Description("Null for the whole project.")] int? SceneId,
    [property: Description("\"Whole project\" or the scene's name.")] string Scope,
    [property: Description("Quick or Full.")] string Preset,
    bool Timecode,
    bool ShotNames,
    bool Lyrics,
    bool Subtitles,
    [property: Description("Queued, Running, Done, Failed or Cancelled.")] string Status,
    [property: Description("0 to 1 while running; 1 when done.")] double Progress,
    bool CancelRequested,
    [property: Description("Why the render failed, in words for the user.")] string? Error,
    [property: Description("What the render replaced or left out (a missing file shown as its Draft card, no song…).")] IReadOnlyList<string> Notices,
    [property: Description("The animatic's length in frames at the project's rate.")] long LengthFrames,
    long SizeBytes,
    [property: Description("GET this for the MP4 once the render is Done (range requests are supported).")] string? FileUrl,
    [property: Description("GET this for the .srt when one was asked for.")] string? SubtitlesUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static RenderApiView From(RenderView view, string? fileUrl, string? subtitlesUrl) => new(
        view.Id, view.ProjectId, view.SceneId, view.Scope, view.Preset.ToString(), view.Settings.Timecode, view.Settings.ShotNames,
        view.Settings.Lyrics, view.Settings.Subtitles, view.Status.ToString(), view.Progress, view.CancelRequested, view.Error, view.Notices,
        view.LengthFrames, view.SizeBytes, view.HasVideo ? fileUrl : null, view.HasSubtitles ? subtitlesUrl : null,
        view.CreatedAt, view.StartedAt, view.FinishedAt);
}
