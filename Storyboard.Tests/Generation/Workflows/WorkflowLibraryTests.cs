using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Workflows;

namespace Storyboard.Tests.Generation.Workflows;

/// <summary>The workflow library on the real app and SQLite file: what it stores, what it refuses, how it checks servers.</summary>
public sealed class WorkflowLibraryTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly IServiceScope _scope;
    private readonly IWorkflowLibrary _library;

    public WorkflowLibraryTests()
    {
        _scope = _factory.Services.CreateScope();
        _library = _scope.ServiceProvider.GetRequiredService<IWorkflowLibrary>();
    }

    public void Dispose()
    {
        _scope.Dispose();
        _factory.Dispose();
    }

    private async Task<int> StoredCountAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StoryboardDbContext>().CustomWorkflows.CountAsync();
    }

    private async Task<StoredWorkflow> AddAsync(string name, string json, OutputKind kind = OutputKind.Image)
    {
        var result = await _library.AddAsync(name, kind, json, null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return (await _library.GetAsync(result.Id!.Value, CancellationToken.None))!;
    }

    [Fact]
    public async Task A_valid_api_format_workflow_is_stored_as_uploaded_with_its_placeholders()
    {
        var stored = await AddAsync("  Wan I2V  ", WorkflowGraphs.WanImageToVideo, OutputKind.Video);

        Assert.Equal("Wan I2V", stored.Name);
        Assert.Equal(OutputKind.Video, stored.Kind);
        Assert.Equal(WorkflowGraphs.WanImageToVideo, stored.Json);
        Assert.Null(stored.ParseError);
        Assert.Equal(["{{prompt}}", "{{negative}}", "{{seed}}", "{{width}}", "{{height}}", "{{image}}", "{{frames}}", "{{fps}}"], stored.PlaceholderTokens);
        var listed = Assert.Single(await _library.ListAsync(CancellationToken.None));
        Assert.Equal(stored.Id, listed.Id);
    }

    [Fact]
    public async Task A_ui_format_workflow_is_refused_with_the_parsers_message_and_nothing_is_stored()
    {
        var result = await _library.AddAsync("UI save", OutputKind.Image, WorkflowGraphs.UiFormat, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("UI-format workflow", result.Errors["Json"], StringComparison.Ordinal);
        Assert.Contains("Export (API)", result.Errors["Json"], StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Theory]
    [InlineData("{\"3\": {\"class_type\": ", "The file is not valid JSON")]
    [InlineData("[1, 2, 3]", "should be a JSON object of nodes")]
    [InlineData("{\"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"filename_prefix\": \"x\"}}}", "no {{prompt}} placeholder")]
    [InlineData("   ", "Upload the workflow's .json file or paste its JSON.")]
    public async Task Bad_json_is_refused_with_a_clear_message(string json, string expected)
    {
        var result = await _library.AddAsync("Broken", OutputKind.Image, json, null, CancellationToken.None);

        Assert.Contains(expected, result.Errors["Json"], StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task A_second_workflow_with_the_same_name_whatever_its_case_is_refused()
    {
        await AddAsync("Studio look", WorkflowGraphs.SdxlImage);

        var result = await _library.AddAsync("studio LOOK", OutputKind.Image, WorkflowGraphs.SdxlImage, null, CancellationToken.None);

        Assert.Equal("A workflow named “studio LOOK” already exists.", result.Errors["Name"]);
        Assert.Equal(1, await StoredCountAsync());
    }

    [Fact]
    public async Task Names_must_be_1_to_100_characters_and_json_at_most_2_MB()
    {
        Assert.Equal("Give the workflow a name.", (await _library.AddAsync(" ", OutputKind.Image, WorkflowGraphs.SdxlImage, null, default)).Errors["Name"]);
        Assert.Contains("longer than 100", (await _library.AddAsync(new string('n', 101), OutputKind.Image, WorkflowGraphs.SdxlImage, null, default)).Errors["Name"], StringComparison.Ordinal);
        Assert.True((await _library.AddAsync(new string('n', 100), OutputKind.Image, WorkflowGraphs.SdxlImage, null, default)).Succeeded);

        var oversize = await _library.AddAsync("Huge", OutputKind.Image, WorkflowGraphs.Oversize(), null, default);
        Assert.Contains("larger than 2 MB", oversize.Errors["Json"], StringComparison.Ordinal);
        Assert.Equal(1, await StoredCountAsync());
    }

    [Fact]
    public async Task Replacing_the_graph_keeps_name_and_kind_and_a_bad_graph_changes_nothing()
    {
        var stored = await AddAsync("Swap", WorkflowGraphs.SdxlImage);

        var refused = await _library.ReplaceJsonAsync(stored.Id, WorkflowGraphs.UiFormat, default);
        Assert.Contains("UI-format", refused.Errors["Json"], StringComparison.Ordinal);
        Assert.Equal(WorkflowGraphs.SdxlImage, (await _library.GetAsync(stored.Id, default))!.Json);

        Assert.True((await _library.ReplaceJsonAsync(stored.Id, WorkflowGraphs.WanImageToVideo, default)).Succeeded);
        var replaced = (await _library.GetAsync(stored.Id, default))!;
        Assert.Equal(("Swap", OutputKind.Image, WorkflowGraphs.WanImageToVideo), (replaced.Name, replaced.Kind, replaced.Json));
        Assert.True((await _library.ReplaceJsonAsync(999, WorkflowGraphs.SdxlImage, default)).NotFound);
    }

    [Fact]
    public async Task Deleting_removes_the_workflow_once()
    {
        var stored = await AddAsync("Gone", WorkflowGraphs.SdxlImage);

        Assert.True(await _library.DeleteAsync(stored.Id, default));
        Assert.False(await _library.DeleteAsync(stored.Id, default));
        Assert.Null(await _library.GetAsync(stored.Id, default));
    }

    [Fact]
    public async Task Checked_against_a_server_without_a_node_the_problem_names_that_node()
    {
        var stored = await AddAsync("Wan I2V", WorkflowGraphs.WanImageToVideo, OutputKind.Video);
        var laptop = await _factory.AddServerAsync("Laptop", WorkflowGraphs.CatalogWithout("WanImageToVideo"));

        var check = _library.Check(stored, laptop);

        Assert.Equal(WorkflowCheckState.Problems, check.State);
        Assert.Contains(check.Problems, p => p.NodeId == "50" && p.Input is null && p.Message.Contains("'WanImageToVideo' is not installed", StringComparison.Ordinal));
        Assert.StartsWith("missing node WanImageToVideo", check.Summary, StringComparison.Ordinal);
        Assert.Equal("Laptop", check.ServerName);
    }

    [Fact]
    public async Task Checked_against_a_server_that_has_everything_it_is_ready()
    {
        var stored = await AddAsync("Wan I2V", WorkflowGraphs.WanImageToVideo, OutputKind.Video);
        var studio = await _factory.AddServerAsync("Studio 4090", Fixtures.Catalog());

        var check = _library.Check(stored, studio);

        Assert.Equal((WorkflowCheckState.Ready, "ready"), (check.State, check.Summary));
        Assert.Empty(check.Problems);
        Assert.True(check.IsReady);
    }

    [Fact]
    public async Task A_missing_model_is_reported_on_its_node_and_input()
    {
        var stored = await AddAsync("Other checkpoint", WorkflowGraphs.SdxlImage.Replace("sd_xl_base_1.0.safetensors", "juggernautXL_v9.safetensors", StringComparison.Ordinal));
        var studio = await _factory.AddServerAsync("Studio 4090", Fixtures.Catalog());

        var problem = Assert.Single(_library.Check(stored, studio).Problems);

        Assert.Equal(("4", "ckpt_name"), (problem.NodeId, problem.Input));
        Assert.Contains("juggernautXL_v9.safetensors", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_server_or_one_whose_catalogue_is_unread_is_not_checked()
    {
        var stored = await AddAsync("Wan I2V", WorkflowGraphs.WanImageToVideo, OutputKind.Video);

        var unknown = _library.Check(stored, 4242);

        Assert.Equal(WorkflowCheckState.NotChecked, unknown.State);
        Assert.Contains("catalogue has not been read yet", unknown.Summary, StringComparison.Ordinal);
        Assert.Empty(unknown.Problems);
        Assert.False(unknown.IsReady);
    }

    [Fact]
    public async Task Every_known_server_is_listed_with_its_verdict()
    {
        var stored = await AddAsync("Wan I2V", WorkflowGraphs.WanImageToVideo, OutputKind.Video);
        await _factory.AddServerAsync("Studio 4090", Fixtures.Catalog());
        await _factory.AddServerAsync("laptop", WorkflowGraphs.CatalogWithout("WanImageToVideo"));
        await _factory.AddServerAsync("Attic", null, GpuServerStatus.Offline);

        var checks = await _library.CheckEverywhereAsync(stored, default);

        Assert.Equal(["Attic: not checked: the server is offline", "laptop: missing node WanImageToVideo", "Studio 4090: ready"],
            checks.Select(c => $"{c.ServerName}: {c.Summary}"));
    }
}
