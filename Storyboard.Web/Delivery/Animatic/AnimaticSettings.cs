using System.Text.Json;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>What a render burns into the picture and writes beside it; kept as the render's OptionsJson.</summary>
public sealed record AnimaticSettings(bool Timecode = false, bool ShotNames = false, bool Lyrics = false, bool Subtitles = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool AnyOverlay => Timecode || ShotNames || Lyrics;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AnimaticSettings FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new AnimaticSettings();
        }
        try
        {
            return JsonSerializer.Deserialize<AnimaticSettings>(json, Json) ?? new AnimaticSettings();
        }
        catch (JsonException)
        {
            return new AnimaticSettings();
        }
    }

    /// <summary>"timecode, shot names, lyrics; subtitles file" or "no overlays".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Timecode) parts.Add("timecode");
        if (ShotNames) parts.Add("shot names");
        if (Lyrics) parts.Add("lyrics");
        var text = parts.Count == 0 ? "no overlays" : string.Join(", ", parts);
        return Subtitles ? text + "; subtitles file" : text;
    }
}
