using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;
using Storyboard.Web.Generation.DraftCards;
using Storyboard.Web.Media;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// Runs one claimed Draft card job inside Storyboard: draws the clip's card at the project's size, stores the PNG and
/// adds it to the clip's gallery, then marks the job done, unless it was cancelled meanwhile (then nothing is kept).
/// </summary>
public sealed class DraftCardWorker(StoryboardDbContext db, IDraftCardRenderer renderer, IMediaStore media, TimeProvider clock,
    ILogger<DraftCardWorker> logger)
{
    public const string Source = "Draft card";

    public async Task RunAsync(int jobId, CancellationToken cancellationToken)
    {
        var job = await db.GenerationJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        var parameters = GenerationParameters.FromJson(job.ParametersJson);
        var card = await CardAsync(job, parameters, cancellationToken);
        if (card is null)
        {
            await FinishAsync(jobId, JobStatus.Failed, "The clip no longer exists (deleted?): nothing to draw.", cancellationToken);
            return;
        }
        var (width, height) = (Math.Clamp(parameters.Width, IDraftCardRenderer.MinSide, IDraftCardRenderer.MaxSide),
            Math.Clamp(parameters.Height, IDraftCardRenderer.MinSide, IDraftCardRenderer.MaxSide));
        var png = renderer.RenderPng(card, width, height);
        var staged = await media.StageAsync(new MemoryStream(png), png.Length, cancellationToken)
            ?? throw new InvalidOperationException("The card could not be staged.");
        var file = await media.CommitAsync(staged, ".png", "image/png", cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FinishAsync(jobId, JobStatus.Completed, null, cancellationToken))
        {
            db.ClipGenerations.Add(new ClipGeneration
            {
                ProjectId = job.ProjectId, ClipId = job.ClipId!.Value, JobId = job.Id, Kind = OutputKind.Image, MediaHash = file.Hash,
                Width = width, Height = height, Seed = parameters.Seed, Model = Source, Source = Source, ParametersJson = job.ParametersJson,
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }
        await transaction.RollbackAsync(cancellationToken);
        logger.LogInformation("Draft card job {JobId} was cancelled while it was drawn; its card is not kept", jobId);
        await media.DeleteUnusedAsync([file.Hash], cancellationToken);
    }

    /// <summary>Moves a running job to its end state; false when it is no longer running (cancelled meanwhile).</summary>
    public async Task<bool> FinishAsync(int jobId, JobStatus status, string? error, CancellationToken cancellationToken) =>
        await db.GenerationJobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.Progress, status == JobStatus.Completed ? 1 : 0)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow())
                .SetProperty(j => j.Version, j => j.Version + 1), cancellationToken) == 1;

    private async Task<DraftCard?> CardAsync(GenerationJob job, GenerationParameters parameters, CancellationToken cancellationToken)
    {
        var row = await db.Clips.AsNoTracking().Where(c => c.Id == job.ClipId && c.ProjectId == job.ProjectId)
            .Select(c => new
            {
                Clip = c,
                Scene = db.Scenes.Where(s => s.Id == c.SceneId).Select(s => new { s.Name, s.TakeNumber, s.Color }).FirstOrDefault(),
                Project = db.Projects.Where(p => p.Id == c.ProjectId).Select(p => new { p.Name, p.FrameRateNumerator, p.FrameRateDenominator }).Single(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var (clip, scene) = (row.Clip, row.Scene);
        var rate = new FrameRate(row.Project.FrameRateNumerator, row.Project.FrameRateDenominator);
        var seconds = clip.LengthFrames * (double)rate.Denominator / rate.Numerator;
        return new DraftCard
        {
            ProjectName = row.Project.Name,
            SceneName = scene is null ? "" : scene.TakeNumber == 0 ? scene.Name : $"{scene.Name} A{scene.TakeNumber}",
            ClipName = clip.TakeNumber == 0 ? clip.Name : $"{clip.Name} A{clip.TakeNumber}",
            TakeLabel = clip.TakeNumber == 0 ? "" : $"Take A{clip.TakeNumber}",
            ShotSize = clip.ShotSize,
            CameraMove = clip.CameraMove,
            Transition = DraftCardLabels.Transition(clip.TransitionIn, clip.TransitionFrames),
            TimecodeIn = Timecode.Format(clip.StartFrame, rate),
            TimecodeOut = Timecode.Format(clip.StartFrame + clip.LengthFrames, rate),
            Duration = string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
            Prompt = parameters.Prompt.Length > 0 ? parameters.Prompt : clip.ImagePrompt,
            NegativePrompt = parameters.NegativePrompt,
            Lyrics = clip.Lyrics,
            Notes = clip.Notes,
            AccentColor = scene?.Color,
        };
    }
}
