using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;

namespace Storyboard.Web.Delivery.Exports;

/// <summary>
/// Runs one format over the project's cut into a file under the exports folder and records it with what it left out.
/// The file is written to a temporary name first, so a failed export leaves nothing behind; only the newest
/// <see cref="KeptPerProject"/> exports of a project are kept.
/// </summary>
public sealed class ExportService(StoryboardDbContext db, ICutBuilder cuts, IEnumerable<IExportFormat> formats, IOptions<StorageOptions> storage,
    TimeProvider clock, ILogger<ExportService> logger) : IExportService
{
    public const int KeptPerProject = 30;

    public IReadOnlyList<IExportFormat> Formats { get; } = formats.OrderBy(f => f.Order).ToList();

    public async Task<ExportResult?> ExportAsync(int projectId, string format, ExportOptions options, string? userId, CancellationToken cancellationToken)
    {
        var errors = Check(format, options);
        if (errors.Count > 0)
        {
            return await db.Projects.AnyAsync(p => p.Id == projectId && p.DeletedAt == null, cancellationToken)
                ? new ExportResult(null, errors)
                : null;
        }
        var writer = Formats.Single(f => f.Key == format);
        if (await cuts.BuildAsync(projectId, new CutScope(IncludeAlternates: options.IncludeAlternates), cancellationToken) is not { } cut)
        {
            return null;
        }
        var folder = Path.Combine(storage.Value.ExportsFolder, projectId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var stored = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}{writer.Extension}";
        var path = Path.Combine(folder, stored);
        var temp = path + ".part";
        var report = new ExportReport();
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await writer.WriteAsync(cut, options, output, report, cancellationToken);
            }
            File.Move(temp, path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Export of project {ProjectId} as {Format} failed", projectId, format);
            File.Delete(temp);
            return new ExportResult(null, new Dictionary<string, string> { [""] = $"The {writer.Label} export failed: {e.Message}" });
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        var record = new ExportRecord
        {
            ProjectId = projectId,
            UserId = userId,
            Format = format,
            OptionsJson = JsonSerializer.Serialize(options, Json),
            FileName = MediaNames.Slug(cut.Title, "storyboard", 60) + writer.Extension,
            StoredPath = Path.Combine(projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), stored),
            ContentType = writer.ContentType,
            SizeBytes = new FileInfo(path).Length,
            Notices = string.Join('\n', cut.Notices.Concat(report.Notices).Distinct()),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Exports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await PruneAsync(projectId, cancellationToken);
        return new ExportResult(ToView(record), new Dictionary<string, string>());
    }

    public async Task<IReadOnlyList<ExportView>?> HistoryAsync(int projectId, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.DeletedAt == null, cancellationToken))
        {
            return null;
        }
        var rows = await db.Exports.AsNoTracking().Where(e => e.ProjectId == projectId)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        return rows.Select(ToView).ToList();
    }

    public async Task<(ExportRecord Record, string Path)?> FileAsync(int projectId, int exportId, CancellationToken cancellationToken)
    {
        var record = await db.Exports.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == exportId && e.ProjectId == projectId && db.Projects.Any(p => p.Id == projectId && p.DeletedAt == null), cancellationToken);
        if (record is null)
        {
            return null;
        }
        var path = FullPath(record.StoredPath);
        return File.Exists(path) ? (record, path) : null;
    }

    public async Task<bool> DeleteAsync(int projectId, int exportId, CancellationToken cancellationToken)
    {
        var record = await db.Exports.SingleOrDefaultAsync(e => e.Id == exportId && e.ProjectId == projectId, cancellationToken);
        if (record is null)
        {
            return false;
        }
        db.Exports.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        File.Delete(FullPath(record.StoredPath));
        return true;
    }

    private Dictionary<string, string> Check(string format, ExportOptions options)
    {
        var errors = new Dictionary<string, string>();
        if (Formats.All(f => f.Key != format))
        {
            errors["Format"] = $"Choose a format: {string.Join(", ", Formats.Select(f => f.Key))}.";
        }
        if (!ExportOptions.FcpxmlVersions.Contains(options.FcpxmlVersion))
        {
            errors[nameof(ExportOptions.FcpxmlVersion)] = "Choose FCPXML 1.9, 1.10 or 1.11.";
        }
        if (!ExportOptions.PanelCounts.Contains(options.PanelsPerPage))
        {
            errors[nameof(ExportOptions.PanelsPerPage)] = "Choose 1, 4, 6 or 9 panels per page.";
        }
        if (!Enum.IsDefined(options.Paper) || !Enum.IsDefined(options.Orientation))
        {
            errors[nameof(ExportOptions.Paper)] = "Choose A4 or Letter, landscape or portrait.";
        }
        if (options.Folder.Length > 400 || options.Folder.Any(char.IsControl)
            || (options.Folder.Length > 0 && !options.Folder.StartsWith('/') && !(options.Folder.Length >= 3 && char.IsAsciiLetter(options.Folder[0]) && options.Folder[1] == ':' && options.Folder[2] is '\\' or '/')))
        {
            errors[nameof(ExportOptions.Folder)] = "Write the folder as an absolute path on the editing computer, like /Users/me/Movies/My video or D:\\Edits\\My video (up to 400 characters).";
        }
        return errors;
    }

    private async Task PruneAsync(int projectId, CancellationToken cancellationToken)
    {
        var old = await db.Exports.Where(e => e.ProjectId == projectId).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip(KeptPerProject).ToListAsync(cancellationToken);
        if (old.Count == 0)
        {
            return;
        }
        db.Exports.RemoveRange(old);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var record in old)
        {
            File.Delete(FullPath(record.StoredPath));
        }
    }

    private string FullPath(string storedPath)
    {
        var root = Path.GetFullPath(storage.Value.ExportsFolder);
        var full = Path.GetFullPath(Path.Combine(root, storedPath));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : throw new InvalidOperationException("An export path left the exports folder.");
    }

    private ExportView ToView(ExportRecord record) => new(record.Id, record.Format,
        Formats.FirstOrDefault(f => f.Key == record.Format)?.Label ?? record.Format, record.FileName, record.SizeBytes,
        record.Notices.Split('\n', StringSplitOptions.RemoveEmptyEntries), record.CreatedAt);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
