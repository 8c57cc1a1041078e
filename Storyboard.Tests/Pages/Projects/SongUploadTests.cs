using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Projects;

public sealed class SongUploadTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("audio");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    [Theory]
    [InlineData("mp3", "audio/mpeg")]
    [InlineData("wav", "audio/wav")]
    [InlineData("flac", "audio/flac")]
    [InlineData("m4a", "audio/mp4")]
    [InlineData("ogg", "audio/ogg")]
    [InlineData("opus", "audio/ogg")]
    public async Task Uploading_a_song_analyses_it_and_makes_it_the_project_song(string format, string contentType)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var file = TestAudio.Sine(_files, format, seconds: 3);

        var response = await admin.UploadSongAsync(projectId, file, $"My Song.{format}");
        response.AssertStatus(HttpStatusCode.OK);
        var afterUpload = await Html.ParseAsync(response);
        Assert.Equal(SongSteps.DashboardUrl(projectId), response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("uploaded", afterUpload.Text("#flash"));

        var dashboard = await admin.WaitForSongAsync(projectId);
        Assert.Equal($"My Song.{format}", dashboard.Text("#song-name"));
        Assert.Equal("0:03.0", dashboard.Text("#song-duration"));
        Assert.Null(dashboard.QuerySelector("#song-status"));

        var song = await _factory.QueryAsync(db => db.Songs.Include(s => s.Media).SingleAsync());
        Assert.Equal(SongStatus.Ready, song.Status);
        Assert.Equal(song.Id, await _factory.QueryAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.CurrentSongId).SingleAsync()));
        Assert.InRange(song.DurationMicroseconds, 2_995_000, 3_005_000);
        Assert.Equal(1, song.Channels);
        Assert.Equal(100, song.PeaksPerSecond);
        Assert.InRange(song.PeakCount, 298, 302);
        Assert.Equal(contentType, song.Media!.ContentType);

        var player = dashboard.QuerySelector("audio#song-player[controls][preload=metadata]")!;
        var audio = await admin.GetAsync(player.GetAttribute("src"));
        audio.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(contentType, audio.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(file), await audio.Content.ReadAsByteArrayAsync());

        var waveform = dashboard.QuerySelector("img#song-waveform")!;
        Assert.Equal($"Waveform of My Song.{format}", waveform.GetAttribute("alt"));
        var png = await admin.GetAsync(waveform.GetAttribute("src"));
        png.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        using var image = Image.Load<Rgba32>(await png.Content.ReadAsByteArrayAsync());
        Assert.Equal((1600, 160), (image.Width, image.Height));
        Assert.True(CountOpaque(image) > 1600 * 10, "The waveform has hardly any drawn pixels");
        Assert.Equal(0, image[0, 0].A);
    }

    private static int CountOpaque(Image<Rgba32> image)
    {
        var count = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                count += image[x, y].A > 0 ? 1 : 0;
            }
        }
        return count;
    }
}
