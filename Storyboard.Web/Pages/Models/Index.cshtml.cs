using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages.Models;

/// <summary>
/// The model browser: every model the GPU servers offer, by server and type, searchable, each with its family
/// (detected from its folder and name; editors can set it when the name says nothing).
/// </summary>
public sealed class IndexModel(IModelBrowser browser, IServerCatalogs catalogs) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "server")] public int? ServerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public ModelKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public IReadOnlyList<ModelRow> Models { get; private set; } = [];
    public IReadOnlyList<ServerCatalog> Servers { get; private set; } = [];
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Request.IsHtmx() && Request.Headers["HX-Target"] == "model-list" ? Partial("_ModelList", this) : Page();
    }

    public async Task<IActionResult> OnPostFamilyAsync(string modelKey, string family)
    {
        if (!CanEdit) return Forbid();
        ModelFamily? chosen = family == "detect" ? null : Enum.TryParse<ModelFamily>(family, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (family != "detect" && chosen is null)
        {
            return BadRequest();
        }
        await browser.SetFamilyAsync(modelKey, chosen, HttpContext.RequestAborted);
        Flash.Set(TempData, chosen is null ? "The family is detected from the name again." : $"The family is now {ModelFolders.Label(chosen.Value)}.");
        return RedirectToPage(new { server = ServerId, kind = Kind, q = Search });
    }

    private async Task LoadAsync()
    {
        Servers = catalogs.All;
        Models = await browser.ListAsync(new ModelFilter(ServerId, Kind, Search), HttpContext.RequestAborted);
    }
}
