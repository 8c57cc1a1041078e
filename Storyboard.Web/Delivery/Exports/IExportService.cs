using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Exports;

/// <summary>An export as the history lists it.</summary>
public sealed record ExportView(int Id, string Format, string FormatLabel, string FileName, long SizeBytes, IReadOnlyList<string> Notices,
    DateTimeOffset CreatedAt);

/// <summary>The outcome of an export: the stored export, or errors keyed by the option they concern ("" for the whole form).</summary>
public sealed record ExportResult(ExportView? Export, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Export is not null;
}

/// <summary>Writes exports in any format, keeps them (the latest per project) and finds them again for download.</summary>
public interface IExportService
{
    /// <summary>Every format, in the order the export page lists them.</summary>
    IReadOnlyList<IExportFormat> Formats { get; }

    /// <summary>Null when the project does not exist or is in the Trash.</summary>
    Task<ExportResult?> ExportAsync(int projectId, string format, ExportOptions options, string? userId, CancellationToken cancellationToken);

    /// <summary>The project's exports, newest first; null when the project does not exist.</summary>
    Task<IReadOnlyList<ExportView>?> HistoryAsync(int projectId, CancellationToken cancellationToken);

    /// <summary>The stored file of one export, or null.</summary>
    Task<(ExportRecord Record, string Path)?> FileAsync(int projectId, int exportId, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(int projectId, int exportId, CancellationToken cancellationToken);
}
