using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Pages.Batches;

/// <summary>What the batch pages share: the project from the address and who may queue or retry (editors and admins; everyone signed in reads).</summary>
public abstract class BatchPageModel : PageModel
{
    [FromRoute(Name = "projectId")] public int ProjectId { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);
    protected bool IsAdmin => User.IsInRole(Roles.Admin);
    protected string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    public string TimelineUrl => Url.Page("/Timeline/Index", new { id = ProjectId })!;
    public string ListUrl => Url.Page("/Batches/Index", new { projectId = ProjectId })!;
    public string BatchUrl(int batchId) => Url.Page("/Batches/Details", new { projectId = ProjectId, batchId })!;
}
