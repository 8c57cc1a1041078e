using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Projects;

public sealed class DashboardTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_dashboard_counts_scenes_and_clips_and_how_many_have_a_chosen_image()
    {
        var admin = await _factory.CreateAdminClientAsync();
        var form = await admin.GetDocumentAsync("/Projects/Create");
        var created = await admin.SubmitAsync(form.Form(), new Dictionary<string, string>
        {
            ["Input.Name"] = "Counted",
            ["Input.FrameRate"] = "25",
            ["Input.ResolutionPreset"] = "1920x1080",
        });
        var id = int.Parse(created.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
            db.MediaFiles.Add(new MediaFile { Hash = new string('a', 64), RelativePath = "aa/x.png", ContentType = "image/png" });
            var verse = new Scene { ProjectId = id, Name = "Verse 1", SortOrder = 1 };
            var chorus = new Scene { ProjectId = id, Name = "Chorus", SortOrder = 2 };
            db.Scenes.AddRange(verse, chorus);
            await db.SaveChangesAsync();
            for (var i = 0; i < 4; i++)
            {
                db.Clips.Add(new Clip
                {
                    ProjectId = id, SceneId = i < 3 ? verse.Id : chorus.Id, Name = $"Shot {i}", StartFrame = i * 50, LengthFrames = 50,
                    ChosenImageHash = i == 0 ? new string('a', 64) : null,
                });
            }
            await db.SaveChangesAsync();
        }

        var dashboard = await admin.GetDocumentAsync($"/Projects/Dashboard/{id}");
        var stats = dashboard.QuerySelectorAll("#project-stats > div")
            .ToDictionary(d => d.QuerySelector("dt")!.TextContent.Trim(), d => d.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("2", stats["Scenes"]);
        Assert.Equal("4", stats["Clips"]);
        Assert.StartsWith("25% (1 of 4 clips", stats["Complete"]);
        Assert.Equal(["Verse 1 (3 clips)", "Chorus (1 clip)"],
            dashboard.QuerySelectorAll(".scene-list li").Select(li => System.Text.RegularExpressions.Regex.Replace(li.TextContent.Trim(), @"\s+", " ")));
    }
}
