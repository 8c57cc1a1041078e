using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Domain;
using Storyboard.Web.Hosting;
using Storyboard.Web.Media;

namespace Storyboard.Bench;

/// <summary>
/// The animatic renderer (in this process, over the same ffmpeg) on a 3-minute 1080p30 project: 60 stills (solid
/// colours and test patterns, some square or vertical so they are letterboxed) and 10 short videos (2–4 s, 720p and
/// 1080p test patterns), 10 dissolves, a 3-minute song. Figures, side by side in one run: the full render against a plain
/// hand-written ffmpeg command doing the same cuts (one input per clip, scale and pad, concat filter, libx264 veryfast,
/// the song as AAC); the quick preview against the song's length; a full re-render after one clip's still changed
/// against the first full render.
/// </summary>
public static class AnimaticSection
{
    public const double FullRatioTarget = 1.0, QuickRealTimeTarget = 0.1, ReRenderShareTarget = 0.10;
    private static readonly FrameRate Rate = FrameRate.Fps30;
    private const long SongFrames = 180 * 30;
    private const int Stills = 60, Videos = 10, Dissolves = 10;

    public static async Task RunAsync(string folder, Report report)
    {
        Directory.CreateDirectory(folder);
        var media = Path.Combine(folder, "media");
        Directory.CreateDirectory(media);
        Console.WriteLine("Animatic: making 60 stills, 10 videos and a 3-minute song with ffmpeg…");
        var files = MakeMedia(media);
        var song = Path.Combine(media, "song.wav");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:duration=180:sample_rate=48000", "-ac", "2", song);
        var cut = BuildCut(files);

        // 1. The plain one-liner.
        var baselineOut = Path.Combine(folder, "baseline.mp4");
        var baseline = Time(() => Ffmpeg(BaselineArguments(cut, files, song, baselineOut)));
        var baselineCpu = LastCpuSeconds;
        Console.WriteLine($"  hand-written ffmpeg: {baseline.TotalSeconds:0.0} s");

        // 2. The renderer: full (cold cache), quick (cold), full again after one clip changed.
        var fileMedia = new BenchMedia(files, song);
        var storage = new StorageOptions { DataPath = Path.Combine(folder, "data") };
        var renderer = new AnimaticRenderer(fileMedia, new FfmpegLocator(Options.Create(new MediaOptions())), Options.Create(storage),
            NullLogger<AnimaticRenderer>.Instance);
        AnimaticResult? full = null, quick = null, again = null;
        var fullTime = await TimeAsync(async () => full = await renderer.RenderAsync(cut,
            new AnimaticRequest(RenderPreset.Full, new AnimaticSettings(), Path.Combine(folder, "full.mp4")), null, CancellationToken.None));
        var fullCpu = LastCpuSeconds;
        Console.WriteLine($"  full render: {fullTime.TotalSeconds:0.0} s ({full!.SegmentsEncoded} segments)");
        var quickTime = await TimeAsync(async () => quick = await renderer.RenderAsync(cut,
            new AnimaticRequest(RenderPreset.Quick, new AnimaticSettings(), Path.Combine(folder, "quick.mp4")), null, CancellationToken.None));
        var quickCpu = LastCpuSeconds;
        Console.WriteLine($"  quick preview: {quickTime.TotalSeconds:0.0} s ({quick!.SegmentsEncoded} segments)");

        var changedStill = Path.Combine(media, "changed.png");
        Ffmpeg("-f", "lavfi", "-i", "color=c=0xff8800:s=1920x1080", "-frames:v", "1", changedStill);
        var target = cut.Clips[20];
        files[target.ClipId] = changedStill;
        var changed = cut with
        {
            Clips = cut.Clips.Select(c => c.ClipId == target.ClipId ? c with { Media = c.Media with { Hash = "changed-" + c.Media.Hash } } : c).ToList(),
        };
        var againTime = await TimeAsync(async () => again = await renderer.RenderAsync(changed,
            new AnimaticRequest(RenderPreset.Full, new AnimaticSettings(), Path.Combine(folder, "changed.mp4")), null, CancellationToken.None));
        var againCpu = LastCpuSeconds;
        Console.WriteLine($"  re-render after one clip changed: {againTime.TotalSeconds:0.0} s ({again!.SegmentsEncoded} segments)");

        var ratio = fullTime / baseline;
        var realTime = quickTime.TotalSeconds / (SongFrames / Rate.FramesPerSecond);
        var share = againTime / fullTime;
        report.Add($"Animatic: 3-min 1080p30, {Stills} stills + {Videos} videos, {Dissolves} dissolves, {cut.Clips.Count} clips; " +
                   $"{Environment.ProcessorCount} cores, {AnimaticRenderer.Parallelism} encodes at once",
            $"{full.SegmentsEncoded} segments");
        report.Add("Animatic full render (1080p30, libx264 veryfast, cold cache) vs hand-written ffmpeg one-liner (concat, veryfast)",
            $"{fullTime.TotalSeconds:0.0} s vs {baseline.TotalSeconds:0.0} s");
        report.Add("Animatic full render / hand-written one-liner", $"{ratio:0.00}", ratio, FullRatioTarget + 0.005, "× (≤ 1.0)");
        report.Add("Animatic quick preview (480p, ultrafast) / song length", $"{quickTime.TotalSeconds:0.0} s / 180 s = {realTime:0.000}",
            realTime, QuickRealTimeTarget + 0.0005, "× real time (≤ 0.1)");
        report.Add($"Animatic re-render after one clip changed ({again.SegmentsEncoded} segment encoded, {again.SegmentsReused} reused) / full",
            $"{againTime.TotalSeconds:0.0} s = {share:P1}", share, ReRenderShareTarget + 0.0005, "of full (≤ 10 %)");
        report.Add("Animatic ffmpeg CPU (user + system): full; one-liner; quick; re-render",
            $"{fullCpu:0.0}; {baselineCpu:0.0}; {quickCpu:0.0}; {againCpu:0.0} s");
        report.Add("Animatic quick preview CPU / 2 cores / song length (the wall figure on an idle 2-core machine, roughly)",
            $"{quickCpu / 2 / 180:0.000}", quickCpu / 2 / 180, QuickRealTimeTarget + 0.0005, "× real time (≤ 0.1)");
    }

