using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp.PixelFormats;
using Storyboard.Tests.Fakes;
using Storyboard.Tests.Infrastructure;
using Storyboard.Tests.Timeline;
using Storyboard.Web.Data;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats.Pdf;
using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Tests.Delivery.Formats.Pdf;

/// <summary>
/// A real project's sheet: timeline made through the timeline service, media in the media store, the cut built by
/// <see cref="ICutBuilder"/> from the SQLite file, the PDF read back with PdfPig.
/// </summary>
public sealed class PdfSheetProjectTests : IDisposable
{
    private readonly StoryboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<int> ClipAsync(int projectId, string name, long start, int? sceneId, string lyrics = "", string notes = "")
    {
        var result = await _factory.TimelineAsync(t => t.CreateClipAsync(projectId, new ClipInput(name, sceneId, start, 50, lyrics, "", "", "",
            ShotSize.CloseUp, CameraMove.Pan, TransitionKind.Cut, 0, notes), null, default));
        Assert.True(result.Succeeded, result.Outcome.ToString());
        return result.Ids[0];
    }

    /// <summary>Stores <paramref name="bytes"/> (or only its row, when <paramref name="writeFile"/> is false) and returns the hash.</summary>
    private async Task<string> StoreAsync(byte[] bytes, string extension, string contentType, bool writeFile = true)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var relative = Path.Combine(hash[..2], hash + extension);
        if (writeFile)
        {
            Directory.CreateDirectory(Path.Combine(_factory.MediaFolder, hash[..2]));
            await File.WriteAllBytesAsync(Path.Combine(_factory.MediaFolder, relative), bytes);
        }
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        db.MediaFiles.Add(new MediaFile { Hash = hash, RelativePath = relative, ContentType = contentType, SizeBytes = bytes.Length });
        await db.SaveChangesAsync();
        return hash;
    }

    private async Task ChooseAsync(int projectId, int clipId, string hash, bool video, int width, int height, string? poster = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoryboardDbContext>();
        var clip = (await db.Clips.FindAsync(clipId))!;
        if (video)
        {
            clip.ChosenVideoHash = hash;
        }
        else
        {
            clip.ChosenImageHash = hash;
        }
        db.ClipGenerations.Add(new ClipGeneration
        {
            ProjectId = projectId,
            ClipId = clipId,
            Kind = video ? OutputKind.Video : OutputKind.Image,
            MediaHash = hash,
            Width = width,
            Height = height,
            PosterHash = poster,
            Source = "Test",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_projects_sheet_shows_each_chosen_picture_a_videos_poster_or_frame_and_draft_cards_for_missing_files()
    {
        var projectId = await _factory.CreateProjectAsync("Night Drive", "25");
        var scene = await _factory.TimelineAsync(t => t.CreateSceneAsync(projectId, TimelineSteps.Scene("Opening", 0, 250), null, default));
        var sceneId = scene.Ids[0];
        var portrait = await ClipAsync(projectId, "Portrait", 0, sceneId, lyrics: "Headlights on the highway", notes: "Hold on the face");
        var lost = await ClipAsync(projectId, "Lost & found", 50, sceneId);
        var video = await ClipAsync(projectId, "Moving", 100, sceneId);
        var posterised = await ClipAsync(projectId, "Posterised", 150, sceneId);
        await ClipAsync(projectId, "Not made yet", 200, sceneId);

        await ChooseAsync(projectId, portrait, await StoreAsync(FakeMedia.MakePng(200, 400, new Rgba32(220, 30, 60)), ".png", "image/png"), false, 200, 400);
        await ChooseAsync(projectId, lost, await StoreAsync(FakeMedia.MakePng(64, 36, new Rgba32(1, 2, 3)), ".png", "image/png", writeFile: false), false, 64, 36);
        await ChooseAsync(projectId, video, await StoreAsync(FakeMedia.Mp4, ".mp4", "video/mp4"), true, 64, 64);
        var posterHash = await StoreAsync(FakeMedia.MakePng(320, 180, new Rgba32(30, 200, 60)), ".png", "image/png");
        await ChooseAsync(projectId, posterised, await StoreAsync("a video whose file went missing"u8.ToArray(), ".mp4", "video/mp4", writeFile: false),
            true, 320, 180, poster: posterHash);

        Cut cut;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            cut = (await scope.ServiceProvider.GetRequiredService<ICutBuilder>().BuildAsync(projectId, new CutScope(), default))!;
        }
        var options = new ExportOptions { PanelsPerPage = 6 };
        var (pdf, report) = await PdfSheetTests.WriteAsync(_factory.Services, cut, options);

        // Files missing from the media folder are the cut's Draft cards, as in every export, and the cut says so.
        Assert.Contains("The chosen image of “Lost & found” is missing from the media folder; its Draft card is used instead.", report.Notices);
        Assert.Contains("The chosen video of “Posterised” is missing from the media folder; its Draft card is used instead.", report.Notices);
        Assert.Contains("3 shots without a chosen image or video: the sheet shows their Draft cards.", report.Notices);
        Assert.DoesNotContain(report.Notices, n => n.Contains("Portrait", StringComparison.Ordinal) || n.Contains("Moving", StringComparison.Ordinal));
        var (_, pages) = SheetReader.Read(pdf);
        Assert.Equal(2, pages.Count);
        var page = pages[1];
        foreach (var line in new[]
        {
            "1 · Portrait", "00:00:00:00 – 00:00:02:00 · 2 s (50 f)", "Verse · Opening", "Close-up (CU) · Pan", "Headlights on the highway",
            "Notes: Hold on the face", "2 · Lost & found", "00:00:02:00 – 00:00:04:00 · 2 s (50 f)", "3 · Moving", "4 · Posterised",
            "5 · Not made yet", "00:00:08:00 – 00:00:10:00 · 2 s (50 f)",
        })
        {
            Assert.True(page.Has(line), $"“{line}” is not on {page}");
        }

        // One picture per panel, in time order, each letterboxed at its own aspect inside the panel's 16:9 box.
        var layout = SheetLayout.For(options, cut.Resolution);
        Assert.Equal(5, page.Images.Count);
        var expected = new[] { 0.5, 16.0 / 9, 1.0, 16.0 / 9, 16.0 / 9 };
        for (var i = 0; i < 5; i++)
        {
            var image = page.Images[i];
            var box = layout.PictureBox(layout.Panel(i));
            Assert.Equal(expected[i], (double)image.WidthInSamples / image.HeightInSamples, 0.02);
            Assert.Equal(expected[i], image.Bounds.Width / image.Bounds.Height, 0.02);
            Assert.True(image.Bounds.Width <= box.Width + 0.5 && image.Bounds.Height <= box.Height + 0.5, $"picture {i + 1} is larger than its box");
            Assert.True(Math.Abs(image.Bounds.Width - box.Width) < 0.5 || Math.Abs(image.Bounds.Height - box.Height) < 0.5, $"picture {i + 1} does not fill its box");
            Assert.Equal(box.Center.X, (image.Bounds.Left + image.Bounds.Right) / 2, 0.5);
            Assert.True(image.IsJpeg);
        }
        // The chosen image is the red PNG; the missing video is its Draft card, not its poster.
        Assert.Equal(new Rgb24(220, 30, 60), Centre(page.Images[0]), ColourComparer);
        Assert.NotEqual(new Rgb24(30, 200, 60), Centre(page.Images[3]), ColourComparer);
    }

    private static Rgb24 Centre(SheetImage image)
    {
        using var decoded = SixLabors.ImageSharp.Image.Load<Rgb24>(image.Bytes);
        return decoded[decoded.Width / 2, decoded.Height / 2];
    }

    /// <summary>JPEG moves colours a little.</summary>
    private static readonly IEqualityComparer<Rgb24> ColourComparer = EqualityComparer<Rgb24>.Create(
        (a, b) => Math.Abs(a.R - b.R) <= 12 && Math.Abs(a.G - b.G) <= 12 && Math.Abs(a.B - b.B) <= 12, c => 0);
}
