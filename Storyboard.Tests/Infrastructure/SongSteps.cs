using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Web.Data;

namespace Storyboard.Tests.Infrastructure;

/// <summary>What a song test checks stays put when an upload is refused.</summary>
public sealed record ProjectSnapshot(int? CurrentSongId, int SongCount, int MediaFileCount, int TempFileCount, int MediaFolderFileCount);

/// <summary>Song steps done the way a person does them: the real create form, the real upload form, the real polling.</summary>
public static class SongSteps
{
    public static async Task<int> CreateProjectAsync(this HttpClient client, string name = "Night Drive")
    {
        var page = await client.GetDocumentAsync("/Projects/Create");
        var response = await client.SubmitAsync(page.Form(), new Dictionary<string, string> { ["Input.Name"] = name });
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/Projects/Dashboard/", path);
        return int.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string DashboardUrl(int projectId) => $"/Projects/Dashboard/{projectId}";

    /// <summary>
    /// Submits the dashboard's upload form with a file, as a browser does: its fields in order (the antiforgery
    /// token first), then the file. With <paramref name="htmx"/>, as htmx does: to hx-post, with its headers.
    /// </summary>
    public static async Task<HttpResponseMessage> UploadSongAsync(this HttpClient client, int projectId, string path,
        string? fileName = null, bool htmx = false, bool chunked = false)
    {
        var dashboard = await client.GetDocumentAsync(DashboardUrl(projectId));
        var form = dashboard.Form("#song-upload-form");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }
        var input = form.QuerySelector<IHtmlInputElement>("input[type=file]#song-file")
            ?? throw new Xunit.Sdk.XunitException("The upload form has no #song-file input");
        Stream stream = File.OpenRead(path);
        if (chunked)
        {
            stream = new UnknownLengthStream(stream);
        }
        var file = new StreamContent(stream);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        // As a browser sends it; filename="" is what a form without a chosen file sends.
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
        {
            Name = Quoted(input.Name!),
            FileName = Quoted(fileName ?? Path.GetFileName(path)),
        };
        content.Add(file);

        var target = new Uri(new Uri(dashboard.Url), form.GetAttribute(htmx ? "hx-post" : "action"));
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("RequestVerificationToken", dashboard.AntiforgeryToken());
        }
        return await client.SendAsync(request);
    }

    private static string Quoted(string value) => $"\"{value.Replace("\"", "%22")}\"";

    /// <summary>Follows the status partial's polling link, as htmx does every second, until the analysis is over.</summary>
    public static async Task<IHtmlDocument> WaitForSongAsync(this HttpClient client, int projectId)
    {
        var dashboard = await client.GetDocumentAsync(DashboardUrl(projectId));
        var poll = dashboard.QuerySelector("#song-status a[hx-get]")?.GetAttribute("hx-get");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (poll is not null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, poll);
            request.Headers.Add("HX-Request", "true");
            var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            if (response.Headers.TryGetValues("HX-Retarget", out var target))
            {
                Assert.Equal("#song-panel", target.Single());
                var panel = await Html.ParseAsync(response);
                Assert.NotNull(panel.QuerySelector("section#song-panel"));
                break;
            }
            var status = await Html.ParseAsync(response);
            Assert.NotNull(status.QuerySelector("#song-status[role=status] a[hx-trigger='every 1s']"));
            Assert.True(DateTime.UtcNow < deadline, "The song was still being analysed after 30 seconds");
            await Task.Delay(100);
        }
        return await client.GetDocumentAsync(DashboardUrl(projectId));
    }

    /// <summary>Uploads and waits; returns the dashboard afterwards.</summary>
    public static async Task<IHtmlDocument> UploadReadySongAsync(this HttpClient client, int projectId, string path)
    {
        var response = await client.UploadSongAsync(projectId, path);
        response.AssertStatus(System.Net.HttpStatusCode.OK);
        return await client.WaitForSongAsync(projectId);
    }

    public static async Task<T> QueryAsync<T>(this StoryboardFactory factory, Func<StoryboardDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StoryboardDbContext>());
    }

    public static Task<ProjectSnapshot> SnapshotAsync(this StoryboardFactory factory, int projectId) =>
        factory.QueryAsync(async db => new ProjectSnapshot(
            await db.Projects.Where(p => p.Id == projectId).Select(p => p.CurrentSongId).SingleAsync(),
            await db.Songs.CountAsync(),
            await db.MediaFiles.CountAsync(),
            CountFiles(Path.Combine(factory.DataFolder, "tmp")),
            CountFiles(factory.MediaFolder)));

    private static int CountFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count() : 0;

    /// <summary>Hides the length so the client sends the body chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
