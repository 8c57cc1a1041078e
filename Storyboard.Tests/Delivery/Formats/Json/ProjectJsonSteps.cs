using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Pages.Gallery;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats.Json;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Delivery.Formats.Json;

/// <summary>What a rich project holds, by the ids the seed made.</summary>
public sealed record RichProject(int ProjectId, int VerseId, int ShotId, int ChosenGenerationId);

/// <summary>Project JSON steps: a project with a bit of everything, exports through the real format, imports by each way in.</summary>
public static class ProjectJsonSteps
{
    public const string Name = "Night “Drive” \"Ride\" 🚗 & Co";

    /// <summary>
    /// Through the real forms and services: a song (real audio, analysed), scenes with an alternate and one in the Trash,
    /// clips with every field set, a clip alternate, LRC lyrics, transitions, gallery rows (an image chosen, a rated one,
    /// a trashed one, a video with its poster) and a generation of a clip since deleted.
    /// </summary>
    public static async Task<RichProject> CreateRichProjectAsync(StoryboardFactory factory, HttpClient admin, string audioFolder)
    {
        var projectId = await admin.CreateProjectAsync(Name);
        await admin.UploadReadySongAsync(projectId, TestAudio.Sine(audioFolder, "mp3", seconds: 20));

        async Task<int> Ok(Func<ITimelineService, Task<TimelineResult>> edit)
        {
            var result = await factory.TimelineAsync(edit);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}={e.Value}")));
            return result.Ids.FirstOrDefault();
        }

        var verse = await Ok(t => t.CreateSceneAsync(projectId, new SceneInput("Verse “1” 🎤", "The drive begins", "Lights\non the road",
            SectionKind.Verse, "", "#aa3366", "Keep it dark", 0, 120), null, default));
        var bridge = await Ok(t => t.CreateSceneAsync(projectId, new SceneInput("Bridge", "", "", SectionKind.Custom, "Drop & rise",
            "#33aa66", "", 120, 96), null, default));
        await Ok(t => t.CreateSceneAlternateAsync(projectId, verse, null, default));
        var trashed = await Ok(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Outro", 300, 48), null, default));
        await Ok(t => t.TrashSceneAsync(projectId, trashed, null, default));

        var shot = await Ok(t => t.CreateClipAsync(projectId, new ClipInput("Shot “A” 🚗", verse, 0, 48, "Lights on the road",
            "A car at night, neon", "blurry", "The car drives away", ShotSize.WideShot, CameraMove.DollyIn, TransitionKind.FadeFromBlack,
            12, "Slow"), null, default));
        await Ok(t => t.CreateClipAsync(projectId, new ClipInput("Shot B", verse, 48, 72, "", "Close on the driver", "", "",
            ShotSize.CloseUp, CameraMove.Handheld, TransitionKind.Dissolve, 8, ""), null, default));
        await Ok(t => t.CreateClipAlternateAsync(projectId, shot, null, default));
        await Ok(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Bridge shot", 120, 96, bridge), null, default));
        var doomed = await Ok(t => t.CreateClipAsync(projectId, TimelineSteps.Clip("Cut later", 400, 24), null, default));
        await Ok(t => t.ImportLrcAsync(projectId, "[00:11.00]Into the night 🌙\n[00:12.50]“Keep driving”", null, default));

        var chosen = await GallerySeed.AddAsync(factory, projectId, shot, seed: 18446744073709551615, source: "Studio GPU",
            model: "flux1-dev.safetensors", rating: 4, set: g => (g.GraphJson, g.QueuedAt, g.StartedAt) =
                ("{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":1}}}", GallerySeed.Day.AddMinutes(-2), GallerySeed.Day.AddMinutes(-1)));
        await GallerySeed.AddAsync(factory, projectId, shot, seed: 7, daysAfter: 1, set: g => g.DeletedAt = GallerySeed.Day.AddDays(2));
        var poster = await GallerySeed.StoreAsync(factory, GallerySeed.Png(99), ".png", "image/png");
        await GallerySeed.AddAsync(factory, projectId, shot, seed: 8, kind: OutputKind.Video, set: g => (g.PosterHash, g.DurationMicroseconds) = (poster, 2_000_000));
        await GallerySeed.AddAsync(factory, projectId, doomed, seed: 9);
        await Ok(t => t.ChooseImageAsync(projectId, shot, chosen.Id, null, default));
        await Ok(t => t.DeleteClipsAsync(projectId, [doomed], null, default));
        return new RichProject(projectId, verse, shot, chosen.Id);
    }

    /// <summary>The JSON the export format writes for the project, through the real cut builder and format.</summary>
    public static async Task<(string Json, IReadOnlyList<string> Notices)> ExportAsync(StoryboardFactory factory, int projectId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cut = await services.GetRequiredService<ICutBuilder>().BuildAsync(projectId, new CutScope(null, false), default)
            ?? throw new Xunit.Sdk.XunitException($"No cut for project {projectId}");
        var format = services.GetServices<IExportFormat>().Single(f => f.Key == "json");
        Assert.Equal((".json", "application/json"), (format.Extension, format.ContentType));
        var report = new ExportReport();
        using var output = new MemoryStream();
        await format.WriteAsync(cut, new ExportOptions(), output, report, default);
        return (Encoding.UTF8.GetString(output.ToArray()), report.Notices);
    }

    public static async Task<ProjectImportResult> ImportAsync(StoryboardFactory factory, string json, string? userId = null) =>
        await ImportAsync(factory, Encoding.UTF8.GetBytes(json), userId);

    public static async Task<ProjectImportResult> ImportAsync(StoryboardFactory factory, byte[] bytes, string? userId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProjectImport>().ImportAsync(new MemoryStream(bytes), userId, default);
    }

    /// <summary>The document without what differs between two exports of equal projects (when it was written).</summary>
    public static JsonNode Comparable(string json)
    {
        var node = JsonNode.Parse(json)!;
        node.AsObject().Remove("exportedAt");
        return node;
    }

    /// <summary>How many rows of each kind the database holds, to show a refused import created nothing.</summary>
    public static Task<string> CountsAsync(StoryboardFactory factory) => factory.QueryAsync(async db =>
        $"projects {await db.Projects.CountAsync()}, scenes {await db.Scenes.CountAsync()}, clips {await db.Clips.CountAsync()}, " +
        $"generations {await db.ClipGenerations.CountAsync()}, songs {await db.Songs.CountAsync()}");

    /// <summary>Submits the import page's form with a file, as a browser does: its fields in order (the token first), then the file.</summary>
    public static async Task<HttpResponseMessage> SubmitImportAsync(this HttpClient client, byte[] file, string fileName)
    {
        var page = await client.GetDocumentAsync("/Projects/Import");
        var form = page.Form("#import-form");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }
        var input = form.QuerySelector<IHtmlInputElement>("input[type=file]#import-file")
            ?? throw new Xunit.Sdk.XunitException("The import form has no #import-file input");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{input.Name}\"", FileName = $"\"{fileName}\"" };
        content.Add(part);
        return await client.PostAsync(new Uri(new Uri(page.Url), form.Action), content);
    }
}
