// The timeline page's island: the playhead follows the song and the clip under it is highlighted; clicking the
// drawing seeks; scene and clip items open through htmx; a main-take clip dragged sideways is moved with the same
// request as the "Move to" form. Without this script the native <audio controls> still plays, the items are plain
// links and the forms move clips.
import { registerAction } from "./hotkeys.js";

const STEP_SECONDS = 5;
const DRAG_THRESHOLD_PX = 4; // a shorter drag is a click
const WORKSPACE = "#timeline-workspace";

// The player survives workspace swaps (hx-preserve); the drawing is replaced by each one, so both are looked up anew.
const player = () => document.getElementById("timeline-player");
const drawing = () => document.getElementById("timeline-svg");

/** The drawing's numbers: view start and end in seconds, pixels per second and the frame rate as a fraction. */
function geometry(svg) {
  const number = (name) => Number.parseFloat(svg.dataset[name] ?? "");
  return { at: number("at"), end: number("end"), zoom: number("zoom"), num: number("fpsNum"), den: number("fpsDen") };
}

/** Pixels of the drawing per CSS pixel on screen (1 unless the drawing is scaled). */
function scaleOf(svg) {
  const width = svg.getBoundingClientRect().width;
  return width ? svg.viewBox.baseVal.width / width : 1;
}

