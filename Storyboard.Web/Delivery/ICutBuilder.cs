namespace Storyboard.Web.Delivery;

/// <summary>What a cut covers: the whole project or one scene, with or without the alternate takes.</summary>
public sealed record CutScope(int? SceneId = null, bool IncludeAlternates = false);

public interface ICutBuilder
{
    /// <summary>The project's cut, or null when the project (or the scene) does not exist or is in the Trash.</summary>
    Task<Cut?> BuildAsync(int projectId, CutScope scope, CancellationToken cancellationToken);
}

/// <summary>Local files for a cut's media: stored files as they are, Draft cards drawn (and cached) at a given size.</summary>
public interface IDeliveryMedia
{
    /// <summary>The full path of the clip's medium; a Draft card is drawn at <paramref name="width"/> × <paramref name="height"/>.
    /// Null when a stored file is missing from the media folder.</summary>
    Task<string?> FileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken);

    /// <summary>The clip's Draft card at that size (used in place of a missing or unreadable file).</summary>
    Task<string> DraftFileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken);

    /// <summary>Draws, on every core, each Draft card the cut's clips show at that size and has not cached yet, so that
    /// the <see cref="FileAsync"/> calls after it find them (300 cards take seconds one by one).</summary>
    Task DrawDraftsAsync(Cut cut, int width, int height, CancellationToken cancellationToken);

    /// <summary>The song's full path, or null when there is no song or its file is missing.</summary>
    string? SongFile(Cut cut);
}
