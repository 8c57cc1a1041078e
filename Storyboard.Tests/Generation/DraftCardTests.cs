using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.DraftCards;

namespace Storyboard.Tests.Generation;

public sealed class DraftCardTests
{
    private static readonly Rgba32 Paper = new(0xF7, 0xF5, 0xF0, 0xFF);

    private readonly SkiaDraftCardRenderer renderer = new();

    private static DraftCard Card() => new()
    {
        ProjectName = "Neon Rain",
        SceneName = "Chorus 1",
        ClipName = "Rooftop dance",
        TakeLabel = "Take A1",
        ShotSize = ShotSize.MediumCloseUp,
        CameraMove = CameraMove.DollyIn,
        Transition = "Dissolve 12f",
        TimecodeIn = "00:01:12:04",
        TimecodeOut = "00:01:15:10",
        Duration = "3.25 s",
        Prompt = "A woman in a yellow raincoat dances on a wet rooftop at night, neon signs reflected in the puddles",
        NegativePrompt = "blurry, watermark",
        Lyrics = "And the rain keeps falling down on me",
        Notes = "Cut on the snare.",
        AccentColor = "#e0566b",
    };

    [Theory]
    [InlineData(480, 270)]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    [InlineData(1080, 1920)]
    [InlineData(1080, 1080)]
    [InlineData(2048, 858)]
    [InlineData(16, 16)]
    [InlineData(8192, 64)]
    public void A_card_is_a_png_of_exactly_the_size_asked(int width, int height)
    {
        var png = renderer.RenderPng(Card(), width, height);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var info = Image.Identify(png);
        Assert.Equal(width, info.Width);
        Assert.Equal(height, info.Height);
    }

