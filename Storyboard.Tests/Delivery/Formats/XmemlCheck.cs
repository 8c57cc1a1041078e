using System.Globalization;
using System.Xml.Linq;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Tests.Delivery.Formats;

/// <summary>A clipitem with its place on the timeline resolved (a -1 start or end taken from its transition).</summary>
public sealed record PlacedItem(XElement Element, long Start, long End, long In, long Out)
{
    public string Name => (string)Element.Element("name")!;
}

/// <summary>Structural rules for FCP7 XML: integer frames at one rate, items in order without overlap, media in range, files defined once.</summary>
public static class XmemlCheck
{
    public static long Number(XElement parent, string name) =>
        long.Parse((string?)parent.Element(name) ?? throw new Xunit.Sdk.XunitException($"<{parent.Name}> has no <{name}>"),
            NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static XElement Sequence(XDocument document) => document.Root!.Element("sequence")!;

    public static List<XElement> VideoTracks(XDocument document) =>
        Sequence(document).Element("media")!.Element("video")!.Elements("track").ToList();

    public static List<XElement> AudioTracks(XDocument document) =>
        Sequence(document).Element("media")!.Element("audio")!.Elements("track").ToList();

    /// <summary>Checks the document and returns each video track's clipitems, placed.</summary>
    public static List<List<PlacedItem>> Check(XDocument document, FrameRate rate)
    {
        Assert.Equal("xmeml", document.DocumentType?.Name);
        Assert.Equal("4", (string?)document.Root!.Attribute("version"));
        var sequence = Sequence(document);
        var duration = Number(sequence, "duration");

        // One rate everywhere: the sequence's.
        foreach (var element in document.Descendants("rate"))
        {
            Assert.Equal(Timecode.Timebase(rate), Number(element, "timebase"));
            Assert.Equal(rate.IsNtsc ? "TRUE" : "FALSE", (string?)element.Element("ntsc"));
        }
        var characteristics = sequence.Element("media")!.Element("video")!.Element("format")!.Element("samplecharacteristics")!;
        Assert.NotNull(characteristics.Element("rate"));
        Assert.True(Number(characteristics, "width") > 0 && Number(characteristics, "height") > 0);

        // Each file is described in full where it first appears, by id alone after that.
        var seen = new HashSet<string>();
        foreach (var file in document.Descendants("file"))
        {
            var id = (string)file.Attribute("id")!;
            if (seen.Add(id))
            {
                var url = (string)file.Element("pathurl")!;
                Assert.StartsWith("file://localhost/", url);
                Assert.True(url.All(c => c > ' ' && c < 0x7f && c != '#'), $"pathurl is not percent-encoded: {url}");
                Assert.True(Number(file, "duration") > 0);
            }
            else
            {
                Assert.False(file.HasElements, $"file {id} is described twice");
            }
        }
        Assert.Equal(document.Descendants("clipitem").Count(), document.Descendants("clipitem").Select(c => (string)c.Attribute("id")!).Distinct().Count());

        var tracks = VideoTracks(document).Select(track => Place(track, duration)).ToList();
        foreach (var track in AudioTracks(document))
        {
            Place(track, duration);
        }
        return tracks;
    }

    private static List<PlacedItem> Place(XElement track, long duration)
    {
        var children = track.Elements().Where(e => e.Name == "clipitem" || e.Name == "transitionitem").ToList();
        var placed = new List<PlacedItem>();
        var at = 0L;
        for (var i = 0; i < children.Count; i++)
        {
            var element = children[i];
            if (element.Name == "transitionitem")
            {
                var (start, end) = (Number(element, "start"), Number(element, "end"));
                Assert.True(end > start, $"transition {start}–{end} has no length");
                var alignment = (string)element.Element("alignment")!;
                if (alignment == "center")
                {
                    // Centred on the cut where the clip before it ends, within that clip.
                    Assert.True(placed.Count > 0 && start + (end - start) / 2 == at && start >= placed[^1].Start,
                        $"transition {start}–{end} is not centred on the cut at {at}");
                }
                else
                {
                    Assert.Equal("start-black", alignment);
                    Assert.True(start >= at, $"transition {start}–{end} overlaps what comes before it (at {at})");
                }
                Assert.Equal("Cross Dissolve", (string?)element.Element("effect")!.Element("effectid"));
                continue;
            }
            var item = Placed(element, i > 0 ? children[i - 1] : null, i + 1 < children.Count ? children[i + 1] : null);
            Assert.True(item.Start >= at, $"“{item.Name}” starts at {item.Start}, before the item before it ends ({at})");
            Assert.True(item.End > item.Start && item.End <= duration, $"“{item.Name}” ends at {item.End} (sequence {duration})");
            Assert.True(item.In >= 0 && item.Out <= Number(element, "duration"), $"“{item.Name}” uses frames {item.In}–{item.Out} outside its media");
            placed.Add(item);
            at = item.End;
        }
        return placed;
    }

    /// <summary>Resolves -1: a centred transition's cut is its start plus half its length (rounded down).</summary>
    private static PlacedItem Placed(XElement clip, XElement? before, XElement? after)
    {
        var (start, end, @in, @out) = (Number(clip, "start"), Number(clip, "end"), Number(clip, "in"), Number(clip, "out"));
        var handleIn = 0L;
        var handleOut = 0L;
        if (start == -1)
        {
            Assert.True(before?.Name == "transitionitem", "start -1 without a transition before it");
            var (from, to) = (Number(before!, "start"), Number(before!, "end"));
            start = from + (to - from) / 2;
            handleIn = start - from;
        }
        if (end == -1)
        {
            Assert.True(after?.Name == "transitionitem", "end -1 without a transition after it");
            var (from, to) = (Number(after!, "start"), Number(after!, "end"));
            end = from + (to - from) / 2;
            handleOut = to - end;
        }
        // The media frames cover the slot plus the transitions' frames on either side.
        Assert.Equal(end - start + handleIn + handleOut, @out - @in);
        return new PlacedItem(clip, start, end, @in + handleIn, @out - handleOut);
    }
}
