using System.Text.Json;
using System.Text.RegularExpressions;

namespace Storyboard.Web.Delivery.Formats.Json;

/// <summary>The document read from a file, or what is wrong with it: keyed by the JSON path ("clips[2].scene"), "" for the whole file.</summary>
public sealed record ArchiveRead(ProjectArchiveDocument? Document, IReadOnlyDictionary<string, string> Errors, bool IsJson);

/// <summary>
/// Turns the bytes of a project file into a <see cref="ProjectArchiveDocument"/>: the JSON must parse, say it is a
/// Storyboard file of a schema version this build reads, and fit the records; every refusal says where and why.
/// </summary>
public static partial class ProjectArchiveReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ProjectJson.Options.MaxDepth };

    public static ArchiveRead Read(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Refused("", $"The file is not valid JSON ({Where(e)}). Choose a project file exported from Storyboard.", isJson: false);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused("", "The file is JSON but not a Storyboard project: it should be one object with a schemaVersion.");
            }
            if (!root.TryGetProperty("app", out var app) || app.ValueKind != JsonValueKind.String || app.GetString() != ProjectJson.App)
            {
                return Refused("app", $"The file is JSON but not a Storyboard project file (its \"app\" should be \"{ProjectJson.App}\").");
            }
            if (!root.TryGetProperty("schemaVersion", out var version) || !version.TryGetInt32(out var number))
            {
                return Refused("schemaVersion", "The file has no schemaVersion, so Storyboard cannot tell how to read it.");
            }
            if (number != ProjectJson.SchemaVersion)
            {
                return Refused("schemaVersion", number > ProjectJson.SchemaVersion
                    ? $"The file is schema version {number}, made by a newer Storyboard; this one reads version {ProjectJson.SchemaVersion}. Update Storyboard and try again."
                    : $"The file says schema version {number}; this Storyboard reads version {ProjectJson.SchemaVersion}.");
            }
            try
            {
                var document = root.Deserialize<ProjectArchiveDocument>(ProjectJson.Options)
                    ?? throw new JsonException("The document is null.");
                return new ArchiveRead(document, new Dictionary<string, string>(), IsJson: true);
            }
            catch (JsonException e)
            {
                return Refused(PathOf(e.Path), $"{Reason(e.Message, PropertyType(e.Path))} ({Where(e)}).");
            }
        }
    }

    private static ArchiveRead Refused(string key, string message, bool isJson = true) =>
        new(null, new Dictionary<string, string> { [key] = message }, isJson);

    private static string Where(JsonException e)
    {
        var at = PathOf(e.Path);
        var line = e.LineNumber is { } l ? $"line {l + 1}" : null;
        return string.Join(", ", new[] { line, at.Length > 0 ? at : null }.Where(p => p is not null));
    }

    /// <summary>"$.clips[2].scene" → "clips[2].scene"; "$['a b']" stays readable.</summary>
    private static string PathOf(string? path) =>
        path is null || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>System.Text.Json's message, in words for a person (without its type names and position).</summary>
    private static string Reason(string message, Type? property)
    {
        if (MissingPattern().Match(message) is { Success: true } missing)
        {
            return $"Required values are missing: {missing.Groups["names"].Value.Trim().TrimEnd('.').Replace("'", "", StringComparison.Ordinal)}";
        }
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("allow", StringComparison.OrdinalIgnoreCase))
        {
            return "This value cannot be null";
        }
        if (ConvertPattern().Match(message) is { Success: true } convert)
        {
            var type = property?.FullName ?? convert.Groups["type"].Value;
            var expected = type switch
            {
                _ when type.EndsWith("UInt64", StringComparison.Ordinal) => "a whole number from 0 to 18446744073709551615",
                _ when type.EndsWith("Int32", StringComparison.Ordinal) || type.EndsWith("Int64", StringComparison.Ordinal) => "a whole number",
                _ when type.EndsWith("String", StringComparison.Ordinal) => "text",
                _ when type.EndsWith("Boolean", StringComparison.Ordinal) => "true or false",
                _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "a date and time such as 2026-03-10T12:00:00+00:00",
                _ when type.Contains("List", StringComparison.Ordinal) => "a list",
                _ => "an object of the project format",
            };
            return $"This value should be {expected}";
        }
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.') : message.TrimEnd('.');
    }

    /// <summary>The type of the record property the path ends at ("scenes[0].createdAt" → DateTimeOffset), if any.</summary>
    private static Type? PropertyType(string? path)
    {
        var last = PathOf(path).Split('.')[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        last = bracket >= 0 ? last[..bracket] : last;
        var types = new[]
        {
            typeof(ProjectArchiveDocument), typeof(ArchiveProject), typeof(ArchiveFrameRate), typeof(ArchiveSong),
            typeof(ArchiveSongAnalysis), typeof(ArchiveScene), typeof(ArchiveClip), typeof(ArchiveGeneration),
        };
        var type = types.Select(t => t.GetProperty(last, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance |
                System.Reflection.BindingFlags.IgnoreCase)?.PropertyType).FirstOrDefault(t => t is not null);
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    [GeneratedRegex("missing required properties,? including(?: the following)?:? (?<names>.*?)(?:\\.? Path:.*)?$", RegexOptions.Singleline)]
    private static partial Regex MissingPattern();

    [GeneratedRegex("could not be converted to (?<type>[^ .]+(\\.[^ .]+)*)")]
    private static partial Regex ConvertPattern();
}
