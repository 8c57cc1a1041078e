using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>The timeline page's clip handlers: the clip form, move, trim, split, duplicate, delete, alternates, ripple and the batch.</summary>
public sealed partial class IndexModel
{
    public Task<IActionResult> OnPostCreateClipAsync(int id, [Bind(Prefix = "NewClip.Input")] ClipFormInput input, long? placeAt) =>
        ClipFormAsync(id, input, placeAt, "NewClip", (clip, version) => timeline.CreateClipAsync(id, clip, UserId, Aborted), null);

    public Task<IActionResult> OnPostUpdateClipAsync(int id, [Bind(Prefix = "ClipForm.Input")] ClipFormInput input, long? placeAt) =>
        ClipFormAsync(id, input, placeAt, "ClipForm", (clip, version) => timeline.UpdateClipAsync(id, ClipId ?? 0, clip, version, UserId, Aborted), ClipId);

    /// <summary>Moves the selected clip by a typed delta ("By", may be negative) or to a typed start ("To").</summary>
    public async Task<IActionResult> OnPostMoveClipAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        _slotChange = new SlotChange(clip.GroupId, clip.StartFrame, clip.LengthFrames);
        var rate = Rate;
        if (!string.IsNullOrWhiteSpace(input.To))
        {
            if (TimeText.TryParse(input.To, rate, out var to) is { } error)
            {
                return await FieldErrorAsync(id, "move-to", error, input.To);
            }
            return await RunAsync(id, () => timeline.SetClipSpanAsync(id, clip.Id, to, clip.LengthFrames, UserId, Aborted),
                $"The clip now starts at {TimeText.Format(to, rate)}.", _ => (clip.Id, null), "tools");
        }
        if (TimeText.TryParse(input.By, rate, out var by, allowNegative: true) is { } byError)
        {
            return await FieldErrorAsync(id, "move-by", byError, input.By);
        }
        return await RunAsync(id, () => timeline.MoveClipsAsync(id, [clip.Id], by, UserId, Aborted),
            // The new time, not just "moved": repeated nudges each say something new to a screen reader.
            $"The clip now starts at {TimeText.Format(clip.StartFrame + by, rate)}.", _ => (clip.Id, null), "tools");
    }

    /// <summary>Trims the selected clip: a new start (the end stays) and/or a new end (the start stays).</summary>
    public async Task<IActionResult> OnPostTrimClipAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        _slotChange = new SlotChange(clip.GroupId, clip.StartFrame, clip.LengthFrames);
        var rate = Rate;
        var (start, end) = (clip.StartFrame, clip.End);
        if (!string.IsNullOrWhiteSpace(input.Start) && TimeText.TryParse(input.Start, rate, out start) is { } startError)
        {
            return await FieldErrorAsync(id, "trim-start", startError, input.Start);
        }
        if (!string.IsNullOrWhiteSpace(input.End) && TimeText.TryParse(input.End, rate, out end) is { } endError)
        {
            return await FieldErrorAsync(id, "trim-end", endError, input.End);
        }
        if (end <= start)
        {
            return await FieldErrorAsync(id, "trim-end", "The end must come after the start.", input.End);
        }
        return await RunAsync(id, () => timeline.SetClipSpanAsync(id, clip.Id, start, end - start, UserId, Aborted),
            "The clip is trimmed.", _ => (clip.Id, null), "tools");
    }

    /// <summary>Places the selected clip at the suggested free start offered after an overlap.</summary>
    public async Task<IActionResult> OnPostPlaceClipAsync(int id, long placeAt)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        _slotChange = new SlotChange(clip.GroupId, clip.StartFrame, clip.LengthFrames);
        return await RunAsync(id, () => timeline.SetClipSpanAsync(id, clip.Id, placeAt, clip.LengthFrames, UserId, Aborted),
            $"The clip now starts at {TimeText.Format(placeAt, Rate)}.", _ => (clip.Id, null), "tools");
    }

    /// <summary>Splits the selected clip at a typed time, or at the playhead when none is typed.</summary>
    public async Task<IActionResult> OnPostSplitClipAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (SelectedClip is not { } clip) return NotFound();
        var at = Playhead ?? 0;
        if (!string.IsNullOrWhiteSpace(input.At) && TimeText.TryParse(input.At, Rate, out at) is { } error)
        {
            return await FieldErrorAsync(id, "split-at", error, input.At);
        }
        return await RunAsync(id, () => timeline.SplitClipAsync(id, clip.Id, at, UserId, Aborted),
            "The clip is split in two.", _ => (clip.Id, null), "split-at");
    }

    public Task<IActionResult> OnPostDuplicateClipAsync(int id) =>
        RunAsync(id, () => timeline.DuplicateClipAsync(id, ClipId ?? 0, UserId, Aborted), "The clip is duplicated.", r => (First(r), null));

    public Task<IActionResult> OnPostDeleteClipAsync(int id) =>
        RunAsync(id, () => timeline.DeleteClipsAsync(id, [ClipId ?? 0], UserId, Aborted), "The clip is deleted. Undo brings it back.", _ => (null, null));

    public Task<IActionResult> OnPostClipAlternateAsync(int id) =>
        RunAsync(id, () => timeline.CreateClipAlternateAsync(id, ClipId ?? 0, UserId, Aborted), "An alternate of the clip is added.", r => (First(r), null));

    public Task<IActionResult> OnPostPromoteClipAsync(int id) =>
        RunAsync(id, () => timeline.PromoteClipAsync(id, ClipId ?? 0, UserId, Aborted), "That take is now the main one.", _ => (ClipId, null));

    /// <summary>Moves every main clip starting at or after a time by a typed delta.</summary>
    public async Task<IActionResult> OnPostRippleAsync(int id, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        var rate = Rate;
        if (TimeText.TryParse(input.From, rate, out var from) is { } fromError)
        {
            return await FieldErrorAsync(id, "ripple-from", fromError, input.From);
        }
        if (TimeText.TryParse(input.By, rate, out var by, allowNegative: true) is { } byError)
        {
            return await FieldErrorAsync(id, "ripple-by", byError, input.By);
        }
        return await RunAsync(id, () => timeline.RippleMoveAsync(id, from, by, UserId, Aborted),
            "Everything from there on is moved.", _ => (ClipId, SceneId), "ripple-from");
    }

    /// <summary>The clip list's checkboxes: move the chosen clips by a delta, or delete them.</summary>
    public async Task<IActionResult> OnPostBatchAsync(int id, int[] selected, string? batch, [Bind(Prefix = "Edit")] TimeEditInput input)
    {
        Edit = input;
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (selected.Length == 0)
        {
            return await FieldErrorAsync(id, "batch-selected", "Pick at least one clip.", null);
        }
        if (batch == "delete")
        {
            return await RunAsync(id, () => timeline.DeleteClipsAsync(id, selected, UserId, Aborted),
                $"{Format.Count(selected.Length, "clip")} deleted. Undo brings them back.", _ => (null, null));
        }
        if (TimeText.TryParse(input.By, Rate, out var by, allowNegative: true) is { } error)
        {
            return await FieldErrorAsync(id, "batch-by", error, input.By);
        }
        return await RunAsync(id, () => timeline.MoveClipsAsync(id, selected, by, UserId, Aborted),
            $"{Format.Count(selected.Length, "clip")} moved.", _ => (ClipId, SceneId), "batch-by");
    }


    private async Task<IActionResult> ClipFormAsync(int id, ClipFormInput input, long? placeAt, string prefix,
        Func<ClipInput, int, Task<TimelineResult>> save, int? clipId)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (clipId is not null && SelectedClip is null) return NotFound();
        if (prefix == "NewClip") NewClip = input; else ClipForm = input;
        _formPrefix = prefix;
        var errors = new Dictionary<string, string>();
        var clip = input.ToInput(Rate, placeAt, errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{prefix}.Input.{field}", message);
        }
        if (!ModelState.IsValid || clip is null)
        {
            return await RefusedAsync(id, StatusCodes.Status422UnprocessableEntity);
        }
        var result = await save(clip, input.Version);
        if (result.Outcome == TimelineOutcome.Conflict && result.CurrentClip is { } current)
        {
            Conflict = ConflictView.ForClip(result.Errors.GetValueOrDefault("") ?? "", input, current, Rate);
            ModelState.Clear();
            ClipForm = ClipFormInput.From(current, Rate);
        }
        return await RunResultAsync(id, result, prefix == "NewClip" ? "The clip is added." : "The clip is saved.",
            r => (First(r) ?? clipId, null), prefix);
    }
}
