using System.Globalization;
using System.Text;

namespace Storyboard.Bench;

/// <summary>The figures as a table, each beside its target (if it has one) with PASS or MISS.</summary>
public sealed class Report
{
    private readonly List<(string Figure, string Value, string Target, string Verdict)> _rows = [];

    public void Add(string figure, string value) => _rows.Add((figure, value, "", ""));

    /// <summary>A figure with a "below" target: PASS when <paramref name="measured"/> &lt; <paramref name="limit"/>.</summary>
    public void Add(string figure, string value, double measured, double limit, string unit) =>
        _rows.Add((figure, value, $"< {Number(limit)} {unit}", measured < limit ? "PASS" : "MISS"));

    public string Render()
    {
        var headers = ("Figure", "Value", "Target", "Result");
        var widths = new[]
        {
            Math.Max(headers.Item1.Length, _rows.Max(r => r.Figure.Length)),
            Math.Max(headers.Item2.Length, _rows.Max(r => r.Value.Length)),
            Math.Max(headers.Item3.Length, _rows.Max(r => r.Target.Length)),
            headers.Item4.Length,
        };
        var text = new StringBuilder();
        Line(text, widths, headers.Item1, headers.Item2, headers.Item3, headers.Item4);
        Line(text, widths, new string('-', widths[0]), new string('-', widths[1]), new string('-', widths[2]), new string('-', widths[3]));
        foreach (var row in _rows)
        {
            Line(text, widths, row.Figure, row.Value, row.Target, row.Verdict);
        }
        return text.ToString();
    }

    public static string Number(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, int[] widths, string a, string b, string c, string d) =>
        text.Append("| ").Append(a.PadRight(widths[0])).Append(" | ").Append(b.PadLeft(widths[1])).Append(" | ")
            .Append(c.PadRight(widths[2])).Append(" | ").Append(d.PadRight(widths[3])).AppendLine(" |");
}
