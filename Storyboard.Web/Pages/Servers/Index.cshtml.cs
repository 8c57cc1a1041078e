using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Generation.Servers;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Servers;

/// <summary>
/// The GPU servers (admins only): their live status from the health check (the list refreshes itself), check now,
/// pause and resume, remove. Adding and changing a server is the Edit page.
/// </summary>
public sealed class IndexModel(IGpuServerAdmin admin, IServerHealth health) : PageModel
{
    public IReadOnlyList<GpuServerView> Servers { get; private set; } = [];

    private CancellationToken Aborted => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync()
    {
        Servers = await admin.ListAsync(Aborted);
        return Request.IsHtmx() ? Partial("_ServerList", this) : Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(int serverId)
    {
        if (!await health.CheckAsync(serverId, Aborted))
        {
            return NotFound();
        }
        var server = await admin.GetAsync(serverId, Aborted);
        return await DoneAsync(server is null ? "Checked." : server.Status == Domain.GpuServerStatus.Online
            ? $"{server.Name} is online." : $"{server.Name} is offline: {server.LastError}", server?.Status == Domain.GpuServerStatus.Online ? FlashKind.Success : FlashKind.Error);
    }

    public async Task<IActionResult> OnPostPauseAsync(int serverId, bool paused) =>
        await admin.SetPausedAsync(serverId, paused, Aborted)
            ? await DoneAsync(paused ? "The server is paused: no new jobs go to it." : "The server takes jobs again.")
            : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int serverId) =>
        await admin.DeleteAsync(serverId, Aborted) ? await DoneAsync("The server is removed.") : NotFound();

    private async Task<IActionResult> DoneAsync(string message, FlashKind kind = FlashKind.Success)
    {
        if (Request.IsHtmx())
        {
            Servers = await admin.ListAsync(Aborted);
            OutOfBandFlash = new FlashMessage(kind, message);
            return Partial("_ServerList", this);
        }
        Flash.Set(TempData, message, kind);
        return RedirectToPage();
    }

    /// <summary>An htmx action's message, swapped out of band into the layout's flash region.</summary>
    public FlashMessage? OutOfBandFlash { get; private set; }
}
