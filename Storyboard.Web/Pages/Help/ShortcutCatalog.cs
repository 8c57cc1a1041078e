namespace Storyboard.Web.Pages.Help;

public enum ShortcutCategory
{
    Playback,
    Navigation,
    Creation,
    Editing,
    View,
    Selection,
    Zoom,
    Help,
}

/// <summary>
/// One keyboard shortcut. <see cref="Keys"/> is what the user presses ("g p" is g then p); <see cref="Action"/> tells
/// hotkeys.js what to do: "click:#id" presses a button or link, "focus:#id" moves focus, "dialog:#id" opens a dialog,
/// or a named action of a page's own script ("player:toggle").
/// </summary>
public sealed record Shortcut(ShortcutCategory Category, string Keys, string Description, string Action);

/// <summary>Every shortcut Storyboard has; the help dialog and hotkeys.js both read this list.</summary>
public static class ShortcutCatalog
{
    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new(ShortcutCategory.Playback, "Space", "Play or pause the song", "player:toggle"),
        new(ShortcutCategory.Playback, "ArrowLeft", "Seek back 5 seconds", "player:back"),
        new(ShortcutCategory.Playback, "ArrowRight", "Seek forward 5 seconds", "player:forward"),
        new(ShortcutCategory.Playback, "Home", "Go to the start of the song", "player:start"),
        new(ShortcutCategory.Navigation, "g p", "Go to projects", "click:#nav-projects"),
        new(ShortcutCategory.Navigation, "g t", "Go to the Trash", "click:#nav-trash"),
        new(ShortcutCategory.Navigation, "g a", "Go to your account", "click:#nav-account"),
        new(ShortcutCategory.Navigation, "g d", "Go to the project dashboard", "click:#nav-dashboard"),
        new(ShortcutCategory.Navigation, "g l", "Go to the project timeline", "click:#nav-timeline"),
        new(ShortcutCategory.Navigation, "/", "Search projects", "focus:#project-search"),
        new(ShortcutCategory.Creation, "n", "New project", "click:#new-project"),
        new(ShortcutCategory.Creation, "u", "Upload a song to this project", "focus:#song-file"),
        new(ShortcutCategory.Creation, "c", "Add a clip at the playhead", "focus:#NewClip_Input_Name"),
        new(ShortcutCategory.Creation, "Shift+S", "Add a scene at the playhead", "focus:#NewScene_Input_Name"),
        new(ShortcutCategory.Editing, "e", "Edit the project's settings", "click:#edit-project"),
        new(ShortcutCategory.Editing, "s", "Split the selected clip at the playhead", "click:#split-at-playhead"),
        new(ShortcutCategory.Editing, "Delete", "Delete the selected clip", "click:#delete-clip"),
        new(ShortcutCategory.Editing, "d", "Duplicate the selected clip", "click:#duplicate-clip"),
        new(ShortcutCategory.Editing, "a", "Add an alternate of the selected clip", "click:#clip-alternate"),
        new(ShortcutCategory.Editing, "p", "Make the selected alternate clip the main take", "click:#promote-clip"),
        new(ShortcutCategory.Editing, ",", "Move the selected clip one frame earlier", "click:#nudge-frame-earlier"),
        new(ShortcutCategory.Editing, ".", "Move the selected clip one frame later", "click:#nudge-frame-later"),
        new(ShortcutCategory.Editing, "<", "Move the selected clip one second earlier", "click:#nudge-second-earlier"),
        new(ShortcutCategory.Editing, ">", "Move the selected clip one second later", "click:#nudge-second-later"),
        new(ShortcutCategory.Editing, "t", "Trim the selected clip (type its new start and end)", "focus:#trim-start"),
        new(ShortcutCategory.Editing, "Ctrl+Z", "Undo the latest timeline edit", "click:#undo"),
        new(ShortcutCategory.Editing, "Ctrl+Shift+Z", "Redo the latest undone timeline edit", "click:#redo"),
        new(ShortcutCategory.View, "Shift+T", "Switch between dark and light theme", "theme:toggle"),
        new(ShortcutCategory.Selection, "j", "Next item in a list", "list:next"),
        new(ShortcutCategory.Selection, "k", "Previous item in a list", "list:previous"),
        new(ShortcutCategory.Selection, "]", "Select the next clip on the timeline", "click:#next-clip"),
        new(ShortcutCategory.Selection, "[", "Select the previous clip on the timeline", "click:#previous-clip"),
        new(ShortcutCategory.Selection, "x", "Pick or unpick the selected clip for the batch move and delete (Ctrl-click or Shift-click clips in the lanes)",
            "click:#clip-list tr:has(a[aria-current=true]) input[name=selected]"),
        new(ShortcutCategory.Zoom, "+", "Zoom the waveform in", "waveform:zoom-in"),
        new(ShortcutCategory.Zoom, "-", "Zoom the waveform out", "waveform:zoom-out"),
        new(ShortcutCategory.Zoom, "+", "Zoom the timeline in", "click:#timeline-zoom-in"),
        new(ShortcutCategory.Zoom, "-", "Zoom the timeline out", "click:#timeline-zoom-out"),
        new(ShortcutCategory.Help, "?", "Show this list of shortcuts", "dialog:#shortcuts-dialog"),
        new(ShortcutCategory.Help, "Escape", "Close a dialog", "dialog:close"),
    ];

    public static IEnumerable<IGrouping<ShortcutCategory, Shortcut>> ByCategory() =>
        All.GroupBy(s => s.Category).OrderBy(g => g.Key);

    /// <summary>"g p" → "G then P" for people and screen readers.</summary>
    public static string Spoken(string keys) => string.Join(" then ", keys.Split(' ').Select(k => k switch
    {
        "ArrowLeft" => "Left arrow",
        "ArrowRight" => "Right arrow",
        "/" => "Slash",
        "?" => "Question mark",
        "+" => "Plus",
        "-" => "Minus",
        "[" => "Left bracket",
        "]" => "Right bracket",
        "," => "Comma",
        "." => "Full stop",
        "<" => "Less than",
        ">" => "Greater than",
        "Shift+S" => "Shift S",
        "Shift+T" => "Shift T",
        "Ctrl+Z" => "Control Z",
        "Ctrl+Shift+Z" => "Control Shift Z",
        _ => k.Length == 1 ? k.ToUpperInvariant() : k,
    }));
}

/// <summary>
/// Where the shortcut list is shown: the ? dialog (under its h2 title) or the Help page (under its h1). The prefix keeps
/// ids unique when the Help page also carries the dialog.
/// </summary>
public sealed record ShortcutListView(string IdPrefix, int HeadingLevel)
{
    public static ShortcutListView Dialog { get; } = new("", 3);
    public static ShortcutListView Page { get; } = new("page-", 2);

    public string HeadingId(ShortcutCategory category) => $"{IdPrefix}shortcuts-{category.ToString().ToLowerInvariant()}";
}
