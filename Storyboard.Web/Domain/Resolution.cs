namespace Storyboard.Web.Domain;

/// <summary>Output frame size of a project, with the presets the project form offers.</summary>
public readonly record struct Resolution(int Width, int Height)
{
    public const int MinSide = 64;
    public const int MaxSide = 8192;

    public static IReadOnlyList<(string Key, string Label, Resolution Value)> Presets { get; } =
    [
        ("1920x1080", "1920 × 1080 (16:9 HD)", new(1920, 1080)),
        ("1080x1920", "1080 × 1920 (9:16 vertical)", new(1080, 1920)),
        ("1080x1080", "1080 × 1080 (1:1 square)", new(1080, 1080)),
        ("3840x2160", "3840 × 2160 (16:9 UHD)", new(3840, 2160)),
    ];

    public string Key => $"{Width}x{Height}";

    public static bool IsValidSide(int side) => side is >= MinSide and <= MaxSide && side % 2 == 0;

    public override string ToString() => $"{Width} × {Height}";
}
