using System.Text.Json;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;
using Storyboard.Web.Projects;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Delivery.Formats.Json;

/// <summary>
/// Checks a read <see cref="ProjectArchiveDocument"/> against the same rules the app's own forms follow (project
/// settings, scene and clip fields and times) and that every key it refers to is in the file. Errors are keyed by the
/// JSON path of the value ("clips[2].startFrame"); the first <see cref="MaxErrors"/> are kept.
/// </summary>
public static class ProjectArchiveValidator
{
    public const int MaxErrors = 20;
    private const int MaxModel = 300;
    private const int MaxSource = 100;

    public static Dictionary<string, string> Validate(ProjectArchiveDocument document)
    {
        var errors = new Dictionary<string, string>();
        var project = document.Project;
        var rate = new FrameRate(project.FrameRate.Numerator, project.FrameRate.Denominator);
        var settings = new ProjectSettings(project.Name, project.Description, rate.Denominator > 0 ? rate.Label : "", project.Width, project.Height);
        foreach (var (field, message) in ProjectRules.Validate(settings, out _))
        {
            Add(errors, $"project.{ApiName(field)}", message);
        }
        if (!rate.IsStandard)
        {
            rate = FrameRate.Fps24;
        }
        if (document.Song is { } song)
        {
            CheckSong(errors, song);
        }

        var scenes = Keys(errors, "scenes", document.Scenes.Select(s => s.Key).ToList());
        for (var i = 0; i < document.Scenes.Count && errors.Count < MaxErrors; i++)
        {
            CheckScene(errors, $"scenes[{i}]", document.Scenes[i], scenes, document.Scenes, rate);
        }
        var clips = Keys(errors, "clips", document.Clips.Select(c => c.Key).ToList());
        for (var i = 0; i < document.Clips.Count && errors.Count < MaxErrors; i++)
        {
            CheckClip(errors, $"clips[{i}]", document.Clips[i], clips, scenes, document.Clips, rate);
        }
        Keys(errors, "generations", document.Generations.Select(g => g.Key).ToList());
        for (var i = 0; i < document.Generations.Count && errors.Count < MaxErrors; i++)
        {
            CheckGeneration(errors, $"generations[{i}]", document.Generations[i], clips);
        }
        return errors;
    }

    /// <summary>The enum value of a name written in the file ("CloseUp"); numbers and unknown names are refused.</summary>
    public static bool TryEnum<T>(string? name, out T value) where T : struct, Enum
    {
        if (name is not null && System.Enum.GetNames<T>().Contains(name, StringComparer.Ordinal))
        {
            value = System.Enum.Parse<T>(name);
            return true;
        }
        value = default;
        return false;
    }

    private static void CheckSong(Dictionary<string, string> errors, ArchiveSong song)
    {
        Hash(errors, "song.mediaHash", song.MediaHash, required: true);
        if (string.IsNullOrWhiteSpace(song.FileName) || song.FileName.Length > 255)
        {
            Add(errors, "song.fileName", "Give the song's file name, at most 255 characters.");
        }
        if (song.Format.Length > 64 || song.Codec.Length > 64)
        {
            Add(errors, "song.format", "The format and codec are at most 64 characters.");
        }
        if (song.DurationMicroseconds <= 0)
        {
            Add(errors, "song.durationMicroseconds", "A song lasts longer than no time.");
        }
        if (song.SampleRate <= 0 || song.Channels <= 0)
        {
            Add(errors, "song.sampleRate", "The sample rate and channels are positive numbers.");
        }
        if (song.Analysis is { } analysis && (analysis.PeaksPerSecond <= 0 || analysis.PeakCount < 0))
        {
            Add(errors, "song.analysis", "Peaks per second is a positive number and the peak count is not negative.");
        }
    }

    private static void CheckScene(Dictionary<string, string> errors, string at, ArchiveScene scene,
        Dictionary<string, int> keys, IReadOnlyList<ArchiveScene> all, FrameRate rate)
    {
        if (!TryEnum<SectionKind>(scene.Section, out var section))
        {
            Add(errors, $"{at}.section", $"“{scene.Section}” is not a section: use one of {string.Join(", ", System.Enum.GetNames<SectionKind>())}.");
        }
        var input = new SceneInput(scene.Name, scene.Description, scene.Lyrics, section, scene.CustomSection, scene.Color,
            scene.Notes, scene.StartFrame, scene.LengthFrames);
        foreach (var (field, message) in TimelineValidation.Validate(input, rate))
        {
            Add(errors, $"{at}.{ApiName(field)}", message);
        }
        CheckTake(errors, at, "Scene", scene.Key, scene.Original, scene.TakeNumber, keys, k => all[k].Original);
    }

