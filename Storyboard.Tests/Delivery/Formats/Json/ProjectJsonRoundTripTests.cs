using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats.Json;

public sealed class ProjectJsonRoundTripTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();
    private readonly string _files = TestFolders.Create("project-json");

    public void Dispose()
    {
        _factory.Dispose();
        TestFolders.TryDelete(_files);
    }

    [Fact]
    public async Task Exporting_importing_and_exporting_again_gives_the_same_document()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var rich = await ProjectJsonSteps.CreateRichProjectAsync(_factory, admin, _files);

        var (first, notices) = await ProjectJsonSteps.ExportAsync(_factory, rich.ProjectId);
        Assert.Contains("1 generation of a deleted clip is left out.", notices);
        var imported = await ProjectJsonSteps.ImportAsync(_factory, first);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(e => $"{e.Key}={e.Value}")));
        Assert.Empty(imported.Notices);
        Assert.NotEqual(rich.ProjectId, imported.ProjectId);
        var (second, _) = await ProjectJsonSteps.ExportAsync(_factory, imported.ProjectId!.Value);

        var expected = ProjectJsonSteps.Comparable(first);
        var actual = ProjectJsonSteps.Comparable(second);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"The second export differs from the first.\nFirst:\n{expected}\nSecond:\n{actual}");
    }

    [Fact]
    public async Task The_file_holds_settings_song_analysis_scenes_clips_alternates_and_generations_by_export_keys()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var rich = await ProjectJsonSteps.CreateRichProjectAsync(_factory, admin, _files);
        var (json, _) = await ProjectJsonSteps.ExportAsync(_factory, rich.ProjectId);
        var root = JsonDocument.Parse(json).RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("Storyboard", root.GetProperty("app").GetString());
        Assert.True(root.GetProperty("exportedAt").TryGetDateTimeOffset(out _));
        var project = root.GetProperty("project");
        Assert.Equal(ProjectJsonSteps.Name, project.GetProperty("name").GetString());
        Assert.Equal((24, 1), (project.GetProperty("frameRate").GetProperty("numerator").GetInt32(), project.GetProperty("frameRate").GetProperty("denominator").GetInt32()));
        Assert.Equal((1920, 1080), (project.GetProperty("width").GetInt32(), project.GetProperty("height").GetInt32()));

        var song = root.GetProperty("song");
        var stored = await _factory.QueryAsync(db => db.Songs.SingleAsync(s => s.ProjectId == rich.ProjectId));
        Assert.Equal(stored.MediaHash, song.GetProperty("mediaHash").GetString());
        Assert.Equal("mp3", Path.GetExtension(song.GetProperty("fileName").GetString())!.TrimStart('.'));
        Assert.Equal(stored.DurationMicroseconds, song.GetProperty("durationMicroseconds").GetInt64());
        Assert.Equal(100, song.GetProperty("analysis").GetProperty("peaksPerSecond").GetInt32());
        Assert.Equal(stored.PeakCount, song.GetProperty("analysis").GetProperty("peakCount").GetInt32());

        var scenes = root.GetProperty("scenes").EnumerateArray().ToList();
        Assert.Equal(["scene-1", "scene-2", "scene-3", "scene-4"], scenes.Select(s => s.GetProperty("key").GetString()));
        var verse = scenes.Single(s => s.GetProperty("name").GetString() == "Verse “1” 🎤" && s.GetProperty("takeNumber").GetInt32() == 0);
        var alternate = scenes.Single(s => s.GetProperty("original").ValueKind == JsonValueKind.String);
        Assert.Equal(verse.GetProperty("key").GetString(), alternate.GetProperty("original").GetString());
        Assert.Equal(1, alternate.GetProperty("takeNumber").GetInt32());
        Assert.Equal("Lights\non the road", verse.GetProperty("lyrics").GetString());
        Assert.Single(scenes, s => s.GetProperty("deletedAt").ValueKind == JsonValueKind.String && s.GetProperty("name").GetString() == "Outro");
        Assert.Contains(scenes, s => s.GetProperty("section").GetString() == "Custom" && s.GetProperty("customSection").GetString() == "Drop & rise");

        var clips = root.GetProperty("clips").EnumerateArray().ToList();
        var keys = clips.Select(c => c.GetProperty("key").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, clips.Count).Select(i => $"clip-{i}"), keys);
        var shot = clips.Single(c => c.GetProperty("name").GetString() == "Shot “A” 🚗" && c.GetProperty("takeNumber").GetInt32() == 0 &&
            c.GetProperty("scene").GetString() == verse.GetProperty("key").GetString());
        Assert.Equal(verse.GetProperty("key").GetString(), shot.GetProperty("scene").GetString());
        Assert.Equal(("WideShot", "DollyIn", "FadeFromBlack", 12), (shot.GetProperty("shotSize").GetString(), shot.GetProperty("cameraMove").GetString(),
            shot.GetProperty("transitionIn").GetString(), shot.GetProperty("transitionFrames").GetInt32()));
        var chosenHash = shot.GetProperty("chosenImageHash").GetString();
        Assert.Single(clips, c => c.GetProperty("original").GetString() == shot.GetProperty("key").GetString());
        Assert.Contains(clips, c => c.GetProperty("lyrics").GetString() == "Into the night 🌙");
        Assert.DoesNotContain(clips, c => c.GetProperty("name").GetString() == "Cut later");

        var generations = root.GetProperty("generations").EnumerateArray().ToList();
        Assert.Equal(3, generations.Count);
        Assert.All(generations, g => Assert.Equal(shot.GetProperty("key").GetString(), g.GetProperty("clip").GetString()));
        var chosen = generations.Single(g => g.GetProperty("mediaHash").GetString() == chosenHash);
        Assert.Equal("18446744073709551615", chosen.GetProperty("seed").GetString());
        Assert.Equal(("flux1-dev.safetensors", "Studio GPU", 4), (chosen.GetProperty("model").GetString(), chosen.GetProperty("source").GetString(), chosen.GetProperty("rating").GetInt32()));
        Assert.Equal("a fox", chosen.GetProperty("parameters").GetProperty("prompt").GetString());
        Assert.Equal("KSampler", chosen.GetProperty("graph").GetProperty("3").GetProperty("class_type").GetString());
        Assert.Single(generations, g => g.GetProperty("deletedAt").ValueKind == JsonValueKind.String);
        var video = generations.Single(g => g.GetProperty("kind").GetString() == "Video");
        Assert.Matches("^[0-9a-f]{64}$", video.GetProperty("posterHash").GetString()!);
        Assert.Equal(2_000_000, video.GetProperty("durationMicroseconds").GetInt64());
    }

    [Fact]
    public async Task An_imported_project_is_new_owned_by_the_importer_and_starts_with_an_empty_history()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var rich = await ProjectJsonSteps.CreateRichProjectAsync(_factory, admin, _files);
        var (json, _) = await ProjectJsonSteps.ExportAsync(_factory, rich.ProjectId);
        var userId = await _factory.QueryAsync(db => db.Users.Select(u => u.Id).SingleAsync());

        var result = await ProjectJsonSteps.ImportAsync(_factory, json, userId);

        var id = result.ProjectId!.Value;
        var project = await _factory.QueryAsync(db => db.Projects.Include(p => p.CurrentSong).SingleAsync(p => p.Id == id));
        Assert.Equal(ProjectJsonSteps.Name, project.Name);
        Assert.Equal(userId, project.CreatedById);
        Assert.Equal(SongStatus.Ready, project.CurrentSong!.Status);
        Assert.Equal(0, await _factory.QueryAsync(db => db.TimelineEdits.CountAsync(e => e.ProjectId == id)));
        Assert.True(await _factory.QueryAsync(db => db.TimelineEdits.AnyAsync(e => e.ProjectId == rich.ProjectId)));
        var originalIds = await _factory.QueryAsync(db => db.Clips.Where(c => c.ProjectId == rich.ProjectId).Select(c => c.Id).ToListAsync());
        var newClips = await _factory.QueryAsync(db => db.Clips.Where(c => c.ProjectId == id).ToListAsync());
        Assert.Equal(originalIds.Count, newClips.Count);
        Assert.DoesNotContain(newClips, c => originalIds.Contains(c.Id));
        Assert.All(newClips.Where(c => c.OriginalId is not null), c => Assert.Contains(newClips, o => o.Id == c.OriginalId));
        var timeline = await Storyboard.Tests.Timeline.TimelineSteps.ViewAsync(_factory, id);
        Assert.Contains(timeline.Clips, c => c.Name == "Shot “A” 🚗");
    }

    [Fact]
    public async Task Media_and_a_song_this_instance_lacks_are_left_out_and_counted_in_a_notice()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var rich = await ProjectJsonSteps.CreateRichProjectAsync(_factory, admin, _files);
        var (json, _) = await ProjectJsonSteps.ExportAsync(_factory, rich.ProjectId);
        var node = JsonNode.Parse(json)!;
        var absentImage = new string('c', 64);
        var absentSong = new string('d', 64);
        var shot = node["clips"]!.AsArray().Single(c => (string?)c!["chosenImageHash"] is not null)!;
        shot["chosenImageHash"] = absentImage;
        node["generations"]![0]!["mediaHash"] = absentImage;
        node["song"]!["mediaHash"] = absentSong;

        var result = await ProjectJsonSteps.ImportAsync(_factory, node.ToJsonString());

        Assert.True(result.Succeeded);
        var media = Assert.Single(result.Notices, n => n.Contains("media store", StringComparison.Ordinal) && n.StartsWith("2 media files", StringComparison.Ordinal));
        Assert.Contains("1 chosen image or video and 1 gallery item were left out", media);
        Assert.Contains(absentImage[..12], media);
        Assert.Contains(absentSong[..12], media);
        Assert.Contains(result.Notices, n => n.Contains("has no song", StringComparison.Ordinal));
        var id = result.ProjectId!.Value;
        var project = await _factory.QueryAsync(db => db.Projects.SingleAsync(p => p.Id == id));
        Assert.Null(project.CurrentSongId);
        Assert.Equal(0, await _factory.QueryAsync(db => db.Songs.CountAsync(s => s.ProjectId == id)));
        Assert.Equal(2, await _factory.QueryAsync(db => db.ClipGenerations.CountAsync(g => g.ProjectId == id)));
        Assert.False(await _factory.QueryAsync(db => db.Clips.AnyAsync(c => c.ProjectId == id && c.ChosenImageHash != null)));
    }
}
