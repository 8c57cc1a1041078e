using System.ComponentModel.DataAnnotations;
using System.Text;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Workflows;

namespace Storyboard.Web.Pages.Workflows;

/// <summary>The upload form: a .json file or pasted JSON (one of the two), a name and what it makes.</summary>
public sealed class AddWorkflowInput : IWorkflowSource
{
    [Required(ErrorMessage = "Give the workflow a name.")]
    [StringLength(WorkflowLibrary.MaxNameLength, ErrorMessage = "The name is longer than 100 characters.")]
    public string? Name { get; set; }

    public OutputKind Kind { get; set; } = OutputKind.Image;

    public IFormFile? File { get; set; }

    public string? Json { get; set; }
}

/// <summary>A new graph for an existing workflow: a .json file or pasted JSON.</summary>
public sealed class ReplaceWorkflowInput : IWorkflowSource
{
    public IFormFile? File { get; set; }

    public string? Json { get; set; }
}

public interface IWorkflowSource
{
    IFormFile? File { get; }
    string? Json { get; }
}

/// <summary>The JSON a form carries, from its file or its text box, or the error to show on the field at fault.</summary>
public sealed record WorkflowSourceRead(string? Json, string Field, string? Error)
{
    public static async Task<WorkflowSourceRead> ReadAsync(IWorkflowSource input, CancellationToken cancellationToken)
    {
        var pasted = string.IsNullOrWhiteSpace(input.Json) ? null : input.Json;
        if (input.File is not { Length: > 0 } file)
        {
            return new WorkflowSourceRead(pasted, nameof(input.Json), null);
        }
        if (pasted is not null)
        {
            return new WorkflowSourceRead(null, nameof(input.File), "Upload a file or paste the JSON, not both.");
        }
        if (file.Length > WorkflowLibrary.MaxJsonBytes)
        {
            return new WorkflowSourceRead(null, nameof(input.File),
                $"The file is larger than {WorkflowLibrary.MaxJsonBytes / (1024 * 1024)} MB; an API-format graph is usually a few kilobytes.");
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return new WorkflowSourceRead(await reader.ReadToEndAsync(cancellationToken), nameof(input.File), null);
    }
}

/// <summary>One workflow in the list: what it makes, its placeholders and how it fares on each server.</summary>
public sealed record WorkflowRow(int Id, string Name, OutputKind Kind, IReadOnlyList<string> Placeholders, string? ParseError,
    DateTimeOffset UpdatedAt, IReadOnlyList<WorkflowCheck> Checks)
{
    public string ElementId => $"workflow-{Id}";

    public static async Task<IReadOnlyList<WorkflowRow>> ListAsync(IWorkflowLibrary library, CancellationToken cancellationToken)
    {
        var rows = new List<WorkflowRow>();
        foreach (var workflow in await library.ListAsync(cancellationToken))
        {
            rows.Add(await FromAsync(library, workflow, cancellationToken));
        }
        return rows;
    }

    public static async Task<WorkflowRow> FromAsync(IWorkflowLibrary library, StoredWorkflow workflow, CancellationToken cancellationToken) =>
        new(workflow.Id, workflow.Name, workflow.Kind, workflow.PlaceholderTokens, workflow.ParseError, workflow.UpdatedAt,
            await library.CheckEverywhereAsync(workflow, cancellationToken));

    /// <summary>"Studio 4090: ready · Laptop: missing node WanImageToVideo", for the flash after a save.</summary>
    public string ChecksSentence => Checks.Count == 0
        ? "No ComfyUI server to check it against yet."
        : string.Join(" · ", Checks.Select(c => $"{c.ServerName}: {c.Summary}"));
}