    private static void CheckClip(Dictionary<string, string> errors, string at, ArchiveClip clip,
        Dictionary<string, int> keys, Dictionary<string, int> scenes, IReadOnlyList<ArchiveClip> all, FrameRate rate)
    {
        var shot = Named<ShotSize>(errors, $"{at}.shotSize", clip.ShotSize, "shot size");
        var move = Named<CameraMove>(errors, $"{at}.cameraMove", clip.CameraMove, "camera move");
        var transition = Named<TransitionKind>(errors, $"{at}.transitionIn", clip.TransitionIn, "transition");
        var input = new ClipInput(clip.Name, null, clip.StartFrame, clip.LengthFrames, clip.Lyrics, clip.ImagePrompt,
            clip.NegativePrompt, clip.VideoPrompt, shot, move, transition, clip.TransitionFrames, clip.Notes);
        foreach (var (field, message) in TimelineValidation.Validate(input, rate))
        {
            Add(errors, $"{at}.{ApiName(field)}", message);
        }
        if (clip.Scene is { } scene && !scenes.ContainsKey(scene))
        {
            Add(errors, $"{at}.scene", $"Clip {clip.Key} “{clip.Name}” belongs to scene “{scene}”, which is not in the file.");
        }
        Hash(errors, $"{at}.chosenImageHash", clip.ChosenImageHash);
        Hash(errors, $"{at}.chosenVideoHash", clip.ChosenVideoHash);
        CheckTake(errors, at, "Clip", clip.Key, clip.Original, clip.TakeNumber, keys, k => all[k].Original);
    }

    private static void CheckGeneration(Dictionary<string, string> errors, string at, ArchiveGeneration generation,
        Dictionary<string, int> clips)
    {
        if (!clips.ContainsKey(generation.Clip))
        {
            Add(errors, $"{at}.clip", $"Generation {generation.Key} belongs to clip “{generation.Clip}”, which is not in the file.");
        }
        Named<OutputKind>(errors, $"{at}.kind", generation.Kind, "kind of output");
        Hash(errors, $"{at}.mediaHash", generation.MediaHash, required: true);
        Hash(errors, $"{at}.posterHash", generation.PosterHash);
        Hash(errors, $"{at}.previewHash", generation.PreviewHash);
        if (!ulong.TryParse(generation.Seed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            Add(errors, $"{at}.seed", "A seed is a whole number from 0 to 18446744073709551615, written as a string.");
        }
        if (generation.Rating is < 0 or > 5)
        {
            Add(errors, $"{at}.rating", "A rating is 0 (not rated) to 5 stars.");
        }
        if (generation.Width < 0 || generation.Height < 0 || generation.DurationMicroseconds < 0)
        {
            Add(errors, $"{at}.width", "Sizes and durations cannot be negative.");
        }
        if (generation.Model.Length > MaxModel || generation.Source.Length > MaxSource)
        {
            Add(errors, $"{at}.model", $"The model is at most {MaxModel} characters and the source at most {MaxSource}.");
        }
        if (generation.Parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            Add(errors, $"{at}.parameters", "The parameters are a JSON object.");
        }
        if (generation.Graph is { ValueKind: not (JsonValueKind.Object or JsonValueKind.String or JsonValueKind.Null) })
        {
            Add(errors, $"{at}.graph", "The graph is a JSON object or null.");
        }
    }

    /// <summary>An alternate names the first take of its group (itself no alternate) and has its own take number, 1 or more.</summary>
    private static void CheckTake(Dictionary<string, string> errors, string at, string noun, string key, string? original,
        int takeNumber, Dictionary<string, int> keys, Func<int, string?> originalOf)
    {
        if (original is null)
        {
            if (takeNumber != 0)
            {
                Add(errors, $"{at}.takeNumber", $"{noun} {key} is a first take, so its take number is 0.");
            }
            return;
        }
        if (!keys.TryGetValue(original, out var index))
        {
            Add(errors, $"{at}.original", $"{noun} {key} is an alternate of “{original}”, which is not in the file.");
        }
        else if (original == key || originalOf(index) is not null)
        {
            Add(errors, $"{at}.original", $"{noun} {key} is an alternate of “{original}”, which is not a first take.");
        }
        if (takeNumber < 1)
        {
            Add(errors, $"{at}.takeNumber", $"{noun} {key} is an alternate, so its take number is 1 or more.");
        }
    }

    /// <summary>Each key once, and not blank; returns key → position.</summary>
    private static Dictionary<string, int> Keys(Dictionary<string, string> errors, string list, IReadOnlyList<string> keys)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(keys[i]))
            {
                Add(errors, $"{list}[{i}].key", "Every item needs a key.");
            }
            else if (!positions.TryAdd(keys[i], i))
            {
                Add(errors, $"{list}[{i}].key", $"The key “{keys[i]}” is used twice.");
            }
        }
        return positions;
    }

    private static T Named<T>(Dictionary<string, string> errors, string at, string name, string noun) where T : struct, System.Enum
    {
        if (TryEnum<T>(name, out var value))
        {
            return value;
        }
        Add(errors, at, $"“{name}” is not a {noun}: use one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return default;
    }

    private static void Hash(Dictionary<string, string> errors, string at, string? hash, bool required = false)
    {
        if (hash is null ? required : !MediaPaths.IsHash(hash))
        {
            Add(errors, at, "Media are named by the SHA-256 of their bytes: 64 lower-case hexadecimal digits.");
        }
    }

    private static void Add(Dictionary<string, string> errors, string key, string message)
    {
        if (errors.Count < MaxErrors)
        {
            errors.TryAdd(key, message);
        }
    }

    private static string ApiName(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);
}
