using System.ComponentModel;
using System.Text.Json;
using Storyboard.Web.Generation.Models;
using Storyboard.Web.Generation.Queue;

namespace Storyboard.Web.Api;

/// <summary>One LoRA of a job's chain.</summary>
public sealed record LoraInput(
    [property: Description("The LoRA as the server lists it, with its subfolder (\"style/neon.safetensors\").")] string? Name,
    [property: Description("Its weight; 1 by default.")] double? Strength = null);

/// <summary>The body of POST /api/v1/projects/{projectId}/clips/{clipId}/jobs.</summary>
public sealed record EnqueueJobsInput(
    [property: Description("True for a Draft card (drawn by Storyboard, no GPU; the GPU fields are ignored). False by default.")] bool? DraftCard = null,
    [property: Description("The GPU server to run on; null lets the dispatcher pick any server that has the model.")] int? ServerId = null,
    [property: Description("The model as GET /api/v1/models keys it: \"checkpoints/sd_xl_base_1.0.safetensors\". Required unless workflowId is given.")] string? Model = null,
    [property: Description("The model's family (Sd15, Sdxl, PonyIllustrious, Sd35, Flux, HiDream, QwenImage, Wan21, Wan22, LtxVideo); null uses the one set on the Models page or guessed from the name.")] string? Family = null,
    [property: Description("Fast (default) or Quality: which of the family's presets (GET /api/v1/presets).")] string? Mode = null,
    [property: Description("TextToImage, ImageToImage, TextToVideo or ImageToVideo; null: text to what the family makes. Image to image and image to video start from the clip's chosen image.")] string? Kind = null,
    [property: Description("How many jobs, 1 to 16, with consecutive seeds; 1 by default.")] int? Count = null,
    [property: Description("The first job's seed, an unsigned 64-bit number as a string (\"18446744073709551615\") or a number; null draws one at random.")] JsonElement? Seed = null,
    [property: Description("Overrides of the preset; null keeps the preset's value.")] int? Steps = null,
    double? Cfg = null,
    double? Denoise = null,
    [property: Description("Video: frames to make (overrides the preset).")] int? Frames = null,
    [property: Description("Video: frames per second (overrides the preset).")] double? Fps = null,
    IReadOnlyList<LoraInput>? Loras = null,
    [property: Description("Diffusion models: text encoder files; empty picks them from the server's catalogue.")] IReadOnlyList<string>? TextEncoders = null,
    string? Vae = null,
    string? ClipVision = null,
    [property: Description("Wan 2.2: the low-noise expert model.")] string? LowNoiseModel = null,
    [property: Description("A custom workflow (GET /api/v1/workflows) to run instead of the built-in graph.")] int? WorkflowId = null,
    [property: Description("-10 to 10, 0 by default; higher runs first.")] int? Priority = null,
    [property: Description("Replaces the clip's negative prompt for these jobs; null keeps the clip's.")] string? NegativePrompt = null)
{
    /// <summary>The queue's request, or the body's own errors (keyed by JSON name). Prompt, seed and size are the queue's to fill.</summary>
    public EnqueueRequest ToRequest(int projectId, int clipId, string? userId, Dictionary<string, string> errors)
    {
        var family = ApiValues.ParseOptionalEnum<ModelFamily>(errors, "family", Family);
        var mode = ApiValues.ParseEnum(errors, "mode", Mode, PresetMode.Fast);
        var kind = ApiValues.ParseOptionalEnum<GenerationKind>(errors, "kind", Kind);
        if (!ApiValues.TryParseSeed(Seed, out var seed))
        {
            errors["seed"] = ApiValues.SeedError;
        }
        if (Priority is < QueueAdmin.MinPriority or > QueueAdmin.MaxPriority)
        {
            errors["priority"] = $"Use {QueueAdmin.MinPriority} to {QueueAdmin.MaxPriority}.";
        }
        Range(errors, "steps", Steps, 1, 200);
        Range(errors, "cfg", Cfg, 0, 30);
        Range(errors, "denoise", Denoise, 0, 1);
        Range(errors, "frames", Frames, 1, 1000);
        Range(errors, "fps", Fps, 1, 120);
        var loras = new List<LoraChoice>();
        foreach (var lora in Loras ?? [])
        {
            if (string.IsNullOrWhiteSpace(lora?.Name))
            {
                errors["loras"] = "Each LoRA needs its name as the server lists it.";
                continue;
            }
            loras.Add(new LoraChoice(lora.Name.Trim(), lora.Strength ?? 1.0));
        }
        var gpu = new GenerationParameters
        {
            Model = string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(),
            Family = family,
            Mode = mode,
            Kind = kind,
            Steps = Steps,
            Cfg = Cfg,
            Denoise = Denoise,
            Frames = Frames,
            Fps = Fps,
            Loras = loras,
            TextEncoders = TextEncoders?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [],
            Vae = string.IsNullOrWhiteSpace(Vae) ? null : Vae.Trim(),
            ClipVision = string.IsNullOrWhiteSpace(ClipVision) ? null : ClipVision.Trim(),
            LowNoiseModel = string.IsNullOrWhiteSpace(LowNoiseModel) ? null : LowNoiseModel.Trim(),
            WorkflowId = WorkflowId,
            NegativePrompt = NegativePrompt ?? "",
        };
        var output = kind is GenerationKind.TextToVideo or GenerationKind.ImageToVideo ? Domain.OutputKind.Video : Domain.OutputKind.Image;
        return new EnqueueRequest(projectId, clipId, userId, output, DraftCard ?? false, ServerId, Count ?? 1, seed, gpu, Priority ?? 0);
    }

    private static void Range(Dictionary<string, string> errors, string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            errors[field] = $"Use {min} to {max}, or leave it out for the preset's value.";
        }
    }
}

