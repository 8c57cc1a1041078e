using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Pages.Batches;

/// <summary>A project's batches, newest first, with how far each has got.</summary>
public sealed class IndexModel(IBatches batches) : BatchPageModel
{
    public BatchList List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await batches.ListAsync(ProjectId, Aborted) is not { } list) return NotFound();
        List = list;
        return Page();
    }
}
