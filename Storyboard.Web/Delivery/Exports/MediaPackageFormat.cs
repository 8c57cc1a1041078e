using System.IO.Compression;
using System.Text;

namespace Storyboard.Web.Delivery.Exports;

/// <summary>
/// A ZIP an editor opens as it is: every clip's medium and the song under <c>media/</c> with their stable unique names,
/// beside the FCPXML, FCP7 XML, EDL and OTIO of the same cut. The exported files point at the folder the user said the
/// package will be unzipped into; where that differs, every editor relinks by the unchanged relative path or name.
/// Media is stored (already compressed), the timelines deflated.
/// </summary>
public sealed class MediaPackageFormat(IServiceProvider services, IDeliveryMedia media) : IExportFormat
{
    /// <summary>The timelines the package carries, by format key.</summary>
    public static IReadOnlyList<string> Timelines { get; } = ["fcpxml", "fcp7", "edl", "otio"];

    public string Key => "package";
    public string Label => "Media package (ZIP)";
    public string Editors => "Any of them: the media with the FCPXML, FCP7 XML, EDL and OTIO beside it, relinked by relative path";
    public string Extension => ".zip";
    public string ContentType => "application/zip";
    public int Order => 90;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var written = new HashSet<string>(StringComparer.Ordinal);
        await media.DrawDraftsAsync(cut, cut.Resolution.Width, cut.Resolution.Height, cancellationToken);
        foreach (var clip in cut.Clips.Concat(cut.Alternates))
        {
            if (!written.Add(clip.Media.FileName))
            {
                continue;
            }
            var file = await media.FileAsync(cut, clip, cut.Resolution.Width, cut.Resolution.Height, cancellationToken);
            if (file is null)
            {
                report.Add($"The file of “{clip.Name}” went missing while the package was written; it is left out.");
                continue;
            }
            await AddFileAsync(zip, MediaNames.PackagePath(clip.Media.FileName), file, cancellationToken);
        }
        if (cut.Song is { } song && media.SongFile(cut) is { } songFile)
        {
            await AddFileAsync(zip, MediaNames.PackagePath(song.FileName), songFile, cancellationToken);
        }
        var stem = MediaNames.Slug(cut.Title, "storyboard", 60);
        var formats = services.GetServices<IExportFormat>().Where(f => Timelines.Contains(f.Key)).OrderBy(f => f.Order).ToList();
        foreach (var format in formats)
        {
            var entry = zip.CreateEntry(stem + format.Extension, CompressionLevel.Optimal);
            await using var stream = entry.Open();
            await format.WriteAsync(cut, options, stream, report, cancellationToken);
        }
        var readme = zip.CreateEntry("README.txt", CompressionLevel.Optimal);
        await using (var stream = readme.Open())
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(ReadMe(cut, options, formats)), cancellationToken);
        }
    }

    private static async Task AddFileAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = File.GetLastWriteTimeUtc(path);
        await using var target = entry.Open();
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await source.CopyToAsync(target, cancellationToken);
    }

    private static string ReadMe(Cut cut, ExportOptions options, IEnumerable<IExportFormat> formats)
    {
        var folder = options.Folder.Length > 0 ? options.Folder : MediaNames.DefaultFolder(cut.ProjectName);
        var text = new StringBuilder();
        text.AppendLine($"{cut.Title}: storyboard exported by Storyboard on {cut.CreatedAt:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine($"Unzip this package so that its files are in {folder} (the media in {folder}/media).");
        text.AppendLine("The timelines point there; if you unzip elsewhere, relink: every file keeps its name.");
        text.AppendLine();
        foreach (var format in formats)
        {
            text.AppendLine($"- {MediaNames.Slug(cut.Title, "storyboard", 60)}{format.Extension}: {format.Label}, for {format.Editors}.");
        }
        if (cut.Notices.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Left out or changed:");
            foreach (var notice in cut.Notices)
            {
                text.AppendLine($"- {notice}");
            }
        }
        return text.ToString();
    }
}
