using System.Text;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Delivery.Formats;

/// <summary>
/// CMX 3600 EDL (reference note §2): one video track of cuts and two-line transitions, the song as an AA event,
/// <c>* FROM CLIP NAME:</c> comments (the form Premiere names clips from). Record timecode starts at 01:00:00:00.
/// Drop frame at 29.97 and 59.94 is signalled twice, by <c>FCM: DROP FRAME</c> and by ';' in every timecode.
/// </summary>
public sealed class EdlFormat : IExportFormat
{
    public string Key => "edl";
    public string Label => "CMX 3600 EDL";
    public string Editors => "Premiere Pro, Avid and most editors (one video track and the song); DaVinci Resolve conforms videos only";
    public string Extension => ".edl";
    public string ContentType => "text/plain";
    public int Order => 30;

    public async Task WriteAsync(Cut cut, ExportOptions options, Stream output, ExportReport report, CancellationToken cancellationToken)
    {
        foreach (var notice in cut.Notices)
        {
            report.Add(notice);
        }
        var text = Write(cut, report);
        await output.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
    }

    /// <summary>The EDL's text, lines ending in CRLF as Premiere writes them.</summary>
    public static string Write(Cut cut, ExportReport report)
    {
        var rate = cut.Rate;
        var origin = EdlText.RecordStart(rate);
        var plan = TrackPlan.Build(cut.Clips, cut.LengthFrames, report.Add);
        var events = Events(cut, plan, origin, report);
        // Six-digit event numbers only when three do not suffice (the note's §2.9: ≤ 999 events or six digits).
        var numberWidth = events.Count > 999 ? 6 : 3;
        if (numberWidth == 6)
        {
            report.Add($"The EDL has {events.Count} events: they are numbered with six digits, which some strict CMX 3600 readers refuse.");
        }
        if (cut.Alternates.Count > 0)
        {
            report.Add("An EDL has one video track: the alternate takes are left out of it.");
        }
        if (cut.Clips.Any(c => c.Media.IsStill))
        {
            report.Add("DaVinci Resolve does not conform stills from an EDL: use FCPXML or OpenTimelineIO for Resolve.");
        }

        var text = new StringBuilder();
        text.Append("TITLE: ").Append(EdlText.Ascii(cut.Title, "STORYBOARD").ToUpperInvariant()).Append("\r\n");
        text.Append(Timecode.IsDropFrame(rate) ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME").Append("\r\n");
        for (var i = 0; i < events.Count; i++)
        {
            text.Append("\r\n");
            foreach (var line in events[i])
            {
                text.Append(line(i + 1, numberWidth)).Append("\r\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Each event's lines, written once its number and the number's width are known.</summary>
    private static List<List<Func<int, int, string>>> Events(Cut cut, IReadOnlyList<PlanItem> plan, long origin, ExportReport report)
    {
        var rate = cut.Rate;
        var events = new List<List<Func<int, int, string>>>();
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i] is not PlanClip clip)
            {
                continue;
            }
            var reel = EdlText.Reel(clip.Clip.Number);
            var next = i + 1 < plan.Count ? plan[i + 1] as PlanTransition : null;
            var recordOut = clip.End - (next?.Before ?? 0);
            // Source frame 0 sits where the event starts; a video's first frame is at its clip's start unless a
            // transition needs frames before it, which a timecode cannot go below.
            var sourceZero = clip.Start - clip.HandleBefore;
            if (clip.HandleBefore > 0 && clip.Clip.Media.Kind == CutMediaKind.Video)
            {
                report.Add($"“{clip.Clip.Name}”: its video has no frames before the {TrackPlan.Describe(TransitionOf(plan, i))} into it; the EDL starts the video {clip.HandleBefore} frames early.");
            }
            var lines = new List<Func<int, int, string>>();
            if (i > 0 && plan[i - 1] is PlanTransition transition)
            {
                var at = transition.Cut - transition.Before;
                var outgoing = transition.FromBlack ? null : Outgoing(plan, i - 1);
                var (aReel, aSource) = outgoing is null
                    ? (EdlText.Black, 0L)
                    : (EdlText.Reel(outgoing.Clip.Number), at - (outgoing.Start - outgoing.HandleBefore));
                lines.Add((number, width) => EdlText.Line(number, width, aReel, "V", "C", null, aSource, aSource, origin + at, origin + at, rate));
                lines.Add((number, width) => EdlText.Line(number, width, reel, "V", transition.Kind == TransitionKind.Wipe ? "W001" : "D", transition.Frames,
                    at - sourceZero, recordOut - sourceZero, origin + at, origin + recordOut, rate));
                var effect = transition.Kind == TransitionKind.Wipe ? "EFFECTS NAME IS WIPE" : "EFFECTS NAME IS CROSS DISSOLVE";
                lines.Add((_, _) => effect);
                var from = "* FROM CLIP NAME: " + (outgoing is null ? "BLACK" : ClipName(outgoing.Clip));
                lines.Add((_, _) => from);
                var to = "* TO CLIP NAME: " + ClipName(clip.Clip);
                lines.Add((_, _) => to);
            }
            else
            {
                lines.Add((number, width) => EdlText.Line(number, width, reel, "V", "C", null,
                    clip.Start - sourceZero, recordOut - sourceZero, origin + clip.Start, origin + recordOut, rate));
                var name = "* FROM CLIP NAME: " + ClipName(clip.Clip);
                lines.Add((_, _) => name);
            }
            events.Add(lines);
        }

        if (cut.Song is { } song)
        {
            var length = Math.Min(cut.LengthFrames, song.LengthFrames - cut.SongOffsetFrames);
            if (length > 0)
            {
                var name = "* FROM CLIP NAME: " + EdlText.Ascii(song.FileName, "song", 200);
                events.Add(
                [
                    (number, width) => EdlText.Line(number, width, EdlText.Auxiliary, "AA", "C", null,
                        cut.SongOffsetFrames, cut.SongOffsetFrames + length, origin, origin + length, rate),
                    (_, _) => name,
                ]);
            }
        }
        return events;
    }

    /// <summary>The clip a transition at <paramref name="index"/> leaves, when it directly precedes it.</summary>
    private static PlanClip? Outgoing(IReadOnlyList<PlanItem> plan, int index) =>
        index > 0 ? plan[index - 1] as PlanClip : null;

    private static TransitionKind TransitionOf(IReadOnlyList<PlanItem> plan, int clipIndex) =>
        clipIndex > 0 && plan[clipIndex - 1] is PlanTransition t ? t.Kind : TransitionKind.Dissolve;

    private static string ClipName(CutClip clip) => EdlText.Ascii(clip.Media.FileName, $"shot {clip.Number}", 200);
}
