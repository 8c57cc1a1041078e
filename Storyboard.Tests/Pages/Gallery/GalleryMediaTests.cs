using System.Net;
using SixLabors.ImageSharp;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Gallery;

/// <summary>A video generation's pictures: its thumbnail is made from its poster frame, which is served too.</summary>
public sealed class GalleryMediaTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_video_with_a_poster_has_the_poster_as_its_thumbnail_and_one_without_has_none()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Rooftop", 0, 50);
        var poster = await GallerySeed.StoreAsync(_factory, GallerySeed.Png(90, 640, 360), ".png", "image/png");
        var withPoster = await GallerySeed.AddAsync(_factory, id, clip.Id, 1, kind: OutputKind.Video, set: g => g.PosterHash = poster);
        var without = await GallerySeed.AddAsync(_factory, id, clip.Id, 2, kind: OutputKind.Video);

        var thumbnail = await admin.GetAsync($"/media/generations/{withPoster.Id}/thumbnail.jpg");
        thumbnail.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using (var image = Image.Load(await thumbnail.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((320, 180), (image.Width, image.Height));
        }
        var full = await admin.GetAsync($"/media/generations/{withPoster.Id}/poster");
        Assert.Equal("image/png", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal("video/mp4", (await admin.GetAsync($"/media/generations/{withPoster.Id}")).Content.Headers.ContentType!.MediaType);
        (await admin.GetAsync($"/media/generations/{without.Id}/thumbnail.jpg")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/media/generations/{without.Id}/poster")).AssertStatus(HttpStatusCode.NotFound);

        // The grid shows the poster for one and words for the other; the viewer plays the video over its poster.
        var grid = await admin.GetDocumentAsync($"/projects/{id}/clips/{clip.Id}/gallery");
        Assert.Equal($"/media/generations/{withPoster.Id}/thumbnail.jpg", grid.QuerySelector($"#generation-{withPoster.Id} img")!.GetAttribute("src"));
        Assert.Equal("Video, seed 2, Draft card", grid.Text($"#generation-{without.Id} .gallery-placeholder"));
        var viewer = await admin.GetDocumentAsync($"/projects/{id}/clips/{clip.Id}/gallery/{withPoster.Id}");
        var video = viewer.QuerySelector("video[controls]")!;
        Assert.Equal(($"/media/generations/{withPoster.Id}", $"/media/generations/{withPoster.Id}/poster"), (video.GetAttribute("src"), video.GetAttribute("poster")));
    }
}
