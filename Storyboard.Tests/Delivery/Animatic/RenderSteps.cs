using System.Net;
using Microsoft.EntityFrameworkCore;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Animatic;

/// <summary>A tiny project (160×90 at 24 fps, no song, Draft-card clips) and waiting for a render to finish.</summary>
public static class RenderSteps
{
    /// <summary>Project with a scene "Verse" (frames 0–24) holding "Opening", and "Second" after it (24–48).</summary>
    public static async Task<(int ProjectId, int SceneId)> CreateTinyProjectAsync(this StoryboardFactory factory)
    {
        var projectId = await factory.CreateProjectAsync("Tiny");
        await factory.QueryAsync(db => db.Projects.Where(p => p.Id == projectId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Width, 160).SetProperty(x => x.Height, 90)));
        var scene = await factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Verse", 0, 24), null, CancellationToken.None));
        Assert.True(scene.Succeeded);
        var sceneId = scene.Ids[0];
        Assert.True((await factory.TimelineAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Opening", 0, 24, sceneId) with { Lyrics = "First line" }, null, CancellationToken.None))).Succeeded);
        Assert.True((await factory.TimelineAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Second", 24, 24), null, CancellationToken.None))).Succeeded);
        return (projectId, sceneId);
    }

    public static async Task<Render> WaitForRenderAsync(this StoryboardFactory factory, int renderId, Func<Render, bool>? until = null)
    {
        until ??= r => r.Status is not (RenderStatus.Queued or RenderStatus.Running);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var render = await factory.QueryAsync(db => db.Renders.AsNoTracking().SingleAsync(r => r.Id == renderId));
            if (until(render))
            {
                return render;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Render {renderId} is still {render.Status}");
            await Task.Delay(100);
        }
    }

    public static void AssertOk(this HttpResponseMessage response) => response.AssertStatus(HttpStatusCode.OK);
}
