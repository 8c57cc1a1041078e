using System.Net;
using System.Text.Json;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Api;

public sealed class SongsApiTests : IDisposable
{
    private readonly StoryboardFactory _factory = new StoryboardFactory().With("Media:MaxSongUploadMegabytes", "1");
    private readonly string _folder = TestFolders.Create("songs-api");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_folder);
    }

    private static async Task<int> CreateProjectAsync(HttpClient api)
    {
        var created = await (await api.PostAsync("/api/v1/projects", Json(new { name = "API song" }))).ReadJsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> PutSongAsync(HttpClient api, int projectId, string path, string? contentType = "audio/mpeg")
    {
        var content = new StreamContent(File.OpenRead(path));
        if (contentType is not null)
        {
            content.Headers.ContentType = new(contentType);
        }
        return api.PutAsync($"/api/v1/projects/{projectId}/song?fileName={Uri.EscapeDataString(Path.GetFileName(path))}", content);
    }

    private static async Task<JsonElement> WaitUntilSettledAsync(HttpClient api, string songUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var song = await (await api.GetAsync(songUrl)).ReadJsonAsync();
            if (song.GetProperty("status").GetString() != "analyzing" || DateTime.UtcNow > deadline)
            {
                return song;
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Uploading_through_the_api_analyses_the_song_and_makes_it_current()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var projectId = await CreateProjectAsync(api);
        var mp3 = TestAudio.Sine(_folder, "mp3", seconds: 2);

        var response = await PutSongAsync(api, projectId, mp3);
        var accepted = await response.ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("analyzing", accepted.GetProperty("status").GetString());
        var self = accepted.GetProperty("links").GetProperty("self").GetString()!;
        Assert.Equal(self, response.Headers.Location!.OriginalString);

        var ready = await WaitUntilSettledAsync(api, self);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.InRange(ready.GetProperty("durationSeconds").GetDouble(), 1.95, 2.1);
        Assert.Equal("sine-440-2s.mp3", ready.GetProperty("fileName").GetString());

        var projectSong = await (await api.GetAsync($"/api/v1/projects/{projectId}/song")).ReadJsonAsync();
        Assert.Equal(ready.GetProperty("id").GetInt32(), projectSong.GetProperty("current").GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, projectSong.GetProperty("pending").ValueKind);

        var audio = await api.GetAsync(ready.GetProperty("links").GetProperty("audio").GetString());
        Assert.Equal(await File.ReadAllBytesAsync(mp3), await audio.Content.ReadAsByteArrayAsync());
        var peaks = await (await api.GetAsync(ready.GetProperty("links").GetProperty("peaks").GetString())).ReadJsonAsync();
        Assert.Equal(100, peaks.GetProperty("peaksPerSecond").GetInt32());
        var waveform = await api.GetAsync(ready.GetProperty("links").GetProperty("waveform").GetString());
        Assert.Equal("image/png", waveform.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_png_is_refused_with_a_validation_problem_and_the_project_keeps_no_song()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var projectId = await CreateProjectAsync(api);
        var png = TestAudio.Png(_folder, "cover.wav");

        var problem = await (await PutSongAsync(api, projectId, png, "audio/wav")).ReadProblemAsync((HttpStatusCode)422);
        Assert.Contains("not audio", problem.Errors()["file"][0]);
        var projectSong = await (await api.GetAsync($"/api/v1/projects/{projectId}/song")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, projectSong.GetProperty("current").ValueKind);
        Assert.Equal(JsonValueKind.Null, projectSong.GetProperty("pending").ValueKind);
    }

    [Fact]
    public async Task An_upload_over_the_limit_gets_413()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var projectId = await CreateProjectAsync(api);
        var big = TestAudio.Random(_folder, "big.mp3", bytes: 2 * 1024 * 1024);

        var problem = await (await PutSongAsync(api, projectId, big)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1 MB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_viewer_cannot_upload_and_unknown_projects_and_songs_are_404()
    {
        var (admin, api) = await _factory.CreateAdminApiAsync();
        var projectId = await CreateProjectAsync(api);
        var viewer = await _factory.CreateUserClientAsync(admin, "vic", "Viewer");
        var viewerApi = _factory.CreateApiClient(await viewer.CreateApiTokenAsync());
        var mp3 = TestAudio.Sine(_folder, "mp3", seconds: 1);

        await (await PutSongAsync(viewerApi, projectId, mp3)).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await viewerApi.GetAsync($"/api/v1/projects/{projectId}/song")).AssertStatus(HttpStatusCode.OK);
        await (await PutSongAsync(api, 9999, mp3)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync("/api/v1/songs/9999")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync("/api/v1/songs/9999/audio")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
