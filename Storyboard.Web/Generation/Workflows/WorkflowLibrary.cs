using System.Text;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.Discovery;

namespace Storyboard.Web.Generation.Workflows;

/// <summary>A stored custom workflow, parsed. <see cref="Workflow"/> is null only when a stored graph no longer parses
/// (<see cref="ParseError"/> says why); such a workflow is never ready anywhere.</summary>
public sealed record StoredWorkflow(int Id, string Name, OutputKind Kind, string Json, CustomWorkflow? Workflow, string? ParseError,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The placeholder tokens the workflow holds, in the order <see cref="Placeholder"/> lists them.</summary>
    public IReadOnlyList<string> PlaceholderTokens =>
        Workflow is null ? [] : [.. Enum.GetValues<Placeholder>().Where(Workflow.Placeholders.Contains).Select(p => p.Token())];
}

public enum WorkflowCheckState
{
    /// <summary>Every node, link and value is offered by the server.</summary>
    Ready,
    /// <summary>The server lacks something the workflow needs; see the problems.</summary>
    Problems,
    /// <summary>No catalogue for that server in memory: it is offline, just added, or not known.</summary>
    NotChecked,
}

/// <summary>How one workflow fares on one server.</summary>
public sealed record WorkflowCheck(int ServerId, string ServerName, WorkflowCheckState State, IReadOnlyList<GraphProblem> Problems, string Summary)
{
    public bool IsReady => State == WorkflowCheckState.Ready;
}

/// <summary>The new or changed workflow's id, or the field errors ("Name", "Json", or "" for the whole form).</summary>
public sealed record WorkflowSaveResult(int? Id, IReadOnlyDictionary<string, string> Errors, bool NotFound = false)
{
    public bool Succeeded => Id is not null;

    public static WorkflowSaveResult Ok(int id) => new(id, new Dictionary<string, string>());
    public static WorkflowSaveResult Refused(string field, string message) => new(null, new Dictionary<string, string> { [field] = message });
    public static WorkflowSaveResult Missing() => new(null, new Dictionary<string, string>(), NotFound: true);
}

/// <summary>
/// The custom workflow library: users' own API-format graphs with placeholders, stored as uploaded after
/// <see cref="CustomWorkflow.Parse"/> accepted them, and checked against each server's <c>/object_info</c> catalogue.
/// The dispatcher calls <see cref="GetAsync"/> and <see cref="Check"/> before it sends a job; both change nothing.
/// </summary>
public interface IWorkflowLibrary
{
    Task<IReadOnlyList<StoredWorkflow>> ListAsync(CancellationToken cancellationToken);

    Task<StoredWorkflow?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>Stores a new workflow, or refuses it with field errors and stores nothing.</summary>
    Task<WorkflowSaveResult> AddAsync(string? name, OutputKind kind, string? json, string? userId, CancellationToken cancellationToken);

    /// <summary>Replaces the graph of an existing workflow (name and kind stay).</summary>
    Task<WorkflowSaveResult> ReplaceJsonAsync(int id, string? json, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(int id, CancellationToken cancellationToken);

    /// <summary>The workflow against the catalogue held in memory for <paramref name="serverId"/>; no I/O.</summary>
    WorkflowCheck Check(StoredWorkflow workflow, int serverId);

    /// <summary>The workflow against every known ComfyUI server, by name.</summary>
    Task<IReadOnlyList<WorkflowCheck>> CheckEverywhereAsync(StoredWorkflow workflow, CancellationToken cancellationToken);
}

public sealed class WorkflowLibrary(StoryboardDbContext db, IServerCatalogs catalogs, TimeProvider clock, ILogger<WorkflowLibrary> logger)
    : IWorkflowLibrary
{
    public const int MaxNameLength = 100;
    public const int MaxJsonBytes = 2 * 1024 * 1024;

    public async Task<IReadOnlyList<StoredWorkflow>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await db.CustomWorkflows.AsNoTracking().ToListAsync(cancellationToken);
        return [.. records.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(ToStored)];
    }

    public async Task<StoredWorkflow?> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.CustomWorkflows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is { } record ? ToStored(record) : null;

