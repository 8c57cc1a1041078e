using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SixLabors.ImageSharp;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using static Storyboard.Tests.Pages.Timeline.TimelinePageTests;

namespace Storyboard.Tests.Generation;

/// <summary>
/// Draft cards through the real queue: asked for in the clip panel, drawn by the dispatcher, stored, shown in the
/// gallery, chosen as the clip's image; cancelled, refused, and re-run after a stop.
/// </summary>
public sealed class DraftCardQueueTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Htmx(IHtmlDocument page) => new()
    {
        ["HX-Request"] = "true",
        ["RequestVerificationToken"] = page.AntiforgeryToken(),
    };

    private Task<List<GenerationJob>> JobsAsync(int clipId) =>
        _factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().Where(j => j.ClipId == clipId).OrderBy(j => j.Id).ToListAsync());

    private Task<List<ClipGeneration>> GalleryAsync(int clipId) =>
        _factory.QueryAsync(db => db.ClipGenerations.AsNoTracking().Where(g => g.ClipId == clipId).OrderBy(g => g.Id).ToListAsync());

    private async Task<List<GenerationJob>> FinishedAsync(int clipId, int count)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            var jobs = await JobsAsync(clipId);
            if (jobs.Count >= count && jobs.All(j => j.IsFinished))
            {
                return jobs;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The jobs of clip {clipId} did not finish: {string.Join(", ", (await JobsAsync(clipId)).Select(j => j.Status))}");
    }

    /// <summary>A job that waits (its back-off ends in a year), to act on before the dispatcher could start it.</summary>
    private async Task<int> WaitingJobAsync(int projectId, int clipId, string? userId)
    {
        return await _factory.QueryAsync(async db =>
        {
            var job = new GenerationJob
            {
                ProjectId = projectId, ClipId = clipId, UserId = userId, IsDraftCard = true, Status = JobStatus.Queued,
                ParametersJson = new GenerationParameters { Width = 640, Height = 360, Seed = 7 }.ToJson(),
                CreatedAt = DateTimeOffset.UtcNow, NotBefore = DateTimeOffset.UtcNow.AddYears(1),
            };
            db.GenerationJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
    }

    private async Task<(HttpClient Admin, int ProjectId, int ClipId, IHtmlDocument Page)> ClipPageAsync()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Rooftop", 0, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clip.Id}");
        return (admin, id, clip.Id, page);
    }

    [Fact]
    public async Task A_draft_card_asked_for_in_the_clip_panel_lands_in_its_gallery_at_the_project_size()
    {
        var (admin, id, clipId, page) = await ClipPageAsync();
        Assert.Equal("Nothing generated yet.", page.Text("#clip-gallery-empty"));

        var response = await admin.SubmitAsync(FormOf(page, "#generate-draft-card"), headers: Htmx(page));
        response.AssertStatus(HttpStatusCode.OK);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("section#clip-generations"));

        var job = Assert.Single(await FinishedAsync(clipId, 1));
        Assert.Equal(JobStatus.Completed, job.Status);
        var generation = Assert.Single(await GalleryAsync(clipId));
        Assert.Equal(("Draft card", 1920, 1080, job.Id), (generation.Source, generation.Width, generation.Height, generation.JobId));
        var file = await admin.GetAsync($"/media/generations/{generation.Id}");
        file.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        using (var image = Image.Load(await file.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((1920, 1080), (image.Width, image.Height));
        }
        var thumbnail = await admin.GetAsync($"/media/generations/{generation.Id}/thumbnail.jpg");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);

        // Once every job is done the section stops asking for itself, and the gallery shows the card.
        var done = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        Assert.Null(done.QuerySelector("#clip-generations")!.GetAttribute("hx-trigger"));
        Assert.Single(done.QuerySelectorAll("#clip-gallery li img"));
        Assert.Single(done.QuerySelectorAll("#clip-jobs li.job-completed"));
    }

    [Fact]
    public async Task A_batch_gets_consecutive_seeds_and_the_same_picture_twice_is_shown_once()
    {
        var (admin, id, clipId, _) = await ClipPageAsync();
        using (var scope = _factory.Services.CreateScope())
        {
            var queued = await scope.ServiceProvider.GetRequiredService<IGenerationQueue>().EnqueueAsync(
                new EnqueueRequest(id, clipId, null, OutputKind.Image, DraftCard: true, ServerId: null, Count: 3, Seed: ulong.MaxValue), default);
            Assert.Equal(3, queued.JobIds.Count);
        }
        await FinishedAsync(clipId, 3);

        // Seeds follow on (wrapping past the largest), and three identical cards are one file shown once.
        var gallery = await GalleryAsync(clipId);
        Assert.Equal([0UL, 1UL, ulong.MaxValue], gallery.Select(g => g.Seed).Order());
        Assert.Single(gallery.Select(g => g.MediaHash).Distinct());
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        Assert.Single(page.QuerySelectorAll("#clip-gallery li"));
        Assert.Equal(3, page.QuerySelectorAll("#clip-jobs li.job-completed").Length);
    }

    [Fact]
    public async Task Draft_cards_for_a_scene_draw_each_of_its_main_clips_once()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var verse = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 0, 200);
        var intro = await TimelineSeed.AddClipAsync(_factory, id, "Street", 0, 50, verse.Id);
        var alternate = await TimelineSeed.AddClipAsync(_factory, id, "Street", 0, 50, verse.Id, originalId: intro.Id, take: 1);
        var second = await TimelineSeed.AddClipAsync(_factory, id, "Rooftop", 60, 50, verse.Id);
        var elsewhere = await TimelineSeed.AddClipAsync(_factory, id, "Bridge", 300, 50);
        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?scene={verse.Id}");

        var done = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#scene-draft-cards")));

        Assert.Equal("2 Draft cards queued, one for each clip of the scene: select a clip to see its gallery.", done.Text("#flash"));
        Assert.Equal(JobStatus.Completed, (await FinishedAsync(intro.Id, 1)).Single().Status);
        Assert.Equal(JobStatus.Completed, (await FinishedAsync(second.Id, 1)).Single().Status);
        Assert.Empty(await JobsAsync(alternate.Id));
        Assert.Empty(await JobsAsync(elsewhere.Id));
        // Each card shows its own clip, so the two are different pictures.
        Assert.NotEqual((await GalleryAsync(intro.Id)).Single().MediaHash, (await GalleryAsync(second.Id)).Single().MediaHash);
    }

    [Fact]
    public async Task The_section_asks_for_itself_every_second_only_while_a_job_is_unfinished()
    {
        var (admin, id, clipId, _) = await ClipPageAsync();
        var job = await WaitingJobAsync(id, clipId, null);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        var section = page.QuerySelector("#clip-generations")!;
        Assert.Equal("every 1s", section.GetAttribute("hx-trigger"));
        var poll = await admin.GetAsync(section.GetAttribute("hx-get")!, HttpCompletionOption.ResponseContentRead);
        var fragment = await Html.ParseAsync(poll);
        Assert.Contains("Queued", fragment.Text($"#job-{job} .job-status"));
        Assert.NotNull(fragment.QuerySelector($"#job-{job} progress"));
    }

    [Fact]
    public async Task Choosing_an_image_makes_it_the_clips_thumbnail_and_undo_takes_it_back()
    {
        var (admin, id, clipId, page) = await ClipPageAsync();
        await admin.SubmitAsync(FormOf(page, "#generate-draft-card"));
        await FinishedAsync(clipId, 1);
        var generation = (await GalleryAsync(clipId)).Single();
        page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=50&at=0&clip={clipId}");

        var chosen = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, $"#choose-generation-{generation.Id}")));

        Assert.Equal("That image is now the clip's chosen one.", chosen.Text("#flash"));
        Assert.Equal(generation.MediaHash, (await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenImageHash);
        Assert.Equal("Chosen", chosen.Text($"#generation-{generation.Id} .chosen-label"));
        Assert.NotNull(chosen.QuerySelector($"#lane-clip-{clipId} image"));
        (await admin.GetAsync($"/media/clips/{clipId}/thumbnail.jpg")).AssertStatus(HttpStatusCode.OK);

        await admin.SubmitAsync(FormOf(chosen, "#undo"));
        Assert.Null((await TimelineSeed.GetClipAsync(_factory, clipId)).ChosenImageHash);
    }

    [Fact]
    public async Task A_waiting_job_is_cancelled_by_its_owner_or_an_admin_only_and_never_runs()
    {
        var (admin, id, clipId, _) = await ClipPageAsync();
        var editor = await _factory.CreateUserClientAsync(admin, "eddie", Roles.Editor);
        var adminsJob = await WaitingJobAsync(id, clipId, await _factory.QueryAsync(db => db.Users.Where(u => u.UserName != "eddie").Select(u => u.Id).FirstAsync()));

        var editorsPage = await editor.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        var refused = await editor.SubmitAsync(FormOf(editorsPage, $"#cancel-job-{adminsJob}"));
        refused.AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(JobStatus.Queued, (await JobsAsync(clipId)).Single().Status);

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        var fragment = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, $"#cancel-job-{adminsJob}"), headers: Htmx(page)));
        Assert.Contains("Cancelled", fragment.Text($"#job-{adminsJob} .job-status"));
        Assert.Null(fragment.QuerySelector("#clip-generations")!.GetAttribute("hx-trigger"));
        var job = (await JobsAsync(clipId)).Single();
        Assert.Equal((JobStatus.Cancelled, 0), (job.Status, job.Attempts));
        Assert.Empty(await GalleryAsync(clipId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public async Task A_count_out_of_range_is_refused_and_nothing_is_queued(int count)
    {
        var (_, id, clipId, _) = await ClipPageAsync();
        using var scope = _factory.Services.CreateScope();
        var refused = await scope.ServiceProvider.GetRequiredService<IGenerationQueue>().EnqueueAsync(
            new EnqueueRequest(id, clipId, null, OutputKind.Image, DraftCard: true, ServerId: null, Count: count, Seed: 1), default);
        Assert.Equal("Ask for 1 to 16 at a time.", refused.Errors["Count"]);
        Assert.Empty(await JobsAsync(clipId));
    }

    [Fact]
    public async Task A_viewer_sees_the_gallery_but_cannot_generate()
    {
        var (admin, id, clipId, page) = await ClipPageAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", Roles.Viewer);
        var viewersPage = await viewer.GetDocumentAsync($"/Projects/{id}/Timeline?clip={clipId}");
        Assert.NotNull(viewersPage.QuerySelector("#clip-generations"));
        Assert.Null(viewersPage.QuerySelector("#generate-draft-card"));
        // The editor's form, posted by the viewer with the viewer's own antiforgery token.
        var action = FormOf(page, "#generate-draft-card").Action;
        var posted = await viewer.PostAsync(action, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = viewersPage.AntiforgeryToken() }));
        posted.AssertStatus(HttpStatusCode.Forbidden);
        Assert.Empty(await JobsAsync(clipId));
    }

    [Fact]
    public async Task A_gpu_job_needs_a_prompt_and_a_registered_server()
    {
        var (_, id, clipId, _) = await ClipPageAsync();
        using var scope = _factory.Services.CreateScope();
        var queue = scope.ServiceProvider.GetRequiredService<IGenerationQueue>();
        var refused = await queue.EnqueueAsync(new EnqueueRequest(id, clipId, null, OutputKind.Image, DraftCard: false, ServerId: 999, Count: 1, Seed: 5), default);
        Assert.Equal(["Model", "Prompt", "ServerId"], refused.Errors.Keys.Order());
        var elsewhere = await queue.EnqueueAsync(new EnqueueRequest(id + 1000, clipId, null, OutputKind.Image, DraftCard: true, ServerId: null, Count: 1, Seed: 5), default);
        Assert.Equal("The clip does not exist in this project.", elsewhere.Errors[""]);
        Assert.Empty(await JobsAsync(clipId));
    }

    [Fact]
    public async Task A_draft_card_job_left_running_by_a_stop_is_queued_again_and_finishes()
    {
        var (_, id, clipId, _) = await ClipPageAsync();
        var jobId = await WaitingJobAsync(id, clipId, null);
        await _factory.QueryAsync(db => db.GenerationJobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.NotBefore, (DateTimeOffset?)null).SetProperty(j => j.Attempts, 1)));

        var dispatcher = _factory.Services.GetServices<IHostedService>().OfType<GenerationDispatcher>().Single();
        await dispatcher.RequeueInterruptedAsync(default);
        _factory.Services.GetRequiredService<IDispatcherSignal>().Wake();

        var job = (await FinishedAsync(clipId, 1)).Single();
        Assert.Equal((JobStatus.Completed, 2), (job.Status, job.Attempts));
        Assert.Equal((640, 360, 7UL), (await GalleryAsync(clipId)).Select(g => (g.Width, g.Height, g.Seed)).Single());
    }

    [Fact]
    public async Task Gallery_files_are_for_signed_in_users_of_live_projects_only()
    {
        var (admin, id, clipId, page) = await ClipPageAsync();
        await admin.SubmitAsync(FormOf(page, "#generate-draft-card"));
        await FinishedAsync(clipId, 1);
        var generation = (await GalleryAsync(clipId)).Single();

        var anonymous = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/media/generations/{generation.Id}")).StatusCode);
        (await admin.GetAsync("/media/generations/999999")).AssertStatus(HttpStatusCode.NotFound);

        await _factory.QueryAsync(db => db.Projects.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.DeletedAt, DateTimeOffset.UtcNow)));
        (await admin.GetAsync($"/media/generations/{generation.Id}")).AssertStatus(HttpStatusCode.NotFound);
    }
}
