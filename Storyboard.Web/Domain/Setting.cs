namespace Storyboard.Web.Domain;

/// <summary>One instance-wide setting kept in the database (for example whether the generation queue is paused).</summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
