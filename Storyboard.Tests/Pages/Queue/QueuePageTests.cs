using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using static Storyboard.Tests.Pages.Queue.QueueSeed;

namespace Storyboard.Tests.Pages.Queue;

/// <summary>
/// The queue page: everyone sees the counts and the servers' load; admins see and act on every job, editors on their
/// own, viewers on none; only admins pause the queue or a server.
/// </summary>
public sealed class QueuePageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> HtmxHeaders(IHtmlDocument page) => new()
    {
        ["HX-Request"] = "true",
        ["RequestVerificationToken"] = page.AntiforgeryToken(),
    };

    private static IHtmlFormElement FormOf(IHtmlDocument page, string buttonId) =>
        page.Form($"form:has(#{buttonId})");

    /// <summary>A post a page does not offer (another user's job, a refused action), with a valid antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> values, bool htmx = false)
    {
        var page = await client.GetDocumentAsync("/queue");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/Queue?handler={handler}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = page.AntiforgeryToken() }),
        };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        return await client.SendAsync(request);
    }

    private static int[] RowIds(IHtmlDocument page) =>
        page.QuerySelectorAll("#queue-jobs tbody tr").Select(r => int.Parse(r.Id!["queue-job-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task Everyone_signed_in_sees_the_counts_per_status_and_each_servers_load()
    {
        var world = await SeedAsync(_factory);
        foreach (var client in new[] { world.Admin, world.Editor })
        {
            var page = await client.GetDocumentAsync("/Queue");
            Assert.Equal("Generation queue", page.Text("h1"));
            Assert.Equal(
                [("Queued", "3"), ("Dispatched", "1"), ("Running", "1"), ("Completed", "2"), ("Failed", "2"), ("Cancelled", "1")],
                page.QuerySelectorAll("#queue-counts > div").Select(d => (d.Text("dt"), d.Text("dd"))).ToArray());
            Assert.Equal("The queue is paused", page.Text("#queue-state-heading"));

            var alpha = page.QuerySelector($"#load-server-{world.Alpha}")!;
            Assert.Contains("Alpha", alpha.Text("th"));
            Assert.Contains("ComfyUI", alpha.Text("th"));
            Assert.Equal(("Offline", "2 / 2", "12.5 s per image", "1"),
                (alpha.Text(".load-status"), alpha.Text(".load-jobs"), alpha.Text(".load-speed"), alpha.Text(".load-waiting")));
            var beta = page.QuerySelector($"#load-server-{world.Beta}")!;
            Assert.Contains("RunPod", beta.Text("th"));
            Assert.Equal(("Offline", "0 / 3", "not measured yet", "1"),
                (beta.Text(".load-status"), beta.Text(".load-jobs"), beta.Text(".load-speed"), beta.Text(".load-waiting")));
        }
        var nav = await world.Editor.GetDocumentAsync("/Projects");
        Assert.Equal("/Queue", nav.QuerySelector<IHtmlAnchorElement>("#nav-queue")!.PathName);
    }

    [Fact]
    public async Task An_admin_lists_every_job_newest_first_and_an_editor_only_their_own()
    {
        var world = await SeedAsync(_factory);

        var all = await world.Admin.GetDocumentAsync("/Queue");
        Assert.Equal(world.Jobs.Admins.Concat(world.Jobs.Editors).Reverse(), RowIds(all));
        var failed = all.QuerySelector($"#queue-job-{world.Jobs.AdminFailed}")!;
        Assert.Equal("CUDA out of memory", failed.Text(".job-error"));
        Assert.Contains("Night Drive / Street", failed.Text("th"));
        Assert.Contains("wet street, fog", failed.Text(".job-prompt"));
        Assert.Contains("1 attempt", failed.Text(".job-status"));
        Assert.Equal("Beta", failed.Text(".job-server"));
        Assert.Equal("Queued 2026-03-01 09:04:00 UTC Started 2026-03-01 09:04:30 UTC Finished 2026-03-01 09:05:35 UTC ran 1:05.0",
            string.Join(' ', failed.Text(".job-times").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var running = all.QuerySelector($"#queue-job-{world.Jobs.AdminRunning}")!;
        var progress = running.QuerySelector<IHtmlElement>("progress")!;
        Assert.Equal(("0.4", $"Progress of job {world.Jobs.AdminRunning}"), (progress.GetAttribute("value"), progress.GetAttribute("aria-label")));
        Assert.Contains("Started", running.Text(".job-times"));
        Assert.DoesNotContain("Finished", running.Text(".job-times"));
        Assert.Equal("any server", all.QuerySelector($"#queue-job-{world.Jobs.EditorQueuedAny}")!.Text(".job-server"));

        var own = await world.Editor.GetDocumentAsync("/Queue");
        Assert.Equal(world.Jobs.Editors.Reverse(), RowIds(own));
        Assert.DoesNotContain("Night Drive", own.QuerySelector("#filter-project")!.TextContent);
    }

    [Fact]
    public async Task The_filter_form_narrows_the_list_by_status_server_project_and_prompt_or_clip_text()
    {
        var world = await SeedAsync(_factory);
        async Task<IHtmlDocument> FilterAsync(Dictionary<string, string> values)
        {
            var page = await world.Admin.GetDocumentAsync("/Queue");
            return await Html.ParseAsync(await world.Admin.SubmitAsync(page.Form("#queue-filter"), values));
        }

        var failed = await FilterAsync(new() { ["status"] = "Failed" });
        Assert.Equal([world.Jobs.EditorFailed, world.Jobs.AdminFailed], RowIds(failed));
        Assert.Equal("Failed", failed.QuerySelector<IHtmlSelectElement>("#filter-status")!.Value);

        var onBeta = await FilterAsync(new() { ["server"] = $"{world.Beta}" });
        Assert.Equal([world.Jobs.EditorFailed, world.Jobs.EditorQueued, world.Jobs.AdminFailed, world.Jobs.AdminCompleted], RowIds(onBeta));

        var summer = await FilterAsync(new() { ["project"] = $"{world.Summer}", ["status"] = "Queued" });
        Assert.Equal([world.Jobs.EditorQueuedAny, world.Jobs.EditorQueued], RowIds(summer));

        var prompt = await FilterAsync(new() { ["q"] = "NEON" });
        Assert.Equal([world.Jobs.AdminDispatched, world.Jobs.AdminRunning], RowIds(prompt));
        var clip = await FilterAsync(new() { ["q"] = "street" });
        Assert.Equal([world.Jobs.AdminFailed, world.Jobs.AdminCompleted, world.Jobs.AdminQueued], RowIds(clip));
        var none = await FilterAsync(new() { ["q"] = "100%_" });
        Assert.Empty(RowIds(none));
        Assert.Equal("No jobs to show.", none.Text("#queue-empty"));

        // htmx asks for the body alone; an editor's filter still shows only their own jobs.
        var fragment = await Html.ParseAsync(await world.Editor.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Queue?status=Failed")
        {
            Headers = { { "HX-Request", "true" } },
        }));
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.Equal([world.Jobs.EditorFailed], RowIds(fragment));
    }

    [Fact]
    public async Task The_list_shows_fifty_jobs_a_page_and_the_pages_keep_the_filter()
    {
        var world = await SeedAsync(_factory);
        await _factory.QueryAsync(async db =>
        {
            db.GenerationJobs.AddRange(Enumerable.Range(0, 60).Select(i => new GenerationJob
            {
                ProjectId = world.Summer,
                UserId = world.EditorId,
                Status = JobStatus.Completed,
                CreatedAt = Start.AddDays(1).AddMinutes(i),
                FinishedAt = Start.AddDays(1).AddMinutes(i),
                ParametersJson = new GenerationParameters { Prompt = $"batch {i}" }.ToJson(),
            }));
            return await db.SaveChangesAsync();
        });
        var newest = await _factory.QueryAsync(db => db.GenerationJobs.Where(j => j.Status == JobStatus.Completed).OrderByDescending(j => j.CreatedAt).Select(j => j.Id).ToListAsync());

        var first = await world.Admin.GetDocumentAsync("/Queue?status=Completed");
        Assert.Equal(newest.Take(50), RowIds(first));
        Assert.Equal("Page 1 of 2", first.Text("#queue-pages span"));
        Assert.Null(first.QuerySelector("#previous-page"));

        var second = await world.Admin.GetDocumentAsync(first.QuerySelector<IHtmlAnchorElement>("#next-page")!.Href);
        Assert.Equal(newest.Skip(50), RowIds(second));
        Assert.Equal("Completed", second.QuerySelector<IHtmlSelectElement>("#filter-status")!.Value);
        Assert.Equal("Page 2 of 2", second.Text("#queue-pages span"));
    }

    [Fact]
    public async Task Retrying_a_failed_job_queues_it_again_as_if_new()
    {
        var world = await SeedAsync(_factory);
        var before = await JobAsync(_factory, world.Jobs.AdminFailed);
        var page = await world.Admin.GetDocumentAsync("/Queue?status=Failed");
        Assert.Null(page.QuerySelector($"#retry-job-{world.Jobs.AdminCompleted}"));

        var done = await Html.ParseAsync(await world.Admin.SubmitAsync(FormOf(page, $"retry-job-{world.Jobs.AdminFailed}")));

        Assert.Equal($"Job {world.Jobs.AdminFailed} is queued again.", done.Text("#flash"));
        Assert.Equal("Failed", done.QuerySelector<IHtmlSelectElement>("#filter-status")!.Value);
        var job = await JobAsync(_factory, world.Jobs.AdminFailed);
        Assert.Equal((JobStatus.Queued, 0, 0.0, before.Version + 1), (job.Status, job.Attempts, job.Progress, job.Version));
        Assert.Equal(new object?[] { null, null, null, null, null, null, null },
            [job.Error, job.RemoteId, job.ServerId, job.NotBefore, job.StartedAt, job.DispatchedAt, job.FinishedAt]);
        Assert.Equal(before.ParametersJson, job.ParametersJson);

        // A completed job is not retried.
        var refused = await PostAsync(world.Admin, "Retry", new() { ["jobId"] = $"{world.Jobs.AdminCompleted}" }, htmx: true);
        refused.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Only a failed or cancelled job", (await Html.ParseAsync(refused)).Text("#flash[hx-swap-oob]"));
        Assert.Equal(JobStatus.Completed, (await JobAsync(_factory, world.Jobs.AdminCompleted)).Status);
    }

    [Fact]
    public async Task Deleting_refuses_an_unfinished_job_and_a_deleted_jobs_picture_stays_in_the_gallery()
    {
        var world = await SeedAsync(_factory);
        var generationId = await _factory.QueryAsync(async db =>
        {
            var hash = new string('c', 64);
            db.MediaFiles.Add(new MediaFile { Hash = hash, RelativePath = $"cc/{hash}.png", ContentType = "image/png" });
            var job = await db.GenerationJobs.SingleAsync(j => j.Id == world.Jobs.AdminCompleted);
            var generation = new ClipGeneration { ProjectId = job.ProjectId, ClipId = job.ClipId!.Value, JobId = job.Id, MediaHash = hash, Source = "Beta", CreatedAt = Start };
            db.ClipGenerations.Add(generation);
            await db.SaveChangesAsync();
            return generation.Id;
        });
        var page = await world.Admin.GetDocumentAsync("/Queue");
        Assert.Null(page.QuerySelector($"#delete-job-{world.Jobs.AdminRunning}"));

        var refused = await PostAsync(world.Admin, "Delete", new() { ["jobId"] = $"{world.Jobs.AdminRunning}" });
        Assert.Contains("is not finished", (await Html.ParseAsync(refused)).Text("#flash"));
        Assert.Equal(JobStatus.Running, (await JobAsync(_factory, world.Jobs.AdminRunning)).Status);

        var response = await world.Admin.SubmitAsync(FormOf(page, $"delete-job-{world.Jobs.AdminCompleted}"), headers: HtmxHeaders(page));
        response.AssertStatus(HttpStatusCode.OK);
        var fragment = await Html.ParseAsync(response);
        Assert.Equal($"Job {world.Jobs.AdminCompleted} is deleted.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.Null(fragment.QuerySelector($"#queue-job-{world.Jobs.AdminCompleted}"));
        Assert.DoesNotContain(world.Jobs.AdminCompleted, await JobIdsAsync(_factory));
        var kept = await _factory.QueryAsync(db => db.ClipGenerations.AsNoTracking().SingleAsync(g => g.Id == generationId));
        Assert.Null(kept.JobId);
    }

    [Fact]
    public async Task Clearing_finished_jobs_keeps_unfinished_and_failed_ones_unless_failed_are_asked_for()
    {
        var world = await SeedAsync(_factory);

        // An editor clears only their own.
        var own = await world.Editor.GetDocumentAsync("/Queue");
        var cleared = await Html.ParseAsync(await world.Editor.SubmitAsync(own.Form("#clear-finished")));
        Assert.Equal("2 finished jobs cleared.", cleared.Text("#flash"));
        Assert.Equal(world.Jobs.Admins.Concat([world.Jobs.EditorQueued, world.Jobs.EditorQueuedAny, world.Jobs.EditorFailed]), await JobIdsAsync(_factory));

        var page = await world.Admin.GetDocumentAsync("/Queue");
        await world.Admin.SubmitAsync(page.Form("#clear-finished"));
        Assert.Equal([world.Jobs.AdminRunning, world.Jobs.AdminDispatched, world.Jobs.AdminQueued, world.Jobs.AdminFailed,
            world.Jobs.EditorQueued, world.Jobs.EditorQueuedAny, world.Jobs.EditorFailed], await JobIdsAsync(_factory));

        page = await world.Admin.GetDocumentAsync("/Queue");
        var withFailed = await Html.ParseAsync(await world.Admin.SubmitAsync(page.Form("#clear-finished"), new Dictionary<string, string> { ["includeFailed"] = "true" }));
        Assert.Equal("2 finished jobs cleared.", withFailed.Text("#flash"));
        Assert.Equal([world.Jobs.AdminRunning, world.Jobs.AdminDispatched, world.Jobs.AdminQueued, world.Jobs.EditorQueued, world.Jobs.EditorQueuedAny],
            await JobIdsAsync(_factory));
    }

    [Fact]
    public async Task Only_a_waiting_jobs_priority_changes_and_only_within_ten_either_way()
    {
        var world = await SeedAsync(_factory);
        var page = await world.Admin.GetDocumentAsync("/Queue");
        Assert.Null(page.QuerySelector($"#raise-job-{world.Jobs.AdminRunning}"));

        var response = await world.Admin.SubmitAsync(FormOf(page, $"raise-job-{world.Jobs.AdminQueued}"), headers: HtmxHeaders(page));
        var fragment = await Html.ParseAsync(response);
        Assert.Equal($"Job {world.Jobs.AdminQueued} now has priority 1.", fragment.Text("#flash[hx-swap-oob]"));
        Assert.StartsWith("1", fragment.Text($"#queue-job-{world.Jobs.AdminQueued} .job-priority"));
        var raised = await JobAsync(_factory, world.Jobs.AdminQueued);
        Assert.Equal((1, 1), (raised.Priority, raised.Version));

        await world.Editor.SubmitAsync(FormOf(await world.Editor.GetDocumentAsync("/Queue"), $"lower-job-{world.Jobs.EditorQueued}"));
        Assert.Equal(-1, (await JobAsync(_factory, world.Jobs.EditorQueued)).Priority);

        foreach (var (jobId, priority) in new[] { (world.Jobs.AdminRunning, 5), (world.Jobs.AdminCompleted, 5), (world.Jobs.AdminQueued, 11), (world.Jobs.AdminQueued, -11) })
        {
            (await PostAsync(world.Admin, "Priority", new() { ["jobId"] = $"{jobId}", ["priority"] = $"{priority}" }, htmx: true))
                .AssertStatus(HttpStatusCode.UnprocessableEntity);
        }
        Assert.Equal((0, 1), ((await JobAsync(_factory, world.Jobs.AdminRunning)).Priority, (await JobAsync(_factory, world.Jobs.AdminQueued)).Priority));
    }

    [Fact]
    public async Task An_admin_pauses_and_resumes_the_whole_queue_and_one_server()
    {
        var world = await SeedAsync(_factory);
        var page = await world.Admin.GetDocumentAsync("/Queue");
        Assert.Equal("Resume the queue", page.Text("#pause-queue"));

        var resumed = await Html.ParseAsync(await world.Admin.SubmitAsync(FormOf(page, "pause-queue")));
        Assert.Equal("The queue is running again.", resumed.Text("#flash"));
        Assert.Equal("The queue is running", resumed.Text("#queue-state-heading"));
        Assert.Equal("false", await _factory.QueryAsync(db => db.Settings.Where(s => s.Key == QueuePause.Key).Select(s => s.Value).SingleAsync()));

        var paused = await Html.ParseAsync(await world.Admin.SubmitAsync(FormOf(resumed, "pause-queue")));
        Assert.Equal("The queue is paused", paused.Text("#queue-state-heading"));
        Assert.Equal("true", await _factory.QueryAsync(db => db.Settings.Where(s => s.Key == QueuePause.Key).Select(s => s.Value).SingleAsync()));

        Assert.Equal("Pause server Alpha", paused.Text($"#pause-server-{world.Alpha}"));
        var response = await world.Admin.SubmitAsync(FormOf(paused, $"pause-server-{world.Alpha}"), headers: HtmxHeaders(paused));
        var fragment = await Html.ParseAsync(response);
        Assert.Equal("Offline · paused", fragment.Text($"#load-server-{world.Alpha} .load-status"));
        var alpha = await _factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync(s => s.Id == world.Alpha));
        Assert.Equal((true, 1), (alpha.IsPaused, alpha.Version));
        Assert.False((await _factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync(s => s.Id == world.Beta))).IsPaused);

        await world.Admin.SubmitAsync(FormOf(fragment, $"pause-server-{world.Alpha}"), headers: HtmxHeaders(paused));
        Assert.False((await _factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync(s => s.Id == world.Alpha))).IsPaused);
    }

    [Fact]
    public async Task An_editor_is_not_offered_and_is_refused_pausing_the_queue_or_a_server()
    {
        var world = await SeedAsync(_factory);
        var page = await world.Editor.GetDocumentAsync("/Queue");
        Assert.Null(page.QuerySelector("#pause-queue"));
        Assert.Null(page.QuerySelector($"#pause-server-{world.Alpha}"));

        (await PostAsync(world.Editor, "PauseQueue", new() { ["paused"] = "false" })).AssertStatus(HttpStatusCode.Forbidden);
        (await PostAsync(world.Editor, "PauseServer", new() { ["serverId"] = $"{world.Alpha}", ["paused"] = "true" })).AssertStatus(HttpStatusCode.Forbidden);

        Assert.Equal("true", await _factory.QueryAsync(db => db.Settings.Where(s => s.Key == QueuePause.Key).Select(s => s.Value).SingleAsync()));
        Assert.False((await _factory.QueryAsync(db => db.GpuServers.AsNoTracking().SingleAsync(s => s.Id == world.Alpha))).IsPaused);
    }

    [Fact]
    public async Task A_user_cancels_their_own_running_job_but_cannot_see_or_touch_another_users()
    {
        var world = await SeedAsync(_factory);
        var page = await world.Editor.GetDocumentAsync("/Queue");
        Assert.Null(page.QuerySelector($"#queue-job-{world.Jobs.AdminRunning}"));
        var before = await _factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());

        foreach (var (handler, jobId) in new[]
        {
            ("Cancel", world.Jobs.AdminRunning), ("Retry", world.Jobs.AdminFailed), ("Delete", world.Jobs.AdminCompleted),
        })
        {
            (await PostAsync(world.Editor, handler, new() { ["jobId"] = $"{jobId}" })).AssertStatus(HttpStatusCode.NotFound);
        }
        (await PostAsync(world.Editor, "Priority", new() { ["jobId"] = $"{world.Jobs.AdminQueued}", ["priority"] = "5" })).AssertStatus(HttpStatusCode.NotFound);
        var after = await _factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(before.Select(j => (j.Id, j.Status, j.Priority, j.Version)), after.Select(j => (j.Id, j.Status, j.Priority, j.Version)));

        // Their own waiting job is cancelled; nobody else's changes.
        var done = await Html.ParseAsync(await world.Editor.SubmitAsync(FormOf(page, $"cancel-job-{world.Jobs.EditorQueued}")));
        Assert.Equal($"Job {world.Jobs.EditorQueued} is cancelled.", done.Text("#flash"));
        Assert.Equal(JobStatus.Cancelled, (await JobAsync(_factory, world.Jobs.EditorQueued)).Status);
        Assert.Equal(JobStatus.Running, (await JobAsync(_factory, world.Jobs.AdminRunning)).Status);

        // An admin acts on anyone's.
        var admin = await world.Admin.GetDocumentAsync("/Queue");
        await world.Admin.SubmitAsync(FormOf(admin, $"cancel-job-{world.Jobs.EditorQueuedAny}"));
        Assert.Equal(JobStatus.Cancelled, (await JobAsync(_factory, world.Jobs.EditorQueuedAny)).Status);
    }

    [Fact]
    public async Task A_viewer_sees_the_queue_and_their_jobs_but_cannot_act_on_them()
    {
        var world = await SeedAsync(_factory);
        var viewer = await _factory.CreateUserClientAsync(world.Admin, "vera", Roles.Viewer);
        var viewerId = await UserIdAsync(_factory, "vera");
        var jobId = await _factory.QueryAsync(async db =>
        {
            var job = new GenerationJob { ProjectId = world.Summer, UserId = viewerId, Status = JobStatus.Failed, Error = "old job", CreatedAt = Start.AddDays(2) };
            db.GenerationJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        var page = await viewer.GetDocumentAsync("/Queue");
        Assert.Equal(("3", "3"), (page.Text("#count-queued dd"), page.Text("#count-failed dd")));
        Assert.NotNull(page.QuerySelector($"#load-server-{world.Alpha}"));
        Assert.Equal([jobId], RowIds(page));
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));

        (await PostAsync(viewer, "Retry", new() { ["jobId"] = $"{jobId}" })).AssertStatus(HttpStatusCode.Forbidden);
        (await PostAsync(viewer, "Delete", new() { ["jobId"] = $"{jobId}" })).AssertStatus(HttpStatusCode.Forbidden);
        (await PostAsync(viewer, "Clear", new() { ["includeFailed"] = "true" })).AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(JobStatus.Failed, (await JobAsync(_factory, jobId)).Status);
        Assert.Equal(11, (await JobIdsAsync(_factory)).Count);
    }

    [Fact]
    public async Task The_body_asks_for_itself_every_two_seconds_only_while_a_job_is_unfinished()
    {
        var world = await SeedAsync(_factory);
        var page = await world.Editor.GetDocumentAsync("/Queue?status=Failed");
        var body = page.QuerySelector("#queue-body")!;
        Assert.Equal("every 2s", body.GetAttribute("hx-trigger"));
        Assert.Equal("/Queue?status=Failed", body.GetAttribute("hx-get"));

        await _factory.QueryAsync(db => db.GenerationJobs.Where(j => !(j.Status == JobStatus.Completed || j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, JobStatus.Cancelled)));

        var done = await world.Editor.GetDocumentAsync("/Queue?status=Failed");
        Assert.Null(done.QuerySelector("#queue-body")!.GetAttribute("hx-trigger"));
        Assert.Null(done.QuerySelector("#queue-body")!.GetAttribute("hx-get"));
    }
}