    public async Task<WorkflowSaveResult> AddAsync(string? name, OutputKind kind, string? json, string? userId, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return WorkflowSaveResult.Refused("Name", "Give the workflow a name.");
        }
        if (trimmed.Length > MaxNameLength)
        {
            return WorkflowSaveResult.Refused("Name", $"The name is longer than {MaxNameLength} characters.");
        }
        if (!Enum.IsDefined(kind))
        {
            return WorkflowSaveResult.Refused("Kind", "Choose whether the workflow makes images or videos.");
        }
        if (JsonProblem(json) is { } problem)
        {
            return WorkflowSaveResult.Refused("Json", problem);
        }
        var lowered = trimmed.ToLowerInvariant();
        if (await db.CustomWorkflows.AnyAsync(w => w.Name.ToLower() == lowered, cancellationToken))
        {
            return Duplicate(trimmed);
        }
        var now = clock.GetUtcNow();
        var record = new CustomWorkflowRecord { Name = trimmed, Kind = kind, Json = json!, CreatedByUserId = userId, CreatedAt = now, UpdatedAt = now };
        db.CustomWorkflows.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same name a moment ago: the unique index refused this one.
            db.Entry(record).State = EntityState.Detached;
            return Duplicate(trimmed);
        }
        logger.LogInformation("Custom workflow {WorkflowId} ({Kind}, {Bytes} bytes) added", record.Id, kind, Encoding.UTF8.GetByteCount(record.Json));
        return WorkflowSaveResult.Ok(record.Id);
    }

    public async Task<WorkflowSaveResult> ReplaceJsonAsync(int id, string? json, CancellationToken cancellationToken)
    {
        var record = await db.CustomWorkflows.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (record is null)
        {
            return WorkflowSaveResult.Missing();
        }
        if (JsonProblem(json) is { } problem)
        {
            return WorkflowSaveResult.Refused("Json", problem);
        }
        record.Json = json!;
        record.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Custom workflow {WorkflowId} replaced", id);
        return WorkflowSaveResult.Ok(id);
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var deleted = await db.CustomWorkflows.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted)
        {
            logger.LogInformation("Custom workflow {WorkflowId} deleted", id);
        }
        return deleted;
    }

    public WorkflowCheck Check(StoredWorkflow workflow, int serverId)
    {
        if (catalogs.Get(serverId) is not { } server)
        {
            return new WorkflowCheck(serverId, $"Server {serverId}", WorkflowCheckState.NotChecked, [],
                "not checked: its catalogue has not been read yet (the server is offline, just added or unknown)");
        }
        return Check(workflow, server);
    }

    public async Task<IReadOnlyList<WorkflowCheck>> CheckEverywhereAsync(StoredWorkflow workflow, CancellationToken cancellationToken)
    {
        var servers = await db.GpuServers.AsNoTracking().Where(s => s.Kind == GpuServerKind.ComfyUi)
            .Select(s => new { s.Id, s.Name, s.Status }).ToListAsync(cancellationToken);
        return [.. servers.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(s => catalogs.Get(s.Id) is { } catalog
            ? Check(workflow, catalog) with { ServerName = s.Name }
            : new WorkflowCheck(s.Id, s.Name, WorkflowCheckState.NotChecked, [], s.Status == GpuServerStatus.Offline
                ? "not checked: the server is offline"
                : "not checked: its catalogue has not been read yet"))];
    }

    private static WorkflowCheck Check(StoredWorkflow workflow, ServerCatalog server)
    {
        if (workflow.Workflow is not { } parsed)
        {
            var problem = new GraphProblem(null, null, workflow.ParseError ?? "The stored workflow cannot be read.");
            return new WorkflowCheck(server.ServerId, server.ServerName, WorkflowCheckState.Problems, [problem], problem.Message);
        }
        var problems = parsed.Validate(server.Catalog);
        return problems.Count == 0
            ? new WorkflowCheck(server.ServerId, server.ServerName, WorkflowCheckState.Ready, [], "ready")
            : new WorkflowCheck(server.ServerId, server.ServerName, WorkflowCheckState.Problems, problems, Summarise(problems));
    }

    /// <summary>"missing node WanImageToVideo", or the first problem and how many more.</summary>
    internal static string Summarise(IReadOnlyList<GraphProblem> problems)
    {
        var missing = problems.Select(MissingNodeClass).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var first = missing.Count > 0 ? $"missing node {string.Join(", ", missing)}" : problems[0].ToString();
        var others = problems.Count - (missing.Count > 0 ? problems.Count(p => MissingNodeClass(p) is not null) : 1);
        return others > 0 ? $"{first} (and {others} more {(others == 1 ? "problem" : "problems")})" : first;
    }

    private static string? MissingNodeClass(GraphProblem problem)
    {
        const string marker = "not installed";
        if (problem.Input is not null || !problem.Message.Contains(marker, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var start = problem.Message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : problem.Message.IndexOf('\'', start + 1);
        return end > start ? problem.Message[(start + 1)..end] : null;
    }

    private static string? JsonProblem(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "Upload the workflow's .json file or paste its JSON.";
        }
        if (Encoding.UTF8.GetByteCount(json) > MaxJsonBytes)
        {
            return $"The workflow is larger than {MaxJsonBytes / (1024 * 1024)} MB; an API-format graph is usually a few kilobytes.";
        }
        try
        {
            CustomWorkflow.Parse(json);
            return null;
        }
        catch (CustomWorkflowException e)
        {
            return e.Message;
        }
    }

    private static WorkflowSaveResult Duplicate(string name) => WorkflowSaveResult.Refused("Name", $"A workflow named “{name}” already exists.");

    private static StoredWorkflow ToStored(CustomWorkflowRecord record)
    {
        CustomWorkflow? parsed = null;
        string? error = null;
        try
        {
            parsed = CustomWorkflow.Parse(record.Json);
        }
        catch (CustomWorkflowException e)
        {
            error = e.Message;
        }
        return new StoredWorkflow(record.Id, record.Name, record.Kind, record.Json, parsed, error, record.CreatedAt, record.UpdatedAt);
    }
}
