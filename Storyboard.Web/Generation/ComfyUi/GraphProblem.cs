namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>One reason a graph would be refused, naming the node (and input) at fault. <see cref="ToString"/> reads as a sentence.</summary>
public sealed record GraphProblem(string? NodeId, string? Input, string Message)
{
    public override string ToString() => (NodeId, Input) switch
    {
        (null, _) => Message,
        (_, null) => $"Node {NodeId}: {Message}",
        _ => $"Node {NodeId}, input '{Input}': {Message}",
    };
}

/// <summary>A request the builder cannot turn into a graph; <see cref="Problems"/> lists every reason.</summary>
public sealed class InvalidGenerationRequestException(IReadOnlyList<string> problems)
    : ArgumentException("The generation request cannot be built: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
