using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Media;

namespace Storyboard.Tests.Pages.Gallery;

/// <summary>Gallery rows put in directly, each with its own real PNG staged and committed through the media store.</summary>
public static class GallerySeed
{
    public static readonly DateTimeOffset Day = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A small PNG whose colour comes from <paramref name="shade"/>, so each seed is a different file.</summary>
    public static byte[] Png(int shade, int width = 64, int height = 36)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32((byte)shade, (byte)(shade * 7), (byte)(255 - shade)));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    public static async Task<string> StoreAsync(StoryboardFactory factory, byte[] bytes, string extension, string contentType)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        var staged = await store.StageAsync(new MemoryStream(bytes), long.MaxValue, default);
        return (await store.CommitAsync(staged!, extension, contentType, default)).Hash;
    }

    /// <summary>An image generation of the clip made on <paramref name="source"/> with <paramref name="model"/>, <paramref name="daysAfter"/> days after <see cref="Day"/>.</summary>
    public static async Task<ClipGeneration> AddAsync(StoryboardFactory factory, int projectId, int clipId, ulong seed,
        string source = "Draft card", string model = "", int daysAfter = 0, int rating = 0, int? jobId = null,
        OutputKind kind = OutputKind.Image, Action<ClipGeneration>? set = null)
    {
        var hash = kind == OutputKind.Image
            ? await StoreAsync(factory, Png((int)(seed % 200) + 20), ".png", "image/png")
            : await StoreAsync(factory, System.Text.Encoding.UTF8.GetBytes($"not really an mp4 {seed}"), ".mp4", "video/mp4");
        var generation = new ClipGeneration
        {
            ProjectId = projectId,
            ClipId = clipId,
            JobId = jobId,
            Kind = kind,
            MediaHash = hash,
            Width = 64,
            Height = 36,
            Seed = seed,
            Model = model,
            Source = source,
            Rating = rating,
            ParametersJson = new Storyboard.Web.Generation.Queue.GenerationParameters { Prompt = "a fox", Seed = seed }.ToJson(),
            CreatedAt = Day.AddDays(daysAfter),
        };
        set?.Invoke(generation);
        await factory.QueryAsync(async db =>
        {
            db.ClipGenerations.Add(generation);
            return await db.SaveChangesAsync();
        });
        return generation;
    }

    public static Task<ClipGeneration> GetAsync(StoryboardFactory factory, int id) =>
        factory.QueryAsync(db => db.ClipGenerations.FindAsync(id).AsTask())!;

    public static async Task<GpuServer> AddServerAsync(StoryboardFactory factory, string name)
    {
        var server = new GpuServer { Name = name, BaseUrl = "http://127.0.0.1:9", IsPaused = true };
        await factory.QueryAsync(async db =>
        {
            db.GpuServers.Add(server);
            return await db.SaveChangesAsync();
        });
        return server;
    }
}
