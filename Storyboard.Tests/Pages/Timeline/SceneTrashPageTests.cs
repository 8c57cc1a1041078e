using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using static Storyboard.Tests.Pages.Timeline.TimelinePageTests;

namespace Storyboard.Tests.Pages.Timeline;

/// <summary>The scene panel's list order buttons and the timeline's "Scenes in the Trash" with its restore buttons.</summary>
public sealed class SceneTrashPageTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static string Url(int id, string query = "") => $"/Projects/{id}/Timeline?zoom=50&at=0{query}";

    private Task<List<string>> SceneOrderAsync(int projectId) => _factory.QueryAsync(db =>
        db.Scenes.Where(s => s.ProjectId == projectId).OrderBy(s => s.SortOrder).Select(s => s.Name).ToListAsync());

    [Fact]
    public async Task A_scene_moves_up_and_down_the_scene_list_from_its_panel()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        await TimelineSeed.AddSceneAsync(_factory, id, "Intro", 0, 100);
        var verse = await TimelineSeed.AddSceneAsync(_factory, id, "Verse", 100, 100);
        await TimelineSeed.AddSceneAsync(_factory, id, "Chorus", 200, 100);

        var page = await admin.GetDocumentAsync(Url(id, $"&scene={verse.Id}"));
        page = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#scene-up")));

        Assert.Equal("The scene moved up the list.", page.Text("#flash"));
        Assert.Equal(["Verse", "Intro", "Chorus"], await SceneOrderAsync(id));
        Assert.Equal("Scene Verse", page.Text("#details h2"));

        await admin.SubmitAsync(FormOf(page, "#scene-down"));
        var again = await admin.GetDocumentAsync(Url(id, $"&scene={verse.Id}"));
        await admin.SubmitAsync(FormOf(again, "#scene-down"));
        Assert.Equal(["Intro", "Chorus", "Verse"], await SceneOrderAsync(id));
    }

    [Fact]
    public async Task A_trashed_scene_is_listed_and_restored_with_its_clips_and_undo_trashes_it_again()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var bridge = await TimelineSeed.AddSceneAsync(_factory, id, "Bridge", 0, 100);
        var clip = await TimelineSeed.AddClipAsync(_factory, id, "Lights", 10, 20, bridge.Id);

        var page = await admin.GetDocumentAsync(Url(id, $"&scene={bridge.Id}"));
        Assert.Null(page.QuerySelector("#scene-trash"));
        page = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, "#trash-scene")));
        Assert.Null(page.QuerySelector($"#row-clip-{clip.Id}"));
        var listed = page.QuerySelector($"#trashed-scene-{bridge.Id}")!;
        Assert.Contains("Bridge", listed.TextContent);
        Assert.Contains("1 clip", listed.TextContent);

        var restored = await Html.ParseAsync(await admin.SubmitAsync(FormOf(page, $"#restore-scene-{bridge.Id}"), headers: new Dictionary<string, string>
        {
            ["HX-Request"] = "true",
            ["RequestVerificationToken"] = page.AntiforgeryToken(),
        }));

        Assert.Equal("The scene is back with its clips.", restored.Text("#flash[hx-swap-oob]"));
        Assert.Null(restored.QuerySelector("#scene-trash"));
        Assert.Equal("Scene Bridge", restored.Text("#details h2"));
        Assert.NotNull(restored.QuerySelector($"#row-clip-{clip.Id}"));

        var page2 = await admin.GetDocumentAsync(Url(id));
        await admin.SubmitAsync(FormOf(page2, "#undo"));
        var undone = await admin.GetDocumentAsync(Url(id));
        Assert.NotNull(undone.QuerySelector($"#trashed-scene-{bridge.Id}"));
    }

    [Fact]
    public async Task A_viewer_sees_the_trashed_scenes_without_restore_buttons()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var id = await TimelineSeed.CreateProjectAsync(admin);
        var bridge = await TimelineSeed.AddSceneAsync(_factory, id, "Bridge", 0, 100);
        await _factory.QueryAsync(async db =>
        {
            (await db.Scenes.FindAsync(bridge.Id))!.DeletedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        var viewer = await _factory.CreateUserClientAsync(admin, "vera", Web.Domain.Roles.Viewer);

        var page = await viewer.GetDocumentAsync(Url(id));

        Assert.NotNull(page.QuerySelector($"#trashed-scene-{bridge.Id}"));
        Assert.Null(page.QuerySelector($"#restore-scene-{bridge.Id}"));
    }
}
