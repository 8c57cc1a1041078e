using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Timeline;

public sealed class TimelineReadTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_new_project_has_an_empty_timeline_at_its_frame_rate_with_nothing_to_undo()
    {
        var id = await _factory.CreateProjectAsync("Empty", "23.976");

        var view = await _factory.ViewAsync(id);

        Assert.Equal(id, view.ProjectId);
        Assert.Equal("Empty", view.ProjectName);
        Assert.Equal(FrameRate.Fps23976, view.FrameRate);
        Assert.Null(view.SongFrames);
        Assert.Empty(view.Scenes);
        Assert.Empty(view.Clips);
        Assert.False(view.History.CanUndo);
        Assert.False(view.History.CanRedo);
        Assert.Equal(23, view.EndFrame);
    }

    [Fact]
    public async Task A_missing_or_trashed_project_has_no_timeline()
    {
        var id = await _factory.CreateProjectAsync();
        await _factory.QueryAsync(db =>
        {
            db.Projects.Single(p => p.Id == id).DeletedAt = DateTimeOffset.UtcNow;
            return db.SaveChangesAsync();
        });

        Assert.Null(await _factory.TimelineAsync(t => t.GetAsync(id, CancellationToken.None)));
        Assert.Null(await _factory.TimelineAsync(t => t.GetAsync(id + 1000, CancellationToken.None)));
    }

    [Fact]
    public async Task The_timeline_lists_scenes_in_order_and_clips_by_start_leaving_out_trashed_scenes_and_their_clips()
    {
        var id = await _factory.CreateProjectAsync();
        var now = DateTimeOffset.UtcNow;
        await _factory.QueryAsync(async db =>
        {
            db.Songs.Add(new Song { ProjectId = id, MediaHash = new string('b', 64), Media = new MediaFile { Hash = new string('b', 64), RelativePath = "bb/s.mp3" }, DurationMicroseconds = 10_000_000, Status = SongStatus.Ready });
            await db.SaveChangesAsync();
            db.Projects.Single(p => p.Id == id).CurrentSongId = db.Songs.Single(s => s.ProjectId == id).Id;
            var chorus = new Scene { ProjectId = id, Name = "Chorus", SortOrder = 2, StartFrame = 100, LengthFrames = 100, CreatedAt = now };
            var verse = new Scene { ProjectId = id, Name = "Verse", SortOrder = 1, StartFrame = 0, LengthFrames = 100, CreatedAt = now };
            var gone = new Scene { ProjectId = id, Name = "Gone", SortOrder = 3, StartFrame = 300, LengthFrames = 10, DeletedAt = now, CreatedAt = now };
            db.Scenes.AddRange(chorus, verse, gone);
            await db.SaveChangesAsync();
            db.Clips.AddRange(
                new Clip { ProjectId = id, SceneId = chorus.Id, Name = "Late", StartFrame = 230, LengthFrames = 20 },
                new Clip { ProjectId = id, SceneId = verse.Id, Name = "Early", StartFrame = 0, LengthFrames = 24 },
                new Clip { ProjectId = id, SceneId = gone.Id, Name = "Hidden", StartFrame = 300, LengthFrames = 10 });
            return await db.SaveChangesAsync();
        });

        var view = await _factory.ViewAsync(id);

        Assert.Equal(["Verse", "Chorus"], view.Scenes.Select(s => s.Name));
        Assert.Equal(["Early", "Late"], view.Clips.Select(c => c.Name));
        Assert.Equal(240, view.SongFrames);
        Assert.Equal([false, true], view.Clips.Select(c => c.PastSongEnd));
        Assert.Equal(250, view.EndFrame);
        Assert.All(view.Clips, c => Assert.Equal(c.Id, c.GroupId));
    }
}