    /// <summary>Clip id → file: stills 1–60 and videos 61–70, mixed through the timeline.</summary>
    private static Dictionary<int, string> MakeMedia(string folder)
    {
        var files = new Dictionary<int, string>();
        var sizes = new[] { "1920x1080", "1080x1080", "1080x1920", "1280x720", "2048x1152" };
        for (var i = 1; i <= Stills; i++)
        {
            var path = Path.Combine(folder, $"still-{i:00}.png");
            var size = sizes[i % sizes.Length];
            var source = i % 3 == 0 ? $"testsrc2=s={size}" : $"color=c=0x{i * 37 % 256:x2}{i * 91 % 256:x2}{i * 53 % 256:x2}:s={size}";
            Ffmpeg("-f", "lavfi", "-i", source, "-frames:v", "1", path);
            files[i] = path;
        }
        for (var i = 0; i < Videos; i++)
        {
            var path = Path.Combine(folder, $"video-{i}.mp4");
            var size = i % 2 == 0 ? "1280x720" : "1920x1080";
            Ffmpeg("-f", "lavfi", "-i", $"testsrc=s={size}:r=24:d={2 + i % 3}", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path);
            files[Stills + 1 + i] = path;
        }
        return files;
    }

    /// <summary>70 clips end to end over 5400 frames (varied lengths), a video every seventh, a dissolve every seventh cut.</summary>
    private static Cut BuildCut(Dictionary<int, string> files)
    {
        var clips = new List<CutClip>();
        var at = 0L;
        var (still, video) = (1, Stills + 1);
        for (var i = 0; i < Stills + Videos; i++)
        {
            var isVideo = i % 7 == 3;
            var id = isVideo ? video++ : still++;
            var length = i == Stills + Videos - 1 ? SongFrames - at : 50 + i * 37 % 55;
            var dissolve = i % 7 == 5;
            clips.Add(new CutClip
            {
                ClipId = id,
                Number = i + 1,
                Name = $"Shot {i + 1}",
                StartFrame = at,
                LengthFrames = length,
                TransitionIn = dissolve ? TransitionKind.Dissolve : TransitionKind.Cut,
                TransitionFrames = dissolve ? 16 : 0,
                Media = new CutMedia
                {
                    Kind = isVideo ? CutMediaKind.Video : CutMediaKind.Image,
                    Hash = $"bench-{id}",
                    FileName = Path.GetFileName(files[id]),
                    ContentType = isVideo ? "video/mp4" : "image/png",
                    RelativePath = files[id],
                },
            });
            at += length;
        }
        return new Cut
        {
            ProjectId = 1,
            ProjectName = "Bench",
            Title = "Bench",
            Rate = Rate,
            Resolution = new Resolution(1920, 1080),
            LengthFrames = SongFrames,
            Song = new CutSong { Hash = "bench-song", FileName = "song.wav", OriginalFileName = "song.wav", RelativePath = "song.wav", ContentType = "audio/wav", LengthFrames = SongFrames },
            Clips = clips,
        };
    }

