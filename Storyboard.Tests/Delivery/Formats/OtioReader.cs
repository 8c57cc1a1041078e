using System.Text.Json;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>Reads the parts of an OpenTimelineIO document the tests check.</summary>
public static class OtioReader
{
    public static string Schema(this JsonElement item) => item.GetProperty("OTIO_SCHEMA").GetString()!;

    public static IEnumerable<JsonElement> Children(this JsonElement composition) => composition.GetProperty("children").EnumerateArray();

    public static JsonElement Stack(this JsonDocument document) => document.RootElement.GetProperty("tracks");

    public static JsonElement Track(this JsonDocument document, string name) =>
        document.Stack().Children().Single(t => t.GetProperty("name").GetString() == name);

    /// <summary>A RationalTime's value in whole frames (checked to be whole).</summary>
    public static long Frames(this JsonElement time)
    {
        Assert.Equal("RationalTime.1", time.Schema());
        var value = time.GetProperty("value").GetDouble();
        Assert.Equal(Math.Round(value), value);
        return (long)value;
    }

    public static (long Start, long Duration) Range(this JsonElement item, string name = "source_range")
    {
        var range = item.GetProperty(name);
        Assert.Equal("TimeRange.1", range.Schema());
        return (range.GetProperty("start_time").Frames(), range.GetProperty("duration").Frames());
    }

    /// <summary>A track's length: the sum of its clips' and gaps' durations (transitions take no time).</summary>
    public static long Length(this JsonElement track) =>
        track.Children().Where(c => c.Schema() != "Transition.1").Sum(c => c.Range().Duration);

    public static JsonElement Reference(this JsonElement clip)
    {
        Assert.Equal("DEFAULT_MEDIA", clip.GetProperty("active_media_reference_key").GetString());
        return clip.GetProperty("media_references").GetProperty("DEFAULT_MEDIA");
    }

    /// <summary>Every object in the document, depth first.</summary>
    public static IEnumerable<JsonElement> Objects(this JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in property.Value.Objects())
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(Objects))
            {
                yield return inner;
            }
        }
    }

    public static IEnumerable<JsonElement> OfSchema(this JsonDocument document, string schema) =>
        document.RootElement.Objects().Where(o => o.TryGetProperty("OTIO_SCHEMA", out var s) && s.GetString() == schema);
}
