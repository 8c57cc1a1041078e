using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Discovery;

/// <summary>One model file as the browser lists it: where it is, and its family (detected from its name, or set).</summary>
public sealed record ModelRow(string Key, string Name, ModelKind Kind, ModelFamily Family, bool FamilySetByUser, IReadOnlyList<string> Servers)
{
    /// <summary>A stable element id for the row's controls (file names hold characters ids cannot).</summary>
    public string ElementId => "model-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))[..16];
}

public sealed record ModelFilter(int? ServerId = null, ModelKind? Kind = null, string? Search = null);

/// <summary>The models of every known server's catalogue, filtered and searched, with the families users set.</summary>
public interface IModelBrowser
{
    static readonly ModelKind[] Kinds =
        [ModelKind.Checkpoint, ModelKind.DiffusionModel, ModelKind.Lora, ModelKind.Vae, ModelKind.TextEncoder, ModelKind.ClipVision, ModelKind.UpscaleModel];

    Task<IReadOnlyList<ModelRow>> ListAsync(ModelFilter filter, CancellationToken cancellationToken);
    /// <summary>Sets the family of a model everywhere it appears; null goes back to the one its name suggests.</summary>
    Task SetFamilyAsync(string modelKey, ModelFamily? family, CancellationToken cancellationToken);
}

public sealed class ModelBrowser(StoryboardDbContext db, IServerCatalogs catalogs, TimeProvider clock) : IModelBrowser
{
    public static string Key(ModelKind kind, string file) => $"{ModelFolders.Folder(kind)}/{file}";

    public async Task<IReadOnlyList<ModelRow>> ListAsync(ModelFilter filter, CancellationToken cancellationToken)
    {
        var overrides = await db.ModelFamilyOverrides.AsNoTracking().ToDictionaryAsync(o => o.ModelKey, o => o.Family, cancellationToken);
        var search = filter.Search?.Trim();
        return catalogs.All
            .Where(c => filter.ServerId is null || c.ServerId == filter.ServerId)
            .SelectMany(c => IModelBrowser.Kinds.Where(k => filter.Kind is null || k == filter.Kind)
                .SelectMany(kind => c.Catalog.Models(kind).Select(file => (Kind: kind, File: file, c.ServerName))))
            .Where(m => string.IsNullOrEmpty(search) || m.File.Contains(search, StringComparison.OrdinalIgnoreCase))
            .GroupBy(m => Key(m.Kind, m.File))
            .Select(g =>
            {
                var (kind, file) = (g.First().Kind, g.First().File);
                var set = overrides.TryGetValue(g.Key, out var name) && Enum.TryParse<ModelFamily>(name, out var family) ? family : (ModelFamily?)null;
                return new ModelRow(g.Key, file, kind, set ?? ModelFamilies.Detect(ModelFolders.Folder(kind), file), set is not null,
                    g.Select(m => m.ServerName).Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList());
            })
            .OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task SetFamilyAsync(string modelKey, ModelFamily? family, CancellationToken cancellationToken)
    {
        if (family is null)
        {
            await db.ModelFamilyOverrides.Where(o => o.ModelKey == modelKey).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        var existing = await db.ModelFamilyOverrides.FindAsync([modelKey], cancellationToken);
        if (existing is null)
        {
            db.ModelFamilyOverrides.Add(new ModelFamilyOverride { ModelKey = modelKey, Family = family.Value.ToString(), UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            (existing.Family, existing.UpdatedAt) = (family.Value.ToString(), clock.GetUtcNow());
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
