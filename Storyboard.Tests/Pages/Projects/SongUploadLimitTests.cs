using System.Net;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Pages.Projects;

/// <summary>Media:MaxSongUploadMegabytes is 1 here; a 2 MB song is refused whether its size is announced or not.</summary>
public sealed class SongUploadLimitTests : IDisposable
{
    private readonly StoryboardFactory _factory = new StoryboardFactory().With("Media:MaxSongUploadMegabytes", "1");
    private readonly string _files = TestFolders.Create("audio");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_song_over_the_limit_is_refused_and_nothing_is_kept(bool chunked)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var before = await _factory.SnapshotAsync(projectId);
        var big = TestAudio.Sine(_files, "wav", seconds: 24); // 16-bit mono 44.1 kHz: about 2 MB
        Assert.InRange(new FileInfo(big).Length, 2_000_000, 2_200_000);

        var dashboard = await admin.GetDocumentAsync(SongSteps.DashboardUrl(projectId));
        Assert.Contains("up to 1 MB", dashboard.Text("#song-file-hint"));
        var response = await admin.UploadSongAsync(projectId, big, chunked: chunked);

        response.AssertStatus(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        Assert.Equal("The song was not uploaded. The file is larger than the 1 MB limit.", page.Text("#flash .flash-error"));
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
    }

    [Fact]
    public async Task A_song_under_the_limit_is_accepted()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();

        var dashboard = await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "wav", seconds: 5));

        Assert.Equal("0:05.0", dashboard.Text("#song-duration"));
    }
}
