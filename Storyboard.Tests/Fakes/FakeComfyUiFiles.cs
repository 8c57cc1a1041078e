using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Storyboard.Tests.Fakes;

/// <summary>
/// The fake's <c>input/</c>, <c>output/</c> and <c>temp/</c> folders, kept in memory (spec §2.8, §2.9, §11).
/// Paths are <c>subfolder/name</c> with forward slashes; anything that would leave its folder is refused.
/// Files survive a <see cref="FakeComfyUi.RestartAsync"/>, like files on a real disk.
/// </summary>
public sealed partial class FakeComfyUiFiles
{
    public static readonly string[] Types = ["input", "output", "temp"];

    readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);

    /// <summary>Joins and normalises <paramref name="subfolder"/> and <paramref name="name"/> the way
    /// <c>os.path.abspath(os.path.join(base, …))</c> would; null when the result leaves the base folder or is the
    /// folder itself.</summary>
    public static string? Resolve(string subfolder, string name) =>
        name.StartsWith('/') || name.StartsWith('\\') ? null
        : ResolveFolder(subfolder.Length == 0 ? name : subfolder + "/" + name) is { Length: > 0 } path ? path : null;

    /// <summary>A subfolder normalised (<c>""</c> for the base folder itself); null when it leaves the base folder.</summary>
    public static string? ResolveFolder(string subfolder)
    {
        if (subfolder.StartsWith('/') || subfolder.StartsWith('\\'))
        {
            return null;
        }
        var parts = new List<string>();
        foreach (var part in subfolder.Split('/', '\\'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    public byte[]? Read(string type, string path) => files.TryGetValue(type + "/" + path, out var bytes) ? bytes : null;

    public bool Exists(string type, string path) => files.ContainsKey(type + "/" + path);

    public void Write(string type, string path, byte[] bytes) => files[type + "/" + path] = bytes;

    /// <summary>The relative paths of one folder, sorted (what LoadImage's combo lists).</summary>
    public IReadOnlyList<string> List(string type) =>
        files.Keys.Where(k => k.StartsWith(type + "/", StringComparison.Ordinal))
            .Select(k => k[(type.Length + 1)..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>The next <c>&lt;prefix&gt;_00001_</c> counter in a folder: one more than the highest there.</summary>
    public int NextCounter(string type, string subfolder, string prefix)
    {
        var folder = subfolder.Length == 0 ? "" : subfolder + "/";
        var pattern = new Regex("^" + Regex.Escape(type + "/" + folder + prefix) + @"_(\d{5,})");
        var highest = 0;
        foreach (var key in files.Keys)
        {
            var match = pattern.Match(key);
            if (match.Success && key.IndexOf('/', type.Length + 1 + folder.Length) < 0)
            {
                highest = Math.Max(highest, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return highest + 1;
    }

    public static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        ".mp4" => "video/mp4",
        ".webm" => "video/webm",
        ".flac" => "audio/flac",
        ".mp3" => "audio/mpeg",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
