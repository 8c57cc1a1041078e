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
        var barrier = new Barrier(4);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var scope = _factory.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
            var staged = await store.StageAsync(new MemoryStream(bytes), bytes.Length, default);
            barrier.SignalAndWait();
            return await store.CommitAsync(staged!, ".bin", "application/octet-stream", default);
        })));

        Assert.Single(results.Select(r => r.Hash).Distinct());
        Assert.Equal(1, await _factory.QueryAsync(db => db.MediaFiles.CountAsync(m => m.Hash == results[0].Hash)));
        using var scope = _factory.Services.CreateScope();
        var path = scope.ServiceProvider.GetRequiredService<IMediaStore>().FullPath(results[0].RelativePath);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(Path.Combine(_factory.DataFolder, "tmp")));
    }
}
