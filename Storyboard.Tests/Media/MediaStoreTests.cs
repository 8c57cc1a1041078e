using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Media;

namespace Storyboard.Tests.Media;

public sealed class MediaStoreTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_same_content_committed_at_once_by_several_requests_is_stored_once_and_each_gets_it()
    {
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        // Every request stages first, then all commit together. An async gate, not a Barrier: blocked pool threads
        // could starve the very tasks they wait for, and one failing request must not hang the others.
        var staged = 0;
        var allStaged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var scope = _factory.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var file = await store.StageAsync(new MemoryStream(bytes), bytes.Length, default);
            if (Interlocked.Increment(ref staged) == 4)
            {
                allStaged.SetResult();
            }
            await allStaged.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return await store.CommitAsync(file!, ".bin", "application/octet-stream", default);
        })));

        Assert.Single(results.Select(r => r.Hash).Distinct());
        Assert.Equal(1, await _factory.QueryAsync(db => db.MediaFiles.CountAsync(m => m.Hash == results[0].Hash)));
        using var scope = _factory.Services.CreateScope();
        var path = scope.ServiceProvider.GetRequiredService<IMediaStore>().FullPath(results[0].RelativePath);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(Path.Combine(_factory.DataFolder, "tmp")));
    }
}
