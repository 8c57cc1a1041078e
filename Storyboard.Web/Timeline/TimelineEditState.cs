using Storyboard.Web.Data;
using Storyboard.Web.Domain;
using Storyboard.Web.Domain.Timeline;

namespace Storyboard.Web.Timeline;

/// <summary>
/// One edit's working copy: every scene and clip of the project, read without tracking (the service tracks the ones
/// that changed). New rows have no id until saved, so groups and scenes are found by reference as well as by id.
/// </summary>
internal sealed class TimelineEditState(StoryboardDbContext db, Project project, long? songFrames, List<Scene> scenes,
    List<Clip> clips, IReadOnlyList<TimelineSnapshot> history, DateTimeOffset now)
{
    public Project Project => project;
    public FrameRate Rate => project.FrameRate;
    public long MaxFrames => TimelineRules.MaxFrames(project.FrameRate);
    public long? SongFrames => songFrames;
    public DateTimeOffset Now => now;
    public List<Scene> Scenes => scenes;
    public List<Clip> Clips => clips;
    /// <summary>Take groups (by root) whose slot, main take or scene changed: the lanes are checked around them.</summary>
    public HashSet<object> Touched { get; } = new(ReferenceEqualityComparer.Instance);

    private readonly Dictionary<int, Scene> _sceneById = scenes.ToDictionary(s => s.Id);
    private readonly Dictionary<int, Clip> _clipById = clips.ToDictionary(c => c.Id);

    public Scene? FindScene(int id) => _sceneById.GetValueOrDefault(id);
    public Scene? FindLiveScene(int id) => FindScene(id) is { DeletedAt: null } s ? s : null;
    public Clip? FindClip(int id) => _clipById.GetValueOrDefault(id);
    /// <summary>A clip the timeline shows: not in a scene that is in the Trash (those come back with their scene).</summary>
    public Clip? FindLiveClip(int id) => FindClip(id) is { } c && (c.SceneId is not { } s || FindLiveScene(s) is not null) ? c : null;

    public Scene Root(Scene s) => s.OriginalId is { } id ? FindScene(id) ?? s : s;
    public Clip Root(Clip c) => c.OriginalId is { } id ? FindClip(id) ?? c : c;
    public List<Scene> Group(Scene s) { var root = Root(s); return scenes.Where(x => ReferenceEquals(Root(x), root)).ToList(); }
    public List<Clip> Group(Clip c) { var root = Root(c); return clips.Where(x => ReferenceEquals(Root(x), root)).ToList(); }

    /// <summary>The clip's scene; a new clip added to a new scene is found through the scene's clip list.</summary>
    public Scene? SceneOf(Clip c) => c.SceneId is { } id ? FindScene(id) : scenes.FirstOrDefault(s => s.Id == 0 && s.Clips.Contains(c));

    public static bool IsMainScene(Scene s) => s.IsMain && s.DeletedAt == null;

    /// <summary>A clip of the main take: its main flag, and no scene or a live main-take scene.</summary>
    public bool IsMainTake(Clip c) => c.IsMain && (SceneOf(c) is not { } s || IsMainScene(s));

    public void Touch(Scene s) => Touched.Add(Root(s));
    public void Touch(Clip c) => Touched.Add(Root(c));
    public bool IsTouched(Clip c) => Touched.Contains(Root(c));
    public bool IsTouched(Scene s) => Touched.Contains(Root(s));

    public void Add(Scene s)
    {
        scenes.Add(s);
        db.Scenes.Add(s);
        foreach (var clip in s.Clips)
        {
            clips.Add(clip);
        }
        Touch(s);
        foreach (var clip in s.Clips)
        {
            Touch(clip);
        }
    }

    public void Add(Clip c)
    {
        clips.Add(c);
        db.Clips.Add(c);
        Touch(c);
    }

    public void Remove(Clip c)
    {
        clips.Remove(c);
        _clipById.Remove(c.Id);
        db.Clips.Remove(c);
    }

    public void Remove(Scene s)
    {
        // The database sets its clips' scene to none; done here too, so the undo record holds that change.
        foreach (var clip in clips.Where(c => c.SceneId == s.Id && s.Id != 0))
        {
            clip.SceneId = null;
        }
        scenes.Remove(s);
        _sceneById.Remove(s.Id);
        db.Scenes.Remove(s);
    }

    /// <summary>Re-creates a row with its original id (undo of a delete, redo of a create).</summary>
    public void Restore(Scene s)
    {
        scenes.Add(s);
        _sceneById[s.Id] = s;
        db.Scenes.Add(s);
    }

    public void Restore(Clip c)
    {
        clips.Add(c);
        _clipById[c.Id] = c;
        db.Clips.Add(c);
    }

    /// <summary>
    /// The next take number of the group: one more than any number the group has used that still exists or could come
    /// back through undo or redo (a deleted "A3" stays in the undo history, so a new alternate is "A4").
    /// </summary>
    public int NextTakeNumber(Scene s)
    {
        var ids = Group(s).Select(x => x.Id).ToHashSet();
        var rows = history.SelectMany(h => h.Scenes).Select(r => (r.Id, r.OriginalId, r.TakeNumber)).ToList();
        return Math.Max(Group(s).Max(x => x.TakeNumber), MaxInHistory(ids, rows)) + 1;
    }

    public int NextTakeNumber(Clip c)
    {
        var ids = Group(c).Select(x => x.Id).ToHashSet();
        var rows = history.SelectMany(h => h.Clips).Select(r => (r.Id, r.OriginalId, r.TakeNumber)).ToList();
        return Math.Max(Group(c).Max(x => x.TakeNumber), MaxInHistory(ids, rows)) + 1;
    }

    /// <summary>Follows original links through the snapshots (a group's root can change when it is deleted).</summary>
    private static int MaxInHistory(HashSet<int> ids, List<(int Id, int? OriginalId, int TakeNumber)> rows)
    {
        bool grew;
        do
        {
            grew = false;
            foreach (var (id, originalId, _) in rows)
            {
                if (originalId is { } o && (ids.Contains(id) || ids.Contains(o)))
                {
                    grew |= ids.Add(id) | ids.Add(o);
                }
            }
        }
        while (grew);
        return rows.Where(r => ids.Contains(r.Id)).Select(r => r.TakeNumber).DefaultIfEmpty(0).Max();
    }

    public static string Name(Scene s) => s.TakeNumber == 0 ? s.Name : $"{s.Name} A{s.TakeNumber}";
    public static string Name(Clip c) => c.TakeNumber == 0 ? c.Name : $"{c.Name} A{c.TakeNumber}";

    /// <summary>Null when every touched group's span is allowed and no main takes overlap; else the refusal.</summary>
    public TimelineResult? CheckLanes()
    {
        foreach (var scene in scenes.Where(IsTouched))
        {
            if (TimelineRules.CheckSpan(new FrameSpan(scene.StartFrame, scene.LengthFrames), Rate) is { } problem)
            {
                return TimelineResult.Invalid(scene.StartFrame < 0 ? nameof(SceneInput.StartFrame) : nameof(SceneInput.LengthFrames), problem);
            }
        }
        foreach (var clip in clips.Where(IsTouched))
        {
            if (TimelineRules.CheckSpan(new FrameSpan(clip.StartFrame, clip.LengthFrames), Rate) is { } problem)
            {
                return TimelineResult.Invalid(clip.StartFrame < 0 ? nameof(ClipInput.StartFrame) : nameof(ClipInput.LengthFrames), problem);
            }
        }
        var mainScenes = scenes.Where(IsMainScene).ToList();
        foreach (var scene in mainScenes.Where(IsTouched))
        {
            var others = mainScenes.Where(o => !ReferenceEquals(o, scene)).ToList();
            if (Overlap(new FrameSpan(scene.StartFrame, scene.LengthFrames), Name(scene), "scene",
                    others.Select(o => (Name(o), new FrameSpan(o.StartFrame, o.LengthFrames))), nameof(SceneInput.StartFrame)) is { } refused)
            {
                return refused;
            }
        }
        var mainClips = clips.Where(IsMainTake).ToList();
        foreach (var clip in mainClips.Where(IsTouched))
        {
            var others = mainClips.Where(o => !ReferenceEquals(o, clip)).ToList();
            if (Overlap(new FrameSpan(clip.StartFrame, clip.LengthFrames), Name(clip), "clip",
                    others.Select(o => (Name(o), new FrameSpan(o.StartFrame, o.LengthFrames))), nameof(ClipInput.StartFrame)) is { } refused)
            {
                return refused;
            }
        }
        return null;
    }

    /// <summary>An overlap refusal naming the item in the way and offering the nearest free slot as a timecode.</summary>
    private TimelineResult? Overlap(FrameSpan span, string name, string kind, IEnumerable<(string Name, FrameSpan Span)> lane, string field)
    {
        var others = lane.ToList();
        if (others.FirstOrDefault(o => o.Span.Overlaps(span)) is not { Name: not null } other)
        {
            return null;
        }
        var free = TimelineRules.NearestFreeStart(span, others.Select(o => o.Span), MaxFrames);
        var offer = free is { } f ? $"; the nearest free slot starts at {Timecode.Format(f, Rate)}." : "; there is no free slot for it.";
        return TimelineResult.Overlap(field, $"{name} would overlap the {kind} {other.Name}{offer}", free);
    }
}
