using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storyboard.Web.Accounts;
using Storyboard.Web.Delivery.Formats.Json;
using Storyboard.Web.Domain;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Projects;

/// <summary>
/// Imports a project file (the JSON export) as a new project. The file streams in (the antiforgery token, which the
/// form sends first, is checked before it is read), so a too-large file is refused without being buffered.
/// </summary>
[Authorize(Policy = Policies.CanEdit)]
[IgnoreAntiforgeryToken]
[DisableFormValueModelBinding]
public sealed class ImportModel(IProjectImport import, UserManager<AppUser> users, IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions) : PageModel
{
    /// <summary>For the input's name and its validation message; a file is never echoed back.</summary>
    public string? ProjectFile => null;

    /// <summary>What is wrong with the file: where (a JSON path, or empty for the whole file) and why.</summary>
    public IReadOnlyList<ImportErrorRow> Errors { get; private set; } = [];

    public string Hint => $"A .json file exported from Storyboard (Project JSON), at most {import.MaxBytes / (1024 * 1024)} MB. " +
                          "It becomes a new project of yours; the original is not touched.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        StreamedUpload.AllowBody(HttpContext, import.MaxBytes);
        ProjectImportResult result;
        if (StreamedUpload.DeclaredFileLength(Request) > import.MaxBytes)
        {
            result = ProjectImportResult.Refused(ProjectImportFailure.TooLarge, ProjectImport.TooLargeMessage);
        }
        else
        {
            var read = await StreamedUpload.ReadAsync(HttpContext, antiforgery, antiforgeryOptions, cancellationToken);
            if (read.Problem is StreamedUploadProblem.BadForm or StreamedUploadProblem.Forged)
            {
                return BadRequest();
            }
            result = read.File switch
            {
                null or { FileName.Length: 0 } => ProjectImportResult.Refused(ProjectImportFailure.Empty, "Choose a project file to import."),
                { FileName: var name } when !name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) =>
                    ProjectImportResult.Refused(ProjectImportFailure.NotJson, $"“{Path.GetFileName(name)}” is not a .json file. Choose a project file exported from Storyboard."),
                var file => await import.ImportAsync(file.Body, users.GetUserId(User), cancellationToken),
            };
        }
        if (result.ProjectId is { } id)
        {
            var notices = result.Notices.Count == 0 ? "" : " " + string.Join(" ", result.Notices);
            Flash.Set(TempData, $"The project is imported.{notices}", result.Notices.Count == 0 ? FlashKind.Success : FlashKind.Info);
            return RedirectToPage("Dashboard", new { id });
        }
        Errors = result.Errors.Select(e => new ImportErrorRow(e.Key, e.Value)).ToList();
        ModelState.AddModelError(nameof(ProjectFile), Errors.Count == 1 && Errors[0].Path.Length == 0
            ? $"The file was not imported. {Errors[0].Message}"
            : $"The file was not imported: {Errors.Count} {(Errors.Count == 1 ? "problem" : "problems")}, listed below. Nothing was created.");
        return Page();
    }
}

public sealed record ImportErrorRow(string Path, string Message);
