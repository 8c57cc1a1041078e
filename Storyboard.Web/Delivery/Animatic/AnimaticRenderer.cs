using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FFMpegCore;
using Microsoft.Extensions.Options;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>
/// Renders a cut segment by segment (see <see cref="AnimaticPlan"/>): each clip body, gap and transition window is
/// encoded once into the segment cache with the same encoder settings, then all are joined by the concat demuxer
/// without re-encoding (durations given exactly, so every cut lands on its frame) and the song is muxed in.
/// </summary>
public sealed class AnimaticRenderer(IDeliveryMedia media, FfmpegLocator ffmpeg, IOptions<StorageOptions> storage, ILogger<AnimaticRenderer> logger)
    : IAnimaticRenderer
{
    /// <summary>Segments encoded at once: two ffmpeg processes keep two cores busy through each one's start and end.</summary>
    public static int Parallelism { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    public async Task<AnimaticResult> RenderAsync(Cut cut, AnimaticRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (ffmpeg.FfmpegPath is null || ffmpeg.FfprobePath is null)
        {
            throw new AnimaticException("Storyboard cannot render because ffmpeg is not installed. Ask your admin to install it.");
        }
        if (cut.LengthFrames <= 0)
        {
            throw new AnimaticException("There is nothing to render: the project has no song and no clips.");
        }
        var notices = new List<string>(cut.Notices);
        var format = AnimaticFormat.For(cut, request.Preset);
        var segments = AnimaticPlan.Build(cut, notices);
        var cache = new SegmentCache(Path.Combine(storage.Value.RendersFolder, "segments"));
        var work = Path.Combine(storage.Value.TempFolder, "animatic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var overlays = request.Settings.AnyOverlay
                ? new OverlayFiles(await AnimaticFont.FileAsync(storage.Value.CacheFolder, cancellationToken), work)
                : null;
            var sources = new Sources(cut, format, media, notices);
            var graphs = new List<SegmentGraph>();
            foreach (var segment in segments)
            {
                graphs.Add(await GraphAsync(segment, cut, format, request.Settings, sources, overlays, cancellationToken));
            }
            var toEncode = graphs.Select((g, i) => (Graph: g, Segment: segments[i])).Where(x => !cache.Has(x.Graph.Key))
                .DistinctBy(x => x.Graph.Key).ToList();
            var totalFrames = Math.Max(1, toEncode.Sum(x => x.Segment.Length));
            long doneFrames = 0;
            progress?.Report(0);

            using var gate = new SemaphoreSlim(Parallelism);
            var failures = new ConcurrentBag<(SegmentGraph Graph, PlanSegment Segment, string Error)>();
            await Task.WhenAll(toEncode.Select(async x =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var error = await EncodeAsync(x.Graph, x.Segment, format, cache, work, cancellationToken);
                    if (error is not null)
                    {
                        failures.Add((x.Graph, x.Segment, error));
                    }
                    progress?.Report(0.9 * Interlocked.Add(ref doneFrames, x.Segment.Length) / totalFrames);
                }
                finally
                {
                    gate.Release();
                }
            }));
            var encoded = toEncode.Count;
            foreach (var (graph, segment, error) in failures.OrderBy(f => f.Segment.Start))
            {
                // A file ffmpeg cannot read: its clip shows the Draft card instead, and the segments showing it are made again.
                if (!await sources.ReplaceUnreadableAsync(segment, cancellationToken))
                {
                    throw new AnimaticException($"ffmpeg could not render the part at {Domain.Timeline.Timecode.Format(segment.Start + cut.SongOffsetFrames, cut.Rate)}: {error}");
                }
            }
            if (!failures.IsEmpty)
            {
                graphs.Clear();
                foreach (var segment in segments)
                {
                    var graph = await GraphAsync(segment, cut, format, request.Settings, sources, overlays, cancellationToken);
                    graphs.Add(graph);
                    if (!cache.Has(graph.Key))
                    {
                        encoded++;
                        if (await EncodeAsync(graph, segment, format, cache, work, cancellationToken) is { } error)
                        {
                            throw new AnimaticException($"ffmpeg could not render the part at {Domain.Timeline.Timecode.Format(segment.Start + cut.SongOffsetFrames, cut.Rate)}: {error}");
                        }
                    }
                }
            }

            var audio = await AudioAsync(cut, format, cache, work, notices, cancellationToken);
            var list = Path.Combine(work, "segments.ffconcat");
            await File.WriteAllTextAsync(list, ConcatList(segments, graphs.Select(g => cache.PathFor(g.Key)).ToList(), format), cancellationToken);
            var muxed = Path.Combine(work, "animatic.mp4");
            var outcome = await FfmpegRun.RunAsync(
                [new GraphInput("-f concat -safe 0", list), new GraphInput("", audio)], muxed,
                "-map 0:v:0 -map 1:a:0 -c copy -movflags +faststart", cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new AnimaticException($"ffmpeg could not join the rendered parts: {outcome.ErrorText}");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.OutputPath))!);
            File.Move(muxed, request.OutputPath, overwrite: true);
            string? subtitles = null;
            if (request.Settings.Subtitles && request.SubtitlesPath is { } srtPath)
            {
                await File.WriteAllTextAsync(srtPath, LyricsSubtitles.ForCut(cut), new UTF8Encoding(false), cancellationToken);
                subtitles = srtPath;
            }
            cache.RecordAndPrune(graphs.Select(g => Path.GetFileName(cache.PathFor(g.Key))).Append(Path.GetFileName(audio)).Distinct());
            progress?.Report(1);
            logger.LogInformation("Rendered {Title}: {Segments} segments, {Encoded} encoded, {Frames} frames", cut.Title, segments.Count, encoded, cut.LengthFrames);
            return new AnimaticResult(request.OutputPath, subtitles, cut.LengthFrames, notices.Distinct().ToList(), encoded,
                graphs.Select(g => g.Key).Distinct().Count() - Math.Min(encoded, graphs.Select(g => g.Key).Distinct().Count()));
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not remove the render's temporary folder {Folder}", work);
            }
        }
    }

    private static async Task<SegmentGraph> GraphAsync(PlanSegment segment, Cut cut, AnimaticFormat format, Animatic.AnimaticSettings settings,
        Sources sources, OverlayFiles? overlays, CancellationToken cancellationToken)
    {
        var from = segment.From is { } f ? await sources.ForAsync(f.Clip, cancellationToken) : null;
        var to = segment.To is { } t ? await sources.ForAsync(t.Clip, cancellationToken) : null;
        return await SegmentGraph.BuildAsync(segment, cut, format, settings, from, to, overlays, cancellationToken);
    }

    /// <summary>Encodes one segment into the cache; the error text when ffmpeg fails or writes the wrong number of frames.</summary>
    private static async Task<string?> EncodeAsync(SegmentGraph graph, PlanSegment segment, AnimaticFormat format, SegmentCache cache, string work,
        CancellationToken cancellationToken)
    {
        var script = Path.Combine(work, graph.Key + ".filter");
        await File.WriteAllTextAsync(script, graph.Script, cancellationToken);
        var temp = Path.Combine(work, graph.Key + ".mp4");
        var outcome = await FfmpegRun.RunAsync(graph.Inputs, temp, string.Create(CultureInfo.InvariantCulture,
            $"-filter_complex_script {FfmpegRun.Quote(script)} -map [out] -frames:v {segment.Length} {format.VideoArguments}"), cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome.ErrorText.Length > 0 ? outcome.ErrorText : "ffmpeg stopped with an error.";
        }
        if (outcome.Frames >= 0 && outcome.Frames != segment.Length)
        {
            return $"ffmpeg wrote {outcome.Frames} frames instead of {segment.Length}.";
        }
        cache.Store(temp, graph.Key);
        return null;
    }

    /// <summary>The song from the cut's offset for exactly the cut's length (padded with silence), or silence; cached.</summary>
    private async Task<string> AudioAsync(Cut cut, AnimaticFormat format, SegmentCache cache, string work, List<string> notices,
        CancellationToken cancellationToken)
    {
        var song = media.SongFile(cut);
        if (cut.Song is not null && song is null)
        {
            notices.Add($"The song's file “{cut.Song.OriginalFileName}” is missing: the animatic is silent.");
        }
        else if (cut.Song is null && !notices.Any(n => n.Contains("no song", StringComparison.OrdinalIgnoreCase)))
        {
            notices.Add("The project has no song: the animatic is silent.");
        }
        var length = format.Seconds(cut.LengthFrames);
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            $"animatic-audio-v1|{(song is null ? "silent" : cut.Song!.Hash)}|{cut.SongOffsetFrames}|{cut.LengthFrames}|{format.RateText}|{format.AudioKbps}")))[..40];
        if (cache.Has(key, ".m4a"))
        {
            return cache.PathFor(key, ".m4a");
        }
        var temp = Path.Combine(work, key + ".m4a");
        GraphInput input = song is null
            ? new GraphInput("-f lavfi", "anullsrc=r=48000:cl=stereo")
            : new GraphInput(cut.SongOffsetFrames > 0 ? "-ss " + format.Seconds(cut.SongOffsetFrames) : "", song);
        var outcome = await FfmpegRun.RunAsync([input], temp, string.Create(CultureInfo.InvariantCulture,
            $"-map 0:a:0 -af apad -t {length} -c:a aac -b:a {format.AudioKbps}k -ac 2 -ar 48000 -vn -sn -dn"), cancellationToken);
        if (!outcome.Succeeded)
        {
            if (song is null)
            {
                throw new AnimaticException($"ffmpeg could not make the silent soundtrack: {outcome.ErrorText}");
            }
            notices.Add($"The song's file “{cut.Song!.OriginalFileName}” cannot be read: the animatic is silent.");
            outcome = await FfmpegRun.RunAsync([new GraphInput("-f lavfi", "anullsrc=r=48000:cl=stereo")], temp, string.Create(CultureInfo.InvariantCulture,
                $"-map 0:a:0 -t {length} -c:a aac -b:a {format.AudioKbps}k -ac 2 -ar 48000"), cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new AnimaticException($"ffmpeg could not make the soundtrack: {outcome.ErrorText}");
            }
            return temp;
        }
        return cache.Store(temp, key, ".m4a");
    }

    /// <summary>
    /// The concat demuxer's list with each segment's duration written out: MP4 files report durations rounded to the
    /// millisecond, which would drift the cuts; these are the exact frame times rounded to the microsecond.
    /// </summary>
    public static string ConcatList(IReadOnlyList<PlanSegment> segments, IReadOnlyList<string> files, AnimaticFormat format)
    {
        var text = new StringBuilder("ffconcat version 1.0\n");
        for (var i = 0; i < segments.Count; i++)
        {
            var start = AnimaticFormat.Microseconds(segments[i].Start, format.Rate);
            var end = AnimaticFormat.Microseconds(segments[i].End, format.Rate);
            text.Append("file '").Append(files[i].Replace("'", "'\\''", StringComparison.Ordinal)).Append("'\n")
                .Append(CultureInfo.InvariantCulture, $"duration {(end - start) / 1_000_000m:0.000000}\n");
        }
        return text.ToString();
    }

    /// <summary>Each clip's file for this render, resolved once: its medium, or its Draft card when the file is missing or unreadable.</summary>
    private sealed class Sources(Cut cut, AnimaticFormat format, IDeliveryMedia media, List<string> notices)
    {
        private readonly Dictionary<int, ShotSource> _byClip = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task<ShotSource> ForAsync(CutClip clip, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_byClip.TryGetValue(clip.ClipId, out var known))
                {
                    return known;
                }
                var path = await media.FileAsync(cut, clip, format.Width, format.Height, cancellationToken);
                ShotSource source;
                if (path is null)
                {
                    notices.Add($"“{clip.Name}”: its {(clip.Media.Kind == CutMediaKind.Video ? "video" : "image")} file is missing; its Draft card is shown instead.");
                    source = await DraftAsync(clip, cancellationToken);
                }
                else
                {
                    source = new ShotSource(path, clip.Media.Kind == CutMediaKind.Video, $"{clip.Media.Kind}:{clip.Media.Hash}");
                }
                _byClip[clip.ClipId] = source;
                return source;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>After a segment failed: its clips whose stored file ffprobe cannot read show their Draft cards.
        /// False when none could be blamed (then the failure is not the media's).</summary>
        public async Task<bool> ReplaceUnreadableAsync(PlanSegment segment, CancellationToken cancellationToken)
        {
            var replaced = false;
            foreach (var shot in new[] { segment.From, segment.To }.OfType<PlanShot>())
            {
                var source = await ForAsync(shot.Clip, cancellationToken);
                if (source.Key.StartsWith("draft", StringComparison.Ordinal) || await ReadableAsync(source, cancellationToken))
                {
                    continue;
                }
                notices.Add($"“{shot.Clip.Name}”: its {(source.IsVideo ? "video" : "image")} file cannot be read; its Draft card is shown instead.");
                var draft = await DraftAsync(shot.Clip, cancellationToken);
                await _gate.WaitAsync(cancellationToken);
                _byClip[shot.Clip.ClipId] = draft;
                _gate.Release();
                replaced = true;
            }
            return replaced;
        }

        private async Task<ShotSource> DraftAsync(CutClip clip, CancellationToken cancellationToken)
        {
            var draft = await media.DraftFileAsync(cut, clip, format.Width, format.Height, cancellationToken);
            return new ShotSource(draft, false, "draft:" + DraftStills.CardHash(DraftStills.CardFor(cut, clip)));
        }

        private static async Task<bool> ReadableAsync(ShotSource source, CancellationToken cancellationToken)
        {
            try
            {
                var analysis = await FFProbe.AnalyseAsync(source.Path, cancellationToken: cancellationToken);
                return analysis.PrimaryVideoStream is { Width: > 0, Height: > 0 };
            }
            catch (Exception e) when (e is FFMpegCore.Exceptions.FFMpegException or FFMpegCore.Exceptions.FormatNullException or InvalidOperationException)
            {
                return false;
            }
        }
    }
}
