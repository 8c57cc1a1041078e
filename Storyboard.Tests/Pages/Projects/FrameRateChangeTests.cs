using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using static Storyboard.Tests.Api.ApiClients;

namespace Storyboard.Tests.Pages.Projects;

/// <summary>Changing a project's frame rate converts every scene and clip position and says how many moved.</summary>
public sealed class FrameRateChangeTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string> Fields(string rate) => new()
    {
        ["Input.Name"] = "Night Drive",
        ["Input.Description"] = "",
        ["Input.FrameRate"] = rate,
        ["Input.ResolutionPreset"] = "1920x1080",
    };

    private async Task<(HttpClient Client, int Id)> CreateAsync(string rate)
    {
        var client = await _factory.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/Projects/Create");
        var response = await client.SubmitAsync(form.Form(), Fields(rate));
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/Projects/Dashboard/", path);
        return (client, int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<T> WithDbAsync<T>(Func<StoryboardDbContext, Task<T>> action)
    {
        using var scope = _factory.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<StoryboardDbContext>());
    }

    /// <summary>Seeds (name → span) scenes and clips; "… alt" items become alternates of the item named before " alt".</summary>
    private Task<int> SeedAsync(int projectId, (string Name, long Start, long Length, bool Trashed)[] scenes, (string Name, long Start, long Length)[] clips) =>
        WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (name, start, length, trashed) in scenes)
            {
                var originalName = name.EndsWith(" alt", StringComparison.Ordinal) ? name[..^4] : null;
                var original = originalName is null ? null : await db.Scenes.SingleAsync(s => s.ProjectId == projectId && s.Name == originalName);
                db.Scenes.Add(new Scene
                {
                    ProjectId = projectId,
                    Name = name,
                    StartFrame = start,
                    LengthFrames = length,
                    CreatedAt = now,
                    UpdatedAt = now,
                    OriginalId = original?.Id,
                    TakeNumber = original is null ? 0 : 1,
                    IsMain = original is null,
                    DeletedAt = trashed ? now : null,
                });
                await db.SaveChangesAsync();
            }
            foreach (var (name, start, length) in clips)
            {
                var originalName = name.EndsWith(" alt", StringComparison.Ordinal) ? name[..^4] : null;
                var original = originalName is null ? null : await db.Clips.SingleAsync(c => c.ProjectId == projectId && c.Name == originalName);
                db.Clips.Add(new Clip
                {
                    ProjectId = projectId,
                    Name = name,
                    StartFrame = start,
                    LengthFrames = length,
                    CreatedAt = now,
                    UpdatedAt = now,
                    OriginalId = original?.Id,
                    TakeNumber = original is null ? 0 : 1,
                    IsMain = original is null,
                });
                await db.SaveChangesAsync();
            }
            return 0;
        });

    private Task<Dictionary<string, (long, long)>> SpansAsync(int projectId) => WithDbAsync(async db =>
    {
        var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == projectId).Select(s => new { s.Name, s.StartFrame, s.LengthFrames }).ToListAsync();
        var clips = await db.Clips.AsNoTracking().Where(c => c.ProjectId == projectId).Select(c => new { c.Name, c.StartFrame, c.LengthFrames }).ToListAsync();
        return scenes.Concat(clips).ToDictionary(x => x.Name, x => (x.StartFrame, x.LengthFrames));
    });

    private Task<int> SeedFiftyFpsTimelineAsync(int id) => SeedAsync(id,
        [("Intro", 0, 100, false), ("Verse", 100, 51, false), ("Verse alt", 100, 51, false), ("Old idea", 1, 1, true)],
        [("A", 0, 50), ("B", 50, 1), ("B alt", 50, 1), ("C", 51, 1), ("D", 52, 1), ("E", 100, 2)]);

    [Fact]
    public async Task Changing_the_frame_rate_converts_every_position_and_says_how_many_moved()
    {
        var (client, id) = await CreateAsync("50");
        await SeedFiftyFpsTimelineAsync(id);
        var versions = await WithDbAsync(db => db.Clips.Where(c => c.ProjectId == id).ToDictionaryAsync(c => c.Name, c => c.Version));

        var edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        var dashboard = await Html.ParseAsync(await client.SubmitAsync(edit.Form("main form"), Fields("25")));

        Assert.Contains("25 fps", dashboard.Text(".settings-list"));
        Assert.Equal("Project settings saved. 4 clips and 3 scenes were moved to the nearest frame at 25 fps.", dashboard.Text("#flash"));
        var spans = await SpansAsync(id);
        // Exact halves stay put; alternates keep their group's slot; a trashed scene does not push the lane.
        Assert.Equal((0L, 50L), spans["Intro"]);
        Assert.Equal((50L, 26L), spans["Verse"]);
        Assert.Equal((50L, 26L), spans["Verse alt"]);
        Assert.Equal((1L, 1L), spans["Old idea"]);
        Assert.Equal((0L, 25L), spans["A"]);
        Assert.Equal((25L, 1L), spans["B"]);
        Assert.Equal((25L, 1L), spans["B alt"]);
        // C would round onto B's end and keep its frame; D would collapse onto C and is pushed one frame later.
        Assert.Equal((26L, 1L), spans["C"]);
        Assert.Equal((27L, 1L), spans["D"]);
        Assert.Equal((50L, 1L), spans["E"]);
        // Changed rows get a new version, so a form opened before the change cannot write back old-rate frames.
        var after = await WithDbAsync(db => db.Clips.Where(c => c.ProjectId == id).ToDictionaryAsync(c => c.Name, c => c.Version));
        Assert.True(after["D"] > versions["D"]);
        Assert.True(after["A"] > versions["A"]);
    }

    [Fact]
    public async Task An_exact_change_says_nothing_had_to_move()
    {
        var (client, id) = await CreateAsync("25");
        await SeedAsync(id, [("Intro", 0, 25, false)], [("A", 0, 25), ("B", 25, 1)]);

        var edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        var dashboard = await Html.ParseAsync(await client.SubmitAsync(edit.Form("main form"), Fields("50")));

        Assert.Equal("Project settings saved. Nothing had to move.", dashboard.Text("#flash"));
        var spans = await SpansAsync(id);
        Assert.Equal((0L, 50L), spans["Intro"]);
        Assert.Equal((0L, 50L), spans["A"]);
        Assert.Equal((50L, 2L), spans["B"]);
    }

    [Fact]
    public async Task Saving_other_settings_leaves_positions_alone()
    {
        var (client, id) = await CreateAsync("23.976");
        await SeedAsync(id, [("Intro", 7, 13, false)], [("A", 7, 13)]);

        var edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        var dashboard = await Html.ParseAsync(await client.SubmitAsync(edit.Form("main form"), Fields("23.976")));

        Assert.Equal("Project settings saved.", dashboard.Text("#flash"));
        var spans = await SpansAsync(id);
        Assert.Equal((7L, 13L), spans["Intro"]);
        Assert.Equal((7L, 13L), spans["A"]);
    }

    [Fact]
    public async Task One_moved_clip_reads_in_the_singular()
    {
        var (client, id) = await CreateAsync("24");
        await SeedAsync(id, [], [("A", 0, 24), ("B", 24, 13)]);

        var edit = await client.GetDocumentAsync($"/Projects/Edit/{id}");
        var dashboard = await Html.ParseAsync(await client.SubmitAsync(edit.Form("main form"), Fields("25")));

        Assert.Equal("Project settings saved. 1 clip was moved to the nearest frame at 25 fps.", dashboard.Text("#flash"));
        Assert.Equal((25L, 14L), (await SpansAsync(id))["B"]); // 37 frames at 24 → 38.54 → 39
    }

    [Fact]
    public async Task The_api_replace_converts_positions_and_keeps_its_json_shape()
    {
        var (_, api) = await _factory.CreateAdminApiAsync();
        var created = await (await api.PostAsync("/api/v1/projects", Json(new { name = "Night Drive", frameRate = "50", width = 1920, height = 1080 })))
            .ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await SeedFiftyFpsTimelineAsync(id);

        var replaced = await (await api.PutAsync($"/api/v1/projects/{id}",
            Json(new { name = "Night Drive", description = "", frameRate = "25", width = 1920, height = 1080 }))).ReadJsonAsync();

        Assert.Equal("25", replaced.GetProperty("frameRate").GetString());
        Assert.Equal(
            created.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            replaced.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var spans = await SpansAsync(id);
        Assert.Equal((27L, 1L), spans["D"]);
        Assert.Equal((50L, 26L), spans["Verse alt"]);
    }
}
