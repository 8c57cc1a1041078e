using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
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

    [Fact]
    public async Task Uploading_the_same_bytes_twice_stores_them_once()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var first = await admin.CreateProjectAsync("First");
        var second = await admin.CreateProjectAsync("Second");
        var file = TestAudio.Sine(_files, "wav");

        await admin.UploadReadySongAsync(first, file);
        var dashboard = await admin.UploadReadySongAsync(second, file);

        Assert.Equal("0:03.0", dashboard.Text("#song-duration"));
        Assert.Equal(1, await _factory.QueryAsync(db => db.MediaFiles.CountAsync()));
        var songs = await _factory.QueryAsync(db => db.Songs.OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, songs.Count);
        Assert.All(songs, s => Assert.Equal(SongStatus.Ready, s.Status));
        Assert.Equal(songs[0].MediaHash, songs[1].MediaHash);
        Assert.Equal(songs[0].WaveformPath, songs[1].WaveformPath);
        var audioFiles = Directory.EnumerateFiles(_factory.MediaFolder, "*.wav", SearchOption.AllDirectories).ToList();
        Assert.Single(audioFiles);
    }

    [Fact]
    public async Task Replacing_the_song_keeps_the_old_one_playing_until_the_new_one_is_ready()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "mp3", seconds: 2, name: "old.mp3"));
        var oldSongId = (await _factory.SnapshotAsync(projectId)).CurrentSongId;

        // Hold the analysis back so the in-between state can be looked at.
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        var response = await admin.UploadSongAsync(projectId, TestAudio.Sine(_files, "flac", seconds: 4, name: "new.flac"));
        response.AssertStatus(HttpStatusCode.OK);

        var during = await admin.GetDocumentAsync(SongSteps.DashboardUrl(projectId));
        Assert.Equal(oldSongId, (await _factory.SnapshotAsync(projectId)).CurrentSongId);
        Assert.Equal("old.mp3", during.Text("#song-name"));
        Assert.Equal("0:02.0", during.Text("#song-duration"));
        Assert.NotNull(during.QuerySelector("audio#song-player"));
        var status = during.QuerySelector("#song-status[role=status][aria-live=polite]")!;
        Assert.Contains("Checking “new.flac”", status.TextContent);
        Assert.Contains("current song plays until the new one is ready", status.TextContent);

        await scheduler.Start();
        var after = await admin.WaitForSongAsync(projectId);
        Assert.Equal("new.flac", after.Text("#song-name"));
        Assert.Equal("0:04.0", after.Text("#song-duration"));
        Assert.NotEqual(oldSongId, (await _factory.SnapshotAsync(projectId)).CurrentSongId);
    }

    [Fact]
    public async Task A_viewer_can_listen_but_cannot_upload()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "ogg"));
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", Roles.Viewer);
        var before = await _factory.SnapshotAsync(projectId);

        var dashboard = await viewer.GetDocumentAsync(SongSteps.DashboardUrl(projectId));
        Assert.Null(dashboard.QuerySelector("#song-upload-form"));
        Assert.Equal("sine-440-3s.ogg", dashboard.Text("#song-name"));
        var audio = await viewer.GetAsync(dashboard.QuerySelector("#song-player")!.GetAttribute("src"));
        audio.AssertStatus(HttpStatusCode.OK);

        // The form is not offered, so post one by hand with the viewer's own antiforgery token.
        var content = new MultipartFormDataContent
        {
            { new StringContent(dashboard.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(TestAudio.Sine(_files, "wav"))), "File", "sneaky.wav" },
        };
        var response = await viewer.PostAsync($"/Projects/Song/{projectId}", content);
        response.AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
    }

    [Fact]
    public async Task Purging_a_project_deletes_its_song_with_the_waveform_and_peaks()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "opus", seconds: 1));
        Assert.Equal(3, (await _factory.SnapshotAsync(projectId)).MediaFolderFileCount); // song, peaks, waveform

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var projects = scope.ServiceProvider.GetRequiredService<Storyboard.Web.Projects.IProjectService>();
            Assert.True(await projects.TrashAsync(projectId, CancellationToken.None));
            Assert.True(await projects.PurgeAsync(projectId, CancellationToken.None));
        }

        Assert.Empty(Directory.EnumerateFiles(_factory.MediaFolder, "*", SearchOption.AllDirectories));
        Assert.Equal(0, await _factory.QueryAsync(db => db.MediaFiles.CountAsync()));
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
