using System.Xml.Linq;
using Storyboard.Web.Delivery;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>Writes a cut through a format into memory and parses what came out.</summary>
public sealed record ExportRun(XDocument Document, string Text, ExportReport Report)
{
    public static async Task<ExportRun> WriteAsync(IExportFormat format, Cut cut, ExportOptions? options = null)
    {
        var report = new ExportReport();
        using var stream = new MemoryStream();
        await format.WriteAsync(cut, options ?? new ExportOptions(), stream, report, CancellationToken.None);
        var bytes = stream.ToArray();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The file starts with a byte-order mark");
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        return new ExportRun(XDocument.Parse(text, LoadOptions.None), text, report);
    }

    public string SaveTo(string path)
    {
        File.WriteAllText(path, Text);
        return path;
    }
}
