using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Storyboard.Web.Generation.DraftCards;

/// <summary>Greedy word wrap measured with the card's font; words wider than a line are broken between characters.</summary>
internal static class TextWrap
{
    /// <summary>Longer texts are cut before wrapping: a card never shows more, and wrapping stays cheap.</summary>
    public const int MaxCharacters = 4000;

    public const string Ellipsis = "…";

    /// <summary>
    /// The lines of <paramref name="text"/> no wider than <paramref name="width"/>; when more than
    /// <paramref name="maxLines"/> are needed, the last one kept ends with an ellipsis.
    /// </summary>
    public static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        if (maxLines <= 0 || width <= 0 || string.IsNullOrWhiteSpace(text))
        {
            return lines;
        }
        var truncated = text.Length > MaxCharacters;
        var source = truncated ? text[..MaxCharacters] : text;
        var overflow = truncated;
        foreach (var paragraph in source.ReplaceLineEndings("\n").Split('\n'))
        {
            if (!AddParagraph(paragraph, font, width, lines, maxLines + 1))
            {
                break;
            }
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        if (lines.Count > maxLines)
        {
            overflow = true;
            lines.RemoveRange(maxLines, lines.Count - maxLines);
        }
        if (overflow && lines.Count > 0)
        {
            lines[^1] = WithEllipsis(lines[^1], font, width);
        }
        return lines;
    }

    /// <summary><paramref name="line"/> cut so that it and an ellipsis fit in <paramref name="width"/>.</summary>
    public static string WithEllipsis(string line, SKFont font, float width)
    {
        var elements = Elements(line.TrimEnd());
        for (var count = elements.Count; count >= 0; count--)
        {
            var candidate = string.Concat(elements.Take(count)).TrimEnd() + Ellipsis;
            if (font.MeasureText(candidate) <= width)
            {
                return candidate;
            }
        }
        return "";
    }

    /// <summary><paramref name="text"/> on one line, ellipsised when too wide.</summary>
    public static string Fit(string text, SKFont font, float width)
    {
        var line = Collapse(text);
        return font.MeasureText(line) <= width ? line : WithEllipsis(line, font, width);
    }

    /// <summary>Whitespace runs (line breaks too) as single spaces, for one-line fields.</summary>
    public static string Collapse(string text)
    {
        var cut = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
        return string.Join(' ', cut.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Adds the lines of one paragraph; false once <paramref name="limit"/> lines exist.</summary>
    private static bool AddParagraph(string paragraph, SKFont font, float width, List<string> lines, int limit)
    {
        var words = paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            lines.Add("");
            return lines.Count < limit;
        }
        var line = new StringBuilder();
        foreach (var word in words)
        {
            var joined = line.Length == 0 ? word : $"{line} {word}";
            if (font.MeasureText(joined) <= width)
            {
                line.Clear().Append(joined);
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
                if (lines.Count >= limit)
                {
                    return false;
                }
            }
            if (font.MeasureText(word) <= width)
            {
                line.Append(word);
                continue;
            }
            // A word wider than the line: as many characters (whole graphemes) as fit, then the rest.
            foreach (var piece in Break(word, font, width))
            {
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    if (lines.Count >= limit)
                    {
                        return false;
                    }
                }
                line.Append(piece);
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
        return lines.Count < limit;
    }

    private static IEnumerable<string> Break(string word, SKFont font, float width)
    {
        var piece = new StringBuilder();
        foreach (var element in Elements(word))
        {
            if (piece.Length > 0 && font.MeasureText(piece + element) > width)
            {
                yield return piece.ToString();
                piece.Clear();
            }
            piece.Append(element);
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>The user-perceived characters, so a break never splits a surrogate pair or a combining mark.</summary>
    private static List<string> Elements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }
        return elements;
    }
}
