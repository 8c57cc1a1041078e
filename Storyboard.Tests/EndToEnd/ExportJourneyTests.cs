using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Storyboard.Tests.Delivery;
using Storyboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Storyboard.Tests.EndToEnd.CommonSteps;

namespace Storyboard.Tests.EndToEnd;

/// <summary>The export page in a real browser: every format exported by keyboard and downloaded, each file opened.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Every_format_is_exported_from_the_keyboard_downloaded_and_opens()
    {
        await using var journey = await Journey.StartAsync(browser, this, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        await journey.SignInAsNewAdminAsync();
        await journey.CreateProjectAsync("Rock & \"Roll\" 🎸");
        var page = journey.Page;
        var projectId = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var factory = journey.App.Factory;

        await journey.StepAsync("upload a song and lay out clips", async () =>
        {
            await page.Locator("#song-file").SetInputFilesAsync(TestAudio.Sine(factory.Folder, "mp3", 6));
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload song" }).ClickAsync();
            await Expect(page.Locator("#song-duration")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var scene = await factory.SceneAsync(projectId, "Verse & <one>", 0, 96);
            var first = await factory.ClipAsync(projectId, "Shot \"one\"", 0, 48, scene, lyrics: "Ça va 🎸");
            await factory.ClipAsync(projectId, "Shot two", 48, 48, scene, Web.Domain.TransitionKind.Dissolve, 12);
            await factory.ChooseImageAsync(projectId, first, 60);
        });

        await journey.StepAsync("the import page is there for the other way", async () =>
        {
            await page.GotoAsync("/Projects");
            await page.Locator("#import-project").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Import");
            await journey.CheckPageAsync("import a project");
            await page.GotoAsync($"/Projects/Dashboard/{projectId}");
        });

        await journey.StepAsync("open Export from the menu", async () =>
        {
            await page.Locator("#nav-export").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Export");
            await journey.CheckPageAsync("the formats");
        });

        var formats = await page.Locator("#export-formats button[name='Input.Format']").EvaluateAllAsync<string[]>("bs => bs.map(b => b.value)");
        Assert.Contains("package", formats);
        foreach (var format in formats)
        {
            await journey.StepAsync($"export {format} and download it", async () =>
            {
                var before = await page.Locator("#export-list tbody tr").CountAsync();
                var extension = (await page.Locator($"#format-{format} th .mono").InnerTextAsync()).Trim();
                await page.Locator($"#export-{format}").FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.Locator("#export-list tbody tr")).ToHaveCountAsync(before + 1, new() { Timeout = 30_000 });
                var link = page.Locator("#export-made-download");
                await Expect(link).ToHaveTextAsync(new Regex(Regex.Escape(extension) + "$"));
                var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
                var path = Path.Combine(factory.Folder, download.SuggestedFilename);
                await download.SaveAsAsync(path);
                Opens(format, await File.ReadAllBytesAsync(path));
            });
        }
        await journey.CheckPageAsync("after every export");
        await journey.FinishAsync();
    }

    /// <summary>Each file opens as what it claims to be, and carries the song and the awkward names intact.</summary>
    private static void Opens(string format, byte[] bytes)
    {
        Assert.NotEmpty(bytes);
        var text = Encoding.UTF8.GetString(bytes);
        switch (format)
        {
            case "fcpxml" or "fcp7":
                var xml = XDocument.Parse(text);
                Assert.Contains(xml.Descendants(), e => (string?)e.Attribute("name") == "Shot \"one\"" || e.Value == "Shot \"one\"");
                break;
            case "otio" or "json":
                using (var json = System.Text.Json.JsonDocument.Parse(bytes))
                {
                    Assert.Contains("Shot \\\"one\\\"", text.Replace("\\u0022", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal);
                }
                break;
            case "edl":
                Assert.StartsWith("TITLE:", text, StringComparison.Ordinal);
                break;
            case "pdf":
                Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
                break;
            case "otioz" or "package":
                using (var zip = new ZipArchive(new MemoryStream(bytes)))
                {
                    Assert.Contains(zip.Entries, e => e.FullName.StartsWith("media/song-", StringComparison.Ordinal));
                    Assert.Contains(zip.Entries, e => e.FullName.StartsWith("media/001-shot-one-", StringComparison.Ordinal));
                }
                break;
            default:
                throw new Xunit.Sdk.XunitException($"The export page lists a format this journey does not know: {format}");
        }
    }
}
