using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Timeline;

/// <summary>A clip's chosen image drawn as a thumbnail in the clips lane, served small from the media store.</summary>
public sealed class ClipThumbnailTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>Stores <paramref name="bytes"/> in the media folder under their hash and makes them the clip's chosen image.</summary>
    private async Task<string> ChooseImageAsync(int clipId, byte[] bytes, string extension = ".png")
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var relative = Path.Combine(hash[..2], hash + extension);
        Directory.CreateDirectory(Path.Combine(_factory.MediaFolder, hash[..2]));
        await File.WriteAllBytesAsync(Path.Combine(_factory.MediaFolder, relative), bytes);
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        db.MediaFiles.Add(new MediaFile { Hash = hash, RelativePath = relative, ContentType = "image/png", SizeBytes = bytes.Length });
        (await db.Clips.FindAsync(clipId))!.ChosenImageHash = hash;
        await db.SaveChangesAsync();
        return hash;
    }

    private static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(200, 40, 90));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task A_clip_with_a_chosen_image_shows_it_in_the_lane_as_a_small_jpeg()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        var plain = await TimelineSeed.AddClipAsync(_factory, id, "Road", 50, 50);
        var hash = await ChooseImageAsync(clip.Id, Png(1920, 1080));

        var page = await admin.GetDocumentAsync($"/Projects/{id}/Timeline?zoom=100&at=0");
        var href = page.QuerySelector($"#lane-clip-{clip.Id} image")!.GetAttribute("href");
        Assert.Equal($"/media/clips/{clip.Id}/thumbnail.jpg", href);
        Assert.Null(page.QuerySelector($"#lane-clip-{plain.Id} image"));

        var response = await admin.GetAsync(href);
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        using var thumbnail = Image.Load(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((160, 90), (thumbnail.Width, thumbnail.Height));
        Assert.Single(Directory.GetFiles(Path.Combine(_factory.MediaFolder, hash[..2]), $"{hash}.thumb-160.jpg"));

        var again = new HttpRequestMessage(HttpMethod.Get, href);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await admin.SendAsync(again)).AssertStatus(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task A_clip_without_an_image_or_with_an_unreadable_one_has_no_thumbnail()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var plain = await TimelineSeed.AddClipAsync(_factory, id, "Road", 0, 50);
        var broken = await TimelineSeed.AddClipAsync(_factory, id, "Car", 50, 50);
        await ChooseImageAsync(broken.Id, "not an image at all"u8.ToArray());

        (await admin.GetAsync($"/media/clips/{plain.Id}/thumbnail.jpg")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/media/clips/{broken.Id}/thumbnail.jpg")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync("/media/clips/99999/thumbnail.jpg")).AssertStatus(HttpStatusCode.NotFound);
        // The page still renders the lane around the unreadable image.
        (await admin.GetAsync($"/Projects/{id}/Timeline")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Thumbnails_need_a_signed_in_user()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Car", 0, 50);
        await ChooseImageAsync(clip.Id, Png(64, 64));
        using var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync($"/media/clips/{clip.Id}/thumbnail.jpg");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("image/jpeg", response.Content.Headers.ContentType?.MediaType);
    }
}
