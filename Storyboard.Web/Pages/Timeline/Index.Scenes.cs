using Microsoft.AspNetCore.Mvc;
using Storyboard.Web.Timeline;

namespace Storyboard.Web.Pages.Timeline;

/// <summary>The timeline page's scene handlers: the scene form, trash, duplicate, alternate, promote.</summary>
public sealed partial class IndexModel
{
    public Task<IActionResult> OnPostCreateSceneAsync(int id, [Bind(Prefix = "NewScene.Input")] SceneFormInput input, long? placeAt) =>
        SceneFormAsync(id, input, placeAt, "NewScene", (scene, version) => timeline.CreateSceneAsync(id, scene, UserId, Aborted), null);

    public Task<IActionResult> OnPostUpdateSceneAsync(int id, [Bind(Prefix = "SceneForm.Input")] SceneFormInput input, long? placeAt) =>
        SceneFormAsync(id, input, placeAt, "SceneForm", (scene, version) => timeline.UpdateSceneAsync(id, SceneId ?? 0, scene, version, UserId, Aborted), SceneId);

    public Task<IActionResult> OnPostTrashSceneAsync(int id) =>
        RunAsync(id, () => timeline.TrashSceneAsync(id, SceneId ?? 0, UserId, Aborted), "The scene is in the Trash; its clips stay on the timeline.", _ => (null, null));

    /// <summary>Moves the selected scene one place up (-1) or down (+1) in the scene list.</summary>
    public Task<IActionResult> OnPostReorderSceneAsync(int id, int direction) =>
        RunAsync(id, () => timeline.ReorderSceneAsync(id, SceneId ?? 0, direction, UserId, Aborted),
            direction < 0 ? "The scene moved up the list." : "The scene moved down the list.", _ => (null, SceneId));

    /// <summary>Brings the scene (named by the route's scene, which is in the Trash) back with its clips, and selects it.</summary>
    public Task<IActionResult> OnPostRestoreSceneAsync(int id) =>
        RunAsync(id, () => timeline.RestoreSceneAsync(id, SceneId ?? 0, UserId, Aborted),
            "The scene is back with its clips.", _ => (null, SceneId));

    public Task<IActionResult> OnPostDuplicateSceneAsync(int id) =>
        RunAsync(id, () => timeline.DuplicateSceneAsync(id, SceneId ?? 0, UserId, Aborted), "The scene is duplicated.", r => (null, First(r)));

    public Task<IActionResult> OnPostSceneAlternateAsync(int id) =>
        RunAsync(id, () => timeline.CreateSceneAlternateAsync(id, SceneId ?? 0, UserId, Aborted), "An alternate of the scene is added.", r => (null, First(r)));

    public Task<IActionResult> OnPostPromoteSceneAsync(int id) =>
        RunAsync(id, () => timeline.PromoteSceneAsync(id, SceneId ?? 0, UserId, Aborted), "That take is now the main one.", _ => (null, SceneId));


    private async Task<IActionResult> SceneFormAsync(int id, SceneFormInput input, long? placeAt, string prefix,
        Func<SceneInput, int, Task<TimelineResult>> save, int? sceneId)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadTimelineAsync(id)) return NotFound();
        if (sceneId is not null && !_header!.SceneFound) return NotFound();
        if (prefix == "NewScene") NewScene = input; else SceneForm = input;
        _formPrefix = prefix;
        var errors = new Dictionary<string, string>();
        var scene = input.ToInput(Rate, placeAt, errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{prefix}.Input.{field}", message);
        }
        if (!ModelState.IsValid || scene is null)
        {
            return await RefusedAsync(id, StatusCodes.Status422UnprocessableEntity);
        }
        var result = await save(scene, input.Version);
        if (result.Outcome == TimelineOutcome.Conflict && result.CurrentScene is { } current)
        {
            Conflict = ConflictView.ForScene(result.Errors.GetValueOrDefault("") ?? "", input, current, Rate);
            ModelState.Clear();
            SceneForm = SceneFormInput.From(current, Rate);
        }
        return await RunResultAsync(id, result, prefix == "NewScene" ? "The scene is added." : "The scene is saved.",
            r => (null, First(r) ?? sceneId), prefix);
    }
}
