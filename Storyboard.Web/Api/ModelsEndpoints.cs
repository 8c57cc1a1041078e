using System.ComponentModel;
using Storyboard.Web.Accounts;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Api;

/// <summary>
/// /api/v1/models and /api/v1/presets: the servers' model files through <see cref="IModelBrowser"/> (as the Models page),
/// and the preset table every job starts from.
/// </summary>
public static class ModelsEndpoints
{
    public static RouteGroupBuilder MapModelsEndpoints(this RouteGroupBuilder v1)
    {
        var models = v1.MapGroup("/models").WithTags("Models");
        models.MapGet("", ListAsync).WithName("ListModels")
            .WithSummary("List the models the servers offer")
            .WithDescription("From each online ComfyUI server's catalogue (read when it is checked), by kind then name, each once with the servers that have it.")
            .Produces<ModelApiView[]>()
            .ProducesValidationProblem(ApiProblems.ValidationStatus);
        models.MapPut("/family", SetFamilyAsync).WithName("SetModelFamily")
            .WithSummary("Set which family a model belongs to")
            .WithDescription("Editors and Admins. For files whose name does not tell (family null goes back to the guess). Jobs already queued keep theirs. Answers 204.")
            .RequireAuthorization(Policies.CanEdit)
            .Accepts<SetModelFamilyInput>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesWriteProblems();
        v1.MapGet("/presets", ListPresets).WithName("ListPresets")
            .WithTags("Models")
            .WithSummary("List the model families with their presets")
            .WithDescription("Every family with what it makes, the kinds it supports, its Fast and Quality presets and its resolution buckets.")
            .Produces<FamilyApiView[]>();
        return v1;
    }

    private static async Task<IResult> ListAsync(
        [Description("Only this server's models.")] int? serverId,
        [Description("Checkpoint, DiffusionModel, Lora, Vae, TextEncoder, ClipVision or UpscaleModel.")] string? kind,
        [Description("Text in the file name.")] string? q,
        IModelBrowser browser, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var modelKind = ApiValues.ParseOptionalEnum<ModelKind>(errors, "kind", kind);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var rows = await browser.ListAsync(new ModelFilter(serverId, modelKind, q), cancellationToken);
        return TypedResults.Ok(rows.Select(ModelApiView.From).ToList());
    }

    private static async Task<IResult> SetFamilyAsync(HttpContext context, IModelBrowser browser, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<SetModelFamilyInput>(context)).TryGet(out var body, out var problem))
        {
            return problem;
        }
        var errors = new Dictionary<string, string>();
        var key = body.Key?.Trim() ?? "";
        if (key.Length == 0 || !key.Contains('/', StringComparison.Ordinal) || key.Length > 1000)
        {
            errors["key"] = "Required: the model's key as GET /api/v1/models lists it, \"folder/file\".";
        }
        var family = ApiValues.ParseOptionalEnum<ModelFamily>(errors, "family", body.Family);
        if (family == ModelFamily.Unknown)
        {
            errors["family"] = "Use null to go back to the family the name suggests.";
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        await browser.SetFamilyAsync(key, family, cancellationToken);
        return TypedResults.NoContent();
    }

    private static IResult ListPresets() =>
        TypedResults.Ok(ModelFamilies.Known.Select(FamilyApiView.From).ToList());
}
