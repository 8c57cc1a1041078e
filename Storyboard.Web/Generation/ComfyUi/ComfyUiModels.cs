namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>A prompt ComfyUI accepted: its id and its place in the queue.</summary>
public sealed record QueuedPrompt(string PromptId, double Number, IReadOnlyList<string> Warnings);

/// <summary>A file a finished prompt wrote (<c>/history</c> outputs), fetched with <c>/view</c>.</summary>
public sealed record ComfyOutputFile(string NodeId, string FileName, string Subfolder, string Type)
{
    private static readonly string[] VideoExtensions = [".mp4", ".webm", ".mov", ".mkv", ".gif"];

    /// <summary>Video by extension (SaveVideo lists its mp4 under "images"; an animated WebP counts as video too when flagged).</summary>
    public bool IsVideo => VideoExtensions.Contains(Path.GetExtension(FileName).ToLowerInvariant());
}

/// <summary>A finished prompt's history: success with its files, or the error ComfyUI recorded.</summary>
public sealed record ComfyHistory(string PromptId, bool Succeeded, IReadOnlyList<ComfyOutputFile> Files, string? Error);

/// <summary>What <c>/queue</c> holds now: the running prompt ids and the pending ones in run order.</summary>
public sealed record ComfyQueue(IReadOnlyList<string> Running, IReadOnlyList<string> Pending)
{
    public bool Contains(string promptId) => Running.Contains(promptId) || Pending.Contains(promptId);
}

/// <summary>ComfyUI refused a prompt (HTTP 400): each message names the node, its class and what was wrong.</summary>
public sealed class ComfyValidationException(IReadOnlyList<string> messages)
    : Exception("ComfyUI refused the workflow: " + string.Join(" ", messages))
{
    public IReadOnlyList<string> Messages { get; } = messages;
}