    [Theory]
    [InlineData(0, 1080, "width")]
    [InlineData(-1920, 1080, "width")]
    [InlineData(8193, 1080, "width")]
    [InlineData(1920, 0, "height")]
    [InlineData(1920, -1, "height")]
    [InlineData(1920, 100_000, "height")]
    [InlineData(15, 1080, "width")]
    public void Sizes_outside_16_to_8192_pixels_are_refused_with_a_message_naming_the_side(int width, int height, string side)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => renderer.RenderPng(Card(), width, height));

        Assert.Equal(side, error.ParamName);
        Assert.Contains($"A draft card's {side} must be 16 to 8192 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_card_gives_the_same_bytes_every_time()
    {
        var first = SHA256.HashData(renderer.RenderPng(Card(), 1280, 720));
        var second = SHA256.HashData(renderer.RenderPng(Card(), 1280, 720));
        var another = SHA256.HashData(new SkiaDraftCardRenderer().RenderPng(Card() with { }, 1280, 720));

        Assert.Equal(Convert.ToHexString(first), Convert.ToHexString(second));
        Assert.Equal(Convert.ToHexString(first), Convert.ToHexString(another));
        Assert.NotEqual(
            Convert.ToHexString(first),
            Convert.ToHexString(SHA256.HashData(renderer.RenderPng(Card() with { Prompt = "Something else" }, 1280, 720))));
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1080, 1920)]
    [InlineData(1080, 1080)]
    [InlineData(480, 270)]
    public void The_prompt_is_drawn_in_the_text_area(int width, int height)
    {
        using var with = Decode(renderer.RenderPng(Card() with { NegativePrompt = "", Lyrics = "", Notes = "" }, width, height));
        using var without = Decode(renderer.RenderPng(Card() with { Prompt = "", NegativePrompt = "", Lyrics = "", Notes = "" }, width, height));

        var (changed, bounds) = Differences(with, without);

        // A hundred characters leave far more ink than a few pixels: at least 5 units² (a unit is 1/54 of the
        // shorter side), all of it in the text area: right of the frame on landscape cards, under it otherwise.
        var unit = SkiaDraftCardRenderer.Unit(width, height);
        Assert.True(changed > 5 * unit * unit, $"Only {changed} pixels differ");
        if (width >= height * 1.2)
        {
            Assert.True(bounds.Left > width / 2, $"The prompt's ink starts at x = {bounds.Left}");
        }
        else
        {
            Assert.True(bounds.Top > height * 0.4, $"The prompt's ink starts at y = {bounds.Top}");
        }
        Assert.True(bounds.Top > SkiaDraftCardRenderer.HeaderHeight(width, height), "The header changed");
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1080, 1920)]
    public void The_header_band_is_the_scene_colour_with_the_clip_name_and_times_written_on_it(int width, int height)
    {
        using var image = Decode(renderer.RenderPng(Card() with { AccentColor = "#2a9d8f" }, width, height));
        var band = (int)SkiaDraftCardRenderer.HeaderHeight(width, height);
        var accent = new Rgba32(0x2A, 0x9D, 0x8F, 0xFF);

        Assert.Equal(accent, image[1, 1]);
        // Ink on the left (the name) and on the right (the times).
        var left = Count(image, new Rectangle(0, 0, width / 3, band), p => p != accent);
        var right = Count(image, new Rectangle(width * 2 / 3, 0, width / 3, band), p => p != accent);
        Assert.True(left > width / 3 * band / 50, $"{left} pixels of ink under the clip's name");
        Assert.True(right > width / 3 * band / 50, $"{right} pixels of ink under the times");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a colour")]
    public void Without_a_readable_scene_colour_the_band_is_Storyboard_blue(string? colour)
    {
        using var image = Decode(renderer.RenderPng(Card() with { AccentColor = colour }, 640, 360));

        Assert.Equal(new Rgba32(0x5B, 0x7F, 0xE0, 0xFF), image[1, 1]);
    }

    [Theory]
    [InlineData(480, 270)]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    [InlineData(1080, 1920)]
    [InlineData(1080, 1080)]
    [InlineData(300, 2000)]
    [InlineData(2000, 300)]
    public void Very_long_texts_stay_inside_the_margins(int width, int height)
    {
        var sentence = string.Concat(Enumerable.Repeat("A very long prompt about rain, neon & \"reflections\" on wet glass. ", 200));
        var card = Card() with
        {
            ClipName = string.Concat(Enumerable.Repeat("Extremely long clip name ", 20)),
            ProjectName = new string('P', 500),
            TimecodeIn = new string('9', 300),
            Prompt = sentence + new string('W', 2000),
            NegativePrompt = sentence,
            Lyrics = string.Join('\n', Enumerable.Repeat("La la la la la la la la la la la la la la la la", 40)),
            Notes = sentence,
        };
        using var image = Decode(renderer.RenderPng(card, width, height));
        var margin = (int)Math.Floor(SkiaDraftCardRenderer.Margin(width, height));
        var band = (int)Math.Ceiling(SkiaDraftCardRenderer.HeaderHeight(width, height));

        // The header band runs to the edges; below it, the margins are bare paper.
        Assert.Equal(0, Count(image, new Rectangle(0, band, margin, height - band), p => p != Paper));
        Assert.Equal(0, Count(image, new Rectangle(width - margin, band, margin, height - band), p => p != Paper));
        Assert.Equal(0, Count(image, new Rectangle(0, height - margin, width, margin), p => p != Paper));
    }

    [Theory]
    [InlineData("🎬🌧️💃 emoji")]
    [InlineData("雨の中で踊る女性、ネオンの光")]
    [InlineData("\"Quotes\" & <ampersands> 'apostrophes' — dashes…")]
    [InlineData("Supercalifragilisticexpialidocious-without-any-spaces-at-all-repeated-supercalifragilisticexpialidocious-and-again-and-again")]
    [InlineData("Combining marks: e\u0301 a\u0308 and a lone surrogate \ud83c end")]
    [InlineData("Right-to-left: مرحبا بالعالم · שלום")]
    [InlineData("\t\r\n  \n")]
    public void Awkward_text_is_drawn_without_error(string text)
    {
        var card = new DraftCard
        {
            ClipName = text,
            ProjectName = text,
            SceneName = text,
            Prompt = text,
            Lyrics = text,
            Notes = text,
            TimecodeIn = text,
        };

        foreach (var (width, height) in new[] { (480, 270), (1080, 1920), (16, 16) })
        {
            var info = Image.Identify(renderer.RenderPng(card, width, height));
            Assert.Equal((width, height), (info.Width, info.Height));
        }
    }

    [Fact]
    public void An_empty_card_is_drawn()
    {
        var info = Image.Identify(renderer.RenderPng(new DraftCard(), 1920, 1080));

        Assert.Equal(1920, info.Width);
    }

    [Fact]
    public void Every_shot_size_and_every_camera_move_draws_its_own_frame()
    {
        var shots = Enum.GetValues<ShotSize>()
            .Select(size => Convert.ToHexString(SHA256.HashData(renderer.RenderPng(Card() with { ShotSize = size, CameraMove = CameraMove.Static }, 640, 360))))
            .ToList();
        var moves = Enum.GetValues<CameraMove>()
            .Select(move => Convert.ToHexString(SHA256.HashData(renderer.RenderPng(Card() with { CameraMove = move }, 640, 360))))
            .ToList();

        Assert.Equal(shots.Count, shots.Distinct().Count());
        Assert.Equal(moves.Count, moves.Distinct().Count());
    }

    [Fact]
    public void Every_shot_size_and_camera_move_has_a_label()
    {
        Assert.Equal("Medium close-up (MCU)", DraftCardLabels.Of(ShotSize.MediumCloseUp));
        Assert.Equal("Dolly in", DraftCardLabels.Of(CameraMove.DollyIn));
        var labels = Enum.GetValues<ShotSize>().Select(DraftCardLabels.Of).Concat(Enum.GetValues<CameraMove>().Select(DraftCardLabels.Of)).ToList();
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void Skia_here_sees_no_system_font_so_card_text_comes_from_the_embedded_DejaVu_Sans()
    {
        // The dependency-free native build has no font manager of its own, like the container: its default
        // typeface has no glyphs. Text drawn on a card (see the header test) therefore comes from the embedded font.
        Assert.Equal(0, SKTypeface.Default.GlyphCount);
        Assert.Equal("DejaVu Sans", DraftCardFonts.Regular.FamilyName);
        Assert.True(DraftCardFonts.Bold.IsBold);
        using var font = DraftCardFonts.Create(DraftCardFonts.Regular, 20);
        Assert.True(font.ContainsGlyphs("Storyboard — «draft» ‘card’ ♪ …"));
    }

    [Fact]
    public void The_native_Skia_library_resolves_from_the_NoDependencies_package()
    {
        Assert.Equal(new Version(155, 0), SkiaSharpVersion.Native);
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libSkiaSharp.so")));
        }
    }

    [Fact]
    public void AddDraftCards_registers_one_shared_renderer()
    {
        using var services = new ServiceCollection().AddDraftCards().BuildServiceProvider();

        var first = services.GetRequiredService<IDraftCardRenderer>();
        Assert.IsType<SkiaDraftCardRenderer>(first);
        Assert.Same(first, services.GetRequiredService<IDraftCardRenderer>());
    }

    [Fact]
    public async Task Cards_render_in_parallel_to_the_same_bytes()
    {
        var expected = Convert.ToHexString(SHA256.HashData(renderer.RenderPng(Card(), 800, 450)));

        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => Convert.ToHexString(SHA256.HashData(renderer.RenderPng(Card(), 800, 450))))));

        Assert.All(hashes, hash => Assert.Equal(expected, hash));
    }

    private static Image<Rgba32> Decode(byte[] png) => Image.Load<Rgba32>(png);

    private static int Count(Image<Rgba32> image, Rectangle region, Func<Rgba32, bool> predicate)
    {
        var count = 0;
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                if (predicate(image[x, y]))
                {
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>How many pixels differ between two images of one size, and the rectangle holding them.</summary>
    private static (int Count, Rectangle Bounds) Differences(Image<Rgba32> a, Image<Rgba32> b)
    {
        var count = 0;
        int left = a.Width, top = a.Height, right = -1, bottom = -1;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (a[x, y] != b[x, y])
                {
                    count++;
                    left = Math.Min(left, x);
                    top = Math.Min(top, y);
                    right = Math.Max(right, x);
                    bottom = Math.Max(bottom, y);
                }
            }
        }
        return (count, count == 0 ? Rectangle.Empty : Rectangle.FromLTRB(left, top, right + 1, bottom + 1));
    }
}
