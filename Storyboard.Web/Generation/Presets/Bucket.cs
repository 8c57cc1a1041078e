namespace Storyboard.Web.Generation.Presets;

/// <summary>A width × height in pixels a family was trained on (a "bucket").</summary>
public readonly record struct Bucket(int Width, int Height)
{
    public double Aspect => (double)Width / Height;

    public override string ToString() => $"{Width}×{Height}";
}
