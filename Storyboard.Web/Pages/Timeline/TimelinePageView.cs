using Storyboard.Web.Domain;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>Where the user is on the timeline: all of it lives in the URL.</summary>
/// <param name="ZoomInUrl">False while the zoom is the whole-timeline fit, which then follows the timeline's length.</param>
public sealed record TimelineState(int ProjectId, int Zoom, long At, long Playhead, int? ClipId, int? SceneId, bool ZoomInUrl = true)
{
    /// <summary>Route values for links and form actions that keep the zoom, scroll position and selection.</summary>
    public Dictionary<string, string> Route(int? clip = -1, int? scene = -1, int? zoom = null, long? at = null, long? playhead = null)
    {
        var values = new Dictionary<string, string>
        {
            ["id"] = ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (zoom is not null || ZoomInUrl)
        {
            values["zoom"] = (zoom ?? Zoom).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if ((at ?? At) != 0 || at is not null)
        {
            values["at"] = (at ?? At).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if ((playhead ?? Playhead) != 0)
        {
            values["playhead"] = (playhead ?? Playhead).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if ((clip == -1 ? ClipId : clip) is { } c)
        {
            values["clip"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if ((scene == -1 ? SceneId : scene) is { } s)
        {
            values["scene"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return values;
    }
}

public sealed record RulerTick(string X, string Label);

/// <summary>
/// A scene or clip drawn in a lane: a link for the pointer (the clip list is the accessible way to the same clips).
/// <paramref name="CssClass"/> says "selected", "alternate" and "past-end" when they apply. <paramref name="Start"/> and
/// <paramref name="End"/> are frames, for the playback and drag script (x and width are clipped to the view).
/// </summary>
public sealed record LaneItemView(
    string Id, string Url, string X, string Y, string Width, string Height, string Label, string? CssClass, string? Color,
    string? ThumbnailUrl, long Start, long End);

public sealed record ClipRow(
    int Id, string Name, string In, string Out, string Scene, bool IsAlternate, bool PastSongEnd, string Url, bool IsSelected);

/// <summary>Clips lane items as <c>_LaneClips</c> draws them; out of band when an edit redraws only them.</summary>
public sealed record LaneClipsPart(IReadOnlyList<LaneItemView> Items, bool OutOfBand = false);

/// <summary>Clip list rows as <c>_ClipRows</c> draws them; out of band when an edit redraws only them.</summary>
public sealed record ClipRowsPart(IReadOnlyList<ClipRow> Rows, bool CanEdit, bool OutOfBand = false);

public sealed record SceneStats(int ClipCount, string Covered, IReadOnlyList<string> Gaps);

public sealed record LaneGeometry(string RulerY, string WaveformY, string ScenesY, string ClipsY, string Height, int LaneHeight);

/// <summary>Page links and media addresses the view needs, built once per request (link generation per item is slow).</summary>
public sealed record TimelineLinks(Func<Dictionary<string, string>, string> Page, string? WaveformUrl, Func<int, string> ClipThumbnail);

/// <summary>Everything the timeline page draws, computed here so the views only format and loop.</summary>
public sealed record TimelinePageView(
    TimelineView Timeline,
    TimelineLayout Layout,
    TimelineState State,
    LaneGeometry Geometry,
    IReadOnlyList<RulerTick> Ticks,
    IReadOnlyList<LaneItemView> Scenes,
    IReadOnlyList<LaneItemView> Clips,
    IReadOnlyList<ClipRow> ClipRows,
    string? WaveformUrl,
    string? WaveformX,
    string? WaveformWidth,
    string? SongEndX,
    string? PlayheadX,
    string PlayheadText,
    string SongEndText,
    /// <summary>The view's start and end in seconds, for the playback script.</summary>
    string AtSeconds,
    string EndSeconds,
    ClipView? SelectedClip,
    SceneView? SelectedScene,
    SceneStats? SelectedSceneStats,
    Dictionary<string, string> FitRoute,
    Dictionary<string, string>? PreviousClipRoute,
    Dictionary<string, string>? NextClipRoute)
{
    /// <summary>Only "#rrggbb" reaches the SVG fill attribute.</summary>
    public static string? SafeColor(string? color) =>
        color is { Length: 7 } && color[0] == '#' && color[1..].All(Uri.IsHexDigit) ? color : null;

    public const int RulerHeight = 28;
    public const int LaneHeight = 44;

    /// <summary>The view's end: the service's EndFrame (song and clips) or the last scene's end, whichever is later.</summary>
    public static long EndOf(TimelineView timeline) =>
        Math.Max(timeline.EndFrame, timeline.Scenes.Select(s => s.End).DefaultIfEmpty(0).Max());

    public string Time(long frames) => TimeText.Format(frames, Timeline.FrameRate);

    public string SceneName(int? sceneId) =>
        Timeline.Scenes.FirstOrDefault(s => s.Id == sceneId)?.DisplayName ?? "No scene";

    /// <param name="only">When set, only these clips get lane items and list rows, and no scene is drawn: for an answer
    /// that redraws just them.</param>
    public static TimelinePageView Build(
        TimelineView timeline, int? zoom, long? at, long? playhead, int? clipId, int? sceneId,
        TimelineLinks links, IReadOnlySet<int>? only = null)
    {
        var (pageUrl, waveformUrl) = (links.Page, links.WaveformUrl);
        var rate = timeline.FrameRate;
        var layout = TimelineLayout.Create(rate, EndOf(timeline), zoom, at);
        var selectedClip = timeline.Clips.FirstOrDefault(c => c.Id == clipId);
        var selectedScene = selectedClip is null ? timeline.Scenes.FirstOrDefault(s => s.Id == sceneId) : null;
        var head = Math.Clamp(playhead ?? layout.At, 0, Domain.Timeline.TimelineRules.MaxFrames(rate));
        var state = new TimelineState(timeline.ProjectId, layout.Zoom, layout.At, head, selectedClip?.Id, selectedScene?.Id, zoom is not null);
        string F(long frames) => TimeText.Format(frames, rate);

        var ticks = layout.Ticks().Select(f => new RulerTick(TimelineLayout.Attr(layout.X(f)), F(f))).ToList();

        // Scenes: main takes on row 0, alternates on the rows under them.
        var sceneRows = Rows(timeline.Scenes.Select(s => (s.Id, s.GroupId, s.TakeNumber, s.IsMain)));
        var clipRows = LaneRowsOfClips(timeline);
        var sceneLaneRows = Math.Max(1, sceneRows.Values.DefaultIfEmpty(0).Max() + 1);
        var clipLaneRows = Math.Max(1, clipRows.Values.DefaultIfEmpty(0).Max() + 1);
        var rowHeight = LaneHeight;
        var scenesY = RulerHeight + LaneHeight;
        var clipsY = scenesY + sceneLaneRows * rowHeight;
        var height = clipsY + clipLaneRows * rowHeight;
        var geometry = new LaneGeometry("0", RulerHeight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            scenesY.ToString(System.Globalization.CultureInfo.InvariantCulture), clipsY.ToString(System.Globalization.CultureInfo.InvariantCulture),
            height.ToString(System.Globalization.CultureInfo.InvariantCulture), rowHeight);

        var itemHeight = (rowHeight - 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LaneItemView Item(string id, string url, long start, long length, int row, int laneY, string label,
            bool selected, bool alternate, bool past, string? color = null, string? thumbnail = null)
        {
            var x = Math.Max(0, layout.X(start));
            var width = Math.Max(2, Math.Min(layout.X(start + length), TimelineLayout.ViewportWidth) - x);
            var css = string.Join(' ', new[] { selected ? "selected" : null, alternate ? "alternate" : null, past ? "past-end" : null }.OfType<string>());
            return new LaneItemView(id, url, TimelineLayout.Attr(x), (laneY + row * rowHeight + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                TimelineLayout.Attr(width), itemHeight, label, css.Length == 0 ? null : css, color, thumbnail, start, start + length);
        }

        var scenes = timeline.Scenes.Where(s => only is null && layout.IsVisible(s.StartFrame, s.End)).Select(s => Item(
                $"lane-scene-{s.Id}", pageUrl(state.Route(clip: null, scene: s.Id)), s.StartFrame, s.LengthFrames, sceneRows[s.Id], scenesY,
                s.DisplayName, s.Id == state.SceneId, !s.IsMain, false, SafeColor(s.Color)))
            .ToList();
        var drawn = only is null ? timeline.Clips : timeline.Clips.Where(c => only.Contains(c.Id)).ToList();
        var clips = drawn.Where(c => layout.IsVisible(c.StartFrame, c.End)).Select(c => Item(
                $"lane-clip-{c.Id}", pageUrl(state.Route(clip: c.Id, scene: null)), c.StartFrame, c.LengthFrames, clipRows[c.Id], clipsY,
                (c.PastSongEnd ? "⚠ " : "") + c.DisplayName, c.Id == state.ClipId, clipRows[c.Id] > 0, c.PastSongEnd,
                thumbnail: c.ChosenImageHash is null ? null : links.ClipThumbnail(c.Id)))
            .ToList();

        var sceneNames = timeline.Scenes.ToDictionary(s => s.Id, s => s.DisplayName);
        var rows = drawn
            .OrderBy(c => c.StartFrame).ThenBy(c => c.GroupId).ThenBy(c => c.TakeNumber)
            .Select(c => new ClipRow(c.Id, c.DisplayName, F(c.StartFrame), F(c.End),
                c.SceneId is { } sid && sceneNames.TryGetValue(sid, out var sceneName) ? sceneName : "No scene", !c.IsMain, c.PastSongEnd,
                pageUrl(state.Route(clip: c.Id, scene: null)), c.Id == state.ClipId))
            .ToList();

        string? songEndX = timeline.SongFrames is { } end && end >= layout.At && end <= layout.VisibleEnd ? TimelineLayout.Attr(layout.X(end)) : null;
        string? playheadX = head >= layout.At && head <= layout.VisibleEnd ? TimelineLayout.Attr(layout.X(head)) : null;
        string? waveX = null, waveWidth = null;
        if (waveformUrl is not null && timeline.SongFrames is { } songFrames)
        {
            waveX = TimelineLayout.Attr(layout.X(0));
            waveWidth = TimelineLayout.Attr(layout.Pixels(songFrames));
        }

        return new TimelinePageView(timeline, layout, state, geometry, ticks, scenes, clips, rows,
            waveformUrl, waveX, waveWidth, songEndX, playheadX, F(head),
            timeline.SongFrames is { } songEnd ? F(songEnd) : "no song",
            Seconds(layout.At, rate), Seconds(layout.VisibleEnd, rate),
            selectedClip, selectedScene, selectedScene is null ? null : Statistics(selectedScene, timeline.Clips, rate),
            (state with { ZoomInUrl = false }).Route(at: 0),
            Neighbour(timeline, selectedClip, state, layout, -1), Neighbour(timeline, selectedClip, state, layout, +1));
    }

    private static string Seconds(long frames, FrameRate rate) =>
        (frames * (decimal)rate.Denominator / rate.Numerator).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The main clip before or after the selected one (or the first/last), scrolled into view.</summary>
    private static Dictionary<string, string>? Neighbour(TimelineView timeline, ClipView? selected, TimelineState state, TimelineLayout layout, int step)
    {
        var mainScenes = timeline.Scenes.Where(s => s.IsMain).Select(s => s.Id).ToHashSet();
        var mains = timeline.Clips.Where(c => c.IsMain && (c.SceneId is not { } s || mainScenes.Contains(s))).OrderBy(c => c.StartFrame).ToList();
        if (mains.Count == 0)
        {
            return null;
        }
        var index = selected is null ? -1 : mains.FindIndex(c => c.GroupId == selected.GroupId);
        var target = index < 0 ? (step > 0 ? mains[0] : mains[^1]) : index + step >= 0 && index + step < mains.Count ? mains[index + step] : null;
        if (target is null)
        {
            return null;
        }
        var at = layout.IsVisible(target.StartFrame, target.End) ? layout.At : Math.Max(0, target.StartFrame - layout.FramesVisible / 4);
        return state.Route(clip: target.Id, scene: null, at: at);
    }

    /// <summary>
    /// Row 0 for the main takes; a clip's alternates in take order on the rows under it; then the clips of scene
    /// alternates, a row per alternate (the first alternate of every scene shares a row: they never overlap in time).
    /// </summary>
    private static Dictionary<int, int> LaneRowsOfClips(TimelineView timeline)
    {
        var altSceneRank = timeline.Scenes.Where(s => !s.IsMain).GroupBy(s => s.GroupId)
            .SelectMany(g => g.OrderBy(s => s.TakeNumber).Select((s, i) => (s.Id, Rank: i + 1)))
            .ToDictionary(x => x.Id, x => x.Rank);
        bool InSceneAlternate(ClipView c) => c.SceneId is { } s && altSceneRank.ContainsKey(s);
        var rows = Rows(timeline.Clips.Where(c => !InSceneAlternate(c)).Select(c => (c.Id, c.GroupId, c.TakeNumber, c.IsMain)));
        var below = rows.Values.DefaultIfEmpty(0).Max();
        foreach (var clip in timeline.Clips.Where(InSceneAlternate))
        {
            rows[clip.Id] = below + altSceneRank[clip.SceneId!.Value];
        }
        return rows;
    }

    /// <summary>Row 0 for main takes; alternates in take order on the rows under their original.</summary>
    private static Dictionary<int, int> Rows(IEnumerable<(int Id, int GroupId, int TakeNumber, bool IsMain)> items)
    {
        var rows = new Dictionary<int, int>();
        foreach (var group in items.GroupBy(i => i.GroupId))
        {
            var row = 1;
            foreach (var item in group.OrderBy(i => i.IsMain ? 0 : 1).ThenBy(i => i.TakeNumber))
            {
                rows[item.Id] = item.IsMain ? 0 : row++;
            }
        }
        return rows;
    }

    /// <summary>The scene's main-take clips: how many, how much of the scene they cover, and the uncovered runs.</summary>
    public static SceneStats Statistics(SceneView scene, IEnumerable<ClipView> clips, FrameRate rate)
    {
        var inScene = clips.Where(c => c.IsMain && c.SceneId == scene.Id).ToList();
        var spans = inScene
            .Select(c => (Start: Math.Max(c.StartFrame, scene.StartFrame), End: Math.Min(c.End, scene.End)))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start)
            .ToList();
        var covered = 0L;
        var cursor = scene.StartFrame;
        var gaps = new List<string>();
        foreach (var (start, end) in spans)
        {
            if (start > cursor)
            {
                gaps.Add($"{TimeText.Format(cursor, rate)} to {TimeText.Format(start, rate)}");
            }
            if (end > cursor)
            {
                covered += end - Math.Max(start, cursor);
                cursor = end;
            }
        }
        if (cursor < scene.End)
        {
            gaps.Add($"{TimeText.Format(cursor, rate)} to {TimeText.Format(scene.End, rate)}");
        }
        return new SceneStats(inScene.Count, TimeText.Format(covered, rate), gaps);
    }
}
