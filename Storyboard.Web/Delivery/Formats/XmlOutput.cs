using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>Writes the XML exports: UTF-8 without a byte-order mark, indented, escaped by the writer (never by hand).</summary>
public static class XmlOutput
{
    public static async Task SaveAsync(XDocument document, Stream output, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings
        {
            Async = true, Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", CloseOutput = false,
        };
        await using var writer = XmlWriter.Create(output, settings);
        await document.SaveAsync(writer, cancellationToken);
        await writer.FlushAsync();
    }

    /// <summary>
    /// The text with the characters XML 1.0 cannot carry (control characters, lone surrogates) left out; everything else,
    /// quotes, ampersands, emoji, stays as it is for the writer to escape.
    /// </summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (IsClean(text))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }
        return clean.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
