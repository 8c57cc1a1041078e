namespace Storyboard.Web.Projects;

public enum ProjectSort
{
    Updated,
    Name,
    Created,
}

public sealed record ProjectListQuery(string? Search, ProjectSort Sort, bool Descending);

public sealed record ProjectRow(
    int Id, string Name, string Description, int FrameRateNumerator, int FrameRateDenominator, int Width, int Height,
    long? SongDurationMicroseconds, int ClipCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public string FrameRate => new Domain.FrameRate(FrameRateNumerator, FrameRateDenominator).Label;
}

public sealed record SceneRow(int Id, string Name, int ClipCount);

public sealed record ProjectDetails(
    int Id, string Name, string Description, string FrameRate, int Width, int Height,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int? CurrentSongId,
    int SceneCount, int ClipCount, int ClipsWithChosenImage, long? SongDurationMicroseconds,
    IReadOnlyList<SceneRow> Scenes)
{
    /// <summary>Share of clips with a chosen image, 0–100; null when there are no clips.</summary>
    public int? CompletionPercent => ClipCount == 0 ? null : (int)Math.Round(100.0 * ClipsWithChosenImage / ClipCount);
}
