using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Formats;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>Names leaving Storyboard in ASCII-only places (EDL titles and comments, media file names).</summary>
public sealed class AsciiNamesTests
{
    [Theory]
    [InlineData("Intro shot (wide) – Ça va!", "intro-shot-wide-ca-va")]
    [InlineData("Łódź Straße Œuvre", "lodz-strasse-oeuvre")]
    [InlineData("🎸🎸", "clip")]
    [InlineData("Ca\u0327 va", "ca-va")]
    public void Slugs_keep_the_plain_letters_of_accented_names(string name, string slug) =>
        Assert.Equal(slug, MediaNames.Slug(name));

    [Theory]
    [InlineData("Ça va 🎸  \"yes\"\t& <no>", "Ca va \"yes\" & <no>")]
    [InlineData("🎸", "STORYBOARD")]
    [InlineData("   ", "STORYBOARD")]
    public void Edl_text_is_printable_ascii_with_single_spaces(string text, string ascii) =>
        Assert.Equal(ascii, EdlText.Ascii(text, "STORYBOARD"));

    [Fact]
    public void Edl_text_is_cut_to_its_limit() =>
        Assert.Equal(new string('x', EdlText.TitleWidth), EdlText.Ascii(new string('x', 200), "STORYBOARD"));

    [Theory]
    [InlineData(1, "SH001")]
    [InlineData(999, "SH999")]
    [InlineData(123456, "SH123456")]
    [InlineData(1234567, "SH234567")]
    public void Reels_are_the_shot_number_in_at_most_eight_characters(int number, string reel) =>
        Assert.Equal(reel, EdlText.Reel(number));
}