/** Timecode as the server writes it (Domain/Timeline/Timecode.cs): drop-frame with ";" at 29.97 and 59.94. */
function timecode(frames, num, den) {
  const timebase = Math.floor((num + Math.floor(den / 2)) / den);
  const drop = den === 1001 && (num === 30000 || num === 60000) ? timebase / 15 : 0;
  let label = frames;
  if (drop) {
    const perTenMinutes = timebase * 600 - 9 * drop;
    const perMinute = timebase * 60 - drop;
    const rest = frames % perTenMinutes;
    label += 9 * drop * Math.floor(frames / perTenMinutes) + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const seconds = Math.floor(label / timebase);
  const two = (n) => String(n).padStart(2, "0");
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${drop ? ";" : ":"}${two(label % timebase)}`;
}

/**
 * Puts the playhead at the audio's time (parked off the drawing when outside the view) and marks the main-take clip
 * under it "current". The <output> is a live region, so its text changes only when asked (pause, seek), not per frame.
 */
function draw(announce) {
  const audio = player();
  const svg = drawing();
  if (!audio || !svg) return;
  const g = geometry(svg);
  const time = audio.currentTime;
  const x = time >= g.at && time <= g.end ? ((time - g.at) * g.zoom).toFixed(2) : "-10";
  const line = svg.querySelector("#playhead");
  line?.setAttribute("x1", x);
  line?.setAttribute("x2", x);
  const frame = Math.floor(time * g.num / g.den + 1e-6);
  for (const item of svg.querySelectorAll(".lane-clips a[data-start]")) {
    const under = !item.classList.contains("alternate") && frame >= Number(item.dataset.start) && frame < Number(item.dataset.end);
    item.classList.toggle("current", under);
  }
  const output = document.getElementById("playhead-time");
  if (announce && output) output.textContent = timecode(frame, g.num, g.den);
}

// While playing, the playhead moves every animation frame.
let animation = 0;
function follow() {
  draw(false);
  const audio = player();
  animation = audio && !audio.paused ? requestAnimationFrame(follow) : 0;
}

function seek(seconds) {
  const audio = player();
  if (!audio) return false;
  const length = Number.isFinite(audio.duration) ? audio.duration : Infinity;
  audio.currentTime = Math.min(Math.max(0, seconds), length);
  draw(true);
  return true;
}

// Media events do not bubble; the capture phase sees them.
document.addEventListener("play", (event) => {
  if (event.target === player() && !animation) animation = requestAnimationFrame(follow);
}, true);
for (const type of ["pause", "seeked", "ended"]) {
  document.addEventListener(type, (event) => {
    if (event.target === player()) draw(true);
  }, true);
}

// Once the song has been played or sought, the playhead is the song's position, not the address's.
let songMoved = false;
document.addEventListener("play", (event) => { if (event.target === player()) songMoved = true; }, true);
document.addEventListener("seeked", (event) => { if (event.target === player()) songMoved = true; }, true);

/** The song's position in whole frames, or null while the page's own playhead stands. */
function songFrame() {
  const audio = player();
  const svg = drawing();
  if (!songMoved || !audio || !svg) return null;
  const g = geometry(svg);
  return Math.floor(audio.currentTime * g.num / g.den + 1e-6);
}

/**
 * Writes the song's position where the page shows the playhead: the times in labels ("Split at playhead (…)") and
 * the fields that start at the playhead, unless the user has typed into them.
 */
function showPlayhead() {
  const frame = songFrame();
  if (frame === null) return;
  const g = geometry(drawing());
  const text = timecode(frame, g.num, g.den);
  for (const span of document.querySelectorAll("[data-playhead-text]")) span.textContent = text;
  for (const field of document.querySelectorAll("input[data-playhead-field]")) {
    if (field.value !== (field.dataset.shown ?? field.defaultValue)) continue;
    field.value = text;
    field.dataset.shown = text;
  }
}
for (const type of ["pause", "seeked", "ended"]) {
  document.addEventListener(type, (event) => {
    if (event.target === player()) showPlayhead();
  }, true);
}

// Every post from the workspace carries the song's position as "playhead" (a posted value wins over the address's),
// so split and insert act where the song is, and the answer keeps the playhead there.
document.addEventListener("htmx:configRequest", (event) => {
  const frame = songFrame();
  const source = event.detail.elt;
  if (frame === null || event.detail.verb === "get" || !(source instanceof Element) || !source.closest("#timeline-workspace")) return;
  event.detail.parameters["playhead"] = String(frame);
});

// After an edit the workspace (and the drawing with the server's playhead) is new: once the song has been played or
// sought, the playhead stays with the song.
document.addEventListener("htmx:load", () => {
  const audio = player();
  if (!audio || !songMoved) return;
  draw(audio.paused);
  showPlayhead();
});

/**
 * Loads an item's page into the workspace and puts its address in the history, as the toolbar links (hx-push-url) do.
 * Like htmx, it first marks the current entry as htmx's, so that Back to it is restored by htmx from the server.
 */
function open(href) {
  history.replaceState({ htmx: true }, "", location.href);
  globalThis.htmx.ajax("GET", href, { target: WORKSPACE, swap: "outerHTML" })
    .then(() => history.pushState({ htmx: true }, "", href));
}

// Dragging a main-take clip: it follows the pointer in whole frames; on release the clip moves there.
let drag = null;
let swallowClick = false;

document.addEventListener("pointerdown", (event) => {
  swallowClick = false;
  const item = event.target instanceof Element
    ? event.target.closest("#timeline-svg[data-move-url] .lane-clips a[data-start]:not(.alternate)")
    : null;
  if (!item || event.button !== 0 || drag) return;
  drag = { item, pointer: event.pointerId, startX: event.clientX, frames: 0, moved: false };
  item.setPointerCapture(event.pointerId);
});

document.addEventListener("pointermove", (event) => {
  if (!drag || event.pointerId !== drag.pointer) return;
  const distance = event.clientX - drag.startX;
  if (!drag.moved && Math.abs(distance) < DRAG_THRESHOLD_PX) return;
  drag.moved = true;
  const svg = drawing();
  const g = geometry(svg);
  const seconds = (distance * scaleOf(svg)) / g.zoom;
  // Whole frames, and never before the start of the timeline.
  drag.frames = Math.max(-Number(drag.item.dataset.start), Math.round(seconds * g.num / g.den));
  const pixels = (drag.frames * g.den / g.num) * g.zoom;
  drag.item.setAttribute("transform", `translate(${pixels.toFixed(2)} 0)`);
  drag.item.classList.add("dragging");
});

function endDrag(event, drop) {
  if (!drag || event.pointerId !== drag.pointer) return;
  const { item, moved, frames } = drag;
  drag = null;
  if (!moved) return; // a click: the click handler opens the item
  swallowClick = true;
  const svg = drawing();
  if (!drop || frames === 0 || !svg) {
    item.removeAttribute("transform");
    item.classList.remove("dragging");
    return;
  }
  // The "Move to" form's request: MoveClip for this clip, keeping the view, with the new start typed in frames.
  // The answer is the workspace: moved (with the flash) or refused with the reason (an overlap answers 422).
  const url = new URL(svg.dataset.moveUrl, location.href);
  url.searchParams.set("clip", item.id.replace("lane-clip-", ""));
  globalThis.htmx.ajax("POST", url.pathname + url.search, {
    target: WORKSPACE,
    swap: "outerHTML",
    values: { "Edit.To": `${Number(item.dataset.start) + frames}f` },
  });
}
document.addEventListener("pointerup", (event) => endDrag(event, true));
document.addEventListener("pointercancel", (event) => endDrag(event, false));

// The browser's own link dragging would fight ours.
document.addEventListener("dragstart", (event) => {
  if (event.target instanceof Element && event.target.closest("#timeline-svg")) event.preventDefault();
});

// A click on an item opens it through htmx; anywhere else on the drawing (ruler, lanes) seeks the song there.
document.addEventListener("click", (event) => {
  const svg = event.target instanceof Element ? event.target.closest("#timeline-svg") : null;
  if (!svg) return;
  if (swallowClick) {
    swallowClick = false;
    event.preventDefault();
    return;
  }
  const item = event.target.closest("a[href]");
  if (item) {
    // Ctrl (⌘) or Shift on a clip picks it, or the run of clips up to it, for the list's batch buttons.
    if (event.button === 0 && (event.ctrlKey || event.metaKey || event.shiftKey) && pickFromDrawing(item, event.shiftKey)) {
      event.preventDefault();
      return;
    }
    // Other modified clicks (new tab, new window) stay the browser's.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(item.getAttribute("href"));
    return;
  }
  const g = geometry(svg);
  const x = (event.clientX - svg.getBoundingClientRect().left) * scaleOf(svg);
  seek(g.at + x / g.zoom);
});

// Picking clips for the batch buttons: the list's checkboxes are the real selection (and the keyboard's way, with
// Space); Ctrl-click in the drawing toggles one, Shift-click picks the run from the last picked one, in list order,
// and Shift-click on a checkbox does the same in the list. Picked clips are outlined in the drawing.
let anchor = null;
const boxes = () => [...document.querySelectorAll("#clip-list input[name='selected']")];

function pickRun(to) {
  const all = boxes();
  const from = all.indexOf(document.getElementById(anchor ?? ""));
  const at = all.indexOf(to);
  if (from < 0 || at < 0) return false;
  for (const box of all.slice(Math.min(from, at), Math.max(from, at) + 1)) box.checked = true;
  return true;
}

function pickFromDrawing(item, run) {
  const box = document.getElementById(item.id.replace("lane-clip-", "pick-"));
  if (!(box instanceof HTMLInputElement)) return false;
  if (!(run && pickRun(box))) box.checked = !box.checked;
  anchor = box.id;
  showPicked();
  return true;
}

function showPicked() {
  const picked = boxes().filter((box) => box.checked);
  for (const item of document.querySelectorAll("#timeline-svg .lane-clips a.picked")) item.classList.remove("picked");
  for (const box of picked) document.getElementById(box.id.replace("pick-", "lane-clip-"))?.classList.add("picked");
  const count = document.getElementById("batch-count");
  if (count) count.textContent = picked.length === 0 ? "" : `${picked.length} ${picked.length === 1 ? "clip" : "clips"} picked`;
}

document.addEventListener("click", (event) => {
  const box = event.target instanceof HTMLInputElement && event.target.closest("#clip-list input[name='selected']");
  if (!box) return;
  if (event.shiftKey && box.checked) pickRun(box);
  anchor = box.id;
});
document.addEventListener("change", (event) => {
  if (event.target instanceof Element && event.target.closest("#clip-list input[name='selected']")) showPicked();
});
document.addEventListener("htmx:load", () => showPicked());

// The player shortcuts act here only when this page's player exists (the dashboard's island handles its own).
// Keys that belong to a focused control (the native player, buttons, links, fields) stay with it.
function ownsKeys(element) {
  return element instanceof Element && element.closest("audio, video, button, a[href], summary, input, select, textarea") !== null
    && !element.closest("#timeline-svg");
}
const ours = () => player() !== null && !ownsKeys(document.activeElement);

registerAction("player:toggle", () => {
  const audio = player();
  if (!ours()) return false;
  if (audio.paused) audio.play().catch(() => {});
  else audio.pause();
  return true;
});
registerAction("player:back", () => ours() && seek(player().currentTime - STEP_SECONDS));
registerAction("player:forward", () => ours() && seek(player().currentTime + STEP_SECONDS));
registerAction("player:start", () => ours() && seek(0));
