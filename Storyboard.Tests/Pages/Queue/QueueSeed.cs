using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Tests.Pages.Queue;

/// <summary>
/// A queue with jobs of two users on two servers, written straight into the database. The queue starts paused and
/// waiting jobs wait out a long back-off, so the dispatcher leaves every row as seeded. Neither server's address
/// answers, so both are offline whenever the health check looks.
/// </summary>
public sealed record QueueWorld(
    HttpClient Admin, HttpClient Editor, string AdminId, string EditorId, int NightDrive, int Summer, int Alpha, int Beta, QueueJobs Jobs);

/// <summary>The seeded jobs by what they are.</summary>
public sealed record QueueJobs(
    int AdminRunning, int AdminDispatched, int AdminQueued, int AdminCompleted, int AdminFailed,
    int EditorQueued, int EditorQueuedAny, int EditorCompleted, int EditorCancelled, int EditorFailed)
{
    public IReadOnlyList<int> Admins => [AdminRunning, AdminDispatched, AdminQueued, AdminCompleted, AdminFailed];
    public IReadOnlyList<int> Editors => [EditorQueued, EditorQueuedAny, EditorCompleted, EditorCancelled, EditorFailed];
}

public static class QueueSeed
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task<QueueWorld> SeedAsync(StoryboardFactory factory)
    {
        var admin = await factory.CreateAdminClientAsync();
        var editor = await factory.CreateUserClientAsync(admin, "eddie", Roles.Editor);
        var adminId = await UserIdAsync(factory, Users.AdminName);
        var editorId = await UserIdAsync(factory, "eddie");
        var (nightDrive, summer, alpha, beta, jobs) = await SeedJobsAsync(factory, adminId, editorId);
        return new QueueWorld(admin, editor, adminId, editorId, nightDrive, summer, alpha, beta, jobs);
    }

    /// <summary>The projects, servers and jobs alone, for two users that exist already (or one user twice).</summary>
    public static async Task<(int NightDrive, int Summer, int Alpha, int Beta, QueueJobs Jobs)> SeedJobsAsync(StoryboardFactory factory, string adminId, string editorId)
    {
        await PauseQueueAsync(factory, true);
        var (nightDrive, summer) = await factory.QueryAsync(async db =>
        {
            var night = new Project { Name = "Night Drive", CreatedAt = Start, UpdatedAt = Start, CreatedById = adminId };
            var sun = new Project { Name = "Summer", CreatedAt = Start, UpdatedAt = Start, CreatedById = editorId };
            db.Projects.AddRange(night, sun);
            await db.SaveChangesAsync();
            return (night.Id, sun.Id);
        });
        var rooftop = await TimelineSeed.AddClipAsync(factory, nightDrive, "Rooftop", 0, 50);
        var street = await TimelineSeed.AddClipAsync(factory, nightDrive, "Street", 60, 50);
        var beach = await TimelineSeed.AddClipAsync(factory, summer, "Beach", 0, 50);
        var (alpha, beta) = await factory.QueryAsync(async db =>
        {
            var a = new GpuServer
            {
                Name = "Alpha",
                Kind = GpuServerKind.ComfyUi,
                BaseUrl = "http://alpha.invalid:8188",
                Capacity = 2,
                Status = GpuServerStatus.Offline,
                SecondsPerImage = 12.5,
                CreatedAt = Start,
                UpdatedAt = Start,
            };
            var b = new GpuServer
            {
                Name = "Beta",
                Kind = GpuServerKind.RunPod,
                EndpointId = "beta123",
                Capacity = 3,
                Status = GpuServerStatus.Offline,
                CreatedAt = Start,
                UpdatedAt = Start,
            };
            db.GpuServers.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var minute = 0;
        GenerationJob Job(int project, int clip, string user, JobStatus status, string prompt, int? server = null, int? requested = null)
        {
            var created = Start.AddMinutes(minute++);
            var started = status is JobStatus.Running or JobStatus.Completed or JobStatus.Failed ? created.AddSeconds(30) : (DateTimeOffset?)null;
            return new GenerationJob
            {
                ProjectId = project,
                ClipId = clip,
                UserId = user,
                Status = status,
                ServerId = server,
                RequestedServerId = requested,
                Kind = OutputKind.Image,
                CreatedAt = created,
                StartedAt = started,
                DispatchedAt = server is null ? null : created.AddSeconds(10),
                FinishedAt = status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled ? created.AddSeconds(95) : null,
                Attempts = started is null ? 0 : 1,
                RemoteId = server is null ? null : $"remote-{minute}",
                NotBefore = status == JobStatus.Queued ? Start.AddYears(50) : null,
                Progress = status == JobStatus.Running ? 0.4 : status == JobStatus.Completed ? 1 : 0,
                Error = status == JobStatus.Failed ? (project == nightDrive ? "CUDA out of memory" : "The model is missing") : null,
                ParametersJson = new GenerationParameters { Prompt = prompt, Seed = 7, Width = 1024, Height = 1024, Model = "checkpoints/sdxl.safetensors" }.ToJson(),
            };
        }

        var jobs = await factory.QueryAsync(async db =>
        {
            var list = new[]
            {
                Job(nightDrive, rooftop.Id, adminId, JobStatus.Running, "a neon rooftop at night", server: alpha),
                Job(nightDrive, rooftop.Id, adminId, JobStatus.Dispatched, "a neon rooftop in rain", server: alpha),
                Job(nightDrive, street.Id, adminId, JobStatus.Queued, "wet street, headlights", requested: alpha),
                Job(nightDrive, street.Id, adminId, JobStatus.Completed, "wet street at dawn", server: beta),
                Job(nightDrive, street.Id, adminId, JobStatus.Failed, "wet street, fog", server: beta),
                Job(summer, beach.Id, editorId, JobStatus.Queued, "sunny beach, kites", requested: beta),
                Job(summer, beach.Id, editorId, JobStatus.Queued, "sunny beach, surfers"),
                Job(summer, beach.Id, editorId, JobStatus.Completed, "beach bonfire", server: alpha),
                Job(summer, beach.Id, editorId, JobStatus.Cancelled, "beach at noon"),
                Job(summer, beach.Id, editorId, JobStatus.Failed, "beach at dusk", server: beta),
            };
            db.GenerationJobs.AddRange(list);
            await db.SaveChangesAsync();
            var ids = list.Select(j => j.Id).ToArray();
            return new QueueJobs(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9]);
        });
        return (nightDrive, summer, alpha, beta, jobs);
    }

    public static Task<string> UserIdAsync(StoryboardFactory factory, string userName) =>
        factory.QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task PauseQueueAsync(StoryboardFactory factory, bool paused) =>
        factory.QueryAsync(async db =>
        {
            db.Settings.RemoveRange(db.Settings.Where(s => s.Key == QueuePause.Key));
            db.Settings.Add(new Setting { Key = QueuePause.Key, Value = paused ? "true" : "false" });
            return await db.SaveChangesAsync();
        });

    public static Task<GenerationJob> JobAsync(StoryboardFactory factory, int id) =>
        factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().SingleAsync(j => j.Id == id));

    public static Task<List<int>> JobIdsAsync(StoryboardFactory factory) =>
        factory.QueryAsync(db => db.GenerationJobs.OrderBy(j => j.Id).Select(j => j.Id).ToListAsync());
}
