using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Generation.Gallery;

public enum GallerySort
{
    Newest,
    Oldest,
    Rating,
}

/// <summary>
/// Which of a clip's generations the gallery shows: made on one server (<see cref="Source"/>, the name it was made
/// under, "Draft card" included), with one model, between two dates (UTC, both included), images or videos, the
/// Trash instead of the gallery, in which order.
/// </summary>
public sealed record GalleryFilter(
    string? Source = null, string? Model = null, DateOnly? From = null, DateOnly? To = null, OutputKind? Kind = null,
    bool Trash = false, GallerySort Sort = GallerySort.Newest);

/// <summary>One picture or video of the gallery.</summary>
public sealed record GalleryItem(
    int Id, OutputKind Kind, string MediaHash, int Width, int Height, ulong Seed, string Model, string Source, int Rating,
    bool HasPoster, bool HasPreview, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt);

/// <summary>A clip's gallery as filtered, with what the filter can choose from and what the clip has chosen.</summary>
public sealed record GalleryList(
    string ProjectName, string ClipName, IReadOnlyList<GalleryItem> Items, IReadOnlyList<string> Sources,
    IReadOnlyList<string> Models, int TrashCount, string? ChosenImageHash, string? ChosenVideoHash);

/// <summary>One generation in full, with its neighbours in the gallery's order (null at either end).</summary>
public sealed record GalleryDetail(
    GalleryList Gallery, GalleryItem Item, GenerationParameters Parameters, DateTimeOffset? QueuedAt, DateTimeOffset? StartedAt,
    int? PreviousId, int? NextId);

public enum GalleryOutcome
{
    Ok,
    NotFound,
    Invalid,
}

public interface IClipGallery
{
    /// <summary>The clip's generations as the filter asks (each picture once, as its latest); null when the clip or its project is gone.</summary>
    Task<GalleryList?> ListAsync(int projectId, int clipId, GalleryFilter filter, CancellationToken cancellationToken);
    /// <summary>One generation of the clip (in the gallery or the Trash) and its neighbours under <paramref name="filter"/>.</summary>
    Task<GalleryDetail?> GetAsync(int projectId, int clipId, int generationId, GalleryFilter filter, CancellationToken cancellationToken);
    /// <summary>0 (not rated) to 5 stars; Invalid outside that.</summary>
    Task<GalleryOutcome> RateAsync(int projectId, int clipId, int generationId, int rating, CancellationToken cancellationToken);
    /// <summary>Moves those generations of the clip (and copies of the same picture) to the Trash; the number moved.</summary>
    Task<int> TrashAsync(int projectId, int clipId, IReadOnlyCollection<int> generationIds, CancellationToken cancellationToken);
    /// <summary>Brings those generations of the clip back from the Trash; the number restored.</summary>
    Task<int> RestoreAsync(int projectId, int clipId, IReadOnlyCollection<int> generationIds, CancellationToken cancellationToken);
    /// <summary>
    /// Queues the job that made a generation again: its parameters, kind, Draft card or not and requested server, with
    /// the same seed or a fresh random one. The new job's id, or null when the generation is not the clip's.
    /// </summary>
    Task<int?> AgainAsync(int projectId, int clipId, int generationId, string? userId, bool newSeed, CancellationToken cancellationToken);
}

public sealed class ClipGallery(StoryboardDbContext db, IDispatcherSignal dispatcher, TimeProvider clock) : IClipGallery
{
    public const string DraftCardSource = "Draft card";

