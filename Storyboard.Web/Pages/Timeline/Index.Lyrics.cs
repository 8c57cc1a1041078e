using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Pages.Shared;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>The timeline page's lyrics and history handlers.</summary>
public sealed partial class IndexModel
{
    /// <summary>Pasted timed LRC: a clip per line at its time.</summary>
    public Task<IActionResult> OnPostImportLrcAsync(int id, [Bind(Prefix = "Lyrics")] LyricsFormInput input)
    {
        Lyrics = input;
        return RunAsync(id, () => timeline.ImportLrcAsync(id, input.Text ?? "", UserId, Aborted),
            r => $"{Format.Count(r.Ids.Count, "clip")} made from the lyrics.", _ => (ClipId, SceneId), LyricsField);
    }

    /// <summary>Pasted plain lines shared out over the clips picked in the clip list.</summary>
    public Task<IActionResult> OnPostSpreadLyricsAsync(int id, [Bind(Prefix = "Lyrics")] LyricsFormInput input, int[] selected)
    {
        Lyrics = input;
        return RunAsync(id, () => timeline.SpreadLyricsAsync(id, selected, input.Text ?? "", UserId, Aborted),
            r => $"The lyrics are spread over {Format.Count(r.Ids.Count, "clip")}.", _ => (ClipId, SceneId), LyricsField);
    }

    private const string LyricsField = "Lyrics.Text";

    public Task<IActionResult> OnPostUndoAsync(int id) => HistoryStepAsync(id, undo: true);
    public Task<IActionResult> OnPostRedoAsync(int id) => HistoryStepAsync(id, undo: false);

    private async Task<IActionResult> HistoryStepAsync(int id, bool undo)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        var history = await timeline.HistoryStateAsync(id, Aborted);
        var label = undo ? history.UndoLabel : history.RedoLabel;
        var result = undo ? await timeline.UndoAsync(id, UserId, Aborted) : await timeline.RedoAsync(id, UserId, Aborted);
        if (result.Outcome == TimelineOutcome.NotFound)
        {
            Flash.Set(TempData, undo ? "There is nothing to undo." : "There is nothing to redo.", FlashKind.Info);
            return await DoneAsync(id, null, flashSet: true);
        }
        return await DoneAsync(id, undo ? $"Undone: {label}." : $"Redone: {label}.");
    }
}
