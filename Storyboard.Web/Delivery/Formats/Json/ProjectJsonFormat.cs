using System.Text.Json;

namespace Storyboard.Web.Delivery.Formats.Json;

/// <summary>
/// The whole project as JSON, to keep, move to another Storyboard or read with a script; /Projects/Import reads it
/// back. It ignores the cut's choices (scene, alternates): the file always holds everything.
/// </summary>
public sealed class ProjectJsonFormat(IProjectArchive archive) : IExportFormat
{
    public string Key => "json";
    public string Label => "Storyboard project (JSON)";
    public string Editors => "Storyboard (import into this or another instance); scripts and other tools";
    public string Extension => ".json";
    public string ContentType => ProjectJson.ContentType;
    public int Order => 80;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        if (cut.SceneId is not null)
        {
            report.Add("The project file always holds the whole project, not only the chosen scene.");
        }
        var document = await archive.ExportAsync(cut.ProjectId, report, cancellationToken)
            ?? throw new InvalidOperationException($"Project {cut.ProjectId} does not exist or is in the Trash.");
        await JsonSerializer.SerializeAsync(output, document, ProjectJson.Options, cancellationToken);
    }
}
