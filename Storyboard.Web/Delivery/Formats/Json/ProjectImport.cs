using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;
using Storyboard.Web.Songs;

namespace Storyboard.Web.Delivery.Formats.Json;

public enum ProjectImportFailure
{
    None,
    Empty,
    TooLarge,
    /// <summary>The file is not JSON at all.</summary>
    NotJson,
    /// <summary>JSON, but not a project file this build reads, or a value breaks a rule.</summary>
    Invalid,
}

/// <summary>
/// The new project's id and what the import could not bring along (missing media, the song); or why it was refused,
/// keyed by the JSON path of the value at fault ("" for the whole file). A refusal created nothing.
/// </summary>
public sealed record ProjectImportResult(int? ProjectId, ProjectImportFailure Failure, IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<string> Notices)
{
    public bool Succeeded => ProjectId is not null;

    public static ProjectImportResult Refused(ProjectImportFailure failure, IReadOnlyDictionary<string, string> errors) =>
        new(null, failure, errors, []);

    public static ProjectImportResult Refused(ProjectImportFailure failure, string error) =>
        Refused(failure, new Dictionary<string, string> { [""] = error });
}

public interface IProjectImport
{
    long MaxBytes { get; }

    /// <summary>
    /// Reads a project file (at most <see cref="MaxBytes"/>) and creates a new project owned by <paramref name="userId"/>
    /// holding everything in it, in one transaction: on any refusal nothing is created. Media the file names by hash
    /// are linked when this instance's media store has them, and left out (with a notice) when it does not.
    /// </summary>
    Task<ProjectImportResult> ImportAsync(Stream content, string? userId, CancellationToken cancellationToken);
}

