namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>Which group of a node's <c>input</c> an input comes from.</summary>
public enum InputGroup
{
    Required,
    Optional,
    Hidden,
}

/// <summary>
/// One input of a node class. <see cref="Type"/> is the ComfyUI type (<c>INT</c>, <c>FLOAT</c>, <c>STRING</c>,
/// <c>BOOLEAN</c>, <c>MODEL</c>, …) or <c>COMBO</c>; <see cref="Options"/> holds a combo's allowed values (both the
/// classic list form and the v3 <c>["COMBO", {"options": […]}]</c> form), as text. <see cref="Min"/>/<see cref="Max"/>
/// are the numeric bounds when given (decimal, so a seed's 2^64−1 fits). <see cref="AcceptsUpload"/> marks combos such
/// as <c>LoadImage.image</c> whose value is checked by the node itself, not against the list.
/// </summary>
public sealed record NodeInput(
    string Name,
    InputGroup Group,
    string Type,
    IReadOnlyList<string>? Options = null,
    decimal? Min = null,
    decimal? Max = null,
    bool AcceptsUpload = false)
{
    public bool IsCombo => Options is not null;

    /// <summary>True for a link-only type (MODEL, CLIP, LATENT, …), false for widget values.</summary>
    public bool IsLinkType => !IsCombo && Type is not ("INT" or "FLOAT" or "STRING" or "BOOLEAN");
}

/// <summary>One node class from <c>/object_info</c>: its inputs by name, its output types by slot, whether it is an output node.</summary>
public sealed record NodeClassInfo(
    string Name,
    IReadOnlyDictionary<string, NodeInput> Inputs,
    IReadOnlyList<string> Outputs,
    bool IsOutputNode,
    string Category)
{
    public IEnumerable<NodeInput> RequiredInputs => Inputs.Values.Where(i => i.Group == InputGroup.Required);
}
