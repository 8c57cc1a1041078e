using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>The file a shot shows (its medium, or its Draft card in place of a missing or unreadable file).</summary>
public sealed record ShotSource(string Path, bool IsVideo, string Key);

/// <summary>An ffmpeg input: the options before its <c>-i</c> and its path.</summary>
public sealed record GraphInput(string Options, string Path);

/// <summary>Per-render files the overlays read: the font, and a folder for shot-name and lyrics files.</summary>
public sealed record OverlayFiles(string FontPath, string WorkFolder);

/// <summary>
/// One segment as ffmpeg inputs and a filtergraph whose output is <c>[out]</c>: each shot scaled to fit (letterboxed,
/// never stretched), a video from its offset holding its last frame, a still repeated, timed at the render's rate; a
/// transition through xfade; the overlays drawn last. <see cref="Key"/> names everything that changes its pixels.
/// </summary>
public sealed class SegmentGraph
{
    private readonly List<GraphInput> _inputs = [];
    private readonly List<string> _chains = [];
    private readonly AnimaticFormat _format;

    private SegmentGraph(AnimaticFormat format, string key)
    {
        _format = format;
        Key = key;
    }

    public string Key { get; }
    public IReadOnlyList<GraphInput> Inputs => _inputs;
    public string Script => string.Join(";\n", _chains) + "\n";

    public static string KeyFor(PlanSegment segment, Cut cut, AnimaticFormat format, AnimaticSettings settings, ShotSource? from, ShotSource? to)
    {
        var text = new StringBuilder("animatic-segment-v1\n").Append(format.Fingerprint).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{segment.Kind}|{segment.Length}|{segment.Transition}\n");
        AppendShot(text, segment.From, from, segment.Kind == SegmentKind.Transition);
        AppendShot(text, segment.To, to, segment.Kind == SegmentKind.Transition);
        if (settings.Timecode)
        {
            text.Append(CultureInfo.InvariantCulture, $"tc|{segment.Start + cut.SongOffsetFrames}\n");
        }
        if (settings.ShotNames)
        {
            text.Append("names|").Append(ShotName(segment.From?.Clip)).Append('|').Append(ShotName(segment.To?.Clip)).Append('\n');
        }
        if (settings.Lyrics)
        {
            text.Append("lyrics|").Append(segment.From?.Clip.Lyrics).Append('|').Append(segment.To?.Clip.Lyrics).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..40];
    }

    private static void AppendShot(StringBuilder text, PlanShot? shot, ShotSource? source, bool isTransition)
    {
        if (shot is null || source is null)
        {
            text.Append("none\n");
            return;
        }
        // A still looks the same at every offset; a video (and the point where a transition's overlays switch) does not.
        var offset = source.IsVideo || isTransition ? shot.Offset : 0;
        text.Append(CultureInfo.InvariantCulture, $"{source.Key}|{source.IsVideo}|{offset}\n");
    }

    public static string ShotName(CutClip? clip) => clip is null ? "" : $"{clip.Number}. {clip.Name}";

    public static async Task<SegmentGraph> BuildAsync(PlanSegment segment, Cut cut, AnimaticFormat format, AnimaticSettings settings,
        ShotSource? from, ShotSource? to, OverlayFiles? overlays, CancellationToken cancellationToken)
    {
        var graph = new SegmentGraph(format, KeyFor(segment, cut, format, settings, from, to));
        var n = segment.Length;
        string picture;
        switch (segment.Kind)
        {
            case SegmentKind.Black:
                picture = graph.Black(n, "v");
                break;
            case SegmentKind.Body:
                picture = graph.Shot(to!, segment.To!.Offset, n, "v");
                break;
            default:
                var a = from is null ? graph.Black(n, "a") : graph.Shot(from, segment.From!.Offset, n, "a");
                var b = graph.Shot(to!, segment.To!.Offset, n, "b");
                var kind = segment.Transition == TransitionKind.Wipe ? "wipeleft" : "fade";
                graph._chains.Add($"[{a}][{b}]xfade=transition={kind}:duration={format.Seconds(n)}:offset=0[v]");
                picture = "v";
                break;
        }
        var filters = await graph.OverlaysAsync(segment, cut, settings, overlays, cancellationToken);
        graph._chains.Add($"[{picture}]{(filters.Count == 0 ? "null" : string.Join(",", filters))}[out]");
        return graph;
    }

    private string Fit => string.Create(CultureInfo.InvariantCulture,
        $"scale={_format.Width}:{_format.Height}:force_original_aspect_ratio=decrease:force_divisible_by=2,pad={_format.Width}:{_format.Height}:(ow-iw)/2:(oh-ih)/2:black,setsar=1,format=yuv420p");

