using Microsoft.Extensions.DependencyInjection;
using Storyboard.Tests.Infrastructure;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats.Pdf;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Delivery.Formats.Pdf;

/// <summary>
/// The PDF storyboard sheet of in-memory cuts, written by the app's registered format (real Draft cards, an empty media
/// folder, so every stored file is missing) and read back with PdfPig.
/// </summary>
public sealed class PdfSheetTests(StoryboardFactory factory) : IClassFixture<StoryboardFactory>
{
    internal static async Task<(byte[] Pdf, ExportReport Report)> WriteAsync(IServiceProvider services, Cut cut, ExportOptions options)
    {
        await using var scope = services.CreateAsyncScope();
        var format = scope.ServiceProvider.GetServices<IExportFormat>().Single(f => f.Key == "pdf");
        var report = new ExportReport();
        using var output = new MemoryStream();
        await format.WriteAsync(cut, options, output, report, CancellationToken.None);
        return (output.ToArray(), report);
    }

    private Task<(byte[] Pdf, ExportReport Report)> WriteAsync(Cut cut, ExportOptions? options = null) =>
        WriteAsync(factory.Services, cut, options ?? new ExportOptions());

    [Fact]
    public async Task The_format_is_registered_as_pdf_with_its_file_type()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var format = scope.ServiceProvider.GetServices<IExportFormat>().Single(f => f.Key == "pdf");
        Assert.Equal((".pdf", "application/pdf"), (format.Extension, format.ContentType));
        Assert.False(string.IsNullOrWhiteSpace(format.Label));
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(4, 4)]
    [InlineData(6, 3)]
    [InlineData(9, 3)]
    public async Task Ten_clips_fill_a_cover_and_as_many_pages_as_the_layout_needs_with_one_image_per_panel(int perPage, int pages)
    {
        var (pdf, _) = await WriteAsync(CutSamples.Many(10), new ExportOptions { PanelsPerPage = perPage });

        var (_, read) = SheetReader.Read(pdf);
        Assert.Equal(pages, read.Count);
        Assert.Empty(read[0].Images);
        var panels = read.Skip(1).Select(p => p.Images.Count).ToList();
        Assert.Equal(10, panels.Sum());
        Assert.All(panels.SkipLast(1), count => Assert.Equal(perPage, count));
        Assert.All(read.Skip(1).SelectMany(p => p.Images), image => Assert.True(image.IsJpeg, "pictures are embedded as JPEG"));
    }

    [Theory]
    [InlineData(PaperSize.A4, PageOrientation.Landscape, 841.89, 595.28)]
    [InlineData(PaperSize.A4, PageOrientation.Portrait, 595.28, 841.89)]
    [InlineData(PaperSize.Letter, PageOrientation.Landscape, 792, 612)]
    [InlineData(PaperSize.Letter, PageOrientation.Portrait, 612, 792)]
    public async Task Every_page_has_the_paper_size_and_orientation_asked_for(PaperSize paper, PageOrientation orientation, double width, double height)
    {
        foreach (var perPage in ExportOptions.PanelCounts)
        {
            var (pdf, _) = await WriteAsync(CutSamples.Many(7), new ExportOptions { Paper = paper, Orientation = orientation, PanelsPerPage = perPage });

            var (_, pages) = SheetReader.Read(pdf);
            Assert.All(pages, page =>
            {
                Assert.Equal(width, page.Width, 0.5);
                Assert.Equal(height, page.Height, 0.5);
            });
        }
    }

    [Theory]
    [InlineData(4, PageOrientation.Landscape)]
    [InlineData(9, PageOrientation.Portrait)]
    [InlineData(9, PageOrientation.Landscape)]
    public async Task Each_clips_number_name_timecodes_lyrics_and_notes_are_text_on_its_own_page(int perPage, PageOrientation orientation)
    {
        var cut = CutSamples.Many(10);
        var (pdf, _) = await WriteAsync(cut, new ExportOptions { PanelsPerPage = perPage, Orientation = orientation });

        var (_, pages) = SheetReader.Read(pdf);
        for (var i = 0; i < cut.Clips.Count; i++)
        {
            var clip = cut.Clips[i];
            var page = pages[1 + i / perPage];
            var timing = $"{Timecode.Format(clip.StartFrame, cut.Rate)} – {Timecode.Format(clip.EndFrame, cut.Rate)} · 0.6 s (18 f)";
            foreach (var line in new[] { $"{clip.Number} · {clip.Name}", timing, $"Line {clip.Number}", $"Notes: Note {clip.Number}" })
            {
                Assert.True(page.Has(line), $"“{line}” is not on {page}");
                Assert.DoesNotContain(pages.Where(p => p != page), p => p.Has(line));
            }
        }
    }

    [Fact]
    public async Task A_scene_cut_shows_song_timecodes_and_the_clips_section_shot_size_and_camera_move()
    {
        var cut = CutSamples.Sample() with
        {
            SceneId = 11,
            SongOffsetFrames = 1800,
            Clips = [CutSamples.Clip(3, 3, "Board 3", 0, 90, CutMediaKind.Draft, sceneId: 11) with
            {
                SceneName = "Scene 2", SectionLabel = "Chorus", ShotSize = ShotSize.CloseUp, CameraMove = CameraMove.DollyIn,
            }],
        };

        var (pdf, _) = await WriteAsync(cut, new ExportOptions { PanelsPerPage = 1 });

        var page = SheetReader.Read(pdf).Pages[1];
        Assert.True(page.Has("00:01:00;02 – 00:01:03;02 · 3 s (90 f)"), page.ToString());
        Assert.True(page.Has("Chorus · Scene 2"), page.ToString());
        Assert.True(page.Has("Close-up (CU) · Dolly in"), page.ToString());
    }

    [Fact]
    public async Task The_cover_names_the_project_song_date_shots_and_length_and_every_page_has_a_numbered_footer()
    {
        var cut = CutSamples.Sample();
        var (pdf, _) = await WriteAsync(cut, new ExportOptions { PanelsPerPage = 1 });

        var (info, pages) = SheetReader.Read(pdf);
        var cover = pages[0];
        Assert.True(cover.Has("Night Drive"), cover.ToString());
        Assert.True(cover.Has("Night Drive.wav (0:20)"), cover.ToString());
        Assert.True(cover.Has("25 November 2026, 12:00 UTC"), cover.ToString());
        Assert.True(cover.Has("3"), cover.ToString());
        Assert.True(cover.Has("0:13 (00:00:13;00 at 29.97 fps)"), cover.ToString());
        Assert.Equal(4, pages.Count);
        Assert.All(pages, page =>
        {
            Assert.True(page.Has($"Page {page.Number} of 4"), page.ToString());
            // The footer's project name, and the cover's title above it.
            Assert.Equal(page.Number == 1 ? 2 : 1, page.Lines.Count(l => l.Text == "Night Drive"));
        });
        Assert.True(pages[2].Has("Dolly in · dissolve 30 f"), pages[2].ToString());
        Assert.True(pages[2].Has("Notes: Slow push"), pages[2].ToString());
        Assert.Equal("Night Drive – storyboard", info.Title);
        Assert.Equal("Storyboard", info.Author);
    }

    [Fact]
    public async Task Names_with_quotes_ampersands_slashes_and_emoji_are_written_as_text()
    {
        var cut = CutSamples.Nasty();
        var (pdf, _) = await WriteAsync(cut, new ExportOptions { PanelsPerPage = 4 });

        var (info, pages) = SheetReader.Read(pdf);
        Assert.Equal(2, pages.Count);
        var texts = string.Join("\n", pages[1].Texts);
        Assert.Contains("1 · Shot \"1\" & <b>", texts);
        Assert.Contains("Notes: a/b\\c", texts);
        Assert.Contains("Ça va? ", texts);
        Assert.Contains("\"yes\" & <no>", texts);
        Assert.Contains("2 · Émoji ", texts);
        Assert.Contains(" / slash", texts);
        Assert.StartsWith("Rock & \"Roll\" <Live> / Ça va ", info.Title);
        Assert.Equal(2, pages[1].Images.Count);
    }

    [Fact]
    public async Task An_empty_project_is_a_cover_page_that_says_there_are_no_shots_yet()
    {
        var (pdf, report) = await WriteAsync(CutSamples.Empty());

        var (_, pages) = SheetReader.Read(pdf);
        var cover = Assert.Single(pages);
        Assert.True(cover.Has("No shots yet"), cover.ToString());
        Assert.True(cover.Has("No song"), cover.ToString());
        Assert.True(cover.Has("Page 1 of 1"), cover.ToString());
        Assert.Contains(CutSamples.Empty().Notices[0], report.Notices);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(12)]
    public async Task Other_panel_counts_are_refused_before_anything_is_written(int perPage)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var format = scope.ServiceProvider.GetServices<IExportFormat>().Single(f => f.Key == "pdf");
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            format.WriteAsync(CutSamples.Sample(), new ExportOptions { PanelsPerPage = perPage }, output, new ExportReport(), CancellationToken.None));

        Assert.Contains("1, 4, 6 or 9", error.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Missing_files_are_replaced_by_draft_cards_and_named_in_the_report()
    {
        var (pdf, report) = await WriteAsync(CutSamples.Sample());

        Assert.Contains("The video of shot 2 “Shot 2” is missing or unreadable: the sheet shows its Draft card.", report.Notices);
        Assert.Contains("The image of shot 3 “Board 3” is missing or unreadable: the sheet shows its Draft card.", report.Notices);
        Assert.Contains("1 shot without a chosen image or video: the sheet shows its Draft card.", report.Notices);
        var (_, pages) = SheetReader.Read(pdf);
        Assert.Equal(3, pages[1].Images.Count);
        Assert.Contains(pages[0].Texts, t => t.Contains("Shot 2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(9, PageOrientation.Landscape)]
    [InlineData(9, PageOrientation.Portrait)]
    [InlineData(1, PageOrientation.Landscape)]
    public async Task Long_texts_wrap_and_end_with_an_ellipsis_inside_their_panel_at_a_readable_size(int perPage, PageOrientation orientation)
    {
        string Words(string stem) => string.Join(" ", Enumerable.Range(1, 400).Select(i => $"{stem}{i}"));
        var cut = CutSamples.Many(3) with
        {
            Clips = CutSamples.Many(3).Clips.Select(c => c with
            {
                Name = "A very long shot name " + Words("name"),
                Lyrics = Words("lyric"),
                Notes = "Averyveryverylongwordwithoutanyspaces" + new string('x', 300),
            }).ToList(),
        };
        var options = new ExportOptions { PanelsPerPage = perPage, Orientation = orientation };
        var layout = SheetLayout.For(options, cut.Resolution);

        var (pdf, _) = await WriteAsync(cut, options);

        var pages = SheetReader.Read(pdf).Pages;
        var panelLines = pages.Skip(1).SelectMany(p => p.Lines.Where(l => l.Box.Bottom > SheetLayout.Margin + SheetLayout.FooterHeight)
            .Select(l => (Page: p, Line: l))).ToList();
        Assert.NotEmpty(panelLines);
        foreach (var (page, line) in panelLines)
        {
            Assert.True(line.MinPointSize >= 7, $"“{line.Text}” is {line.MinPointSize} pt");
            var inside = Enumerable.Range(0, layout.PanelsPerPage).Select(layout.Panel).Any(panel =>
                line.Box.Left >= panel.Left - 0.5 && line.Box.Right <= panel.Right + 0.5
                && page.Height - line.Box.Top >= panel.Top - 0.5 && page.Height - line.Box.Bottom <= panel.Bottom + 0.5);
            Assert.True(inside, $"“{line.Text}” at {line.Box} leaves its panel");
        }
        var texts = panelLines.Select(p => p.Line.Text).ToList();
        Assert.Equal(3, texts.Count(t => t.Contains("name", StringComparison.Ordinal) && t.EndsWith('…')));
        Assert.Equal(3, texts.Count(t => t.StartsWith("lyric", StringComparison.Ordinal) && t.EndsWith('…')));
        Assert.Equal(3, texts.Count(t => t.StartsWith("Notes:", StringComparison.Ordinal)));
        Assert.Equal(3, texts.Count(t => t.EndsWith('…') && (t.StartsWith("Notes:", StringComparison.Ordinal) || t.StartsWith('x'))));
    }

    [Fact]
    public async Task Pictures_are_letterboxed_into_the_projects_aspect_ratio_never_stretched()
    {
        var cut = CutSamples.Many(2) with { Resolution = new Resolution(1080, 1920) };
        var (pdf, _) = await WriteAsync(cut, new ExportOptions { PanelsPerPage = 4 });

        var images = SheetReader.Read(pdf).Pages[1].Images;
        Assert.Equal(2, images.Count);
        Assert.All(images, image =>
            Assert.Equal((double)image.WidthInSamples / image.HeightInSamples, image.Bounds.Width / image.Bounds.Height, 0.02));
    }
}
