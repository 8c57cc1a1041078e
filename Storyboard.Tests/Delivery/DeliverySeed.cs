using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Gallery;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Delivery;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Delivery;

/// <summary>Real projects for delivery tests: scenes and clips made through the timeline service, media through the store.</summary>
public static class DeliverySeed
{
    public static async Task<int> SceneAsync(this StoryboardFactory factory, int projectId, string name, long start, long length)
    {
        var result = await factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene(name, start, length), null, default));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Ids[0];
    }

    public static async Task<int> ClipAsync(this StoryboardFactory factory, int projectId, string name, long start, long length, int? sceneId = null,
        TransitionKind transition = TransitionKind.Cut, int transitionFrames = 0, string lyrics = "")
    {
        var input = TimelineSteps.Clip(name, start, length, sceneId) with { TransitionIn = transition, TransitionFrames = transitionFrames, Lyrics = lyrics };
        var result = await factory.TimelineAsync(t => t.CreateClipAsync(projectId, input, null, default));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Ids[0];
    }

    public static async Task<int> AlternateAsync(this StoryboardFactory factory, int projectId, int clipId)
    {
        var result = await factory.TimelineAsync(t => t.CreateClipAlternateAsync(projectId, clipId, null, default));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return result.Ids[0];
    }

    /// <summary>Stores a real PNG and makes it the clip's chosen image; returns its hash.</summary>
    public static async Task<string> ChooseImageAsync(this StoryboardFactory factory, int projectId, int clipId, int shade)
    {
        var generation = await GallerySeed.AddAsync(factory, projectId, clipId, (ulong)shade);
        var result = await factory.TimelineAsync(t => t.ChooseImageAsync(projectId, clipId, generation.Id, null, default));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        return generation.MediaHash;
    }

    public static async Task<Cut> CutAsync(this StoryboardFactory factory, int projectId, CutScope? scope = null)
    {
        await using var services = factory.Services.CreateAsyncScope();
        return (await services.ServiceProvider.GetRequiredService<ICutBuilder>().BuildAsync(projectId, scope ?? new CutScope(), default))!;
    }

    public static async Task<string> MediaPathAsync(this StoryboardFactory factory, string hash)
    {
        await using var services = factory.Services.CreateAsyncScope();
        var relative = await factory.QueryAsync(db => db.MediaFiles.AsNoTracking().Where(m => m.Hash == hash).Select(m => m.RelativePath).SingleAsync());
        return services.ServiceProvider.GetRequiredService<Storyboard.Web.Media.IMediaStore>().FullPath(relative);
    }
}
