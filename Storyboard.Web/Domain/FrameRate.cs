using System.Globalization;

namespace Storyboard.Web.Domain;

/// <summary>An exact, rational frame rate (24000/1001 for 23.976).</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    public static readonly FrameRate Fps23976 = new(24000, 1001);
    public static readonly FrameRate Fps24 = new(24, 1);
    public static readonly FrameRate Fps25 = new(25, 1);
    public static readonly FrameRate Fps2997 = new(30000, 1001);
    public static readonly FrameRate Fps30 = new(30, 1);
    public static readonly FrameRate Fps50 = new(50, 1);
    public static readonly FrameRate Fps5994 = new(60000, 1001);
    public static readonly FrameRate Fps60 = new(60, 1);

    /// <summary>The rates a project may use, in the order the form lists them.</summary>
    public static IReadOnlyList<FrameRate> Standard { get; } =
        [Fps23976, Fps24, Fps25, Fps2997, Fps30, Fps50, Fps5994, Fps60];

    public double FramesPerSecond => (double)Numerator / Denominator;

    public bool IsNtsc => Denominator == 1001;

    /// <summary>"23.976", "24", "29.97", "59.94".</summary>
    public string Label => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : (Math.Floor(FramesPerSecond * 1000) / 1000).ToString("0.###", CultureInfo.InvariantCulture);

    public bool IsStandard => Standard.Contains(this);

    public static bool TryParseLabel(string? label, out FrameRate rate)
    {
        foreach (var candidate in Standard)
        {
            if (string.Equals(candidate.Label, label?.Trim(), StringComparison.Ordinal))
            {
                rate = candidate;
                return true;
            }
        }
        rate = default;
        return false;
    }

    /// <summary>Frames covering <paramref name="microseconds"/>, rounded down, in exact integer arithmetic.</summary>
    public long FramesFromMicroseconds(long microseconds) =>
        (long)((Int128)microseconds * Numerator / ((Int128)Denominator * 1_000_000));

    public override string ToString() => Label;
}
