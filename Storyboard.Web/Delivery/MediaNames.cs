using System.Globalization;
using System.Text;

namespace Storyboard.Web.Delivery;

/// <summary>
/// Names and URLs for media leaving Storyboard. File names are ASCII only (editors relink non-ASCII names badly),
/// unique within a cut and stable while the media is the same, so an editor relinks by name. URLs are absolute and
/// percent-encoded, built from the folder the user will unzip the package into.
/// </summary>
public static class MediaNames
{
    /// <summary>"Intro shot (wide) – Ça va!" → "intro-shot-wide-ca-va"; never empty (falls back to <paramref name="fallback"/>).</summary>
    public static string Slug(string text, string fallback = "clip", int maxLength = 40)
    {
        var folded = Fold(text);
        var slug = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > maxLength)
        {
            result = result[..maxLength].TrimEnd('-');
        }
        return result.Length == 0 ? fallback : result;
    }

    /// <summary>
    /// Latin letters with accents as their plain letters ("Ça va, Łódź, Straße" → "Ca va, Lodz, Strasse"); combining
    /// marks dropped; everything else unchanged. A table, not Unicode decomposition: the app runs with invariant
    /// globalization, where <see cref="string.Normalize()"/> leaves "Ç" as it is.
    /// </summary>
    public static string Fold(string? text)
    {
        var folded = new StringBuilder((text ?? "").Length);
        foreach (var c in text ?? "")
        {
            if (c < 0x80)
            {
                folded.Append(c);
            }
            else if (Folds.TryGetValue(c, out var plain))
            {
                folded.Append(plain);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString();
    }

    private static readonly Dictionary<char, string> Folds = BuildFolds();

    private static Dictionary<char, string> BuildFolds()
    {
        (string Letters, string Plain)[] groups =
        [
            ("ÀÁÂÃÄÅĀĂĄ", "A"), ("àáâãäåāăą", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ĎĐÐ", "D"), ("ďđð", "d"),
            ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
            ("ÌÍÎÏĨĪĬĮİ", "I"), ("ìíîïĩīĭįı", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķ", "k"), ("ĹĻĽĿŁ", "L"),
            ("ĺļľŀł", "l"), ("ÑŃŅŇ", "N"), ("ñńņň", "n"), ("ÒÓÔÕÖØŌŎŐ", "O"), ("òóôõöøōŏő", "o"), ("ŔŖŘ", "R"),
            ("ŕŗř", "r"), ("ŚŜŞŠ", "S"), ("śŝşš", "s"), ("ŢŤŦ", "T"), ("ţťŧ", "t"), ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
            ("ùúûüũūŭůűų", "u"), ("Ŵ", "W"), ("ŵ", "w"), ("ÝŸŶ", "Y"), ("ýÿŷ", "y"), ("ŹŻŽ", "Z"), ("źżž", "z"),
            ("ß", "ss"), ("Æ", "AE"), ("æ", "ae"), ("Œ", "OE"), ("œ", "oe"), ("Þ", "TH"), ("þ", "th"),
        ];
        var folds = new Dictionary<char, string>();
        foreach (var (letters, plain) in groups)
        {
            foreach (var letter in letters)
            {
                folds[letter] = plain;
            }
        }
        return folds;
    }

    /// <summary>".png", ".jpg", ".webp", ".mp4", ".webm", ".mov", ".gif", ".mp3"… for a stored content type.</summary>
    public static string Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        "video/mp4" => ".mp4",
        "video/webm" => ".webm",
        "video/quicktime" => ".mov",
        "audio/mpeg" => ".mp3",
        "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
        "audio/flac" or "audio/x-flac" => ".flac",
        "audio/ogg" => ".ogg",
        "audio/mp4" or "audio/aac" or "audio/x-m4a" => ".m4a",
        "audio/aiff" or "audio/x-aiff" => ".aiff",
        _ => ".bin",
    };

    /// <summary>
    /// An absolute <c>file:///</c> URL (FCPXML, OTIO) for <paramref name="fileName"/> in <paramref name="folder"/>'s media
    /// subfolder: "/Users/me/My video" → "file:///Users/me/My%20video/media/x.png"; "D:\Edits" → "file:///D:/Edits/media/x.png".
    /// </summary>
    public static string FileUrl(string folder, string fileName) => "file://" + EncodedPath(folder, fileName);

    /// <summary>
    /// The FCP7 XML (xmeml) form: "file://localhost/Users/me/My%20video/media/x.png"; a Windows drive becomes "D%3a".
    /// </summary>
    public static string XmemlUrl(string folder, string fileName) =>
        "file://localhost" + EncodedPath(folder, fileName, xmemlDrive: true);

    /// <summary>The folder a package is unzipped into when the user gives none: the project's name under /Users/Shared/Storyboard.</summary>
    public static string DefaultFolder(string projectName) => $"/Users/Shared/Storyboard/{Slug(projectName, "project")}";

    /// <summary>The path within a package or bundle: "media/x.png".</summary>
    public static string PackagePath(string fileName) => "media/" + fileName;

    private static string EncodedPath(string folder, string fileName, bool xmemlDrive = false)
    {
        var parts = (folder ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        parts.Add("media");
        parts.Add(fileName);
        var encoded = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            encoded.Append('/');
            if (i == 0 && part.Length == 2 && char.IsAsciiLetter(part[0]) && part[1] == ':')
            {
                encoded.Append(xmemlDrive ? $"{part[0]}%3a" : part);
                continue;
            }
            encoded.Append(Uri.EscapeDataString(part));
        }
        return encoded.ToString();
    }
}
