using System.Xml.Linq;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// Final Cut Pro XML, version 1.9, 1.10 (default) or 1.11, valid against Apple's DTD: <c>library/event/project/sequence/
/// spine</c>; stills as zero-duration assets placed with <c>video</c>, videos as <c>asset-clip</c> (picture only), gaps,
/// every transition as a Cross Dissolve centred on its cut, the song as a connected clip on lane -1, alternates as
/// disabled connected clips on lanes 1, 2…, scene starts as markers. Every time is a whole number of frames.
/// </summary>
public sealed class FcpxmlFormat : IExportFormat
{
    public string Key => "fcpxml";
    public string Label => "Final Cut Pro XML (FCPXML)";
    public string Editors => "Final Cut Pro 10.4.9+ (1.9), 10.6+ (1.10), 10.6.6+ (1.11); DaVinci Resolve 18.5+ (1.9, 1.10)";
    public string Extension => ".fcpxml";
    public string ContentType => "application/xml";
    public int Order => 10;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var document = Build(cut, options, report);
        await XmlOutput.SaveAsync(document, output, cancellationToken);
    }

    public static XDocument Build(Cut cut, ExportOptions options, ExportReport report)
    {
        var version = options.FcpxmlVersion;
        if (!ExportOptions.FcpxmlVersions.Contains(version))
        {
            throw new ArgumentException(
                $"FCPXML version “{version}” is not supported: choose one of {string.Join(", ", ExportOptions.FcpxmlVersions)}.", nameof(options));
        }
        var folder = string.IsNullOrWhiteSpace(options.Folder) ? MediaNames.DefaultFolder(cut.ProjectName) : options.Folder;
        var resources = new FcpxmlResources(cut, folder);
        var plan = EditPlan.Build(cut, report);
        var rate = cut.Rate;
        string T(long frames) => FcpxmlTime.Of(frames, rate);

        var elements = plan.Items.Select(item => ItemElement(item, resources, rate, report)).ToList();
        var anchors = plan.Items.Select(_ => new List<XElement>()).ToList();
        var markers = plan.Items.Select(_ => new List<XElement>()).ToList();

        if (cut.Song is { } song)
        {
            var length = Math.Min(cut.LengthFrames, song.LengthFrames - cut.SongOffsetFrames);
            if (plan.Items.Count == 0 || length <= 0)
            {
                report.Add("The song is left out: the timeline is empty or starts past the song's end.");
            }
            else
            {
                if (length < cut.LengthFrames)
                {
                    report.Add($"The song ends {cut.LengthFrames - length} frames before the timeline does.");
                }
                var first = plan.Items[0];
                anchors[0].Add(new XElement("asset-clip", new XAttribute("ref", resources.Song(song)), new XAttribute("lane", "-1"),
                    new XAttribute("offset", T(first.LocalFrame(first.Start))), new XAttribute("name", XmlOutput.Text(song.OriginalFileName)),
                    new XAttribute("start", T(cut.SongOffsetFrames)), new XAttribute("duration", T(length)), new XAttribute("audioRole", "music")));
            }
        }

        if (cut.Alternates.Any(a => a.TransitionIn != TransitionKind.Cut && a.TransitionFrames > 0))
        {
            report.Add("Transitions of alternate takes are left out: connected clips cut in and out.");
        }
        foreach (var alternate in cut.Alternates)
        {
            if (plan.ItemAt(alternate.StartFrame) is not { } parent)
            {
                report.Add($"“{alternate.Name}” (alternate) lies past the timeline's end and is left out.");
                continue;
            }
            var element = ClipElement(alternate, resources, rate, report, offset: parent.LocalFrame(alternate.StartFrame), sourceIn: 0);
            element.Add(new XAttribute("lane", alternate.Lane.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new XAttribute("enabled", "0"));
            anchors[parent.Index].Add(element);
        }

        foreach (var scene in cut.Scenes)
        {
            if (plan.ItemAt(scene.StartFrame) is not { } parent)
            {
                report.Add($"Scene “{scene.Name}” starts past the timeline's end: no marker.");
                continue;
            }
            var marker = new XElement("marker", new XAttribute("start", T(parent.LocalFrame(scene.StartFrame))),
                new XAttribute("duration", T(1)), new XAttribute("value", XmlOutput.Text(scene.Name)));
            if (scene.SectionLabel.Length > 0)
            {
                marker.Add(new XAttribute("note", XmlOutput.Text(scene.SectionLabel)));
            }
            markers[parent.Index].Add(marker);
        }

        var spine = new XElement("spine");
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var item = plan.Items[i];
            if (item.TransitionIn is { } transition)
            {
                if (transition.Kind == TransitionKind.Wipe)
                {
                    report.Add($"“{item.Clip!.Name}”: its wipe is written as a Cross Dissolve.");
                }
                else if (transition.Kind == TransitionKind.FadeFromBlack && !transition.FromGap)
                {
                    report.Add($"“{item.Clip!.Name}”: its fade from black follows another clip, so it is written as a Cross Dissolve from that clip.");
                }
                spine.Add(new XElement("transition", new XAttribute("name", "Cross Dissolve"),
                    new XAttribute("offset", T(item.Start - transition.Before)), new XAttribute("duration", T(transition.Frames)),
                    new XElement("filter-video", new XAttribute("ref", resources.Dissolve()), new XAttribute("name", "Cross Dissolve"))));
            }
            elements[i].Add(anchors[i], markers[i]);
            spine.Add(elements[i]);
        }
        if (plan.Items.Count == 0)
        {
            report.Add("The timeline is empty: the FCPXML holds an empty project.");
        }

        var sequence = new XElement("sequence", new XAttribute("format", resources.SequenceFormat), new XAttribute("duration", T(cut.LengthFrames)),
            new XAttribute("tcStart", "0s"), new XAttribute("tcFormat", Timecode.IsDropFrame(rate) ? "DF" : "NDF"),
            new XAttribute("audioLayout", "stereo"), new XAttribute("audioRate", "48k"), spine);
        var eventName = cut.ProjectName.Length > 0 ? cut.ProjectName : "Storyboard";
        var library = new XElement("library",
            new XElement("event", new XAttribute("name", XmlOutput.Text(eventName)),
                new XElement("project", new XAttribute("name", XmlOutput.Text(cut.Title)), sequence)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XDocumentType("fcpxml", null, null, null),
            new XElement("fcpxml", new XAttribute("version", version), resources.Element(), library));
    }

    private static XElement ItemElement(EditItem item, FcpxmlResources resources, FrameRate rate, ExportReport report) =>
        item.Clip is { } clip
            ? ClipElement(clip, resources, rate, report, offset: item.Start, sourceIn: item.SourceIn, declaredLength: item.MediaLength)
            : new XElement("gap", new XAttribute("name", "Gap"), new XAttribute("offset", FcpxmlTime.Of(item.Start, rate)),
                new XAttribute("start", "0s"), new XAttribute("duration", FcpxmlTime.Of(item.Length, rate)));

    /// <summary>A still as <c>video</c>, a video as a picture-only <c>asset-clip</c>; the clip's lyrics and notes as its note.</summary>
    private static XElement ClipElement(CutClip clip, FcpxmlResources resources, FrameRate rate, ExportReport report,
        long offset, long sourceIn, long? declaredLength = null)
    {
        XElement element;
        if (clip.Media.IsStill)
        {
            element = new XElement("video", new XAttribute("ref", resources.Still(clip.Media)));
        }
        else
        {
            var length = declaredLength ?? EditPlan.DeclaredVideoLength(clip, report)!.Value;
            element = new XElement("asset-clip", new XAttribute("ref", resources.Video(clip.Media, length)));
        }
        element.Add(new XAttribute("name", XmlOutput.Text(clip.Name)), new XAttribute("offset", FcpxmlTime.Of(offset, rate)),
            new XAttribute("start", FcpxmlTime.Of(sourceIn, rate)), new XAttribute("duration", FcpxmlTime.Of(clip.LengthFrames, rate)));
        if (!clip.Media.IsStill)
        {
            element.Add(new XAttribute("srcEnable", "video"));
        }
        var note = string.Join("\n", new[] { clip.Lyrics, clip.Notes }.Where(text => !string.IsNullOrWhiteSpace(text)));
        if (note.Length > 0)
        {
            element.Add(new XElement("note", XmlOutput.Text(note)));
        }
        return element;
    }
}
