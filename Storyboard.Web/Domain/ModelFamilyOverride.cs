namespace Storyboard.Web.Domain;

/// <summary>A family a user set for a model file whose name says nothing ("realisticVisionV60B1" is SD 1.5).</summary>
public sealed class ModelFamilyOverride
{
    /// <summary>"checkpoints/realisticVisionV60B1.safetensors": ComfyUI's folder and the file as the server lists it.</summary>
    public string ModelKey { get; set; } = "";
    /// <summary>The <c>ModelFamily</c> name.</summary>
    public string Family { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}
