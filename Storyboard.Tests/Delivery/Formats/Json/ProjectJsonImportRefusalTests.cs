using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Gallery;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Delivery.Formats.Json;

namespace Storyboard.Tests.Delivery.Formats.Json;

/// <summary>Every way a file can be wrong is refused with a message that says where, and creates nothing.</summary>
public sealed class ProjectJsonImportRefusalTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>A small valid export: one scene with a clip and its alternate, no song.</summary>
    private async Task<JsonNode> SmallExportAsync()
    {
        var projectId = await _factory.CreateProjectAsync("Small");
        var scene = (await _factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Verse", 0, 48), null, default))).Ids[0];
        var clip = (await _factory.TimelineAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Shot", 0, 24, scene), null, default))).Ids[0];
        Assert.True((await _factory.TimelineAsync(t => t.CreateClipAlternateAsync(projectId, clip, null, default))).Succeeded);
        var (json, _) = await ProjectJsonSteps.ExportAsync(_factory, projectId);
        return JsonNode.Parse(json)!;
    }

    private async Task<ProjectImportResult> RefusedAsync(byte[] file, ProjectImportFailure failure)
    {
        var before = await ProjectJsonSteps.CountsAsync(_factory);
        var result = await ProjectJsonSteps.ImportAsync(_factory, file);
        Assert.False(result.Succeeded);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(before, await ProjectJsonSteps.CountsAsync(_factory));
        return result;
    }

    private Task<ProjectImportResult> RefusedAsync(JsonNode document) =>
        RefusedAsync(Encoding.UTF8.GetBytes(document.ToJsonString()), ProjectImportFailure.Invalid);

    [Fact]
    public async Task Malformed_json_is_refused_with_its_line()
    {
        await SmallExportAsync();
        var result = await RefusedAsync(Encoding.UTF8.GetBytes("{\n  \"schemaVersion\": 1,\n  \"project\": {\n"), ProjectImportFailure.NotJson);
        var message = Assert.Single(result.Errors).Value;
        Assert.StartsWith("The file is not valid JSON (line", message);
    }

    [Fact]
    public async Task A_newer_schema_version_is_refused_and_named()
    {
        var document = await SmallExportAsync();
        document["schemaVersion"] = 2;
        var result = await RefusedAsync(document);
        Assert.Contains("schema version 2", result.Errors["schemaVersion"]);
        Assert.Contains("reads version 1", result.Errors["schemaVersion"]);
    }

    [Fact]
    public async Task Json_that_is_not_a_storyboard_file_is_refused()
    {
        await SmallExportAsync();
        var result = await RefusedAsync(Encoding.UTF8.GetBytes("{\"OTIO_SCHEMA\": \"Timeline.1\"}"), ProjectImportFailure.Invalid);
        Assert.Contains("not a Storyboard project file", result.Errors["app"]);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_parsed()
    {
        await SmallExportAsync();
        var huge = new byte[ProjectImport.MaxFileBytes + 1];
        Array.Fill(huge, (byte)' ');
        var result = await RefusedAsync(huge, ProjectImportFailure.TooLarge);
        Assert.Contains("20 MB", result.Errors[""]);
    }

    [Fact]
    public async Task A_clip_of_an_unknown_scene_key_is_refused_naming_the_clip_and_the_key()
    {
        var document = await SmallExportAsync();
        document["clips"]![0]!["scene"] = "scene-99";
        var result = await RefusedAsync(document);
        Assert.Equal("Clip clip-1 “Shot” belongs to scene “scene-99”, which is not in the file.", result.Errors["clips[0].scene"]);
    }

    [Fact]
    public async Task An_alternate_of_an_unknown_clip_key_is_refused()
    {
        var document = await SmallExportAsync();
        document["clips"]![1]!["original"] = "clip-42";
        var result = await RefusedAsync(document);
        Assert.Contains("clip-42", result.Errors["clips[1].original"]);
    }

    [Fact]
    public async Task A_negative_start_is_refused_with_the_timeline_rule()
    {
        var document = await SmallExportAsync();
        document["clips"]![0]!["startFrame"] = -5;
        var result = await RefusedAsync(document);
        Assert.Equal("The start cannot be before the beginning of the song.", result.Errors["clips[0].startFrame"]);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_refused_listing_the_allowed_ones()
    {
        var document = await SmallExportAsync();
        document["clips"]![0]!["shotSize"] = "Huge";
        document["scenes"]![0]!["section"] = "3";
        var result = await RefusedAsync(document);
        Assert.StartsWith("“Huge” is not a shot size: use one of Unset, ExtremeCloseUp", result.Errors["clips[0].shotSize"]);
        Assert.StartsWith("“3” is not a section", result.Errors["scenes[0].section"]);
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_refused_with_its_path()
    {
        var document = await SmallExportAsync();
        document["scenes"]![0]!["createdAt"] = "yesterday";
        var result = await RefusedAsync(document);
        Assert.Contains("a date and time", result.Errors["scenes[0].createdAt"]);
    }

    [Fact]
    public async Task A_missing_or_null_value_is_refused_with_its_path()
    {
        var document = await SmallExportAsync();
        document["clips"]![0]!.AsObject().Remove("name");
        var missing = await RefusedAsync(document);
        Assert.Contains("name", Assert.Single(missing.Errors).Value);

        document = await SmallExportAsync();
        document["project"]!["name"] = null;
        var nulled = await RefusedAsync(document);
        Assert.Contains("cannot be null", nulled.Errors["project.name"]);
    }

    [Fact]
    public async Task A_frame_rate_the_app_does_not_offer_is_refused()
    {
        var document = await SmallExportAsync();
        document["project"]!["frameRate"]!["numerator"] = 17;
        var result = await RefusedAsync(document);
        Assert.Contains("23.976", result.Errors["project.frameRate"]);
    }

    [Fact]
    public async Task A_seed_that_is_not_an_unsigned_64_bit_number_is_refused()
    {
        var document = await SmallExportAsync();
        var projectId = await _factory.QueryAsync(db => db.Projects.Where(p => p.Name == "Small").Select(p => p.Id).SingleAsync());
        var clipId = await _factory.QueryAsync(db => db.Clips.Where(c => c.ProjectId == projectId).Select(c => c.Id).FirstAsync());
        await GallerySeed.AddAsync(_factory, projectId, clipId, seed: 3);
        document = JsonNode.Parse((await ProjectJsonSteps.ExportAsync(_factory, projectId)).Json)!;
        document["generations"]![0]!["seed"] = "18446744073709551616";
        var result = await RefusedAsync(document);
        Assert.Contains("18446744073709551615", result.Errors["generations[0].seed"]);
    }

    [Fact]
    public async Task The_same_key_twice_is_refused()
    {
        var document = await SmallExportAsync();
        document["clips"]![1]!["key"] = "clip-1";
        var result = await RefusedAsync(document);
        Assert.Equal("The key “clip-1” is used twice.", result.Errors["clips[1].key"]);
    }
}
