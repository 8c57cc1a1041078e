using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;

namespace Storyboard.Tests.Delivery.Formats.Json;

public sealed class ProjectImportPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<string> SmallExportAsync(string name = "Imported “Night” 🌙")
    {
        var projectId = await _factory.CreateProjectAsync(name);
        var scene = (await _factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Verse", 0, 48), null, default))).Ids[0];
        await _factory.TimelineAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Shot", 0, 24, scene), null, default));
        return (await ProjectJsonSteps.ExportAsync(_factory, projectId)).Json;
    }

    [Fact]
    public async Task The_page_has_a_labelled_file_input_with_its_limit()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var page = await admin.GetDocumentAsync("/Projects/Import");
        var input = page.QuerySelector<IHtmlInputElement>("#import-form input[type=file]#import-file")!;
        Assert.Equal("Project file", page.Text("label[for=import-file]"));
        Assert.Contains("import-file-hint", input.GetAttribute("aria-describedby"));
        Assert.Contains("20 MB", page.Text("#import-file-hint"));
        Assert.Equal("multipart/form-data", page.Form("#import-form").Enctype);
    }

    [Fact]
    public async Task Importing_a_file_opens_the_new_project_with_a_message()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var json = await SmallExportAsync();

        var response = await admin.SubmitImportAsync(Encoding.UTF8.GetBytes(json), "night.json");

        response.AssertStatus(HttpStatusCode.OK);
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/Projects/Dashboard/", path);
        var dashboard = await Html.ParseAsync(response);
        Assert.Contains("The project is imported.", dashboard.Text("#flash"));
        Assert.Contains("Imported “Night” 🌙", dashboard.Text("h1"));
        var id = int.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, await _factory.QueryAsync(db => db.Projects.CountAsync(p => p.Name == "Imported “Night” 🌙")));
        Assert.Equal(["Shot"], await _factory.QueryAsync(db => db.Clips.Where(c => c.ProjectId == id).Select(c => c.Name).ToListAsync()));
    }

    [Fact]
    public async Task A_wrong_file_shows_each_problem_at_the_input_and_creates_nothing()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var document = JsonNode.Parse(await SmallExportAsync())!;
        document["clips"]![0]!["scene"] = "scene-99";
        document["clips"]![0]!["startFrame"] = -1;
        var before = await ProjectJsonSteps.CountsAsync(_factory);

        var response = await admin.SubmitImportAsync(Encoding.UTF8.GetBytes(document.ToJsonString()), "broken.json");

        response.AssertStatus(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        Assert.Equal("/Projects/Import", response.RequestMessage!.RequestUri!.AbsolutePath);
        var input = page.QuerySelector<IHtmlInputElement>("#import-file")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("import-errors", input.GetAttribute("aria-describedby"));
        Assert.Contains("2 problems", page.Text("#ProjectFile-error"));
        var problems = page.QuerySelectorAll("#import-errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(problems, p => p.StartsWith("clips[0].scene: Clip clip-1 “Shot” belongs to scene “scene-99”", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("clips[0].startFrame: The start cannot be before", StringComparison.Ordinal));
        Assert.Equal(before, await ProjectJsonSteps.CountsAsync(_factory));
    }

    [Theory]
    [InlineData("notes.txt", "{}", "is not a .json file")]
    [InlineData("broken.json", "{ \"schemaVersion\": ", "not valid JSON")]
    [InlineData("empty.json", "", "The file is empty.")]
    public async Task A_file_that_is_not_a_project_file_is_refused_with_one_message(string fileName, string content, string expected)
    {
        var admin = await _factory.CreateAdminClientAsync();
        var before = await ProjectJsonSteps.CountsAsync(_factory);

        var response = await admin.SubmitImportAsync(Encoding.UTF8.GetBytes(content), fileName);

        var page = await Html.ParseAsync(response);
        Assert.Contains(expected, page.Text("#ProjectFile-error"));
        Assert.Null(page.QuerySelector("#import-errors"));
        Assert.Equal(before, await ProjectJsonSteps.CountsAsync(_factory));
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_the_limit()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var huge = Encoding.UTF8.GetBytes(new string(' ', 21 * 1024 * 1024));
        var before = await ProjectJsonSteps.CountsAsync(_factory);

        var response = await admin.SubmitImportAsync(huge, "huge.json");

        var page = await Html.ParseAsync(response);
        Assert.Contains("larger than the 20 MB limit", page.Text("#ProjectFile-error"));
        Assert.Equal(before, await ProjectJsonSteps.CountsAsync(_factory));
    }

    [Fact]
    public async Task Viewers_cannot_import()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", "Viewer");
        var response = await viewer.GetAsync("/Projects/Import");
        Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
