// Keyboard shortcuts. The list lives on the server (ShortcutCatalog) and arrives as #shortcut-map;
// the ? dialog shows the same list. Shortcuts are ignored while the user types in a field.
const handlers = new Map();

/**
 * Lets a page's own island handle named actions, e.g. registerAction("player:toggle", fn). Several islands may
 * register one action: each returns false when it has nothing to act on, and the first that acts wins.
 */
export function registerAction(name, handler) {
  handlers.set(name, [...(handlers.get(name) ?? []), handler]);
}

function isTyping(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target.getAttribute("type") || "text").toLowerCase();
  return !["button", "submit", "reset", "checkbox", "radio", "range", "file", "color"].includes(type);
}

function keyName(event) {
  if (event.key === " ") return "Space";
  if (event.ctrlKey && event.key.length === 1) return `Ctrl+${event.shiftKey ? "Shift+" : ""}${event.key.toUpperCase()}`;
  if (event.shiftKey && event.key.length === 1 && /[a-z]/i.test(event.key)) return `Shift+${event.key.toUpperCase()}`;
  return event.key;
}

function moveInList(step) {
  const list = document.querySelector("[data-list-nav]");
  if (!list) return false;
  const items = [...list.children];
  const current = items.findIndex((item) => item.contains(document.activeElement));
  const next = items[Math.min(items.length - 1, Math.max(0, current + step))];
  const focusable = next?.querySelector("a, button, [tabindex]") || next;
  if (!focusable) return false;
  if (!focusable.matches("a, button, [tabindex]")) focusable.tabIndex = -1;
  focusable.focus();
  return true;
}

/** Focuses a field, opening the closed <details> around it first; a text field's value is selected for retyping. */
function focusField(element) {
  for (let details = element.closest("details:not([open])"); details; details = details.parentElement?.closest("details:not([open])")) {
    details.open = true;
  }
  element.focus();
  if (element instanceof HTMLInputElement && isTyping(element)) element.select();
}

function run(action, context) {
  const [kind, argument] = action.split(/:(.*)/s);
  if (kind === "click" || kind === "focus") {
    const element = document.querySelector(argument);
    if (!element) return false;
    kind === "click" ? element.click() : focusField(element);
    return true;
  }
  if (kind === "dialog") {
    if (argument === "close") return false; // the browser closes dialogs on Escape itself
    const dialog = document.querySelector(argument);
    if (!dialog?.showModal || dialog.open) return false;
    dialog.showModal();
    return true;
  }
  if (action === "theme:toggle") {
    context.toggleTheme();
    return true;
  }
  if (action === "list:next") return moveInList(1);
  if (action === "list:previous") return moveInList(-1);
  return (handlers.get(action) ?? []).some((handler) => handler() !== false);
}

export function installHotkeys(context) {
  const map = JSON.parse(document.getElementById("shortcut-map")?.textContent || "[]");
  let pending = null;
  let pendingTimer = 0;
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.metaKey || event.altKey) return;
    // Ctrl counts only for the combinations the catalogue lists ("Ctrl+Z"); every other one stays the browser's.
    if (event.ctrlKey && !map.some((s) => s.keys === keyName(event))) return;
    // Typing in a field, or a dialog is open (it handles its own keys; Escape closes it).
    if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
    const key = keyName(event);
    // Space on a focused button or link presses it, as the browser intends.
    if (key === "Space" && event.target instanceof Element && event.target.closest("button, a, summary, [role=button]")) return;
    // A key that does not complete a pending sequence ("g" then "?") still counts on its own.
    const candidates = pending ? [`${pending} ${key}`, key] : [key];
    pending = null;
    // Several pages may bind one key ("+" zooms the waveform or the timeline): the first action that runs wins.
    for (const sequence of candidates) {
      for (const match of map.filter((s) => s.keys === sequence)) {
        if (run(match.action, context)) {
          event.preventDefault();
          return;
        }
      }
    }
    const startsSequence = map.some((s) => s.keys.startsWith(`${key} `));
    pending = startsSequence ? key : null;
    clearTimeout(pendingTimer);
    if (pending) pendingTimer = setTimeout(() => (pending = null), 1200);
  });
}
