using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Delivery;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;

namespace Storyboard.Tests.Pages.Export;

public sealed class ExportPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_media_package_holds_each_clips_medium_under_media_and_lands_in_the_history_for_download_again()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await _factory.CreateProjectAsync("Night Drive");
        var chosen = await _factory.ClipAsync(projectId, "Chosen", 0, 48);
        await _factory.ClipAsync(projectId, "Drafted", 48, 48);
        var hash = await _factory.ChooseImageAsync(projectId, chosen, 30);

        var page = await admin.GetDocumentAsync($"/projects/{projectId}/export");
        Assert.Contains("Media package", page.Text("#format-package"));
        Assert.NotNull(page.QuerySelector("#no-exports"));
        var response = await admin.SubmitAsync(page.Form("#export-form"), submitSelector: "#export-package");
        response.AssertStatus(HttpStatusCode.OK);
        var after = await Html.ParseAsync(response);

        var link = after.QuerySelector("#export-made-download")!.GetAttribute("href")!;
        Assert.Single(after.QuerySelectorAll("#export-list tbody tr"));
        var download = await admin.GetAsync(link);
        download.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("night-drive.zip", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var image = Assert.Single(zip.Entries, e => e.FullName == $"media/001-chosen-{hash[..8]}.png");
        Assert.Equal(image.Length, image.CompressedLength);
        using (var stream = image.Open())
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy);
            Assert.Equal(await File.ReadAllBytesAsync(await _factory.MediaPathAsync(hash)), copy.ToArray());
        }
        var draft = Assert.Single(zip.Entries, e => e.FullName.StartsWith("media/002-drafted-draft-", StringComparison.Ordinal));
        using (var stream = draft.Open())
        {
            var header = new byte[8];
            await stream.ReadExactlyAsync(header);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        }
        var readme = Assert.Single(zip.Entries, e => e.FullName == "README.txt");
        using var reader = new StreamReader(readme.Open());
        Assert.Contains("/Users/Shared/Storyboard/night-drive", await reader.ReadToEndAsync());

        // The history keeps it: the page lists it again later, with what it left out (there is no song).
        var again = await admin.GetDocumentAsync($"/projects/{projectId}/export");
        Assert.Contains("no song", again.Text("#export-list tbody tr"));
    }

    [Fact]
    public async Task A_relative_folder_is_refused_beside_its_field_and_nothing_is_exported()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await _factory.CreateProjectAsync();
        var page = await admin.GetDocumentAsync($"/projects/{projectId}/export");

        var response = await admin.SubmitAsync(page.Form("#export-form"), new Dictionary<string, string> { ["Input.Folder"] = "../../etc" },
            submitSelector: "#export-package", headers: new Dictionary<string, string> { ["HX-Request"] = "true" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fragment = await Html.ParseAsync(response);
        Assert.Contains("absolute path", fragment.Text("#export-folder-error"));
        Assert.Equal("true", fragment.QuerySelector("#Input_Folder")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await _factory.QueryAsync(db => db.Exports.CountAsync()));
    }

    [Fact]
    public async Task A_viewer_sees_the_history_but_may_not_export()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", "Viewer");
        var projectId = await _factory.CreateProjectAsync();
        var page = await viewer.GetDocumentAsync($"/projects/{projectId}/export");
        Assert.Null(page.QuerySelector("#export-form"));
        Assert.NotNull(page.QuerySelector("#export-history"));
        var response = await viewer.PostAsync($"/projects/{projectId}/export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.AntiforgeryToken(),
            ["Input.Format"] = "package",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_an_export_removes_its_file_and_its_row()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var projectId = await _factory.CreateProjectAsync();
        var page = await admin.GetDocumentAsync($"/projects/{projectId}/export");
        var made = await Html.ParseAsync(await admin.SubmitAsync(page.Form("#export-form"), submitSelector: "#export-package"));
        var link = made.QuerySelector("#export-made-download")!.GetAttribute("href")!;

        var response = await admin.SubmitAsync(made.Form("#export-list form"));

        response.AssertStatus(HttpStatusCode.OK);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("#no-exports"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_project_is_not_found()
    {
        var admin = await _factory.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/projects/4242/export")).StatusCode);
    }
}
