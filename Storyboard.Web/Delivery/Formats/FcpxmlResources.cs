using System.Globalization;
using System.Xml.Linq;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// The <c>resources</c> of an FCPXML document: the sequence's format, one frame-rate-less format per still size, one
/// asset per media file (stills with zero duration, as Final Cut Pro writes them), the song and the Cross Dissolve.
/// </summary>
public sealed class FcpxmlResources
{
    public const string CrossDissolveUid = "FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265";

    private readonly Cut cut;
    private readonly string folder;
    private readonly List<XElement> formats = [];
    private readonly List<XElement> assets = [];
    private readonly Dictionary<(int Width, int Height), string> stillFormats = [];
    private readonly Dictionary<string, XElement> assetsByFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> videoFrames = new(StringComparer.Ordinal);
    private XElement? dissolve;
    private int nextId = 1;

    public FcpxmlResources(Cut cut, string folder)
    {
        this.cut = cut;
        this.folder = folder;
        SequenceFormat = NextId();
        var format = new XElement("format", new XAttribute("id", SequenceFormat));
        if (FormatName(cut.Resolution, cut.Rate) is { } name)
        {
            format.Add(new XAttribute("name", name));
        }
        format.Add(
            new XAttribute("frameDuration", FcpxmlTime.FrameDuration(cut.Rate)),
            new XAttribute("width", Number(cut.Resolution.Width)),
            new XAttribute("height", Number(cut.Resolution.Height)),
            new XAttribute("colorSpace", "1-1-1 (Rec. 709)"));
        formats.Add(format);
    }

    public string SequenceFormat { get; }

    public XElement Element() => new("resources", formats, assets, dissolve);

    /// <summary>The asset of a still (image or Draft card): zero duration, in a format without a frame rate.</summary>
    public string Still(CutMedia media)
    {
        if (assetsByFile.TryGetValue(media.FileName, out var existing))
        {
            return (string)existing.Attribute("id")!;
        }
        var size = media.Width > 0 && media.Height > 0 ? (media.Width, media.Height) : (cut.Resolution.Width, cut.Resolution.Height);
        if (!stillFormats.TryGetValue(size, out var format))
        {
            format = NextId();
            stillFormats[size] = format;
            formats.Add(new XElement("format", new XAttribute("id", format), new XAttribute("name", "FFVideoFormatRateUndefined"),
                new XAttribute("width", Number(size.Item1)), new XAttribute("height", Number(size.Item2)), new XAttribute("colorSpace", "1-13-1")));
        }
        return AddAsset(media.FileName, new XAttribute("start", "0s"), new XAttribute("duration", "0s"),
            new XAttribute("hasVideo", "1"), new XAttribute("format", format), new XAttribute("videoSources", "1"));
    }

    /// <summary>The asset of a video, <paramref name="frames"/> long (the longest any clip using the file declares).</summary>
    public string Video(CutMedia media, long frames)
    {
        if (assetsByFile.TryGetValue(media.FileName, out var existing))
        {
            if (videoFrames[media.FileName] < frames)
            {
                videoFrames[media.FileName] = frames;
                existing.SetAttributeValue("duration", FcpxmlTime.Of(frames, cut.Rate));
            }
            return (string)existing.Attribute("id")!;
        }
        videoFrames[media.FileName] = frames;
        return AddAsset(media.FileName, new XAttribute("start", "0s"), new XAttribute("duration", FcpxmlTime.Of(frames, cut.Rate)),
            new XAttribute("hasVideo", "1"), new XAttribute("format", SequenceFormat), new XAttribute("videoSources", "1"));
    }

    public string Song(CutSong song)
    {
        var attributes = new List<XAttribute>
        {
            new("start", "0s"), new("duration", FcpxmlTime.Of(song.LengthFrames, cut.Rate)), new("hasAudio", "1"), new("audioSources", "1"),
        };
        if (song.Channels > 0)
        {
            attributes.Add(new XAttribute("audioChannels", Number(song.Channels)));
        }
        if (song.SampleRate > 0)
        {
            attributes.Add(new XAttribute("audioRate", Number(song.SampleRate)));
        }
        return AddAsset(song.FileName, [.. attributes]);
    }

    public string Dissolve()
    {
        dissolve ??= new XElement("effect", new XAttribute("id", NextId()), new XAttribute("name", "Cross Dissolve"),
            new XAttribute("uid", CrossDissolveUid));
        return (string)dissolve.Attribute("id")!;
    }

    /// <summary>"FFVideoFormat1080p2997" for the sizes Final Cut Pro names; null (no name) for any other size or rate.</summary>
    public static string? FormatName(Resolution size, FrameRate rate)
    {
        if (!rate.IsStandard)
        {
            return null;
        }
        var rateName = rate.Label.Replace(".", "", StringComparison.Ordinal) switch
        {
            "23976" => "2398",
            var other => other,
        };
        return (size.Width, size.Height) switch
        {
            (1920, 1080) => $"FFVideoFormat1080p{rateName}",
            (1280, 720) => $"FFVideoFormat720p{rateName}",
            (3840, 2160) => $"FFVideoFormat3840x2160p{rateName}",
            _ => null,
        };
    }

    private string AddAsset(string fileName, params XAttribute[] attributes)
    {
        var id = NextId();
        var asset = new XElement("asset", new XAttribute("id", id),
            new XAttribute("name", XmlOutput.Text(Path.GetFileNameWithoutExtension(fileName))), attributes,
            new XElement("media-rep", new XAttribute("kind", "original-media"), new XAttribute("src", MediaNames.FileUrl(folder, fileName))));
        assets.Add(asset);
        assetsByFile[fileName] = asset;
        return id;
    }

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"r{nextId++}");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
