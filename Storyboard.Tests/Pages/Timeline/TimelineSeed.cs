using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Pages.Timeline;

/// <summary>A project made through the create form, with scenes, clips and (optionally) a song row put in directly.</summary>
public static class TimelineSeed
{
    public static async Task<int> CreateProjectAsync(HttpClient client, string frameRate = "25", string name = "Night Drive")
    {
        var form = await client.GetDocumentAsync("/Projects/Create");
        var created = await client.SubmitAsync(form.Form(), new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.FrameRate"] = frameRate,
            ["Input.ResolutionPreset"] = "1920x1080",
        });
        var path = created.RequestMessage!.RequestUri!.AbsolutePath;
        return int.Parse(path[(path.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task AddSongAsync(StoryboardFactory factory, int projectId, long microseconds)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var hash = new string('b', 63) + (projectId % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        db.MediaFiles.Add(new MediaFile { Hash = hash, RelativePath = $"bb/{hash}.mp3", ContentType = "audio/mpeg" });
        // A stand-in file where the store keeps it: the cut (exports, presentation) leaves out a song whose file is gone.
        var path = scope.ServiceProvider.GetRequiredService<Storyboard.Web.Media.IMediaStore>().FullPath($"bb/{hash}.mp3");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [0xFF, 0xFB, 0x90, 0x00]);
        var song = new Song { ProjectId = projectId, MediaHash = hash, OriginalFileName = "song.mp3", DurationMicroseconds = microseconds, Status = SongStatus.Ready };
        db.Songs.Add(song);
        await db.SaveChangesAsync();
        var project = await db.Projects.FindAsync(projectId);
        project!.CurrentSongId = song.Id;
        await db.SaveChangesAsync();
    }

    public static async Task<Scene> AddSceneAsync(StoryboardFactory factory, int projectId, string name, long start, long length, int? originalId = null, int take = 0)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var scene = new Scene
        {
            ProjectId = projectId, Name = name, StartFrame = start, LengthFrames = length, SortOrder = (int)start,
            OriginalId = originalId, TakeNumber = take, IsMain = originalId is null,
        };
        db.Scenes.Add(scene);
        await db.SaveChangesAsync();
        return scene;
    }

    public static async Task<Clip> AddClipAsync(StoryboardFactory factory, int projectId, string name, long start, long length,
        int? sceneId = null, int? originalId = null, int take = 0)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var clip = new Clip
        {
            ProjectId = projectId, SceneId = sceneId, Name = name, StartFrame = start, LengthFrames = length,
            OriginalId = originalId, TakeNumber = take, IsMain = originalId is null,
        };
        db.Clips.Add(clip);
        await db.SaveChangesAsync();
        return clip;
    }

    public static Task<Clip> GetClipAsync(StoryboardFactory factory, int clipId) =>
        factory.QueryAsync(db => db.Clips.FindAsync(clipId).AsTask()!)!;
}
