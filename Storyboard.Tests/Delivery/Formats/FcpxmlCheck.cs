using System.Globalization;
using System.Xml.Linq;
using Storyboard.Web.Domain;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>One element of the spine, its times in frames.</summary>
public sealed record SpineItem(XElement Element, long Offset, long Start, long Duration)
{
    public string Kind => Element.Name.LocalName;
    public long End => Offset + Duration;
}

/// <summary>
/// The reference note's §1.5 rules, which the DTD cannot check: every time a whole number of frames, the spine end to
/// end, transitions centred and within their neighbours' media, references resolving, URLs absolute and encoded.
/// </summary>
public static class FcpxmlCheck
{
    private static readonly string[] TimeAttributes = ["offset", "start", "duration", "tcStart", "frameDuration"];

    /// <summary>"150150/30000s" → frames at <paramref name="rate"/>; fails unless it is "N/Ds" or "Ns" and a whole frame.</summary>
    public static long Frames(string time, FrameRate rate)
    {
        Assert.EndsWith("s", time);
        var body = time[..^1];
        var parts = body.Split('/');
        Assert.InRange(parts.Length, 1, 2);
        var numerator = Int128.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var denominator = parts.Length == 2 ? Int128.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : 1;
        Assert.True(denominator > 0, time);
        // seconds × fps = numerator × rateNumerator / (denominator × rateDenominator) must be whole.
        var scaled = numerator * rate.Numerator;
        var divisor = denominator * rate.Denominator;
        Assert.True(scaled % divisor == 0, $"{time} is not a whole number of frames at {rate}");
        return (long)(scaled / divisor);
    }

    public static long Attribute(XElement element, string name, FrameRate rate) =>
        Frames((string?)element.Attribute(name) ?? throw new Xunit.Sdk.XunitException($"<{element.Name}> has no {name}"), rate);

    public static XElement Sequence(XDocument document) =>
        document.Root!.Element("library")!.Element("event")!.Element("project")!.Element("sequence")!;

    public static Dictionary<string, XElement> Resources(XDocument document) =>
        document.Root!.Element("resources")!.Elements().ToDictionary(e => (string)e.Attribute("id")!);

    /// <summary>Checks every rule and returns the spine's items in order.</summary>
    public static List<SpineItem> Check(XDocument document, FrameRate rate)
    {
        var root = document.Root!;
        Assert.Equal("fcpxml", root.Name.LocalName);
        Assert.Equal("fcpxml", document.DocumentType?.Name);

        // IDs unique, every reference resolves.
        var ids = root.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var resources = Resources(document);
        foreach (var reference in root.Descendants().Select(e => (string?)e.Attribute("ref") ?? (string?)e.Attribute("format")).Where(r => r is not null))
        {
            Assert.True(resources.ContainsKey(reference!), $"ref {reference} does not resolve");
        }

        var sequence = Sequence(document);
        var format = resources[(string)sequence.Attribute("format")!];
        Assert.Equal($"{rate.Denominator}/{rate.Numerator}s", (string?)format.Attribute("frameDuration"));

        // Every time attribute in the story is a whole number of frames.
        foreach (var element in sequence.DescendantsAndSelf())
        {
            foreach (var name in TimeAttributes)
            {
                if (element.Attribute(name) is { } attribute)
                {
                    Frames(attribute.Value, rate);
                }
            }
        }
        foreach (var asset in resources.Values.Where(r => r.Name.LocalName == "asset"))
        {
            Frames((string)asset.Attribute("start")!, rate);
            Frames((string)asset.Attribute("duration")!, rate);
            var src = (string)asset.Element("media-rep")!.Attribute("src")!;
            Assert.StartsWith("file:///", src);
            Assert.True(src.All(c => c > ' ' && c < 0x7f && c != '#'), $"src is not percent-encoded: {src}");
            Assert.True(Uri.TryCreate(src, UriKind.Absolute, out var uri) && uri.IsFile, src);
        }

        // The spine: end to end from tcStart, adding up to the sequence's duration; transitions add nothing.
        var spine = sequence.Element("spine")!;
        var items = spine.Elements().Select(e => new SpineItem(e,
            Attribute(e, "offset", rate),
            e.Attribute("start") is null ? 0 : Attribute(e, "start", rate),
            Attribute(e, "duration", rate))).ToList();
        var clips = items.Where(i => i.Kind != "transition").ToList();
        var at = Attribute(sequence, "tcStart", rate);
        foreach (var clip in clips)
        {
            Assert.True(clip.Offset == at, $"<{clip.Kind} name=\"{clip.Element.Attribute("name")?.Value}\"> starts at frame {clip.Offset}, not {at}");
            Assert.True(clip.Duration > 0, "a spine item has no duration");
            at = clip.End;
        }
        Assert.Equal(Attribute(sequence, "duration", rate), clips.Sum(c => c.Duration));

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind != "transition")
            {
                if (items[i].Kind == "asset-clip")
                {
                    var asset = resources[(string)items[i].Element.Attribute("ref")!];
                    Assert.True(items[i].Start + items[i].Duration <= Attribute(asset, "duration", rate), "an asset-clip runs past its asset's end");
                }
                continue;
            }
            var transition = items[i];
            Assert.True(i > 0 && i + 1 < items.Count, "a transition at the spine's edge");
            var (before, after) = (items[i - 1], items[i + 1]);
            Assert.NotEqual("transition", before.Kind);
            Assert.NotEqual("transition", after.Kind);
            var frames = transition.Duration;
            Assert.True(frames <= Math.Min(before.Duration, after.Duration), "a transition longer than a neighbour");
            // Centred on the cut: D / 2 frames before it, the rest after.
            Assert.Equal(after.Offset - frames / 2, transition.Offset);
            Assert.Equal(before.End, after.Offset);
            Assert.NotNull(transition.Element.Element("filter-video"));
            if (after.Kind == "asset-clip")
            {
                Assert.True(after.Start - frames / 2 >= 0, "the incoming video has no frames before its in-point for the transition");
            }
            if (before.Kind == "asset-clip")
            {
                var asset = resources[(string)before.Element.Attribute("ref")!];
                Assert.True(before.Start + before.Duration + (frames - frames / 2) <= Attribute(asset, "duration", rate),
                    "the outgoing video has no frames after its out-point for the transition");
            }
        }
        return items;
    }

    /// <summary>The connected clips and markers of a spine item, in document order.</summary>
    public static List<XElement> Children(SpineItem item, string name) => item.Element.Elements(name).ToList();
}
