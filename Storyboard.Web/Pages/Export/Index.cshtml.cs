using System.Security.Claims;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Exports;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Export;

/// <summary>
/// The formats with the editor each serves, the options, and the history of exports to download again. Exporting
/// posts the form (the pressed button names the format) and answers with the workspace: the new export at the top of
/// the history with its download link and what it left out.
/// </summary>
public sealed class IndexModel(IExportService exports, StoryboardDbContext db) : PageModel
{
    [FromRoute(Name = "projectId")] public int ProjectId { get; set; }
    [BindProperty] public ExportInput Input { get; set; } = new();

    public string ProjectName { get; private set; } = "";
    public IReadOnlyList<IExportFormat> Formats => exports.Formats;
    public IReadOnlyList<ExportView> History { get; private set; } = [];
    /// <summary>The export just made, shown above the history.</summary>
    public int? JustMade { get; private set; }
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    public string DefaultFolder => MediaNames.DefaultFolder(ProjectName);

    public async Task<IActionResult> OnGetAsync(int? made)
    {
        if (!await LoadAsync()) return NotFound();
        JustMade = made;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync();
        }
        var result = await exports.ExportAsync(ProjectId, Input.Format, Input.ToOptions(), User.FindFirstValue(ClaimTypes.NameIdentifier), HttpContext.RequestAborted);
        if (result is null) return NotFound();
        if (!result.Succeeded)
        {
            foreach (var (key, message) in result.Errors)
            {
                ModelState.AddModelError(key.Length == 0 || key == "Format" ? "" : $"{nameof(Input)}.{key}", message);
            }
            return await RedisplayAsync();
        }
        var export = result.Export!;
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, $"Exported {export.FormatLabel}: {export.FileName}." + (export.Notices.Count > 0 ? $" {Format.Count(export.Notices.Count, "note")} below." : ""),
                export.Notices.Count > 0 ? FlashKind.Info : FlashKind.Success);
            return RedirectToPage(new { projectId = ProjectId, made = export.Id });
        }
        if (!await LoadAsync()) return NotFound();
        JustMade = export.Id;
        return Partial("_ExportWorkspace", this);
    }

    public async Task<IActionResult> OnGetDownloadAsync(int exportId)
    {
        if (await exports.FileAsync(ProjectId, exportId, HttpContext.RequestAborted) is not { } file) return NotFound();
        return new PhysicalFileResult(file.Path, file.Record.ContentType) { FileDownloadName = file.Record.FileName, EnableRangeProcessing = true };
    }

    public async Task<IActionResult> OnPostDeleteAsync(int exportId)
    {
        if (!CanEdit) return Forbid();
        if (!await exports.DeleteAsync(ProjectId, exportId, HttpContext.RequestAborted)) return NotFound();
        if (!Request.IsHtmx())
        {
            Flash.Set(TempData, "Export deleted.");
            return RedirectToPage(new { projectId = ProjectId });
        }
        await LoadAsync();
        return Partial("_ExportWorkspace", this);
    }

    public string DownloadUrl(int exportId) => Url.Page("/Export/Index", "Download", new { projectId = ProjectId, exportId })!;

    private async Task<IActionResult> RedisplayAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Request.IsHtmx() ? Partial("_ExportWorkspace", this) : Page();
    }

    private async Task<bool> LoadAsync()
    {
        var name = await db.Projects.AsNoTracking().Where(p => p.Id == ProjectId && p.DeletedAt == null).Select(p => p.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (name is null || await exports.HistoryAsync(ProjectId, HttpContext.RequestAborted) is not { } history)
        {
            return false;
        }
        (ProjectName, History) = (name, history);
        return true;
    }
}
