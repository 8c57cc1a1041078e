using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace Storyboard.Web.Delivery.Formats.Pdf;

/// <summary>
/// Breaks text into lines no wider than a width, at spaces where it can and between characters where a word alone is
/// too wide, keeping line breaks the user typed; past the last allowed line the text is cut and ends with "…".
/// Characters are never split (an emoji's surrogate pair stays whole).
/// </summary>
public static class TextFit
{
    public const string Ellipsis = "…";

    public static IReadOnlyList<string> Wrap(XGraphics graphics, string? text, XFont font, double width, int maxLines)
    {
        var lines = new List<string>();
        if (maxLines <= 0 || string.IsNullOrWhiteSpace(text))
        {
            return lines;
        }
        double Measure(string s) => graphics.MeasureString(s, font).Width;
        var truncated = false;
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            if (lines.Count == maxLines)
            {
                truncated = true;
                break;
            }
            var line = "";
            foreach (var word in words)
            {
                if (lines.Count == maxLines)
                {
                    truncated = true;
                    break;
                }
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                    line = "";
                    if (lines.Count == maxLines)
                    {
                        truncated = true;
                        break;
                    }
                }
                // A word wider than the line is broken between characters.
                var rest = word;
                while (Measure(rest) > width)
                {
                    if (lines.Count == maxLines)
                    {
                        truncated = true;
                        break;
                    }
                    var (head, tail) = SplitToFit(rest, width, Measure);
                    lines.Add(head);
                    rest = tail;
                }
                if (truncated)
                {
                    break;
                }
                line = rest;
            }
            if (!truncated && line.Length > 0)
            {
                if (lines.Count == maxLines)
                {
                    truncated = true;
                }
                else
                {
                    lines.Add(line);
                }
            }
            if (truncated)
            {
                break;
            }
        }
        if (truncated && lines.Count > 0)
        {
            lines[^1] = WithEllipsis(lines[^1], width, Measure);
        }
        return lines;
    }

    /// <summary>One line: <paramref name="text"/> as it is when it fits, else cut to end with "…".</summary>
    public static string Line(XGraphics graphics, string text, XFont font, double width)
    {
        text = text.ReplaceLineEndings(" ");
        double Measure(string s) => graphics.MeasureString(s, font).Width;
        return Measure(text) <= width ? text : WithEllipsis(text, width, Measure);
    }

    private static string WithEllipsis(string line, double width, Func<string, double> measure)
    {
        var elements = Elements(line);
        for (var count = elements.Count; count >= 0; count--)
        {
            var candidate = string.Concat(elements.Take(count)).TrimEnd() + Ellipsis;
            if (measure(candidate) <= width)
            {
                return candidate;
            }
        }
        return Ellipsis;
    }

    private static (string Head, string Tail) SplitToFit(string word, double width, Func<string, double> measure)
    {
        var elements = Elements(word);
        var head = new StringBuilder();
        var count = 0;
        foreach (var element in elements)
        {
            if (count > 0 && measure(head + element) > width)
            {
                break;
            }
            head.Append(element);
            count++;
        }
        return (head.ToString(), string.Concat(elements.Skip(count)));
    }

    private static List<string> Elements(string text)
    {
        var list = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            list.Add(enumerator.GetTextElement());
        }
        return list;
    }
}
