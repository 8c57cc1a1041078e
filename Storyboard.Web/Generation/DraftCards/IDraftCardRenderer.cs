namespace Storyboard.Web.Generation.DraftCards;

/// <summary>
/// Draws a storyboard card for a clip without a GPU: the shot size and camera move as a schematic frame, the clip's
/// name and times in a header band, the prompt, lyrics and notes. The same card at the same size always gives the
/// same bytes.
/// </summary>
public interface IDraftCardRenderer
{
    /// <summary>Smallest side accepted, in pixels.</summary>
    const int MinSide = 16;

    /// <summary>Largest side accepted, in pixels.</summary>
    const int MaxSide = 8192;

    /// <summary>
    /// The card as a PNG of exactly <paramref name="width"/> × <paramref name="height"/> pixels.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below <see cref="MinSide"/> or above <see cref="MaxSide"/>.</exception>
    byte[] RenderPng(DraftCard card, int width, int height);
}
