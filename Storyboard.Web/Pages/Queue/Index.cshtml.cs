using System.Security.Claims;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Queue;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Queue;

/// <summary>
/// The generation queue: counts per status, each server's load, and the filtered job list (admins see every job,
/// others their own) with cancel, retry, delete, priority and clear finished; admins pause and resume the queue or
/// one server. The body refreshes itself while some job is unfinished.
/// </summary>
public sealed class IndexModel(IQueueAdmin queue) : PageModel
{
    public const string Body = "_QueueBody";

    [BindProperty(SupportsGet = true, Name = "status")]
    public JobStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "server")]
    public int? ServerId { get; set; }

    [BindProperty(SupportsGet = true, Name = "project")]
    public int? ProjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public QueueOverview Overview { get; private set; } = null!;
    public QueueActor Actor => new(User.FindFirstValue(ClaimTypes.NameIdentifier), User.IsInRole(Roles.Admin),
        User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor));

    /// <summary>The filter as route values, so links, the refresh and every action keep it.</summary>
    public Dictionary<string, string> FilterRoute => new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(),
        ["server"] = ServerId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["project"] = ProjectId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["q"] = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        ["pageNumber"] = PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);

    /// <summary>The route of another page of the list.</summary>
    public Dictionary<string, string> PageRoute(int page)
    {
        var route = FilterRoute;
        route.Remove("pageNumber");
        if (page > 1)
        {
            route["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return route;
    }

    public static RouteValueDictionary RouteValues(Dictionary<string, string> route) =>
        new(route.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));

    /// <summary>An htmx action's message, swapped out of band into the layout's flash region.</summary>
    public FlashMessage? OutOfBandFlash { get; private set; }

    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Request.IsHtmx() && !Request.IsHtmxBoosted() ? Partial(Body, this) : Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int jobId) =>
        await DoneAsync(await queue.CancelAsync(jobId, Actor, Aborted), $"Job {jobId} is cancelled.", $"Job {jobId} had already finished.");

    public async Task<IActionResult> OnPostRetryAsync(int jobId) =>
        await DoneAsync(await queue.RetryAsync(jobId, Actor, Aborted), $"Job {jobId} is queued again.", $"Only a failed or cancelled job can be retried; job {jobId} is not.");

    public async Task<IActionResult> OnPostDeleteAsync(int jobId) =>
        await DoneAsync(await queue.DeleteAsync(jobId, Actor, Aborted), $"Job {jobId} is deleted.", $"Job {jobId} is not finished: cancel it first.");

    public async Task<IActionResult> OnPostPriorityAsync(int jobId, int priority) =>
        await DoneAsync(await queue.SetPriorityAsync(jobId, priority, Actor, Aborted), $"Job {jobId} now has priority {priority}.",
            $"Only a waiting job's priority can change, from {QueueAdmin.MinPriority} to {QueueAdmin.MaxPriority}.");

    public async Task<IActionResult> OnPostClearAsync(bool includeFailed) =>
        await queue.ClearFinishedAsync(includeFailed, Actor, Aborted) is { } cleared
            ? await DoneAsync(QueueOutcome.Done, cleared == 0 ? "No finished jobs to clear." : $"{Format.Count(cleared, "finished job")} cleared.", "")
            : Forbid();

    public async Task<IActionResult> OnPostPauseQueueAsync(bool paused) =>
        await DoneAsync(await queue.SetQueuePausedAsync(paused, Actor, Aborted),
            paused ? "The queue is paused: nothing new starts until it is resumed." : "The queue is running again.", "");

    public async Task<IActionResult> OnPostPauseServerAsync(int serverId, bool paused) =>
        await DoneAsync(await queue.SetServerPausedAsync(serverId, paused, Actor, Aborted),
            paused ? "The server is paused: no new jobs go to it." : "The server takes jobs again.", "");

    private async Task<IActionResult> DoneAsync(QueueOutcome outcome, string done, string wrongState)
    {
        switch (outcome)
        {
            case QueueOutcome.NotFound:
                return NotFound();
            case QueueOutcome.NotAllowed:
                return Forbid();
        }
        var message = outcome == QueueOutcome.Done ? new FlashMessage(FlashKind.Success, done) : new FlashMessage(FlashKind.Error, wrongState);
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, message.Text, message.Kind);
            return RedirectToPage(RouteValues(FilterRoute));
        }
        await LoadAsync();
        OutOfBandFlash = message;
        if (outcome == QueueOutcome.WrongState)
        {
            // Refused like a bad form (the README's htmx convention): the body comes back with the reason.
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Partial(Body, this);
    }

    private async Task LoadAsync()
    {
        Overview = await queue.OverviewAsync(new QueueFilter(Status, ServerId, ProjectId, Text, PageNumber), Actor, Aborted);
        PageNumber = Overview.Jobs.Page;
    }
}
