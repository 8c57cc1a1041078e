using SkiaSharp;

namespace Storyboard.Web.Generation.DraftCards;

/// <summary>
/// DejaVu Sans (regular and bold), embedded in this assembly from Storyboard.Web/Fonts (Bitstream Vera licence, see
/// Fonts/LICENSE-DejaVu.txt). Cards never ask the system for a font: the container has none.
/// </summary>
internal static class DraftCardFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;
    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        var name = $"Storyboard.Web.Fonts.{file}";
        using var stream = typeof(DraftCardFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from Storyboard.Web.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"The embedded font {name} could not be read by Skia.");
    }

    /// <summary>A font at <paramref name="size"/> pixels, set up the same way every time so output is repeatable.</summary>
    public static SKFont Create(SKTypeface face, float size, bool italic = false) => new(face, size)
    {
        Edging = SKFontEdging.Antialias,
        Hinting = SKFontHinting.None,
        Subpixel = true,
        // DejaVu Sans has no italic in fonts-dejavu-core: the lyrics are slanted instead.
        SkewX = italic ? ItalicSkew : 0,
    };

    /// <summary>The synthetic slant: tops lean right by this share of the height.</summary>
    public const float ItalicSkew = -0.22f;
}
