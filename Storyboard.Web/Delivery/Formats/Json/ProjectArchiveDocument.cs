using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyboard.Web.Delivery.Formats.Json;

/// <summary>
/// A whole project as a file (schema version <see cref="ProjectJson.SchemaVersion"/>): its settings, current song with
/// its analysis, scenes and clips with their alternates, and the gallery's generations. Ids are replaced by keys that
/// mean something only inside the file ("scene-1", "clip-3"); media are named by the SHA-256 of their bytes.
/// Enum values are written by name; seeds (unsigned 64-bit) as strings, as the API writes them, so no reader loses digits. These records are the file format: change them only with a new schema version.
/// </summary>
public sealed record ProjectArchiveDocument(
    int SchemaVersion,
    string App,
    DateTimeOffset ExportedAt,
    ArchiveProject Project,
    ArchiveSong? Song,
    IReadOnlyList<ArchiveScene> Scenes,
    IReadOnlyList<ArchiveClip> Clips,
    IReadOnlyList<ArchiveGeneration> Generations);

public sealed record ArchiveProject(string Name, string Description, ArchiveFrameRate FrameRate, int Width, int Height);

/// <summary>Exact and rational: 24000/1001 for 23.976.</summary>
public sealed record ArchiveFrameRate(int Numerator, int Denominator);

public sealed record ArchiveSong(
    string MediaHash,
    string ContentType,
    long SizeBytes,
    string FileName,
    string Format,
    string Codec,
    int SampleRate,
    int Channels,
    long? BitRate,
    long DurationMicroseconds,
    ArchiveSongAnalysis? Analysis,
    DateTimeOffset CreatedAt);

/// <summary>What the analysis found; the peaks themselves are recomputed from the audio, never carried in the file.</summary>
public sealed record ArchiveSongAnalysis(int PeaksPerSecond, int PeakCount, DateTimeOffset? AnalyzedAt);

public sealed record ArchiveScene(
    string Key,
    string Name,
    string Description,
    string Lyrics,
    string Section,
    string CustomSection,
    string Color,
    string Notes,
    int SortOrder,
    long StartFrame,
    long LengthFrames,
    string? Original,
    int TakeNumber,
    bool IsMain,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt);

public sealed record ArchiveClip(
    string Key,
    string? Scene,
    string Name,
    long StartFrame,
    long LengthFrames,
    string Lyrics,
    string ImagePrompt,
    string NegativePrompt,
    string VideoPrompt,
    string ShotSize,
    string CameraMove,
    string TransitionIn,
    int TransitionFrames,
    string Notes,
    string? ChosenImageHash,
    string? ChosenVideoHash,
    string? Original,
    int TakeNumber,
    bool IsMain,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ArchiveGeneration(
    string Key,
    string Clip,
    string Kind,
    string MediaHash,
    int Width,
    int Height,
    long? DurationMicroseconds,
    string Seed,
    string Model,
    string Source,
    JsonElement Parameters,
    JsonElement? Graph,
    string? PosterHash,
    string? PreviewHash,
    int Rating,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt);

/// <summary>How the file is written and read: camelCase, indented, strict about missing values and nulls.</summary>
public static class ProjectJson
{
    public const int SchemaVersion = 1;
    public const string App = "Storyboard";
    public const string ContentType = "application/json";

    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Names and lyrics stay readable (quotes, accents and emoji as themselves); the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        MaxDepth = 64,
    };
}
