using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Storyboard.Tests.Infrastructure;

namespace Storyboard.Tests.Media;

/// <summary>The song's audio, waveform and peaks: ranges for seeking, validators for caching, sign-in for everything.</summary>
public sealed class SongMediaEndpointTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("audio");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    private async Task<(HttpClient Client, int SongId, string File)> ReadySongAsync(string format = "flac")
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var file = TestAudio.Sine(_files, format, seconds: 2);
        await admin.UploadReadySongAsync(projectId, file);
        var songId = await _factory.QueryAsync(db => db.Songs.Select(s => s.Id).SingleAsync());
        return (admin, songId, file);
    }

    [Fact]
    public async Task A_range_request_gets_206_with_exactly_those_bytes()
    {
        var (client, songId, file) = await ReadySongAsync();
        var bytes = await File.ReadAllBytesAsync(file);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/media/songs/{songId}/audio");
        request.Headers.Range = new RangeHeaderValue(100, 1099);

        var response = await client.SendAsync(request);

        response.AssertStatus(HttpStatusCode.PartialContent);
        Assert.Equal($"bytes 100-1099/{bytes.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal("audio/flac", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes[100..1100], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task A_head_request_gets_the_headers_without_the_body()
    {
        var (client, songId, file) = await ReadySongAsync("mp3");

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/media/songs/{songId}/audio"));

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new FileInfo(file).Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_past_the_end_gets_416()
    {
        var (client, songId, file) = await ReadySongAsync();
        var length = new FileInfo(file).Length;
        var request = new HttpRequestMessage(HttpMethod.Get, $"/media/songs/{songId}/audio");
        request.Headers.Range = new RangeHeaderValue(length + 10, length + 20);

        var response = await client.SendAsync(request);

        response.AssertStatus(HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Equal($"bytes */{length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("waveform.png")]
    [InlineData("peaks.json")]
    public async Task Each_file_has_validators_and_answers_304_when_unchanged(string file)
    {
        var (client, songId, _) = await ReadySongAsync();
        var url = $"/media/songs/{songId}/{file}";

        var first = await client.GetAsync(url);
        first.AssertStatus(HttpStatusCode.OK);
        Assert.NotNull(first.Headers.ETag);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("private", first.Headers.CacheControl!.ToString());

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);
        second.AssertStatus(HttpStatusCode.NotModified);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_peaks_come_as_json_with_their_rate()
    {
        var (client, songId, _) = await ReadySongAsync("ogg");

        var response = await client.GetAsync($"/media/songs/{songId}/peaks.json");

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(100, root.GetProperty("peaksPerSecond").GetInt32());
        var count = root.GetProperty("peakCount").GetInt32();
        Assert.InRange(count, 198, 202);
        Assert.Equal(count, await _factory.QueryAsync(db => db.Songs.Select(s => s.PeakCount).SingleAsync()));
        var min = root.GetProperty("min").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var max = root.GetProperty("max").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.Equal(count, min.Count);
        Assert.Equal(count, max.Count);
        Assert.All(min.Zip(max), pair => Assert.True(pair.First <= pair.Second && pair.First >= -1 && pair.Second <= 1));
        // ffmpeg's sine source plays at 1/8 of full scale.
        Assert.InRange(max.Skip(10).Take(100).Max(), 0.1, 0.15);
    }

    [Fact]
    public async Task Signed_out_visitors_get_no_media_but_the_login_page()
    {
        var (_, songId, _) = await ReadySongAsync();
        var stranger = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var file in new[] { "audio", "waveform.png", "peaks.json" })
        {
            var response = await stranger.GetAsync($"/media/songs/{songId}/{file}");
            response.AssertStatus(HttpStatusCode.Redirect);
            Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Theory]
    [InlineData("/media/songs/999/audio")]
    [InlineData("/media/songs/0/audio")]
    [InlineData("/media/songs/-1/audio")]
    [InlineData("/media/songs/..%2F..%2Fstoryboard.db/audio")]
    [InlineData("/media/songs/1/..%2F..%2F..%2Fstoryboard.db")]
    [InlineData("/media/songs/1/audio%2F..%2F..%2Fstoryboard.db")]
    public async Task Unknown_songs_and_path_tricks_find_nothing(string url)
    {
        var (client, _, _) = await ReadySongAsync();

        var response = await client.GetAsync(url);

        response.AssertStatus(HttpStatusCode.NotFound);
        Assert.NotEqual("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_waveform_and_peaks_of_a_song_still_being_checked_are_not_there_yet()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await admin.CreateProjectAsync();
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        (await admin.UploadSongAsync(projectId, TestAudio.Sine(_files, "wav", seconds: 1))).AssertStatus(HttpStatusCode.OK);
        var songId = await _factory.QueryAsync(db => db.Songs.Select(s => s.Id).SingleAsync());

        (await admin.GetAsync($"/media/songs/{songId}/waveform.png")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/media/songs/{songId}/peaks.json")).AssertStatus(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/media/songs/{songId}/audio")).AssertStatus(HttpStatusCode.OK);
    }
}
