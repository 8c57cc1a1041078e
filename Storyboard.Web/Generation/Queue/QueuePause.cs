using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// Whether the whole generation queue is paused (kept in the database, so it survives a restart). While paused nothing
/// new is sent to a server or drawn; what already runs finishes. One server is paused with <see cref="GpuServer.IsPaused"/>.
/// </summary>
public interface IQueuePause
{
    Task<bool> IsPausedAsync(CancellationToken cancellationToken);
    Task SetPausedAsync(bool paused, CancellationToken cancellationToken);
}

public sealed class QueuePause(StoryboardDbContext db, IDispatcherSignal dispatcher) : IQueuePause
{
    public const string Key = "generation.queue.paused";

    public async Task<bool> IsPausedAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().AnyAsync(s => s.Key == Key && s.Value == "true", cancellationToken);

    public async Task SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        var value = paused ? "true" : "false";
        if (await db.Settings.Where(s => s.Key == Key).ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, value), cancellationToken) == 0)
        {
            db.Settings.Add(new Setting { Key = Key, Value = value });
            await db.SaveChangesAsync(cancellationToken);
        }
        dispatcher.Wake();
    }
}