public sealed class ProjectImport(
    StoryboardDbContext db, IMediaStore store, ISongAnalysisQueue analysis, TimeProvider clock, ILogger<ProjectImport> logger)
    : IProjectImport
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public long MaxBytes => MaxFileBytes;

    public static string TooLargeMessage => $"The file is larger than the {MaxFileBytes / (1024 * 1024)} MB limit for project files.";

    public async Task<ProjectImportResult> ImportAsync(Stream content, string? userId, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return ProjectImportResult.Refused(ProjectImportFailure.TooLarge, TooLargeMessage);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return ProjectImportResult.Refused(ProjectImportFailure.Empty, "The file is empty.");
        }
        var file = ProjectArchiveReader.Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (file.Document is not { } document)
        {
            return ProjectImportResult.Refused(file.IsJson ? ProjectImportFailure.Invalid : ProjectImportFailure.NotJson, file.Errors);
        }
        var errors = ProjectArchiveValidator.Validate(document);
        if (errors.Count > 0)
        {
            return ProjectImportResult.Refused(ProjectImportFailure.Invalid, errors);
        }
        return await CreateAsync(document, userId, cancellationToken);
    }

    private async Task<ProjectImportResult> CreateAsync(ProjectArchiveDocument document, string? userId, CancellationToken cancellationToken)
    {
        var present = await PresentMediaAsync(document, cancellationToken);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        string? Linked(string? hash)
        {
            if (hash is null || present.Contains(hash))
            {
                return hash;
            }
            missing.Add(hash);
            return null;
        }

        var now = clock.GetUtcNow();
        var source = document.Project;
        var project = new Project
        {
            Name = source.Name.Trim(),
            Description = source.Description.Trim(),
            FrameRate = new FrameRate(source.FrameRate.Numerator, source.FrameRate.Denominator),
            Resolution = new Resolution(source.Width, source.Height),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedById = userId,
        };
        var notices = new List<string>();
        Song? song = null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);

        // First takes before alternates: an alternate points at its original's new id.
        var scenes = new Dictionary<string, Scene>(StringComparer.Ordinal);
        foreach (var pass in new[] { false, true })
        {
            foreach (var item in document.Scenes.Where(s => (s.Original is not null) == pass))
            {
                var scene = ToScene(item, project.Id, pass ? scenes[item.Original!].Id : null);
                scenes[item.Key] = scene;
                db.Scenes.Add(scene);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        var clips = new Dictionary<string, Clip>(StringComparer.Ordinal);
        var droppedChosen = 0;
        foreach (var pass in new[] { false, true })
        {
            foreach (var item in document.Clips.Where(c => (c.Original is not null) == pass))
            {
                var clip = ToClip(item, project.Id, item.Scene is null ? null : scenes[item.Scene].Id, pass ? clips[item.Original!].Id : null);
                (clip.ChosenImageHash, clip.ChosenVideoHash) = (Linked(item.ChosenImageHash), Linked(item.ChosenVideoHash));
                droppedChosen += (clip.ChosenImageHash != item.ChosenImageHash ? 1 : 0) + (clip.ChosenVideoHash != item.ChosenVideoHash ? 1 : 0);
                clips[item.Key] = clip;
                db.Clips.Add(clip);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        var droppedGenerations = 0;
        foreach (var item in document.Generations)
        {
            if (Linked(item.MediaHash) is null)
            {
                droppedGenerations++;
                continue;
            }
            db.ClipGenerations.Add(ToGeneration(item, project.Id, clips[item.Clip].Id, Linked(item.PosterHash), Linked(item.PreviewHash)));
        }
        await db.SaveChangesAsync(cancellationToken);

        if (document.Song is { } songFile)
        {
            if (Linked(songFile.MediaHash) is null)
            {
                notices.Add($"The song “{songFile.FileName}” is not in this Storyboard's media store, so the project has no song. Upload it on the project's dashboard.");
            }
            else
            {
                song = ToSong(songFile, project.Id, AnalysisFilesExist(songFile));
                db.Songs.Add(song);
                await db.SaveChangesAsync(cancellationToken);
                if (song.Status == SongStatus.Ready)
                {
                    project.CurrentSongId = song.Id;
                    await db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    notices.Add($"The song “{songFile.FileName}” is being analysed again; it plays once its waveform is drawn.");
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (song is { Status: SongStatus.Analyzing })
        {
            await analysis.EnqueueAsync(song.Id, cancellationToken);
        }

        if (missing.Count > 0)
        {
            notices.Insert(0, MissingNotice(missing, droppedChosen, droppedGenerations));
        }
        logger.LogInformation("Project {ProjectId} imported: {Scenes} scenes, {Clips} clips, {Generations} generations, {Missing} media files missing",
            project.Id, document.Scenes.Count, document.Clips.Count, document.Generations.Count - droppedGenerations, missing.Count);
        return new ProjectImportResult(project.Id, ProjectImportFailure.None, new Dictionary<string, string>(), notices);
    }

    /// <summary>The hashes the file names whose file this instance's media store holds.</summary>
    private async Task<HashSet<string>> PresentMediaAsync(ProjectArchiveDocument document, CancellationToken cancellationToken)
    {
        var wanted = document.Clips.SelectMany(c => new[] { c.ChosenImageHash, c.ChosenVideoHash })
            .Concat(document.Generations.SelectMany(g => new[] { g.MediaHash, g.PosterHash, g.PreviewHash }))
            .Append(document.Song?.MediaHash)
            .OfType<string>().Distinct().ToList();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in wanted.Chunk(500))
        {
            var rows = await db.MediaFiles.AsNoTracking().Where(m => batch.Contains(m.Hash))
                .Select(m => new { m.Hash, m.RelativePath }).ToListAsync(cancellationToken);
            present.UnionWith(rows.Where(r => File.Exists(store.FullPath(r.RelativePath))).Select(r => r.Hash));
        }
        return present;
    }

    private bool AnalysisFilesExist(ArchiveSong song) =>
        song.Analysis is { } analysed &&
        File.Exists(store.FullPath(MediaPaths.Derived(song.MediaHash, $"peaks{analysed.PeaksPerSecond}.bin"))) &&
        File.Exists(store.FullPath(MediaPaths.Derived(song.MediaHash, "waveform.png")));

    private static string MissingNotice(IReadOnlyCollection<string> missing, int chosen, int generations)
    {
        var what = new List<string>();
        if (chosen > 0)
        {
            what.Add(chosen == 1 ? "1 chosen image or video" : $"{chosen} chosen images or videos");
        }
        if (generations > 0)
        {
            what.Add(generations == 1 ? "1 gallery item" : $"{generations} gallery items");
        }
        var files = missing.Count == 1 ? "1 media file" : $"{missing.Count} media files";
        var left = what.Count == 0 ? "" : $", so {string.Join(" and ", what)} {(chosen + generations == 1 ? "was" : "were")} left out";
        var shown = string.Join(", ", missing.Take(10).Select(h => h[..12]));
        return $"{files} the project uses {(missing.Count == 1 ? "is" : "are")} not in this Storyboard's media store{left}: {shown}{(missing.Count > 10 ? ", …" : "")}.";
    }

    private static Scene ToScene(ArchiveScene s, int projectId, int? originalId) => new()
    {
        ProjectId = projectId,
        Name = s.Name.Trim(),
        Description = s.Description,
        Lyrics = s.Lyrics,
        Section = Enum.Parse<SectionKind>(s.Section),
        CustomSection = s.CustomSection,
        Color = s.Color,
        Notes = s.Notes,
        SortOrder = s.SortOrder,
        StartFrame = s.StartFrame,
        LengthFrames = s.LengthFrames,
        OriginalId = originalId,
        TakeNumber = s.TakeNumber,
        IsMain = s.IsMain,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        DeletedAt = s.DeletedAt,
    };

    private static Clip ToClip(ArchiveClip c, int projectId, int? sceneId, int? originalId) => new()
    {
        ProjectId = projectId,
        SceneId = sceneId,
        Name = c.Name.Trim(),
        StartFrame = c.StartFrame,
        LengthFrames = c.LengthFrames,
        Lyrics = c.Lyrics,
        ImagePrompt = c.ImagePrompt,
        NegativePrompt = c.NegativePrompt,
        VideoPrompt = c.VideoPrompt,
        ShotSize = Enum.Parse<ShotSize>(c.ShotSize),
        CameraMove = Enum.Parse<CameraMove>(c.CameraMove),
        TransitionIn = Enum.Parse<TransitionKind>(c.TransitionIn),
        TransitionFrames = c.TransitionFrames,
        Notes = c.Notes,
        OriginalId = originalId,
        TakeNumber = c.TakeNumber,
        IsMain = c.IsMain,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };

    private static ClipGeneration ToGeneration(ArchiveGeneration g, int projectId, int clipId, string? poster, string? preview) => new()
    {
        ProjectId = projectId,
        ClipId = clipId,
        Kind = Enum.Parse<OutputKind>(g.Kind),
        MediaHash = g.MediaHash,
        Width = g.Width,
        Height = g.Height,
        DurationMicroseconds = g.DurationMicroseconds,
        Seed = ulong.Parse(g.Seed, NumberStyles.None, CultureInfo.InvariantCulture),
        Model = g.Model,
        Source = g.Source,
        ParametersJson = StoredJson(g.Parameters),
        GraphJson = g.Graph is { ValueKind: not JsonValueKind.Null } graph ? StoredJson(graph) : null,
        PosterHash = poster,
        PreviewHash = preview,
        Rating = g.Rating,
        QueuedAt = g.QueuedAt,
        StartedAt = g.StartedAt,
        CreatedAt = g.CreatedAt,
        DeletedAt = g.DeletedAt,
    };

    private static Song ToSong(ArchiveSong s, int projectId, bool analysed) => new()
    {
        ProjectId = projectId,
        MediaHash = s.MediaHash,
        OriginalFileName = s.FileName,
        Format = s.Format,
        Codec = s.Codec,
        SampleRate = s.SampleRate,
        Channels = s.Channels,
        BitRate = s.BitRate,
        DurationMicroseconds = s.DurationMicroseconds,
        Status = analysed ? SongStatus.Ready : SongStatus.Analyzing,
        PeaksPerSecond = analysed ? s.Analysis!.PeaksPerSecond : 0,
        PeakCount = analysed ? s.Analysis!.PeakCount : 0,
        PeaksPath = analysed ? MediaPaths.Derived(s.MediaHash, $"peaks{s.Analysis!.PeaksPerSecond}.bin") : null,
        WaveformPath = analysed ? MediaPaths.Derived(s.MediaHash, "waveform.png") : null,
        CreatedAt = s.CreatedAt,
        AnalyzedAt = analysed ? s.Analysis!.AnalyzedAt : null,
    };

    /// <summary>A JSON object is stored compact, as the app writes it; a string (stored text that was not JSON) as its text.</summary>
    private static string StoredJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : JsonSerializer.Serialize(element);
}
