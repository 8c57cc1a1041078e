using System.ComponentModel;
using System.Security.Claims;
using Storyboard.Web.Accounts;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Exports;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Api;

[Description("A format an export can be written in.")]
public sealed record ExportFormatView(
    [property: Description("The key to export with: fcpxml, fcp7, edl, otio, otioz, json, pdf or package.")] string Key,
    string Label,
    [property: Description("The editors that read it.")] string Editors,
    string Extension,
    string ContentType);

[Description("What to export and how; every field but format is optional.")]
public sealed record ExportRequest(
    [property: Description("fcpxml, fcp7, edl, otio, otioz, json, pdf or package (GET /api/v1/export-formats lists them).")] string? Format,
    [property: Description("Alternate takes as extra lanes or tracks, switched off. False by default.")] bool? IncludeAlternates = null,
    [property: Description("The folder on the editing computer the package is unzipped into; media URLs point at its media/ subfolder. Absolute, POSIX or Windows.")] string? Folder = null,
    [property: Description("1.9, 1.10 (default) or 1.11.")] string? FcpxmlVersion = null,
    [property: Description("PDF panels per page: 1, 4, 6 (default) or 9.")] int? PanelsPerPage = null,
    [property: Description("PDF paper: A4 (default) or Letter.")] string? Paper = null,
    [property: Description("PDF orientation: Landscape (default) or Portrait.")] string? Orientation = null);

[Description("A stored export.")]
public sealed record ExportItemView(int Id, string Format, string FormatLabel, string FileName, long SizeBytes,
    [property: Description("What the export left out or replaced.")] IReadOnlyList<string> Notices,
    DateTimeOffset CreatedAt,
    [property: Description("Where to download the file.")] string FileUrl);

/// <summary>/api/v1/projects/{id}/exports: the same <see cref="IExportService"/> the export page uses.</summary>
public static class ExportsEndpoints
{
    public const string ExportFileRoute = "GetExportFile";

    public static RouteGroupBuilder MapExportsEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/export-formats", (IExportService exports) =>
                TypedResults.Ok(exports.Formats.Select(f => new ExportFormatView(f.Key, f.Label, f.Editors, f.Extension, f.ContentType)).ToList()))
            .WithTags("Exports").WithName("ListExportFormats").WithSummary("List the export formats")
            .Produces<ExportFormatView[]>();
        var exports = v1.MapGroup("/projects/{projectId:int}/exports").WithTags("Exports");
        exports.MapGet("", ListAsync).WithName("ListExports")
            .WithSummary("List a project's exports, newest first")
            .Produces<ExportItemView[]>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        exports.MapPost("", CreateAsync).WithName("CreateExport")
            .WithSummary("Export the project")
            .WithDescription("Editors and Admins. Writes the file now and answers 201 with it (download from fileUrl); notices say what was left out.")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<ExportRequest>("application/json")
            .Produces<ExportItemView>(StatusCodes.Status201Created)
            .ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        exports.MapGet("/{exportId:int}/file", FileAsync).WithName(ExportFileRoute)
            .WithSummary("Download an export")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        exports.MapDelete("/{exportId:int}", DeleteAsync).WithName("DeleteExport")
            .WithSummary("Delete an export")
            .RequireAuthorization(Policies.CanEdit)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<IResult> ListAsync(int projectId, IExportService exports, LinkGenerator links, HttpContext context) =>
        await exports.HistoryAsync(projectId, context.RequestAborted) is { } history
            ? TypedResults.Ok(history.Select(e => View(e, projectId, links, context)).ToList())
            : ProjectNotFound(projectId);

    private static async Task<IResult> CreateAsync(int projectId, IExportService exports, LinkGenerator links, HttpContext context)
    {
        if (!(await JsonBody.ReadAsync<ExportRequest>(context)).TryGet(out var input, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        var options = new ExportOptions
        {
            IncludeAlternates = input.IncludeAlternates ?? false,
            Folder = input.Folder?.Trim() ?? "",
            FcpxmlVersion = input.FcpxmlVersion ?? "1.10",
            PanelsPerPage = input.PanelsPerPage ?? 6,
            Paper = Parse(input.Paper, PaperSize.A4, nameof(ExportRequest.Paper), "A4 or Letter", errors),
            Orientation = Parse(input.Orientation, PageOrientation.Landscape, nameof(ExportRequest.Orientation), "Landscape or Portrait", errors),
        };
        if (string.IsNullOrWhiteSpace(input.Format))
        {
            errors[nameof(ExportRequest.Format)] = "Name a format: " + string.Join(", ", exports.Formats.Select(f => f.Key)) + ".";
        }
        if (errors.Count > 0)
        {
            return ApiProblems.InvalidFromService(errors);
        }
        var result = await exports.ExportAsync(projectId, input.Format!.Trim().ToLowerInvariant(), options,
            context.User.FindFirstValue(ClaimTypes.NameIdentifier), context.RequestAborted);
        if (result is null)
        {
            return ProjectNotFound(projectId);
        }
        if (!result.Succeeded)
        {
            return ApiProblems.InvalidFromService(result.Errors.ToDictionary(e => e.Key.Length == 0 ? nameof(ExportRequest.Format) : e.Key, e => e.Value));
        }
        var view = View(result.Export!, projectId, links, context);
        return TypedResults.Created(view.FileUrl, view);
    }

    private static async Task<IResult> FileAsync(int projectId, int exportId, IExportService exports, HttpContext context) =>
        await exports.FileAsync(projectId, exportId, context.RequestAborted) is { } file
            ? TypedResults.PhysicalFile(file.Path, file.Record.ContentType, file.Record.FileName, enableRangeProcessing: true)
            : ApiProblems.NotFound($"Project {projectId} has no export {exportId}.");

    private static async Task<IResult> DeleteAsync(int projectId, int exportId, IExportService exports, HttpContext context) =>
        await exports.DeleteAsync(projectId, exportId, context.RequestAborted)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Project {projectId} has no export {exportId}.");

    private static T Parse<T>(string? text, T fallback, string field, string choices, Dictionary<string, string> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text.Trim()[0]))
        {
            return value;
        }
        errors[field] = $"Choose {choices}.";
        return fallback;
    }

    private static ExportItemView View(ExportView export, int projectId, LinkGenerator links, HttpContext context) => new(export.Id, export.Format,
        export.FormatLabel, export.FileName, export.SizeBytes, export.Notices, export.CreatedAt,
        links.GetPathByName(context, ExportFileRoute, new { projectId, exportId = export.Id })!);

    private static IResult ProjectNotFound(int id) =>
        ApiProblems.NotFound($"There is no project {id}, or it is in the Trash (GET /api/v1/trash lists those).");
}