    public async Task<GalleryList?> ListAsync(int projectId, int clipId, GalleryFilter filter, CancellationToken cancellationToken)
    {
        var clip = await ClipAsync(projectId, clipId, cancellationToken);
        if (clip is null)
        {
            return null;
        }
        // A clip's gallery is small: read it once and filter, sort and count here.
        var rows = await Generations(projectId, clipId)
            .Select(g => new GalleryItem(g.Id, g.Kind, g.MediaHash, g.Width, g.Height, g.Seed, g.Model, g.Source, g.Rating,
                g.PosterHash != null, g.PreviewHash != null, g.CreatedAt, g.DeletedAt))
            .ToListAsync(cancellationToken);
        // The same picture made twice (a Draft card of an unchanged clip) is one entry, its latest row.
        var pictures = rows.OrderByDescending(g => g.Id).DistinctBy(g => g.MediaHash).ToList();
        var shown = pictures.Where(g => (g.DeletedAt != null) == filter.Trash).ToList();
        var from = filter.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MinValue;
        var to = filter.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        var items = shown
            .Where(g => string.IsNullOrEmpty(filter.Source) || g.Source == filter.Source)
            .Where(g => string.IsNullOrEmpty(filter.Model) || g.Model == filter.Model)
            .Where(g => filter.Kind is null || g.Kind == filter.Kind)
            .Where(g => g.CreatedAt >= from && g.CreatedAt < to);
        IReadOnlyList<GalleryItem> sorted = filter.Sort switch
        {
            GallerySort.Oldest => items.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).ToList(),
            GallerySort.Rating => items.OrderByDescending(g => g.Rating).ThenByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).ToList(),
            _ => items.OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id).ToList(),
        };
        return new GalleryList(clip.ProjectName, clip.Name, sorted,
            shown.Select(g => g.Source).Where(s => s != "").Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList(),
            shown.Select(g => g.Model).Where(m => m != "").Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList(),
            pictures.Count(g => g.DeletedAt != null), clip.ChosenImageHash, clip.ChosenVideoHash);
    }

    public async Task<GalleryDetail?> GetAsync(int projectId, int clipId, int generationId, GalleryFilter filter, CancellationToken cancellationToken)
    {
        var row = await Generations(projectId, clipId).Where(g => g.Id == generationId)
            .Select(g => new { g.DeletedAt, g.ParametersJson, g.QueuedAt, g.StartedAt })
            .SingleOrDefaultAsync(cancellationToken);
        // A trashed generation is seen among the Trash's neighbours, a live one among the gallery's.
        if (row is null || await ListAsync(projectId, clipId, filter with { Trash = row.DeletedAt != null }, cancellationToken) is not { } list)
        {
            return null;
        }
        var index = list.Items.ToList().FindIndex(g => g.Id == generationId);
        GalleryItem item;
        if (index < 0)
        {
            // Filtered out (or a copy of a picture shown once): shown on its own, without neighbours.
            var all = await ListAsync(projectId, clipId, new GalleryFilter(Trash: row.DeletedAt != null), cancellationToken);
            item = all!.Items.FirstOrDefault(g => g.Id == generationId)
                ?? await Generations(projectId, clipId).Where(g => g.Id == generationId)
                    .Select(g => new GalleryItem(g.Id, g.Kind, g.MediaHash, g.Width, g.Height, g.Seed, g.Model, g.Source, g.Rating,
                        g.PosterHash != null, g.PreviewHash != null, g.CreatedAt, g.DeletedAt))
                    .SingleAsync(cancellationToken);
        }
        else
        {
            item = list.Items[index];
        }
        return new GalleryDetail(list, item, GenerationParameters.FromJson(row.ParametersJson), row.QueuedAt, row.StartedAt,
            index > 0 ? list.Items[index - 1].Id : null,
            index >= 0 && index < list.Items.Count - 1 ? list.Items[index + 1].Id : null);
    }

    public async Task<GalleryOutcome> RateAsync(int projectId, int clipId, int generationId, int rating, CancellationToken cancellationToken)
    {
        if (await ClipAsync(projectId, clipId, cancellationToken) is null)
        {
            return GalleryOutcome.NotFound;
        }
        if (rating is < 0 or > 5)
        {
            return GalleryOutcome.Invalid;
        }
        var changed = await Generations(projectId, clipId).Where(g => g.Id == generationId)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Rating, rating), cancellationToken);
        return changed == 0 ? GalleryOutcome.NotFound : GalleryOutcome.Ok;
    }

    public Task<int> TrashAsync(int projectId, int clipId, IReadOnlyCollection<int> generationIds, CancellationToken cancellationToken) =>
        SetDeletedAsync(projectId, clipId, generationIds, clock.GetUtcNow(), cancellationToken);

    public Task<int> RestoreAsync(int projectId, int clipId, IReadOnlyCollection<int> generationIds, CancellationToken cancellationToken) =>
        SetDeletedAsync(projectId, clipId, generationIds, null, cancellationToken);

    private async Task<int> SetDeletedAsync(int projectId, int clipId, IReadOnlyCollection<int> generationIds, DateTimeOffset? deletedAt,
        CancellationToken cancellationToken)
    {
        if (generationIds.Count == 0 || await ClipAsync(projectId, clipId, cancellationToken) is null)
        {
            return 0;
        }
        var ids = generationIds.Distinct().ToList();
        var generations = Generations(projectId, clipId);
        // Copies of the same picture go with it, so it does not stay in the gallery under another row.
        var hashes = await generations.Where(g => ids.Contains(g.Id)).Select(g => g.MediaHash).ToListAsync(cancellationToken);
        var moving = generations.Where(g => hashes.Contains(g.MediaHash) && (deletedAt == null ? g.DeletedAt != null : g.DeletedAt == null));
        var pictures = await moving.Select(g => g.MediaHash).Distinct().CountAsync(cancellationToken);
        await moving.ExecuteUpdateAsync(u => u.SetProperty(g => g.DeletedAt, deletedAt), cancellationToken);
        return pictures;
    }

    public async Task<int?> AgainAsync(int projectId, int clipId, int generationId, string? userId, bool newSeed, CancellationToken cancellationToken)
    {
        if (await ClipAsync(projectId, clipId, cancellationToken) is null)
        {
            return null;
        }
        var source = await Generations(projectId, clipId).Where(g => g.Id == generationId)
            .Select(g => new
            {
                g.Kind,
                g.Source,
                g.ParametersJson,
                Job = db.GenerationJobs.Where(j => j.Id == g.JobId).Select(j => new { j.ParametersJson, j.Kind, j.RequestedServerId }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }
        var parameters = GenerationParameters.FromJson(source.Job?.ParametersJson ?? source.ParametersJson);
        if (newSeed)
        {
            parameters = parameters with { Seed = RandomSeed() };
        }
        var draftCard = source.Source == DraftCardSource;
        var job = new GenerationJob
        {
            ProjectId = projectId,
            ClipId = clipId,
            UserId = userId,
            Kind = draftCard ? OutputKind.Image : source.Job?.Kind ?? source.Kind,
            IsDraftCard = draftCard,
            RequestedServerId = draftCard ? null : source.Job?.RequestedServerId,
            Status = JobStatus.Queued,
            ParametersJson = parameters.ToJson(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.GenerationJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Wake();
        return job.Id;
    }

    private IQueryable<ClipGeneration> Generations(int projectId, int clipId) =>
        db.ClipGenerations.AsNoTracking().Where(g => g.ProjectId == projectId && g.ClipId == clipId);

    private sealed record ClipRow(string ProjectName, string Name, string? ChosenImageHash, string? ChosenVideoHash);

    /// <summary>The clip when it and its project are live (as the timeline shows it: not in a trashed scene).</summary>
    private Task<ClipRow?> ClipAsync(int projectId, int clipId, CancellationToken cancellationToken) =>
        db.Clips.AsNoTracking()
            .Where(c => c.Id == clipId && c.ProjectId == projectId
                && db.Projects.Any(p => p.Id == projectId && p.DeletedAt == null)
                && (c.SceneId == null || db.Scenes.Any(s => s.Id == c.SceneId && s.DeletedAt == null)))
            .Select(c => new ClipRow(db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).First(), c.Name, c.ChosenImageHash, c.ChosenVideoHash))
            .SingleOrDefaultAsync(cancellationToken);

    private static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
