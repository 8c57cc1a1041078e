using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Timeline;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Data;
using Storyboard.Web.Delivery;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>The real path once: a project edited through the timeline service, its cut built from the database, both XML files written.</summary>
public sealed class XmlExportFromDatabaseTests : IDisposable
{
    private readonly StoryboardFactory factory = new();
    private readonly string folder = TestFolders.Create("xml-export-db");

    public void Dispose()
    {
        factory.Dispose();
        TestFolders.TryDelete(folder);
    }

    private async Task<(int ProjectId, int ChorusId)> SeedAsync()
    {
        var projectId = await factory.CreateProjectAsync("Rock & \"Roll\" Live", "29.97");
        await TimelineSeed.AddSongAsync(factory, projectId, 20_000_000);
        var intro = await CreateAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Intro", 0, 300), null, default));
        var chorus = await CreateAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Chorus <1>", 300, 299), null, default));
        await CreateAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Wide & \"open\"", 0, 150, intro), null, default));
        var close = await CreateAsync(t => t.CreateClipAsync(projectId,
            TimelineSteps.Clip("Close", 150, 120, intro) with { TransitionIn = TransitionKind.Dissolve, TransitionFrames = 30 }, null, default));
        await CreateAsync(t => t.CreateClipAsync(projectId,
            TimelineSteps.Clip("Chorus 1", 300, 150, chorus) with { TransitionIn = TransitionKind.FadeFromBlack, TransitionFrames = 20 }, null, default));
        await CreateAsync(t => t.CreateClipAlternateAsync(projectId, close, null, default));
        return (projectId, chorus);
    }

    private async Task<int> CreateAsync(Func<Storyboard.Web.Timeline.ITimelineService, Task<Storyboard.Web.Timeline.TimelineResult>> action)
    {
        var result = await factory.TimelineAsync(action);
        Assert.True(result.Succeeded, $"{result.Outcome}: {string.Join("; ", result.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        return result.Ids.First();
    }

    private async Task<(Cut Cut, IExportFormat Fcpxml, IExportFormat Fcp7)> BuildAsync(int projectId, CutScope scope)
    {
        await using var services = factory.Services.CreateAsyncScope();
        var cut = await services.ServiceProvider.GetRequiredService<ICutBuilder>().BuildAsync(projectId, scope, CancellationToken.None);
        var formats = services.ServiceProvider.GetServices<IExportFormat>().ToList();
        return (cut!, formats.Single(f => f.Key == "fcpxml"), formats.Single(f => f.Key == "fcp7"));
    }

    [Fact]
    public async Task A_project_built_from_the_database_exports_valid_fcpxml_and_fcp7_xml()
    {
        var (projectId, _) = await SeedAsync();
        var (cut, fcpxml, fcp7) = await BuildAsync(projectId, new CutScope(IncludeAlternates: true));

        Assert.Equal(FrameRate.Fps2997, cut.Rate);
        Assert.Equal(599, cut.LengthFrames);
        Assert.Equal(["Wide & \"open\"", "Close", "Chorus 1"], cut.Clips.Select(c => c.Name));
        Assert.Equal(1, Assert.Single(cut.Alternates).Lane);

        var run = await ExportRun.WriteAsync(fcpxml, cut);
        Xmllint.AssertValid(run.SaveTo(Path.Combine(folder, "project.fcpxml")), "1.10");
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);
        Assert.Equal(["video", "transition", "video", "gap", "transition", "video", "gap"], items.Select(i => i.Kind));
        Assert.Equal(["Wide & \"open\"", "Close", "Chorus 1"], items.Where(i => i.Kind == "video").Select(i => (string)i.Element.Attribute("name")!));
        Assert.Equal(["Intro", "Chorus <1>"], run.Document.Descendants("marker").Select(m => (string)m.Attribute("value")!));
        var song = items[0].Element.Element("asset-clip")!;
        Assert.Equal(599, FcpxmlCheck.Attribute(song, "duration", cut.Rate));
        var alternate = items[2].Element.Elements("video").Single();
        Assert.Equal(("1", "0", "Close A1"), ((string)alternate.Attribute("lane")!, (string)alternate.Attribute("enabled")!, (string)alternate.Attribute("name")!));

        var xmeml = await ExportRun.WriteAsync(fcp7, cut);
        var tracks = XmemlCheck.Check(xmeml.Document, cut.Rate);
        Assert.Equal(["Wide & \"open\"", "Close", "Chorus 1"], tracks[0].Select(i => i.Name));
        Assert.Equal(["Close A1"], tracks[1].Select(i => i.Name));
    }

    [Fact]
    public async Task Both_halves_of_a_split_video_clip_keep_the_videos_length_and_size()
    {
        var projectId = await factory.CreateProjectAsync("Split", "29.97");
        var clipId = await CreateAsync(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Drive", 0, 120), null, default));
        var generationId = await AddVideoAsync(projectId, clipId, microseconds: 5_000_000);
        await CreateAsync(t => t.ChooseVideoAsync(projectId, clipId, generationId, null, default));
        await CreateAsync(t => t.SplitClipAsync(projectId, clipId, 60, null, default));

        var (cut, fcpxml, _) = await BuildAsync(projectId, new CutScope());

        Assert.Equal(2, cut.Clips.Count);
        // 5 s at 29.97 is 149 whole frames; the generation row belongs to the first half only.
        Assert.All(cut.Clips, c => Assert.Equal((CutMediaKind.Video, 149L, 1280, 720), (c.Media.Kind, c.Media.LengthFrames, c.Media.Width, c.Media.Height)));
        var run = await ExportRun.WriteAsync(fcpxml, cut);
        Xmllint.AssertValid(run.SaveTo(Path.Combine(folder, "split.fcpxml")), "1.10");
        Assert.DoesNotContain(run.Report.Notices, n => n.Contains("length is unknown", StringComparison.Ordinal));
    }

    private async Task<int> AddVideoAsync(int projectId, int clipId, long microseconds)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var hash = new string('d', 64);
        db.MediaFiles.Add(new MediaFile { Hash = hash, RelativePath = $"dd/{hash}.mp4", ContentType = "video/mp4", CreatedAt = DateTimeOffset.UtcNow });
        // The cut names only files that are there; the exports read the length from the gallery row, not the file.
        var path = scope.ServiceProvider.GetRequiredService<Storyboard.Web.Media.IMediaStore>().FullPath($"dd/{hash}.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, [0, 0, 0, 24]);
        var generation = new ClipGeneration
        {
            ProjectId = projectId, ClipId = clipId, Kind = OutputKind.Video, MediaHash = hash, Width = 1280, Height = 720,
            DurationMicroseconds = microseconds, Source = "Test", CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ClipGenerations.Add(generation);
        await db.SaveChangesAsync();
        return generation.Id;
    }

    [Fact]
    public async Task A_scene_exports_from_its_start_in_the_song()
    {
        var (projectId, chorusId) = await SeedAsync();
        var (cut, fcpxml, _) = await BuildAsync(projectId, new CutScope(chorusId));

        Assert.Equal((300L, 299L), (cut.SongOffsetFrames, cut.LengthFrames));
        var run = await ExportRun.WriteAsync(fcpxml, cut, new ExportOptions { FcpxmlVersion = "1.9" });
        Xmllint.AssertValid(run.SaveTo(Path.Combine(folder, "scene.fcpxml")), "1.9");
        var items = FcpxmlCheck.Check(run.Document, cut.Rate);

        Assert.Equal(["video", "gap"], items.Select(i => i.Kind));
        var song = items[0].Element.Element("asset-clip")!;
        Assert.Equal((300L, 299L), (FcpxmlCheck.Attribute(song, "start", cut.Rate), FcpxmlCheck.Attribute(song, "duration", cut.Rate)));
        Assert.Equal("Chorus <1>", (string?)items[0].Element.Element("marker")!.Attribute("value"));
    }
}
