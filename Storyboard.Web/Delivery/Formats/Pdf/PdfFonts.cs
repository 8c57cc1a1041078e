using PdfSharp.Fonts;

namespace Storyboard.Web.Delivery.Formats.Pdf;

/// <summary>
/// The storyboard sheet's font: DejaVu Sans (regular and bold), embedded in this assembly from Storyboard.Web/Fonts, the
/// same files the Draft cards draw with. PDFsharp 6 on Linux has no font of its own and throws without a resolver, so
/// every family name resolves to DejaVu Sans; italic is slanted by PDFsharp (the app ships no italic face).
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name the sheet asks for.</summary>
    public const string Family = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly PdfFonts Instance = new();
    private static readonly Lock Gate = new();

    private readonly Lazy<byte[]> _regular = new(() => Load(RegularFace));
    private readonly Lazy<byte[]> _bold = new(() => Load(BoldFace));

    private PdfFonts()
    {
    }

    /// <summary>
    /// Makes PDFsharp use these fonts. PDFsharp keeps one resolver per process and refuses a different one once fonts
    /// were used, so this sets the one shared instance, once, under a lock (test hosts start many apps in one process).
    /// </summary>
    public static void Install()
    {
        if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
        {
            return;
        }
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        BoldFace => _bold.Value,
        RegularFace => _regular.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        var name = $"Storyboard.Web.Fonts.{face}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from Storyboard.Web.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