/// <summary>The jobs a request queued.</summary>
public sealed record EnqueuedJobsView([property: Description("One id per job, in seed order.")] IReadOnlyList<int> JobIds);

/// <summary>What a job or generation was asked to make (<see cref="GenerationParameters"/>), with the seed written safely.</summary>
public sealed record ParametersApiView(
    string Prompt,
    string NegativePrompt,
    [property: Description("The seed as a string, exact for every unsigned 64-bit value.")] string Seed,
    [property: Description("The seed as a number when it is at most 2^53 − 1 (safe in JavaScript), else null: use seed.")] long? SeedNumber,
    int Width,
    int Height,
    string? Model,
    string? Family,
    [property: Description("Fast or Quality.")] string Mode,
    string? Kind,
    int? Steps,
    double? Cfg,
    double? Denoise,
    int? Frames,
    double? Fps,
    IReadOnlyList<LoraChoice> Loras,
    IReadOnlyList<string> TextEncoders,
    string? Vae,
    string? ClipVision,
    string? LowNoiseModel,
    [property: Description("The media hash of the start or init image, for image to image and image to video.")] string? SourceImageHash,
    int? WorkflowId)
{
    public static ParametersApiView From(GenerationParameters p) => new(
        p.Prompt, p.NegativePrompt, ApiValues.SeedText(p.Seed), ApiValues.SafeSeed(p.Seed), p.Width, p.Height, p.Model,
        p.Family?.ToString(), p.Mode.ToString(), p.Kind?.ToString(), p.Steps, p.Cfg, p.Denoise, p.Frames, p.Fps, p.Loras, p.TextEncoders,
        p.Vae, p.ClipVision, p.LowNoiseModel, p.SourceImageHash, p.WorkflowId);
}

/// <summary>A generation job as the API shows it.</summary>
public sealed record JobApiView(
    int Id,
    int ProjectId,
    string ProjectName,
    int? ClipId,
    string? ClipName,
    [property: Description("Who queued it (display name), or null.")] string? UserName,
    [property: Description("Queued, Dispatched, Running, Completed, Failed or Cancelled.")] string Status,
    [property: Description("Image or Video.")] string Kind,
    bool IsDraftCard,
    [property: Description("The server it was sent to, else the one it asked for; null for a Draft card or any server.")] int? ServerId,
    [property: Description("\"Draft card\", the server's name, or \"any server\".")] string Where,
    int Priority,
    int Attempts,
    [property: Description("0 to 1 while it runs.")] double Progress,
    string? ProgressText,
    string? Error,
    ParametersApiView Parameters,
    [property: Description("The gallery entries it made (usually one once it completed).")] IReadOnlyList<int> GenerationIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    [property: Description("Whether POST …/retry applies (a failed or cancelled job).")] bool CanRetry);

/// <summary>One page of the job list, newest first.</summary>
public sealed record JobPageView(IReadOnlyList<JobApiView> Jobs, int Total, int Page, int PageCount);

public sealed record SetPriorityInput([property: Description("Required: -10 to 10; higher runs first. Only a waiting (Queued) job's priority changes.")] int? Priority);

public sealed record ClearFinishedInput([property: Description("Also remove failed jobs; false by default.")] bool? IncludeFailed = null);

public sealed record ClearedJobsView([property: Description("How many jobs were removed.")] int Cleared);

public sealed record QueueStateInput([property: Description("Required: true pauses the queue, false resumes it.")] bool? Paused);

/// <summary>
/// Whether the queue is paused, how many jobs are in each status (every user's), and the dispatcher's totals since
/// start (passes, jobs sent, milliseconds planning and sending: wall clock).
/// </summary>
public sealed record QueueStateView(bool Paused, IReadOnlyDictionary<string, int> Counts, Storyboard.Web.Generation.Dispatch.DispatchStatsView Dispatcher);
