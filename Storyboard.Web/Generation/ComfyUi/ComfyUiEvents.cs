namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>What a ComfyUI websocket says about one prompt (matched by its prompt_id).</summary>
public abstract record ComfyEvent(string PromptId);

/// <summary><c>execution_start</c>: the server's worker took the prompt.</summary>
public sealed record ComfyStarted(string PromptId) : ComfyEvent(PromptId);

/// <summary><c>executing</c> a node, or a <c>progress</c> step of it (<see cref="Max"/> 0 when only the node is known).</summary>
public sealed record ComfyProgress(string PromptId, string? Node, int Value, int Max) : ComfyEvent(PromptId);

/// <summary>
/// The prompt ended: <c>execution_success</c>, <c>execution_error</c> (with the node's message),
/// <c>execution_interrupted</c>, or the end marker <c>executing {node: null}</c> (<see cref="Succeeded"/> null: look at
/// the history). The history is written before any of these is sent.
/// </summary>
public sealed record ComfyFinished(string PromptId, bool? Succeeded, string? Error) : ComfyEvent(PromptId);
