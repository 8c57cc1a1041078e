using System.Text.Json;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// OpenTimelineIO JSON (.otio): the timeline with absolute file URLs into the folder the user unzips the media
/// package into (<see cref="ExportOptions.Folder"/>, else the project's default folder).
/// </summary>
public sealed class OtioFormat : IExportFormat
{
    public string Key => "otio";
    public string Label => "OpenTimelineIO (.otio)";
    public string Editors => "DaVinci Resolve 18.5+, Premiere Pro 2025.6+, OpenTimelineIO tools (media linked by absolute path)";
    public string Extension => ".otio";
    public string ContentType => "application/json";
    public int Order => 40;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        foreach (var notice in cut.Notices)
        {
            report.Add(notice);
        }
        var folder = string.IsNullOrWhiteSpace(options.Folder) ? MediaNames.DefaultFolder(cut.ProjectName) : options.Folder.Trim();
        await using var json = new Utf8JsonWriter(output, OtioWriter.JsonOptions);
        new OtioWriter(cut, fileName => MediaNames.FileUrl(folder, fileName), report.Add).Write(json);
        await json.FlushAsync(cancellationToken);
    }
}