    /// <summary>Frame k at k / rate exactly, with the rate on the link (xfade needs it).</summary>
    private string Timing => $"settb=expr={_format.Rate.Denominator}/{_format.Rate.Numerator},setpts=N,fps={_format.RateText}";

    private string Black(long n, string label)
    {
        var index = _inputs.Count;
        _inputs.Add(new GraphInput("-f lavfi", string.Create(CultureInfo.InvariantCulture,
            $"color=c=black:s={_format.Width}x{_format.Height}:r={_format.RateText}")));
        _chains.Add(string.Create(CultureInfo.InvariantCulture, $"[{index}:v]format=yuv420p,trim=end_frame={n},{Timing}[{label}]"));
        return label;
    }

    private string Shot(ShotSource source, long offset, long n, string label)
    {
        var index = _inputs.Count;
        if (!source.IsVideo)
        {
            _inputs.Add(new GraphInput("", source.Path));
            _chains.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{index}:v]{Fit},loop=loop={n - 1}:size=1:start=0,trim=end_frame={n},{Timing}[{label}]"));
            return label;
        }
        _inputs.Add(new GraphInput(offset > 0 ? $"-ss {_format.Seconds(offset)}" : "", source.Path));
        var held = offset < 0 ? string.Create(CultureInfo.InvariantCulture, $",tpad=start_mode=clone:start={-offset}") : "";
        _chains.Add(string.Create(CultureInfo.InvariantCulture,
            $"[{index}:v]fps={_format.RateText},tpad=stop_mode=clone:stop=-1{held},{Fit},trim=end_frame={n},{Timing}[{label}]"));
        return label;
    }

    private async Task<List<string>> OverlaysAsync(PlanSegment segment, Cut cut, AnimaticSettings settings, OverlayFiles? files,
        CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (files is null || !settings.AnyOverlay)
        {
            return filters;
        }
        var font = FilterText.Escape(files.FontPath);
        var size = Math.Max(10, _format.Height / 20);
        var margin = Math.Max(4, _format.Height / 40);
        var box = string.Create(CultureInfo.InvariantCulture, $"fontsize={size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw={Math.Max(2, size / 4)}");
        // Before this frame a transition shows the outgoing shot's name and lyrics, from it the incoming one's.
        var split = segment.Kind == SegmentKind.Transition ? -segment.To!.Offset : 0;
        if (settings.Timecode)
        {
            var timecode = Timecode.Format(segment.Start + cut.SongOffsetFrames, cut.Rate);
            filters.Add($"drawtext=fontfile={font}:timecode={FilterText.Escape(timecode)}:rate={_format.RateText}:{box}:x=w-tw-{margin}:y={margin}");
        }
        if (settings.ShotNames)
        {
            foreach (var (clip, enable, _, _) in Parts(segment, split))
            {
                var path = Path.Combine(files.WorkFolder, $"name-{clip.ClipId}.txt");
                await File.WriteAllTextAsync(path, ShotName(clip), cancellationToken);
                filters.Add($"drawtext=fontfile={font}:textfile={FilterText.Escape(path)}:expansion=none:{box}:x={margin}:y={margin}{enable}");
            }
        }
        if (settings.Lyrics)
        {
            var cues = Parts(segment, split).Select(p => (p.From, p.To, p.Clip.Lyrics));
            var srt = LyricsSubtitles.Write(cues, _format.Rate);
            if (srt.Length > 0)
            {
                var path = Path.Combine(files.WorkFolder, $"lyrics-{Guid.NewGuid():N}.srt");
                await File.WriteAllTextAsync(path, srt, cancellationToken);
                var style = FilterText.Escape($"FontName={AnimaticFont.FamilyName},FontSize=16,Outline=1,Shadow=0,MarginV=12");
                filters.Add($"subtitles=filename={FilterText.Escape(path)}:fontsdir={FilterText.Escape(Path.GetDirectoryName(files.FontPath)!)}:force_style={style}");
            }
        }
        return filters;
    }

    /// <summary>The clips a segment shows, with the frames of the segment each owns (and a drawtext enable for a part).</summary>
    private static IEnumerable<(CutClip Clip, string Enable, long From, long To)> Parts(PlanSegment segment, long split)
    {
        if (segment.Kind == SegmentKind.Body)
        {
            yield return (segment.To!.Clip, "", 0, segment.Length);
            yield break;
        }
        if (segment.Kind != SegmentKind.Transition)
        {
            yield break;
        }
        if (segment.From is { } from && split > 0)
        {
            yield return (from.Clip, ":enable=" + FilterText.Escape($"lt(n,{split})"), 0, split);
        }
        yield return (segment.To!.Clip, split > 0 ? ":enable=" + FilterText.Escape($"gte(n,{split})") : "", split, segment.Length);
    }
}
