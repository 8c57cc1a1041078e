using System.Globalization;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>OpenTimelineIO's named marker colours (Marker.2 stores a name, not a value), matched to a scene's colour.</summary>
public static class MarkerColors
{
    private static readonly (string Name, int R, int G, int B)[] Named =
    [
        ("PINK", 255, 112, 184), ("RED", 220, 40, 40), ("ORANGE", 255, 140, 0), ("YELLOW", 240, 220, 0),
        ("GREEN", 40, 180, 60), ("CYAN", 0, 200, 220), ("BLUE", 50, 90, 230), ("PURPLE", 130, 60, 200),
        ("MAGENTA", 220, 0, 220), ("BLACK", 0, 0, 0), ("WHITE", 255, 255, 255),
    ];

    /// <summary>"#5b7fe0" → "BLUE"; anything unreadable is "RED", OTIO's default.</summary>
    public static string Nearest(string? hex)
    {
        var text = (hex ?? "").Trim().TrimStart('#');
        if (text.Length != 6 || !int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            return "RED";
        }
        var (r, g, b) = ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
        return Named.MinBy(c => (c.R - r) * (c.R - r) + (c.G - g) * (c.G - g) + (c.B - b) * (c.B - b)).Name;
    }
}
