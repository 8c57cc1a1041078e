using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// An OpenTimelineIO bundle (.otioz, reference note §4.6): a zip of <c>content.otio</c> (deflated) whose media URLs
/// are relative (<c>media/x.png</c>), <c>version.txt</c> ("1.0.0") and every clip's file and the song under
/// <c>media/</c>, stored uncompressed. A missing file is replaced by the clip's Draft card, and the report says so.
/// </summary>
public sealed class OtiozFormat(IDeliveryMedia media) : IExportFormat
{
    public const string ContentEntry = "content.otio";
    public const string VersionEntry = "version.txt";
    public const string BundleVersion = "1.0.0";

    public string Key => "otioz";
    public string Label => "OpenTimelineIO bundle with media (.otioz)";
    public string Editors => "DaVinci Resolve 18.5+ (links the media on its own), OpenTimelineIO tools";
    public string Extension => ".otioz";
    public string ContentType => "application/zip";
    public int Order => 45;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        foreach (var notice in cut.Notices)
        {
            report.Add(notice);
        }
        var (bundled, files) = await FilesAsync(cut, report, cancellationToken);

        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8, cancellationToken);
        await WriteTextAsync(zip, VersionEntry, BundleVersion, cancellationToken);
        var content = zip.CreateEntry(ContentEntry, CompressionLevel.Optimal);
        await using (var stream = await content.OpenAsync(cancellationToken))
        {
            await using var json = new Utf8JsonWriter(stream, OtioWriter.JsonOptions);
            new OtioWriter(bundled, MediaNames.PackagePath, report.Add).Write(json);
            await json.FlushAsync(cancellationToken);
        }
        foreach (var (fileName, path) in files)
        {
            var entry = zip.CreateEntry(MediaNames.PackagePath(fileName), CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(cancellationToken);
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await source.CopyToAsync(target, cancellationToken);
        }
    }

    /// <summary>
    /// The local file of every clip and of the song, keyed by its name in the bundle, and the cut as the bundle has
    /// it: a clip whose file is missing shows its Draft card (a PNG with its own name), a missing song is left out.
    /// </summary>
    private async Task<(Cut Cut, List<(string FileName, string Path)> Files)> FilesAsync(Cut cut, ExportReport report, CancellationToken cancellationToken)
    {
        var files = new List<(string FileName, string Path)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (width, height) = (cut.Resolution.Width, cut.Resolution.Height);
        await media.DrawDraftsAsync(cut, width, height, cancellationToken);

        async Task<CutClip> BundleAsync(CutClip clip)
        {
            var path = await media.FileAsync(cut, clip, width, height, cancellationToken);
            if (path is null)
            {
                report.Add($"The file of “{clip.Name}” is missing from the media folder: the bundle has its Draft card instead.");
                path = await media.DraftFileAsync(cut, clip, width, height, cancellationToken);
                var hash = DraftStills.CardHash(DraftStills.CardFor(cut, clip));
                clip = clip with
                {
                    Media = clip.Media with
                    {
                        Kind = CutMediaKind.Draft,
                        Hash = hash,
                        ContentType = "image/png",
                        RelativePath = null,
                        LengthFrames = null,
                        FileName = Path.GetFileNameWithoutExtension(clip.Media.FileName) + "-draft.png",
                        Width = width,
                        Height = height,
                    },
                };
            }
            if (names.Add(clip.Media.FileName))
            {
                files.Add((clip.Media.FileName, path));
            }
            return clip;
        }

        var clips = new List<CutClip>();
        foreach (var clip in cut.Clips)
        {
            clips.Add(await BundleAsync(clip));
        }
        var alternates = new List<CutClip>();
        foreach (var clip in cut.Alternates)
        {
            alternates.Add(await BundleAsync(clip));
        }
        var song = cut.Song;
        if (song is not null)
        {
            if (media.SongFile(cut) is { } songPath)
            {
                if (names.Add(song.FileName))
                {
                    files.Add((song.FileName, songPath));
                }
            }
            else
            {
                report.Add("The song's file is missing from the media folder: the bundle has no music.");
                song = null;
            }
        }
        return (cut with { Clips = clips, Alternates = alternates, Song = song }, files);
    }

    private static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
    }
}
