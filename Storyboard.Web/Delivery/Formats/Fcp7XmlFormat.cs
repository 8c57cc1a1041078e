using System.Globalization;
using System.Xml.Linq;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// Final Cut Pro 7 XML (xmeml version 4), the XML Premiere Pro and DaVinci Resolve import: one sequence at the
/// project's rate (timebase + ntsc) with its <c>format</c> (Resolve imports nothing without it), the main takes on
/// video track 1 (stills marked <c>stillframe</c>), gaps as empty track, transitions as centred Cross Dissolves,
/// alternates on further, disabled video tracks, the song on audio track 1 and scene starts as sequence markers.
/// Every count is a whole frame at the sequence's rate. A file is described in full where first used, then by id.
/// </summary>
public sealed class Fcp7XmlFormat : IExportFormat
{
    public string Key => "fcp7";
    public string Label => "Final Cut Pro 7 XML (xmeml)";
    public string Editors => "Adobe Premiere Pro; DaVinci Resolve";
    public string Extension => ".xml";
    public string ContentType => "application/xml";
    public int Order => 20;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cut);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        await XmlOutput.SaveAsync(Build(cut, options, report), output, cancellationToken);
    }

    /// <summary>One clipitem to write: where it sits (-1 where a transition decides) and which media frames it uses.</summary>
    private sealed record Entry(CutClip Clip, long Start, long End, long In, long Out, long? VideoLength, bool Enabled);

    public static XDocument Build(Cut cut, ExportOptions options, ExportReport report)
    {
        var folder = string.IsNullOrWhiteSpace(options.Folder) ? MediaNames.DefaultFolder(cut.ProjectName) : options.Folder;
        var rate = cut.Rate;
        var plan = EditPlan.Build(cut, report);
        var writer = new Writer(cut, folder);

        // The main track: clipitems and transitionitems in time order; empty track where the cut has gaps.
        var entries = new List<Entry>();
        var trackItems = new List<(Entry? Entry, XElement? Transition)>();
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var item = plan.Items[i];
            if (item.Clip is not { } clip)
            {
                continue;
            }
            var incoming = item.TransitionIn;
            var outgoing = plan.TransitionOut(i);
            var centredIn = incoming is { FromGap: false };
            if (incoming is { FromGap: true })
            {
                var frames = Math.Min(incoming.Frames, item.Length - (outgoing?.Before ?? 0));
                if (frames > 0)
                {
                    report.Add($"FCP7 XML: “{clip.Name}”'s {EditPlan.KindLabel(incoming.Kind)} after a gap starts at the cut (the editors cannot centre it over an empty track), so it ends {frames - incoming.After} frames later than in Storyboard.");
                    trackItems.Add((null, writer.Transition(item.Start, item.Start + frames, "start-black")));
                }
            }
            else if (centredIn)
            {
                Notice(report, clip, incoming!);
                trackItems.Add((null, writer.Transition(item.Start - incoming!.Before, item.Start + incoming.After, "center")));
            }
            var entry = new Entry(clip,
                Start: centredIn ? -1 : item.Start,
                End: outgoing is { FromGap: false } ? -1 : item.End,
                In: item.SourceIn - (centredIn ? incoming!.Before : 0),
                Out: item.SourceIn + item.Length + (outgoing is { FromGap: false } ? outgoing.After : 0),
                VideoLength: item.MediaLength, Enabled: true);
            entries.Add(entry);
            trackItems.Add((entry, null));
        }

        var alternateTracks = new List<List<Entry>>();
        if (cut.Alternates.Any(a => a.TransitionIn != TransitionKind.Cut && a.TransitionFrames > 0))
        {
            report.Add("Transitions of alternate takes are left out: they cut in and out on their own tracks.");
        }
        foreach (var lane in cut.Alternates.GroupBy(a => a.Lane).OrderBy(g => g.Key))
        {
            var track = lane.OrderBy(a => a.StartFrame).Select(a => new Entry(a, a.StartFrame, a.EndFrame, 0, a.LengthFrames,
                EditPlan.DeclaredVideoLength(a, report), Enabled: false)).ToList();
            entries.AddRange(track);
            alternateTracks.Add(track);
        }
        // A still's file is as long as its longest use, so every clipitem stays within its media.
        foreach (var entry in entries.Where(e => e.Clip.Media.IsStill))
        {
            writer.StillLength(entry.Clip.Media.FileName, entry.Out);
        }

        var video = new XElement("video", writer.VideoFormat());
        video.Add(new XElement("track",
            trackItems.Select(t => t.Transition ?? writer.ClipItem(t.Entry!.Clip, t.Entry)),
            new XElement("enabled", "TRUE"), new XElement("locked", "FALSE")));
        foreach (var track in alternateTracks)
        {
            video.Add(new XElement("track", track.Select(e => writer.ClipItem(e.Clip, e)),
                new XElement("enabled", "FALSE"), new XElement("locked", "FALSE")));
        }

        var audio = new XElement("audio", Writer.AudioFormat());
        if (cut.Song is { } song)
        {
            var length = Math.Min(cut.LengthFrames, song.LengthFrames - cut.SongOffsetFrames);
            if (length > 0)
            {
                if (length < cut.LengthFrames)
                {
                    report.Add($"The song ends {cut.LengthFrames - length} frames before the timeline does.");
                }
                audio.Add(new XElement("track", writer.SongItem(song, cut.SongOffsetFrames, length),
                    new XElement("enabled", "TRUE"), new XElement("locked", "FALSE")));
            }
            else
            {
                report.Add("The song is left out: the timeline is empty or starts past the song's end.");
            }
        }
        if (plan.Items.Count == 0)
        {
            report.Add("The timeline is empty: the FCP7 XML holds an empty sequence.");
        }

        var sequence = new XElement("sequence", new XAttribute("id", "sequence-1"),
            new XElement("name", XmlOutput.Text(cut.Title)),
            new XElement("duration", Number(cut.LengthFrames)),
            writer.Rate(),
            new XElement("timecode", writer.Rate(), new XElement("string", Timecode.Format(0, rate)), new XElement("frame", "0"),
                new XElement("displayformat", Timecode.IsDropFrame(rate) ? "DF" : "NDF")),
            new XElement("media", video, audio));
        foreach (var scene in cut.Scenes)
        {
            if (scene.StartFrame >= cut.LengthFrames)
            {
                report.Add($"Scene “{scene.Name}” starts past the timeline's end: no marker.");
                continue;
            }
            sequence.Add(new XElement("marker", new XElement("name", XmlOutput.Text(scene.Name)),
                new XElement("comment", XmlOutput.Text(scene.SectionLabel)),
                new XElement("in", Number(scene.StartFrame)), new XElement("out", "-1")));
        }
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XDocumentType("xmeml", null, null, null),
            new XElement("xmeml", new XAttribute("version", "4"), sequence));
    }

    private static void Notice(ExportReport report, CutClip clip, EditTransition transition)
    {
        if (transition.Kind == TransitionKind.Wipe)
        {
            report.Add($"“{clip.Name}”: its wipe is written as a Cross Dissolve.");
        }
        else if (transition.Kind == TransitionKind.FadeFromBlack)
        {
            report.Add($"“{clip.Name}”: its fade from black follows another clip, so it is written as a Cross Dissolve from that clip.");
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Element factory for one document: ids for clipitems and files, each file described in full once.</summary>
    private sealed class Writer(Cut cut, string folder)
    {
        private readonly Dictionary<string, string> fileIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> stillLengths = new(StringComparer.Ordinal);
        private int clipItems;

        public XElement Rate() => new("rate", new XElement("timebase", Number(Timecode.Timebase(cut.Rate))),
            new XElement("ntsc", cut.Rate.IsNtsc ? "TRUE" : "FALSE"));

        public void StillLength(string fileName, long frames) =>
            stillLengths[fileName] = Math.Max(frames, stillLengths.GetValueOrDefault(fileName));

        public XElement VideoFormat() => new("format", new XElement("samplecharacteristics", Rate(),
            new XElement("width", Number(cut.Resolution.Width)), new XElement("height", Number(cut.Resolution.Height)),
            new XElement("anamorphic", "FALSE"), new XElement("pixelaspectratio", "square"), new XElement("fielddominance", "none")));

        public static XElement AudioFormat() => new("format", new XElement("samplecharacteristics",
            new XElement("depth", "16"), new XElement("samplerate", "48000")));

        public XElement Transition(long start, long end, string alignment) => new("transitionitem",
            new XElement("start", Number(start)), new XElement("end", Number(end)), new XElement("alignment", alignment), Rate(),
            new XElement("effect", new XElement("name", "Cross Dissolve"), new XElement("effectid", "Cross Dissolve"),
                new XElement("effectcategory", "Dissolve"), new XElement("effecttype", "transition"), new XElement("mediatype", "video")));

        public XElement ClipItem(CutClip clip, Entry entry)
        {
            var media = clip.Media;
            var length = media.IsStill ? stillLengths[media.FileName] : entry.VideoLength ?? clip.LengthFrames;
            var item = new XElement("clipitem", new XAttribute("id", NextClipItem()),
                new XElement("name", XmlOutput.Text(clip.Name)),
                new XElement("enabled", entry.Enabled ? "TRUE" : "FALSE"),
                new XElement("duration", Number(length)), Rate(),
                new XElement("start", Number(entry.Start)), new XElement("end", Number(entry.End)),
                new XElement("in", Number(entry.In)), new XElement("out", Number(entry.Out)));
            if (media.IsStill)
            {
                item.Add(new XElement("stillframe", "TRUE"));
            }
            item.Add(File(media.FileName, length, () => new XElement("video", new XElement("samplecharacteristics",
                new XElement("width", Number(media.Width > 0 ? media.Width : cut.Resolution.Width)),
                new XElement("height", Number(media.Height > 0 ? media.Height : cut.Resolution.Height))))));
            var comment = string.Join("\n", new[] { clip.Lyrics, clip.Notes }.Where(text => !string.IsNullOrWhiteSpace(text)));
            if (comment.Length > 0)
            {
                item.Add(new XElement("comments", new XElement("mastercomment1", XmlOutput.Text(comment))));
            }
            return item;
        }

        public XElement SongItem(CutSong song, long offset, long length) => new("clipitem", new XAttribute("id", NextClipItem()),
            new XElement("name", XmlOutput.Text(song.OriginalFileName)), new XElement("enabled", "TRUE"),
            new XElement("duration", Number(song.LengthFrames)), Rate(),
            new XElement("start", "0"), new XElement("end", Number(length)),
            new XElement("in", Number(offset)), new XElement("out", Number(offset + length)),
            File(song.FileName, song.LengthFrames, () => new XElement("audio",
                new XElement("samplecharacteristics", new XElement("depth", "16"),
                    new XElement("samplerate", Number(song.SampleRate > 0 ? song.SampleRate : 48000))),
                new XElement("channelcount", Number(song.Channels > 0 ? song.Channels : 2)))),
            new XElement("sourcetrack", new XElement("mediatype", "audio"), new XElement("trackindex", "1")));

        /// <summary>The full file element where a file is first used; <c>&lt;file id="…"/&gt;</c> after that.</summary>
        private XElement File(string fileName, long length, Func<XElement> media)
        {
            if (fileIds.TryGetValue(fileName, out var id))
            {
                return new XElement("file", new XAttribute("id", id));
            }
            id = $"file-{fileIds.Count + 1}";
            fileIds[fileName] = id;
            return new XElement("file", new XAttribute("id", id),
                new XElement("name", XmlOutput.Text(fileName)),
                new XElement("pathurl", MediaNames.XmemlUrl(folder, fileName)),
                Rate(), new XElement("duration", Number(length)),
                new XElement("media", media()));
        }

        private string NextClipItem() => $"clipitem-{++clipItems}";
    }
}
