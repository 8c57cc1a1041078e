using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Projects;

/// <summary>Bad files get a clear message and leave the project exactly as it was: same song, no rows, no files.</summary>
public sealed class SongUploadRejectionTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("audio");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    private const string Accepted = " Upload MP3, WAV, FLAC, M4A/AAC, Ogg Vorbis or Opus.";

    public static TheoryData<string, string> BadFiles => new()
    {
        { "empty", "The file is empty." },
        { "random", "That file is not audio Storyboard can read (detected: unrecognised data)." + Accepted },
        { "program", "That file is not audio Storyboard can read (detected: program (ELF executable))." + Accepted },
        { "png", "That file is not audio Storyboard can read (detected: PNG image)." + Accepted },
        { "video", "That file is not audio Storyboard can read (detected: video with sound (h264))." + Accepted },
    };

    private string Make(string kind) => kind switch
    {
        "empty" => Touch("silence.mp3"),
        "random" => TestAudio.Random(_files, "noise.mp3"),
        "program" => TestAudio.CopyAs("/bin/true", _files, "hit-single.mp3"),
        "png" => TestAudio.Png(_files, "cover.wav"),
        "video" => TestAudio.Video(_files),
        _ => throw new ArgumentException(kind),
    };

    private string Touch(string name)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllBytes(path, []);
        return path;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Uploading_a_bad_file_shows_why_and_keeps_the_project(string kind, string message)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "mp3", name: "keeper.mp3"));
        var before = await _factory.SnapshotAsync(projectId);

        var response = await admin.UploadSongAsync(projectId, Make(kind));

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(SongSteps.DashboardUrl(projectId), response.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await Html.ParseAsync(response);
        Assert.Equal($"The song was not uploaded. {message}", page.Text("#flash .flash-error"));
        Assert.Equal("keeper.mp3", page.Text("#song-name"));
        Assert.Null(page.QuerySelector("#song-status"));
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
        Assert.Equal(0, before.TempFileCount);
    }

    [Fact]
    public async Task An_htmx_upload_of_a_bad_file_gets_422_and_the_panel_with_the_error_on_the_file_input()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var before = await _factory.SnapshotAsync(projectId);

        var response = await admin.UploadSongAsync(projectId, TestAudio.Png(_files, "cover.wav"), htmx: true);

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var panel = await Html.ParseAsync(response);
        Assert.Null(panel.QuerySelector("html body header"));
        Assert.NotNull(panel.QuerySelector("section#song-panel[aria-labelledby=song-heading]"));
        var input = panel.QuerySelector<IHtmlInputElement>("#song-file")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var describedBy = input.GetAttribute("aria-describedby")!.Split(' ');
        Assert.Contains("song-file-hint", describedBy);
        var error = describedBy.Select(id => panel.GetElementById(id)).Single(e => e!.ClassList.Contains("field-error"))!;
        Assert.Equal("That file is not audio Storyboard can read (detected: PNG image)." + Accepted, error.TextContent.Trim());
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
    }

    [Fact]
    public async Task Submitting_the_form_without_a_file_asks_for_one()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var before = await _factory.SnapshotAsync(projectId);

        var response = await admin.UploadSongAsync(projectId, Touch("nothing"), fileName: "", htmx: true);

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var panel = await Html.ParseAsync(response);
        Assert.Equal("Choose an audio file to upload.", panel.Text("#File-error"));
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
    }

    [Fact]
    public async Task A_truncated_file_fails_its_check_as_cut_short_and_the_old_song_keeps_playing()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "wav", name: "keeper.wav"));
        var before = await _factory.SnapshotAsync(projectId);
        var whole = TestAudio.Sine(_files, "flac", seconds: 3, name: "whole.flac");
        var cut = TestAudio.Truncated(whole, "cut.flac");

        (await admin.UploadSongAsync(projectId, cut)).AssertStatus(HttpStatusCode.OK);
        var dashboard = await admin.WaitForSongAsync(projectId);

        var status = dashboard.QuerySelector("#song-status[role=alert]")!;
        Assert.Matches(@"“cut\.flac” could not be used\. The file is cut short: it holds 1\.\d s of the 3\.0 s its header promises\.",
            status.TextContent);
        Assert.Contains("The current song is unchanged.", status.TextContent);
        Assert.Null(status.QuerySelector("[hx-get]"));
        Assert.Equal("keeper.wav", dashboard.Text("#song-name"));
        var after = await _factory.SnapshotAsync(projectId);
        Assert.Equal(before.CurrentSongId, after.CurrentSongId);
        Assert.Equal(0, after.TempFileCount);
        var failed = await _factory.QueryAsync(db => db.Songs.OrderBy(s => s.Id).LastAsync());
        Assert.Equal(SongStatus.Failed, failed.Status);
        Assert.Null(failed.WaveformPath);
    }

    [Fact]
    public async Task A_failed_upload_is_cleared_away_once_a_good_song_replaces_it()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var cut = TestAudio.Truncated(TestAudio.Sine(_files, "flac", name: "whole.flac"), "cut.flac");
        (await admin.UploadSongAsync(projectId, cut)).AssertStatus(HttpStatusCode.OK);
        var failed = await admin.WaitForSongAsync(projectId);
        Assert.Contains("cut short", failed.Text("#song-status"));
        Assert.Null(failed.QuerySelector("#song-player"));

        var dashboard = await admin.UploadReadySongAsync(projectId, TestAudio.Sine(_files, "ogg", name: "good.ogg"));

        Assert.Equal("good.ogg", dashboard.Text("#song-name"));
        Assert.Null(dashboard.QuerySelector("#song-status"));
        var songs = await _factory.QueryAsync(db => db.Songs.ToListAsync());
        Assert.Equal(SongStatus.Ready, Assert.Single(songs).Status);
        Assert.Equal(1, await _factory.QueryAsync(db => db.MediaFiles.CountAsync()));
        Assert.Empty(Directory.EnumerateFiles(_factory.MediaFolder, "*.flac", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var before = await _factory.SnapshotAsync(projectId);
        var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(TestAudio.Sine(_files, "wav"))), "File", "forged.wav" },
        };

        var response = await admin.PostAsync($"/Projects/Song/{projectId}", content);

        response.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Equal("That request was not understood", (await Html.ParseAsync(response)).Text("h1"));
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
    }

    [Fact]
    public async Task Uploading_to_a_project_in_the_trash_finds_nothing_and_stores_nothing()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var settings = await admin.GetDocumentAsync($"/Projects/Edit/{projectId}");
        var dashboard = await admin.GetDocumentAsync(SongSteps.DashboardUrl(projectId));
        (await admin.SubmitAsync(settings.Form("form[action*='handler=Trash']"))).AssertStatus(HttpStatusCode.OK);
        var before = await _factory.SnapshotAsync(projectId);
        var content = new MultipartFormDataContent
        {
            { new StringContent(dashboard.AntiforgeryToken()), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(TestAudio.Sine(_files, "wav"))), "File", "late.wav" },
        };

        var response = await admin.PostAsync($"/Projects/Song/{projectId}", content);

        response.AssertStatus(HttpStatusCode.NotFound);
        Assert.Equal(before, await _factory.SnapshotAsync(projectId));
    }
}
