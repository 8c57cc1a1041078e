using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Projects;

namespace Storyboard.Web.Pages.Projects;

public sealed class IndexModel(IProjectService projects) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "updated";

    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];

    public static IReadOnlyList<(string Value, string Label)> SortOptions { get; } =
    [
        ("updated", "Recently changed"),
        ("name", "Name A–Z"),
        ("name-desc", "Name Z–A"),
        ("created-desc", "Newest first"),
        ("created", "Oldest first"),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        var (sort, descending) = Sort switch
        {
            "name" => (ProjectSort.Name, false),
            "name-desc" => (ProjectSort.Name, true),
            "created" => (ProjectSort.Created, false),
            "created-desc" => (ProjectSort.Created, true),
            _ => (ProjectSort.Updated, true),
        };
        Projects = await projects.ListAsync(new ProjectListQuery(Search, sort, descending), HttpContext.RequestAborted);
        return Request.IsHtmx() && !Request.IsHtmxBoosted() ? Partial("_ProjectList", this) : Page();
    }
}
