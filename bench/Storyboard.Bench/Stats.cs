namespace Storyboard.Bench;

public static class Stats
{
    /// <summary>Nearest-rank percentile (0–100) of unsorted values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);
}