    /// <summary>What a person would write by hand: every clip an input, fitted and timed, the concat filter, one encode.</summary>
    private static string[] BaselineArguments(Cut cut, Dictionary<int, string> files, string song, string output)
    {
        var arguments = new List<string>();
        var graph = new List<string>();
        for (var i = 0; i < cut.Clips.Count; i++)
        {
            var clip = cut.Clips[i];
            var seconds = (clip.LengthFrames / 30.0).ToString("0.###", CultureInfo.InvariantCulture);
            if (clip.Media.Kind == CutMediaKind.Video)
            {
                arguments.AddRange(["-i", files[clip.ClipId]]);
                graph.Add($"[{i}:v]fps=30,scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2,setsar=1," +
                          $"tpad=stop_mode=clone:stop=-1,trim=end_frame={clip.LengthFrames},setpts=PTS-STARTPTS[v{i}]");
            }
            else
            {
                arguments.AddRange(["-loop", "1", "-framerate", "30", "-t", seconds, "-i", files[clip.ClipId]]);
                graph.Add($"[{i}:v]scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2,setsar=1[v{i}]");
            }
        }
        arguments.AddRange(["-i", song]);
        graph.Add(string.Concat(Enumerable.Range(0, cut.Clips.Count).Select(i => $"[v{i}]")) + $"concat=n={cut.Clips.Count}:v=1:a=0,format=yuv420p[v]");
        arguments.AddRange(["-filter_complex", string.Join(";", graph), "-map", "[v]", "-map", $"{cut.Clips.Count}:a",
            "-c:v", "libx264", "-preset", "veryfast", "-r", "30", "-c:a", "aac", "-b:a", "192k", "-shortest", "-movflags", "+faststart", output]);
        return [.. arguments];
    }

    private static TimeSpan Time(Action action)
    {
        var (watch, cpu) = (Stopwatch.StartNew(), ChildCpuSeconds());
        action();
        LastCpuSeconds = ChildCpuSeconds() - cpu;
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var (watch, cpu) = (Stopwatch.StartNew(), ChildCpuSeconds());
        await action();
        LastCpuSeconds = ChildCpuSeconds() - cpu;
        return watch.Elapsed;
    }

    /// <summary>CPU seconds (user + system) of the measured step's ffmpeg processes: on a busy machine the wall time
    /// says more about the neighbours than about the work.</summary>
    private static double LastCpuSeconds { get; set; }

    /// <summary>User + system time of this process's finished children (/proc/self/stat cutime + cstime), in seconds.</summary>
    private static double ChildCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {error}");
        }
    }

    /// <summary>The bench's files by clip id; no Draft cards are needed.</summary>
    private sealed class BenchMedia(Dictionary<int, string> files, string song) : IDeliveryMedia
    {
        public Task<string?> FileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken) =>
            Task.FromResult<string?>(files[clip.ClipId]);

        public Task<string> DraftFileAsync(Cut cut, CutClip clip, int width, int height, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"The bench's media are all present; {clip.Name} asked for a Draft card.");

        public Task DrawDraftsAsync(Cut cut, int width, int height, CancellationToken cancellationToken) => Task.CompletedTask;

        public string? SongFile(Cut cut) => song;
    }
}
