using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Queue;
using static Microsoft.Playwright.Assertions;

namespace Storyboard.Tests.EndToEnd;

/// <summary>An admin runs the generation queue from its page: pauses it, filters the jobs, retries a failed one, clears the finished.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QueueJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_pauses_the_queue_filters_retries_a_failed_job_and_clears_the_finished()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        await journey.SignInAsNewAdminAsync();
        var factory = journey.App.Factory;
        var adminId = await QueueSeed.UserIdAsync(factory, Users.AdminName);
        var seeded = await QueueSeed.SeedJobsAsync(factory, adminId, adminId);
        await QueueSeed.PauseQueueAsync(factory, false);
        var page = journey.Page;

        await journey.StepAsync("open the queue from the navigation", async () =>
        {
            await page.Locator("#nav-queue").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Generation queue");
            await Expect(page.Locator("#queue-state-heading")).ToHaveTextAsync("The queue is running");
            await Expect(page.Locator("#count-failed dd")).ToHaveTextAsync("2");
            await Expect(page.Locator("#queue-jobs tbody tr")).ToHaveCountAsync(10);
            await journey.CheckPageAsync();
        });

        await journey.StepAsync("pause the queue", async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Pause the queue" }).ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("The queue is paused: nothing new starts until it is resumed.");
            await Expect(page.Locator("#queue-state-heading")).ToHaveTextAsync("The queue is paused");
            await journey.CheckPageAsync("paused");
        });

        await journey.StepAsync("show only the failed jobs", async () =>
        {
            await page.GetByLabel("Status").SelectOptionAsync("Failed");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show jobs" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"status=Failed"));
            await Expect(page.Locator("#queue-jobs tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator($"#queue-job-{seeded.Jobs.AdminFailed} .job-error")).ToHaveTextAsync("CUDA out of memory");
            await journey.CheckPageAsync("failed jobs");
        });

        await journey.StepAsync("retry a failed job", async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Retry job {seeded.Jobs.AdminFailed}" }).ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync($"Job {seeded.Jobs.AdminFailed} is queued again.");
            await Expect(page.Locator("#queue-jobs tbody tr")).ToHaveCountAsync(1);
            await Expect(page).ToHaveURLAsync(new Regex(@"status=Failed"));
            var job = await factory.QueryAsync(db => db.GenerationJobs.AsNoTracking().SingleAsync(j => j.Id == seeded.Jobs.AdminFailed));
            Assert.Equal((Storyboard.Web.Domain.JobStatus.Queued, null), (job.Status, job.Error));
            await journey.CheckPageAsync("a failed job retried");
        });

        await journey.StepAsync("clear the finished jobs", async () =>
        {
            await page.Locator("#clear-filter").ClickAsync();
            await Expect(page.Locator("#queue-jobs tbody tr")).ToHaveCountAsync(10);
            await page.GetByRole(AriaRole.Button, new() { Name = "Clear finished jobs" }).ClickAsync();
            await Expect(page.Locator("#flash")).ToHaveTextAsync("3 finished jobs cleared.");
            // The running, dispatched and waiting jobs stay, and so does the failed one.
            await Expect(page.Locator("#queue-jobs tbody tr")).ToHaveCountAsync(7);
            await Expect(page.Locator("#count-completed dd")).ToHaveTextAsync("0");
            await Expect(page.Locator("#count-failed dd")).ToHaveTextAsync("1");
            await journey.CheckPageAsync("finished jobs cleared");
        });

        await journey.FinishAsync();
    }
}
