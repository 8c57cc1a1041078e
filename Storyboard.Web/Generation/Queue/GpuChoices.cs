using System.Globalization;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;
using Storyboard.Web.Generation.Models;

namespace Storyboard.Web.Generation.Queue;

/// <summary>
/// What a user picks to generate on a GPU (the clip panel's form and the batch form): server or any, model or custom
/// workflow, kind, preset, seed (blank for random), count and overrides. <see cref="Check"/> turns it into the queue's
/// template or field errors.
/// </summary>
public sealed class GpuChoicesInput
{
    public int? ServerId { get; set; }
    public string? Model { get; set; }
    public int? WorkflowId { get; set; }
    public GenerationKind? Kind { get; set; }
    public PresetMode Mode { get; set; }
    public string? Seed { get; set; }
    public int Count { get; set; } = 1;
    public int? Steps { get; set; }
    public double? Cfg { get; set; }
    public double? Denoise { get; set; }
    public int? Frames { get; set; }
    public string? Lora { get; set; }
    public double LoraStrength { get; set; } = 0.8;

    /// <summary>The seed asked for (null: random) and the GPU template, or errors keyed by field name.</summary>
    public (ulong? Seed, GenerationParameters Template, Dictionary<string, string> Errors) Check()
    {
        var errors = new Dictionary<string, string>();
        ulong? seed = null;
        if (!string.IsNullOrWhiteSpace(Seed))
        {
            if (BigInteger.TryParse(Seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= ulong.MaxValue)
            {
                seed = (ulong)value;
            }
            else
            {
                errors[nameof(Seed)] = $"A seed is a whole number from 0 to {ulong.MaxValue}, or blank for a random one.";
            }
        }
        if (Steps is < 1 or > 200) errors[nameof(Steps)] = "Steps are 1 to 200.";
        if (Cfg is < 0 or > 30) errors[nameof(Cfg)] = "CFG is 0 to 30.";
        if (Denoise is < 0.01 or > 1) errors[nameof(Denoise)] = "Denoise is 0.01 to 1.";
        if (Frames is < 1 or > 1000) errors[nameof(Frames)] = "Frames are 1 to 1000.";
        if (LoraStrength is < -5 or > 5) errors[nameof(LoraStrength)] = "A LoRA's strength is -5 to 5.";
        var template = new GenerationParameters
        {
            Model = WorkflowId is null && !string.IsNullOrWhiteSpace(Model) ? Model : null,
            WorkflowId = WorkflowId,
            Kind = Kind,
            Mode = Mode,
            Steps = Steps,
            Cfg = Cfg,
            Denoise = Denoise,
            Frames = Frames,
            Loras = string.IsNullOrWhiteSpace(Lora) ? [] : [new LoraChoice(Lora, LoraStrength)],
        };
        return (seed, template, errors);
    }

    /// <summary>The form filled with a previous job's choices (the user's last GPU job in the project).</summary>
    public static GpuChoicesInput From(GenerationParameters p, int? serverId) => new()
    {
        ServerId = serverId, Model = p.Model, WorkflowId = p.WorkflowId, Kind = p.Kind, Mode = p.Mode, Steps = p.Steps, Cfg = p.Cfg,
        Denoise = p.Denoise, Frames = p.Frames, Lora = p.Loras.FirstOrDefault()?.Name, LoraStrength = p.Loras.FirstOrDefault()?.Strength ?? 0.8,
    };
}

public sealed record ServerOption(int Id, string Name, GpuServerStatus Status, bool IsPaused);

public sealed record ModelOption(string Key, string Name, ModelFamily Family, IReadOnlyList<string> Servers);

public sealed record WorkflowOption(int Id, string Name, OutputKind Kind);

/// <summary>What the form offers: the servers, every model any server lists (with its family), LoRAs and custom workflows.</summary>
public sealed record GpuChoiceOptions(IReadOnlyList<ServerOption> Servers, IReadOnlyList<ModelOption> Models, IReadOnlyList<string> Loras,
    IReadOnlyList<WorkflowOption> Workflows)
{
    public bool Any => Servers.Count > 0;
}

public interface IGpuChoices
{
    Task<GpuChoiceOptions> OptionsAsync(CancellationToken cancellationToken);
    /// <summary>The user's last GPU choices in the project, or the defaults.</summary>
    Task<GpuChoicesInput> LastAsync(int projectId, string? userId, CancellationToken cancellationToken);
}

public sealed class GpuChoices(StoryboardDbContext db, IModelBrowser models) : IGpuChoices
{
    public async Task<GpuChoiceOptions> OptionsAsync(CancellationToken cancellationToken)
    {
        var servers = await db.GpuServers.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new ServerOption(s.Id, s.Name, s.Status, s.IsPaused)).ToListAsync(cancellationToken);
        var all = servers.Count == 0 ? [] : await models.ListAsync(new ModelFilter(), cancellationToken);
        var runnable = all.Where(m => m.Kind is ModelKind.Checkpoint or ModelKind.DiffusionModel)
            .Select(m => new ModelOption(m.Key, m.Name, m.Family, m.Servers))
            .OrderBy(m => m.Family == ModelFamily.Unknown).ThenBy(m => m.Family).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var loras = all.Where(m => m.Kind == ModelKind.Lora).Select(m => m.Name).ToList();
        var workflows = await db.CustomWorkflows.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new WorkflowOption(w.Id, w.Name, w.Kind)).ToListAsync(cancellationToken);
        return new GpuChoiceOptions(servers, runnable, loras, workflows);
    }

    public async Task<GpuChoicesInput> LastAsync(int projectId, string? userId, CancellationToken cancellationToken)
    {
        var last = await db.GenerationJobs.AsNoTracking()
            .Where(j => j.ProjectId == projectId && !j.IsDraftCard && j.UserId == userId)
            .OrderByDescending(j => j.Id).Select(j => new { j.ParametersJson, j.RequestedServerId }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? new GpuChoicesInput() : GpuChoicesInput.From(GenerationParameters.FromJson(last.ParametersJson), last.RequestedServerId);
    }
}
