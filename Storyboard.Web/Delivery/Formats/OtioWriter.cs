using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// Writes a cut as OpenTimelineIO JSON (reference note §4) in the 0.15–0.18 schema family that released readers
/// know: Timeline.1, Stack.1, Track.1, Clip.2, ExternalReference.1, Gap.1, Transition.1, Marker.2. Every time is
/// whole frames at the project's rate, written as the same double everywhere (30000/1001 → 29.97002997002997).
/// Media URLs come from <paramref name="url"/>: absolute file URLs for .otio, "media/x.png" inside .otioz.
/// </summary>
public sealed class OtioWriter(Cut cut, Func<string, string> url, Action<string> notice)
{
    private readonly string rate = Number(cut.Rate.FramesPerSecond);

    public static JsonWriterOptions JsonOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The timeline starts at 01:00:00:00, as the EDL's record timecode does.</summary>
    public long StartFrames => EdlText.RecordStart(cut.Rate);

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "Timeline.1");
        json.WriteString("name", cut.Title);
        json.WriteStartObject("metadata");
        json.WriteStartObject("storyboard");
        json.WriteNumber("project_id", cut.ProjectId);
        if (cut.SceneId is { } sceneId)
        {
            json.WriteNumber("scene_id", sceneId);
        }
        json.WriteString("frame_rate", $"{cut.Rate.Numerator}/{cut.Rate.Denominator}");
        json.WriteNumber("width", cut.Resolution.Width);
        json.WriteNumber("height", cut.Resolution.Height);
        json.WriteString("created_at", cut.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WritePropertyName("global_start_time");
        Time(json, StartFrames);

        json.WriteStartObject("tracks");
        json.WriteString("OTIO_SCHEMA", "Stack.1");
        json.WriteString("name", "tracks");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteNull("source_range");
        json.WriteStartArray("effects");
        json.WriteEndArray();
        json.WriteStartArray("markers");
        foreach (var scene in cut.Scenes)
        {
            Marker(json, scene);
        }
        json.WriteEndArray();
        json.WriteBoolean("enabled", true);
        json.WriteStartArray("children");
        VideoTrack(json, "V1", cut.Clips, enabled: true);
        foreach (var lane in cut.Alternates.GroupBy(c => c.Lane).OrderBy(g => g.Key))
        {
            VideoTrack(json, $"V{lane.Key + 1}", lane, enabled: false);
        }
        AudioTrack(json);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void VideoTrack(Utf8JsonWriter json, string name, IEnumerable<CutClip> clips, bool enabled)
    {
        TrackStart(json, name, "Video", enabled);
        foreach (var item in TrackPlan.Build(clips, cut.LengthFrames, notice))
        {
            switch (item)
            {
                case PlanClip clip:
                    Clip(json, clip);
                    break;
                case PlanGap gap:
                    Gap(json, gap.Length);
                    break;
                case PlanTransition transition:
                    if (transition.Kind == TransitionKind.Wipe)
                    {
                        notice("OpenTimelineIO names no wipe: wipes are written as custom transitions, which editors may show as dissolves.");
                    }
                    Transition(json, transition);
                    break;
            }
        }
        TrackEnd(json);
    }

    private void AudioTrack(Utf8JsonWriter json)
    {
        TrackStart(json, "A1", "Audio", enabled: true);
        var length = cut.Song is { } song ? Math.Min(cut.LengthFrames, song.LengthFrames - cut.SongOffsetFrames) : 0;
        if (cut.Song is { } music && length > 0)
        {
            ItemStart(json, "Clip.2", music.OriginalFileName.Length > 0 ? music.OriginalFileName : music.FileName);
            Metadata(json, w => w.WriteString("role", "music"));
            Range(json, "source_range", cut.SongOffsetFrames, length);
            ItemEnd(json);
            MediaReference(json, music.FileName, 0, Math.Max(music.LengthFrames, cut.SongOffsetFrames + length));
            json.WriteEndObject();
            if (cut.LengthFrames > length)
            {
                Gap(json, cut.LengthFrames - length);
            }
        }
        else if (cut.LengthFrames > 0)
        {
            Gap(json, cut.LengthFrames);
        }
        TrackEnd(json);
    }

    private void Clip(Utf8JsonWriter json, PlanClip item)
    {
        var clip = item.Clip;
        var media = clip.Media;
        // Source time: a still's frame 0 is where its handle before begins; a video's is its clip's start.
        var video = media.Kind == CutMediaKind.Video;
        var sourceStart = video ? item.Start - clip.StartFrame : item.HandleBefore;
        var needed = sourceStart + item.Length + item.HandleAfter;
        if (video && item.HandleBefore > sourceStart)
        {
            notice($"“{clip.Name}”: its video has no frames before the transition into it; editors hold its first frame or shorten the transition.");
        }
        if (video && media.LengthFrames is { } frames && frames < needed)
        {
            notice($"“{clip.Name}”: its video is {frames} frames long but its slot needs {needed}; editors show its last frame or black after that.");
        }

        ItemStart(json, "Clip.2", clip.Name);
        Metadata(json, w =>
        {
            w.WriteNumber("clip_id", clip.ClipId);
            w.WriteNumber("shot", clip.Number);
            w.WriteNumber("take", clip.TakeNumber);
            w.WriteString("media", media.Kind.ToString());
            w.WriteString("scene", clip.SceneName);
            w.WriteString("section", clip.SectionLabel);
            w.WriteString("lyrics", clip.Lyrics);
            w.WriteString("shot_size", clip.ShotSize.ToString());
            w.WriteString("camera_move", clip.CameraMove.ToString());
            w.WriteString("notes", clip.Notes);
        });
        Range(json, "source_range", sourceStart, item.Length);
        ItemEnd(json);
        var available = video ? Math.Max(media.LengthFrames ?? 0, needed) : needed;
        MediaReference(json, media.FileName, 0, available);
        json.WriteEndObject();
    }

    private void MediaReference(Utf8JsonWriter json, string fileName, long start, long length)
    {
        json.WriteString("active_media_reference_key", "DEFAULT_MEDIA");
        json.WriteStartObject("media_references");
        json.WriteStartObject("DEFAULT_MEDIA");
        json.WriteString("OTIO_SCHEMA", "ExternalReference.1");
        json.WriteString("name", fileName);
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteString("target_url", url(fileName));
        Range(json, "available_range", start, length);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void Gap(Utf8JsonWriter json, long length)
    {
        ItemStart(json, "Gap.1", "");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        Range(json, "source_range", 0, length);
        ItemEnd(json);
        json.WriteEndObject();
    }

    private void Transition(Utf8JsonWriter json, PlanTransition transition)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "Transition.1");
        json.WriteString("name", transition.Kind switch
        {
            TransitionKind.FadeFromBlack => "Fade From Black",
            TransitionKind.Wipe => "Wipe",
            _ => "Cross Dissolve",
        });
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        // A wipe has no SMPTE name here; a custom transition keeps its name, and editors fall back to a dissolve.
        json.WriteString("transition_type", transition.Kind == TransitionKind.Wipe ? "Custom_Transition" : "SMPTE_Dissolve");
        json.WritePropertyName("in_offset");
        Time(json, transition.Before);
        json.WritePropertyName("out_offset");
        Time(json, transition.After);
        json.WriteBoolean("enabled", true);
        json.WriteEndObject();
    }

    private void Marker(Utf8JsonWriter json, CutScene scene)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "Marker.2");
        json.WriteString("name", scene.Name);
        Metadata(json, w =>
        {
            w.WriteNumber("scene_id", scene.SceneId);
            w.WriteString("section", scene.SectionLabel);
            w.WriteString("color", scene.Color);
        });
        Range(json, "marked_range", scene.StartFrame, 1);
        json.WriteString("color", MarkerColors.Nearest(scene.Color));
        json.WriteEndObject();
    }

    private static void TrackStart(Utf8JsonWriter json, string name, string kind, bool enabled)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "Track.1");
        json.WriteString("name", name);
        json.WriteString("kind", kind);
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteNull("source_range");
        json.WriteStartArray("effects");
        json.WriteEndArray();
        json.WriteStartArray("markers");
        json.WriteEndArray();
        json.WriteBoolean("enabled", enabled);
        json.WriteStartArray("children");
    }

    private static void TrackEnd(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void ItemStart(Utf8JsonWriter json, string schema, string name)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", schema);
        json.WriteString("name", name);
    }

    /// <summary>The fields every item has after its source range.</summary>
    private static void ItemEnd(Utf8JsonWriter json)
    {
        json.WriteStartArray("effects");
        json.WriteEndArray();
        json.WriteStartArray("markers");
        json.WriteEndArray();
        json.WriteBoolean("enabled", true);
    }

    private static void Metadata(Utf8JsonWriter json, Action<Utf8JsonWriter> fields)
    {
        json.WriteStartObject("metadata");
        json.WriteStartObject("storyboard");
        fields(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void Range(Utf8JsonWriter json, string name, long start, long duration)
    {
        json.WriteStartObject(name);
        json.WriteString("OTIO_SCHEMA", "TimeRange.1");
        json.WritePropertyName("start_time");
        Time(json, start);
        json.WritePropertyName("duration");
        Time(json, duration);
        json.WriteEndObject();
    }

    private void Time(Utf8JsonWriter json, long frames)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "RationalTime.1");
        json.WritePropertyName("rate");
        json.WriteRawValue(rate);
        json.WritePropertyName("value");
        json.WriteRawValue(Number(frames));
        json.WriteEndObject();
    }

    /// <summary>A double as OTIO's own writer prints it: shortest round-trip digits, "24.0" rather than "24".</summary>
    public static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
