using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Storyboard.Tests.Generation;
using Storyboard.Tests.Generation.Workflows;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Workflows;

/// <summary>
/// /Workflows: editors upload an "Export (API)" file or paste its JSON; everyone signed in sees each workflow's
/// placeholders and whether each ComfyUI server can run it; the details name every problem by node and input.
/// </summary>
public sealed class WorkflowsPageTests : IAsyncLifetime
{
    private readonly StoryboardFactory _factory = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _admin = await _factory.CreateAdminClientAsync();
        await _factory.AddServerAsync("Studio 4090", Fixtures.Catalog());
        await _factory.AddServerAsync("Laptop", WorkflowGraphs.CatalogWithout("WanImageToVideo"));
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Posts the real form as multipart, as a browser does, with <paramref name="file"/> in its file input.</summary>
    private static Task<HttpResponseMessage> SubmitWithFileAsync(HttpClient client, IHtmlFormElement form, IDictionary<string, string> values,
        string fileName, byte[] file, IDictionary<string, string>? headers = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (name is null)
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "file" }:
                    content.Add(new ByteArrayContent(file), name, fileName);
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" } check:
                    if (values.TryGetValue(name, out var chosen) ? check.Value == chosen : check.IsChecked)
                    {
                        content.Add(new StringContent(check.Value), name);
                    }
                    break;
                case IHtmlInputElement input:
                    content.Add(new StringContent(values.TryGetValue(name, out var typed) ? typed : input.Value), name);
                    break;
                case IHtmlTextAreaElement area:
                    content.Add(new StringContent(values.TryGetValue(name, out var pasted) ? pasted : area.Value), name);
                    break;
            }
        }
        var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = content };
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }
        return client.SendAsync(request);
    }

    private async Task<IHtmlDocument> PasteAsync(string name, string json, string kind = "Image")
    {
        var page = await _admin.GetDocumentAsync("/workflows");
        return await Html.ParseAsync(await _admin.SubmitAsync(page.Form("#workflow-form"), new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Kind"] = kind, ["Input.Json"] = json,
        }));
    }

    private static string Checks(IHtmlDocument page, string workflow) =>
        string.Join(" | ", page.QuerySelectorAll("#workflow-list tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == workflow)
            .QuerySelectorAll(".workflow-checks li").Select(li => li.TextContent.Trim()));

    [Fact]
    public async Task An_editor_uploads_a_json_file_and_sees_it_listed_with_its_placeholders_and_each_servers_verdict()
    {
        var page = await _admin.GetDocumentAsync("/workflows");
        Assert.NotNull(page.QuerySelector("#nav-workflows[aria-current=page]"));
        Assert.Equal("0 workflows", page.Text("#workflow-list-heading"));
        Assert.Equal(".json,application/json", page.QuerySelector("#workflow-form input[type=file]")!.GetAttribute("accept"));

        var response = await SubmitWithFileAsync(_admin, page.Form("#workflow-form"),
            new Dictionary<string, string> { ["Input.Name"] = "Wan I2V", ["Input.Kind"] = "Video" },
            "wan_i2v_api.json", Encoding.UTF8.GetBytes(WorkflowGraphs.WanImageToVideo));
        var listed = await Html.ParseAsync(response);

        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("/workflows", response.RequestMessage!.RequestUri!.AbsolutePath, ignoreCase: true);
        Assert.Equal("“Wan I2V” is saved. Laptop: missing node WanImageToVideo · Studio 4090: ready", listed.Text("#flash"));
        var row = listed.QuerySelector("#workflow-list tbody tr")!;
        Assert.Equal("Videos", row.QuerySelectorAll("td")[0].TextContent.Trim());
        Assert.Equal("{{prompt}} {{negative}} {{seed}} {{width}} {{height}} {{image}} {{frames}} {{fps}}", row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal("Laptop: missing node WanImageToVideo | Studio 4090: ready", Checks(listed, "Wan I2V"));
    }

    [Fact]
    public async Task Pasted_json_is_saved_too()
    {
        var listed = await PasteAsync("SDXL look", WorkflowGraphs.SdxlImage);

        Assert.Equal("1 workflow", listed.Text("#workflow-list-heading"));
        Assert.Equal("Laptop: ready | Studio 4090: ready", Checks(listed, "SDXL look"));
    }

    [Fact]
    public async Task A_ui_format_file_is_refused_on_the_file_field_with_the_parsers_message()
    {
        var page = await _admin.GetDocumentAsync("/workflows");
        var response = await SubmitWithFileAsync(_admin, page.Form("#workflow-form"), new Dictionary<string, string> { ["Input.Name"] = "UI save" },
            "workflow.json", Encoding.UTF8.GetBytes(WorkflowGraphs.UiFormat));
        var refused = await Html.ParseAsync(response);

        response.AssertStatus(HttpStatusCode.UnprocessableEntity);
        var file = refused.QuerySelector("#workflow-form input[type=file]")!;
        Assert.Equal("true", file.GetAttribute("aria-invalid"));
        var error = refused.GetElementById(file.GetAttribute("aria-describedby")!)!;
        Assert.Contains("UI-format workflow", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("Export (API)", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("UI save", refused.QuerySelector<IHtmlInputElement>("#workflow-form [name='Input.Name']")!.Value);
        Assert.Equal("0 workflows", refused.Text("#workflow-list-heading"));
    }

    [Fact]
    public async Task Invalid_pasted_json_a_missing_name_a_duplicate_and_an_oversize_file_are_refused_on_their_fields()
    {
        var invalid = await PasteAsync("Broken", "{\"3\": ");
        Assert.Contains("not valid JSON", FieldError(invalid, "Input.Json"), StringComparison.Ordinal);

        var unnamed = await PasteAsync("", WorkflowGraphs.SdxlImage);
        Assert.Equal("Give the workflow a name.", FieldError(unnamed, "Input.Name"));

        await PasteAsync("SDXL look", WorkflowGraphs.SdxlImage);
        var duplicate = await PasteAsync("SDXL look", WorkflowGraphs.SdxlImage);
        Assert.Equal("A workflow named “SDXL look” already exists.", FieldError(duplicate, "Input.Name"));

        var page = await _admin.GetDocumentAsync("/workflows");
        var oversize = await Html.ParseAsync(await SubmitWithFileAsync(_admin, page.Form("#workflow-form"),
            new Dictionary<string, string> { ["Input.Name"] = "Huge" }, "huge.json", Encoding.UTF8.GetBytes(WorkflowGraphs.Oversize())));
        Assert.Contains("larger than 2 MB", FieldError(oversize, "Input.File"), StringComparison.Ordinal);

        Assert.Equal("1 workflow", oversize.Text("#workflow-list-heading"));
    }

    private static string FieldError(IHtmlDocument page, string field)
    {
        var input = page.QuerySelector($"#workflow-form [name='{field}']") ?? throw new Xunit.Sdk.XunitException($"No field {field}");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        return page.GetElementById(input.GetAttribute("aria-describedby")!)!.TextContent.Trim();
    }

    [Fact]
    public async Task With_htmx_a_save_answers_the_library_fragment_with_the_flash_out_of_band_and_a_refusal_answers_422()
    {
        var page = await _admin.GetDocumentAsync("/workflows");
        var htmx = new Dictionary<string, string> { ["HX-Request"] = "true", ["RequestVerificationToken"] = page.AntiforgeryToken() };

        var response = await _admin.SubmitAsync(page.Form("#workflow-form"),
            new Dictionary<string, string> { ["Input.Name"] = "SDXL look", ["Input.Json"] = WorkflowGraphs.SdxlImage }, headers: htmx);
        var fragment = await Html.ParseAsync(response);
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.NotNull(fragment.QuerySelector("#workflow-library #workflow-list"));
        Assert.Contains("“SDXL look” is saved.", fragment.QuerySelector("#flash[hx-swap-oob]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", fragment.QuerySelector<IHtmlInputElement>("[name='Input.Name']")!.Value);

        var refused = await _admin.SubmitAsync(page.Form("#workflow-form"),
            new Dictionary<string, string> { ["Input.Name"] = "UI", ["Input.Json"] = WorkflowGraphs.UiFormat }, headers: htmx);
        refused.AssertStatus(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull((await Html.ParseAsync(refused)).QuerySelector("#workflow-library [aria-invalid=true][name='Input.Json']"));
    }

    [Fact]
    public async Task The_details_page_names_each_problem_by_node_and_input_and_where_the_placeholders_sit()
    {
        await PasteAsync("Wan I2V", WorkflowGraphs.WanImageToVideo, "Video");
        var list = await _admin.GetDocumentAsync("/workflows");
        var details = await _admin.GetDocumentAsync(list.QuerySelector<IHtmlAnchorElement>("#workflow-list tbody th a")!.Href);

        Assert.Equal("Wan I2V", details.Text("main h1"));
        var laptop = details.QuerySelectorAll(".workflow-check").Single(s => s.TextContent.Contains("Laptop", StringComparison.Ordinal));
        Assert.Equal("Laptop: missing node WanImageToVideo", laptop.Text("h3"));
        var cells = laptop.QuerySelectorAll("tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains(cells, c => c.StartsWith("50 | – | node class 'WanImageToVideo' is not installed", StringComparison.Ordinal));
        var studio = details.QuerySelectorAll(".workflow-check").Single(s => s.TextContent.Contains("Studio 4090", StringComparison.Ordinal));
        Assert.Equal("Studio 4090: ready", studio.Text("h3"));
        Assert.Null(studio.QuerySelector("table"));

        var uses = details.QuerySelectorAll("#workflow-placeholders tbody tr").Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("{{image}} 52 image the whole value", uses);
        Assert.Contains("{{frames}} 50 length the whole value", uses);
    }

    [Fact]
    public async Task Replacing_the_graph_on_the_details_page_rechecks_it()
    {
        await PasteAsync("Swap", WorkflowGraphs.WanImageToVideo, "Video");
        var list = await _admin.GetDocumentAsync("/workflows");
        var details = await _admin.GetDocumentAsync(list.QuerySelector<IHtmlAnchorElement>("#workflow-list tbody th a")!.Href);

        var refused = await _admin.SubmitAsync(details.Form("#replace-workflow-form"), new Dictionary<string, string> { ["Input.Json"] = "nope" });
        refused.AssertStatus(HttpStatusCode.UnprocessableEntity);

        var replaced = await Html.ParseAsync(await _admin.SubmitAsync(details.Form("#replace-workflow-form"),
            new Dictionary<string, string> { ["Input.Json"] = WorkflowGraphs.SdxlImage }));
        Assert.Equal("The graph of “Swap” is replaced. Laptop: ready · Studio 4090: ready", replaced.Text("#flash"));
        Assert.Equal(["Laptop: ready", "Studio 4090: ready"], replaced.QuerySelectorAll(".workflow-check h3").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Deleting_asks_for_confirmation_then_removes_the_workflow()
    {
        await PasteAsync("Gone soon", WorkflowGraphs.SdxlImage);
        var list = await _admin.GetDocumentAsync("/workflows");
        var confirm = await _admin.GetDocumentAsync(list.QuerySelector<IHtmlAnchorElement>("[id^=delete-workflow-]")!.Href);
        Assert.Equal("Delete “Gone soon”?", confirm.Text("main h1"));
        Assert.Equal("1 workflow", (await _admin.GetDocumentAsync("/workflows")).Text("#workflow-list-heading"));

        var deleted = await Html.ParseAsync(await _admin.SubmitAsync(confirm.Form("#delete-workflow-form")));

        Assert.Equal("“Gone soon” is deleted.", deleted.Text("#flash"));
        Assert.Equal("0 workflows", deleted.Text("#workflow-list-heading"));
        (await _admin.PostAsync(confirm.Form("#delete-workflow-form").Action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirm.AntiforgeryToken(),
        }))).AssertStatus(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_reads_the_list_and_details_but_cannot_add_replace_or_delete()
    {
        await PasteAsync("SDXL look", WorkflowGraphs.SdxlImage);
        var viewer = await _factory.CreateUserClientAsync(_admin, "vera", Roles.Viewer);

        var page = await viewer.GetDocumentAsync("/workflows");
        Assert.NotNull(page.QuerySelector("#nav-workflows"));
        Assert.Equal("Laptop: ready | Studio 4090: ready", Checks(page, "SDXL look"));
        Assert.Null(page.QuerySelector("#workflow-form"));
        Assert.Null(page.QuerySelector("[id^=delete-workflow-]"));
        var detailsUrl = page.QuerySelector<IHtmlAnchorElement>("#workflow-list tbody th a")!.Href;
        var details = await viewer.GetDocumentAsync(detailsUrl);
        Assert.Null(details.QuerySelector("#replace-workflow-form"));

        var token = page.AntiforgeryToken();
        var add = await viewer.PostAsync("/Workflows", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Sneaky", ["Input.Json"] = WorkflowGraphs.SdxlImage, ["__RequestVerificationToken"] = token,
        }));
        add.AssertStatus(HttpStatusCode.Forbidden);
        var replace = await viewer.PostAsync(detailsUrl + "?handler=Replace", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Json"] = WorkflowGraphs.WanImageToVideo, ["__RequestVerificationToken"] = token,
        }));
        replace.AssertStatus(HttpStatusCode.Forbidden);
        var id = detailsUrl[(detailsUrl.LastIndexOf('/') + 1)..];
        var delete = await viewer.PostAsync($"/Workflows/Delete/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.NotEqual(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("1 workflow", (await _admin.GetDocumentAsync("/workflows")).Text("#workflow-list-heading"));
        Assert.Equal(["Laptop: ready", "Studio 4090: ready"], (await _admin.GetDocumentAsync(detailsUrl)).QuerySelectorAll(".workflow-check h3").Select(h => h.TextContent.Trim()));
    }
}
