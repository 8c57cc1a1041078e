using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Generation.Gpu;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Tests.Pages.Batches;

/// <summary>Batch generation for picked clips, a scene or the whole project, through the real pages and a fake ComfyUI.</summary>
public sealed class BatchPageTests
{
    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_scene_batch_queues_one_job_per_main_clip_with_its_own_prompt_and_the_shared_settings_and_polls_until_done()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(150);
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var chorus = await TimelineSeed.AddSceneAsync(bed.Factory, bed.ProjectId, "Chorus", 100, 200);
        var first = await AddClipAsync(bed, "Crowd", 100, chorus.Id, "a crowd jumping, confetti");
        var second = await AddClipAsync(bed, "Singer", 160, chorus.Id, "close-up of the singer, rim light");
        await AddClipAsync(bed, "Singer take 2", 160, chorus.Id, "an alternate", originalId: second.Id);
        var trashed = await TimelineSeed.AddSceneAsync(bed.Factory, bed.ProjectId, "Outro", 400, 100);
        await AddClipAsync(bed, "Gone", 400, trashed.Id, "should not be queued");
        await bed.Factory.QueryAsync(db => db.Scenes.Where(s => s.Id == trashed.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.DeletedAt, DateTimeOffset.UtcNow)));

        // The scene panel links to the form, which lists what the batch covers.
        var timeline = await bed.Admin.GetDocumentAsync($"/Projects/{bed.ProjectId}/Timeline?scene={chorus.Id}");
        var formUrl = timeline.QuerySelector("#scene-batch")!.GetAttribute("href")!;
        var form = await bed.Admin.GetDocumentAsync(formUrl);
        Assert.Equal("New batch Scene Chorus", form.Text("h1"));
        Assert.Equal(["Crowd", "Singer"], form.QuerySelectorAll("#batch-covered li").Select(li => li.FirstChild!.TextContent.Trim()));

        // A shared choice missing: said beside its field, nothing queued, no batch.
        var refused = await bed.Admin.SubmitAsync(form.Form("#batch-new-form"), new Dictionary<string, string> { ["Gpu.Seed"] = "777" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.StartsWith("Choose a model", again.Text("#batch-gpu-model-error"));
        Assert.Equal("777", again.QuerySelector("#batch-gpu-seed")!.GetAttribute("value"));
        Assert.Equal(0, await bed.Factory.QueryAsync(db => db.GenerationBatches.CountAsync()));

        var queued = await bed.Admin.SubmitAsync(again.Form("#batch-new-form"), new Dictionary<string, string>
        {
            ["Gpu.Model"] = GpuTestBed.SdxlKey,
            ["Gpu.Seed"] = "777",
            ["Gpu.Steps"] = "9",
        });
        var page = await Html.ParseAsync(queued);
        var batch = await bed.Factory.QueryAsync(db => db.GenerationBatches.AsNoTracking().SingleAsync());
        Assert.Equal($"/projects/{bed.ProjectId}/batches/{batch.Id}", queued.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Scene Chorus", batch.Label);
        Assert.Contains("\"seed\":\"777\"", batch.SettingsJson);
        Assert.Equal("2 jobs queued for 2 clips.", page.Text(".flash"));
        // Unfinished: the status part asks for itself every 2 seconds.
        Assert.Equal("every 2s", page.QuerySelector($"#batch-status-{batch.Id}")!.GetAttribute("hx-trigger"));

        var jobs = await bed.Factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());
        Assert.Equal([first.Id, second.Id], jobs.Select(j => j.ClipId!.Value));
        Assert.All(jobs, j => Assert.Equal(batch.Id, j.BatchId));
        var parameters = jobs.Select(j => GenerationParameters.FromJson(j.ParametersJson)).ToList();
        Assert.Equal(["a crowd jumping, confetti", "close-up of the singer, rim light"], parameters.Select(p => p.Prompt));
        Assert.All(parameters, p => Assert.Equal((GpuTestBed.SdxlKey, 777UL, (int?)9), (p.Model, p.Seed, p.Steps)));

        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await bed.WaitAsync(job.Id)).Status);
        }
        var status = await HtmxAsync(bed.Admin, $"/projects/{bed.ProjectId}/batches/{batch.Id}");
        var section = status.QuerySelector($"#batch-status-{batch.Id}")!;
        Assert.Null(section.GetAttribute("hx-trigger"));
        Assert.Null(status.QuerySelector("h1"));
        Assert.Equal("2 jobs for 2 clips: 2 completed.", status.Text("#batch-summary"));
        Assert.Equal("2", status.Text("#total-completed dd"));
        Assert.StartsWith("Completed", status.Text($"#batch-clip-{first.Id} .batch-clip-status"));
        Assert.Equal(2, status.QuerySelectorAll("#batch-clips tbody img").Length);
        Assert.Null(status.QuerySelector("#retry-failed"));
    }

    [Fact]
    public async Task Picked_clips_from_the_timeline_list_are_queued_and_one_without_a_prompt_is_skipped_and_named()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var silent = await TimelineSeed.AddClipAsync(bed.Factory, bed.ProjectId, "Silent", 60, 40);
        await AddClipAsync(bed, "Not picked", 120, null, "a prompt");

        var timeline = await bed.Admin.GetDocumentAsync($"/Projects/{bed.ProjectId}/Timeline");
        var list = timeline.Form("#batch-form");
        list.QuerySelector<IHtmlInputElement>($"#pick-{bed.ClipId}")!.IsChecked = true;
        list.QuerySelector<IHtmlInputElement>($"#pick-{silent.Id}")!.IsChecked = true;
        var opened = await bed.Admin.SubmitAsync(list, submitSelector: "#batch-generate");

        // The list's GET lands on the form's own short address.
        Assert.Equal($"/projects/{bed.ProjectId}/batches/new?scope=picked&clip={bed.ClipId}&clip={silent.Id}", opened.RequestMessage!.RequestUri!.PathAndQuery);
        var form = await Html.ParseAsync(opened);
        Assert.Equal("2 picked clips: 2 clips", form.Text("#batch-covers-heading"));

        var queued = await bed.Admin.SubmitAsync(form.Form("#batch-new-form"), new Dictionary<string, string> { ["Gpu.Model"] = GpuTestBed.SdxlKey });
        var page = await Html.ParseAsync(queued);
        Assert.StartsWith("1 job queued for 1 clip. Skipped: Silent (Write the clip's image prompt first", page.Text(".flash"));
        var jobs = await bed.Factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().ToListAsync());
        Assert.Equal(bed.ClipId, Assert.Single(jobs).ClipId);
        Assert.Equal("2 picked clips", (await bed.Factory.QueryAsync(db => db.GenerationBatches.SingleAsync())).Label);

        // Only clips without a prompt: nothing queued, no batch, the reason on the form.
        var alone = await bed.Admin.GetDocumentAsync($"/projects/{bed.ProjectId}/batches/new?scope=picked&clip={silent.Id}");
        var refused = await bed.Admin.SubmitAsync(alone.Form("#batch-new-form"), new Dictionary<string, string> { ["Gpu.Model"] = GpuTestBed.SdxlKey });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Nothing was queued: Silent (Write the clip's image prompt first", (await Html.ParseAsync(refused)).Text(".form-errors"));
        Assert.Equal(1, await bed.Factory.QueryAsync(db => db.GenerationBatches.CountAsync()));
    }

    [Fact]
    public async Task After_a_failure_retrying_the_failed_ones_makes_them_complete()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        comfy.Options.FailAtNode = "1";
        comfy.Options.FailureMessage = "CUDA out of memory";
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var second = await AddClipAsync(bed, "Street", 60, null, "a wet street");

        var form = await bed.Admin.GetDocumentAsync($"/projects/{bed.ProjectId}/batches/new?scope=project");
        Assert.Equal("Whole project: 2 clips", form.Text("#batch-covers-heading"));
        var queued = await bed.Admin.SubmitAsync(form.Form("#batch-new-form"), new Dictionary<string, string> { ["Gpu.Model"] = GpuTestBed.SdxlKey });
        var batchUrl = queued.RequestMessage!.RequestUri!.AbsolutePath;
        var jobIds = await bed.Factory.QueryAsync(db => db.GenerationJobs.OrderBy(j => j.Id).Select(j => j.Id).ToListAsync());
        Assert.Equal(2, jobIds.Count);
        foreach (var id in jobIds)
        {
            Assert.Equal(JobStatus.Failed, (await bed.WaitAsync(id)).Status);
        }

        var failed = await bed.Admin.GetDocumentAsync(batchUrl);
        Assert.Equal("2", failed.Text("#total-failed dd"));
        Assert.Contains("CUDA out of memory", failed.Text($"#batch-clip-{second.Id} .field-error"));
        Assert.StartsWith("Retry the failed ones", failed.Text("#retry-failed"));
        Assert.Null(failed.QuerySelector("[id^=batch-status-]")!.GetAttribute("hx-trigger"));

        comfy.Options.FailAtNode = null;
        var retried = await bed.Admin.SubmitAsync(failed.QuerySelector<IHtmlButtonElement>("#retry-failed")!.Form!, submitSelector: "#retry-failed",
            headers: new Dictionary<string, string> { ["HX-Request"] = "true", ["RequestVerificationToken"] = failed.AntiforgeryToken() });
        var section = await Html.ParseAsync(retried);
        Assert.Contains("2 failed jobs queued again.", section.Text("#batch-summary"));
        foreach (var id in jobIds)
        {
            Assert.Equal(JobStatus.Completed, (await bed.WaitAsync(id)).Status);
        }
        var done = await bed.Admin.GetDocumentAsync(batchUrl);
        Assert.Equal("2 jobs for 2 clips: 2 completed.", done.Text("#batch-summary"));
        Assert.Null(done.QuerySelector("#retry-failed"));
    }

    [Fact]
    public async Task A_draft_card_batch_for_the_whole_project_needs_no_server_and_leaves_out_alternates_and_trashed_scenes()
    {
        await using var bed = await GpuTestBed.StartAsync();
        var verse = await TimelineSeed.AddSceneAsync(bed.Factory, bed.ProjectId, "Verse", 100, 200);
        var untitled = await TimelineSeed.AddClipAsync(bed.Factory, bed.ProjectId, "No prompt yet", 100, 50, verse.Id);
        await TimelineSeed.AddClipAsync(bed.Factory, bed.ProjectId, "Alternate", 100, 50, verse.Id, originalId: untitled.Id, take: 1);
        var alternateScene = await TimelineSeed.AddSceneAsync(bed.Factory, bed.ProjectId, "Verse", 100, 200, originalId: verse.Id, take: 1);
        await TimelineSeed.AddClipAsync(bed.Factory, bed.ProjectId, "In the alternate scene", 100, 50, alternateScene.Id);

        var timeline = await bed.Admin.GetDocumentAsync($"/Projects/{bed.ProjectId}/Timeline");
        var form = await bed.Admin.GetDocumentAsync(timeline.QuerySelector("#project-batch")!.GetAttribute("href")!);
        Assert.Null(form.QuerySelector("#batch-gpu"));
        var queued = await bed.Admin.SubmitAsync(form.Form("#batch-new-form"), new Dictionary<string, string> { ["draftCard"] = "true" });
        var page = await Html.ParseAsync(queued);
        Assert.Equal("2 Draft cards queued for 2 clips.", page.Text(".flash"));
        Assert.Equal("Draft cards", page.Text("#batch-settings"));

        var jobs = await bed.Factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());
        Assert.Equal([bed.ClipId, untitled.Id], jobs.Select(j => j.ClipId!.Value));
        Assert.All(jobs, j => Assert.True(j.IsDraftCard));
        foreach (var job in jobs)
        {
            Assert.Equal(JobStatus.Completed, (await bed.WaitAsync(job.Id)).Status);
        }

        var list = await bed.Admin.GetDocumentAsync($"/projects/{bed.ProjectId}/batches");
        var row = list.QuerySelector("#batch-list tbody tr")!;
        Assert.Equal("Whole project", row.QuerySelector("th a")!.TextContent);
        Assert.Equal(["2", "2", "0", "0"], row.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent));
    }

    [Fact]
    public async Task Viewers_see_a_batch_but_cannot_create_or_retry_and_another_projects_batch_is_not_found()
    {
        await using var comfy = await new FakeComfyUi().StartAsync();
        comfy.Options.FailAtNode = "1";
        await using var bed = await GpuTestBed.StartAsync();
        await bed.AddComfyAsync(comfy, "Studio");
        var form = await bed.Admin.GetDocumentAsync($"/projects/{bed.ProjectId}/batches/new?scope=picked&clip={bed.ClipId}");
        var queued = await bed.Admin.SubmitAsync(form.Form("#batch-new-form"), new Dictionary<string, string> { ["Gpu.Model"] = GpuTestBed.SdxlKey });
        var batchUrl = queued.RequestMessage!.RequestUri!.AbsolutePath;
        var jobId = await bed.Factory.QueryAsync(db => db.GenerationJobs.Select(j => j.Id).SingleAsync());
        await bed.WaitAsync(jobId);
        var adminPage = await bed.Admin.GetDocumentAsync(batchUrl);
        var retryAction = adminPage.QuerySelector("#retry-failed")!.Closest("form")!.GetAttribute("action")!;

        using var viewer = await bed.Factory.CreateUserClientAsync(bed.Admin, "vera", Roles.Viewer);
        var seen = await viewer.GetDocumentAsync(batchUrl);
        Assert.Equal("1 job for 1 clip: 1 failed.", seen.Text("#batch-summary"));
        Assert.Null(seen.QuerySelector("#retry-failed"));
        Assert.NotNull((await viewer.GetDocumentAsync($"/projects/{bed.ProjectId}/batches")).QuerySelector("#batch-list"));
        Assert.Null((await viewer.GetDocumentAsync($"/Projects/{bed.ProjectId}/Timeline")).QuerySelector("#project-batch"));

        var newPage = await viewer.GetAsync($"/projects/{bed.ProjectId}/batches/new?scope=project");
        Assert.Equal("/Account/AccessDenied", newPage.RequestMessage!.RequestUri!.AbsolutePath);
        foreach (var action in new[] { form.Form("#batch-new-form").Action, retryAction })
        {
            var posted = await viewer.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = seen.AntiforgeryToken(),
                ["scope"] = "project",
                ["draftCard"] = "true",
            }));
            Assert.Equal("/Account/AccessDenied", posted.RequestMessage!.RequestUri!.AbsolutePath);
        }
        Assert.Equal(1, await bed.Factory.QueryAsync(db => db.GenerationJobs.CountAsync()));
        Assert.Equal(JobStatus.Failed, (await bed.JobAsync(jobId)).Status);

        var other = await TimelineSeed.CreateProjectAsync(bed.Admin, name: "Other");
        var batchId = batchUrl[(batchUrl.LastIndexOf('/') + 1)..];
        (await bed.Admin.GetAsync($"/projects/{other}/batches/{batchId}")).AssertStatus(HttpStatusCode.NotFound);
        (await bed.Admin.GetAsync($"/projects/{bed.ProjectId}/batches/new?scope=scene&scene=999")).AssertStatus(HttpStatusCode.NotFound);
    }

    private static async Task<Clip> AddClipAsync(GpuTestBed bed, string name, long start, int? sceneId, string prompt, int? originalId = null)
    {
        var clip = await TimelineSeed.AddClipAsync(bed.Factory, bed.ProjectId, name, start, 40, sceneId, originalId, originalId is null ? 0 : 1);
        await bed.Factory.QueryAsync(db => db.Clips.Where(c => c.Id == clip.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ImagePrompt, prompt)));
        return clip;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmxAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        response.AssertStatus(HttpStatusCode.OK);
        return await Html.ParseAsync(response);
    }
}
