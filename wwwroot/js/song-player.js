// The song panel's island: seek by clicking or with the keyboard on the waveform, a playhead over it, zoom, and
// the player shortcuts. Without this script the native <audio controls> still plays and seeks.
import { registerAction } from "./hotkeys.js";

const STEP_SECONDS = 5;
const ZOOM_LEVELS = [1, 2, 4, 8, 16];
let zoomIndex = 0;

const player = () => document.getElementById("song-player");
const waveform = () => document.querySelector("[data-waveform]");

function duration(audio, wave) {
  if (audio && Number.isFinite(audio.duration) && audio.duration > 0) return audio.duration;
  const fromServer = Number.parseFloat(wave?.dataset.duration ?? "");
  return Number.isFinite(fromServer) && fromServer > 0 ? fromServer : 0;
}

function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function seekTo(seconds) {
  const audio = player();
  const length = duration(audio, waveform());
  if (!audio || !length) return false;
  audio.currentTime = Math.min(Math.max(0, seconds), length);
  update();
  return true;
}

// The playhead and the slider values follow the audio.
function update() {
  const audio = player();
  const wave = waveform();
  if (!audio || !wave) return;
  const length = duration(audio, wave);
  const position = length ? Math.min(audio.currentTime / length, 1) : 0;
  const playhead = wave.querySelector("[data-playhead]");
  if (playhead) {
    playhead.hidden = false;
    playhead.style.left = `${(position * 100).toFixed(3)}%`;
  }
  wave.setAttribute("aria-valuemax", String(Math.round(length)));
  wave.setAttribute("aria-valuenow", String(Math.round(audio.currentTime)));
  wave.setAttribute("aria-valuetext", `${clock(audio.currentTime)} of ${clock(length)}`);
}

function applyZoom(keepPlayheadInView) {
  const wave = waveform();
  if (!wave) return;
  wave.style.width = `${ZOOM_LEVELS[zoomIndex] * 100}%`;
  wave.dataset.zoom = String(ZOOM_LEVELS[zoomIndex]);
  const scroller = wave.closest("[data-waveform-scroll]");
  const audio = player();
  if (keepPlayheadInView && scroller && audio) {
    const length = duration(audio, wave);
    const x = length ? (audio.currentTime / length) * wave.scrollWidth : 0;
    scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 2);
  }
}

function zoom(step) {
  if (!waveform()) return false;
  zoomIndex = Math.min(ZOOM_LEVELS.length - 1, Math.max(0, zoomIndex + step));
  applyZoom(true);
  return true;
}

// The waveform becomes a slider only when this script runs; without it, it is just a picture.
function enhance() {
  const wave = waveform();
  if (!wave || wave.dataset.enhanced) return;
  wave.dataset.enhanced = "true";
  wave.tabIndex = 0;
  wave.setAttribute("role", "slider");
  wave.setAttribute("aria-label", "Song position: click or use the arrow keys to seek");
  wave.setAttribute("aria-valuemin", "0");
  applyZoom(false);
  update();
}

// Keys that belong to a focused control (the native player, buttons, links) stay with it.
function ownsKeys(element) {
  return element instanceof Element && element.closest("audio, video, button, a[href], summary, input, select, textarea") !== null;
}

document.addEventListener("click", (event) => {
  const wave = event.target instanceof Element ? event.target.closest("[data-waveform]") : null;
  if (!wave) return;
  const rect = wave.getBoundingClientRect();
  if (!rect.width) return;
  seekTo(((event.clientX - rect.left) / rect.width) * duration(player(), wave));
});

document.addEventListener("keydown", (event) => {
  const wave = event.target instanceof Element ? event.target.closest("[data-waveform]") : null;
  // hotkeys.js may have handled the key already (arrows and Home seek through the registered actions).
  if (!wave || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const audio = player();
  if (!audio) return;
  const length = duration(audio, wave);
  const moves = {
    ArrowLeft: audio.currentTime - STEP_SECONDS,
    ArrowDown: audio.currentTime - STEP_SECONDS,
    ArrowRight: audio.currentTime + STEP_SECONDS,
    ArrowUp: audio.currentTime + STEP_SECONDS,
    PageDown: audio.currentTime - length / 10,
    PageUp: audio.currentTime + length / 10,
    Home: 0,
    End: length,
  };
  if (event.key in moves && seekTo(moves[event.key])) event.preventDefault();
});

// timeupdate and friends do not bubble; listening in the capture phase catches them from any (re-)rendered player.
for (const type of ["timeupdate", "seeked", "loadedmetadata", "play", "pause"]) {
  document.addEventListener(type, (event) => {
    if (event.target instanceof HTMLMediaElement && event.target.id === "song-player") update();
  }, true);
}

registerAction("player:toggle", () => {
  const audio = player();
  if (!audio || ownsKeys(document.activeElement)) return false;
  if (audio.paused) audio.play().catch(() => {});
  else audio.pause();
  return true;
});
registerAction("player:back", () => !ownsKeys(document.activeElement) && seekTo((player()?.currentTime ?? 0) - STEP_SECONDS));
registerAction("player:forward", () => !ownsKeys(document.activeElement) && seekTo((player()?.currentTime ?? 0) + STEP_SECONDS));
registerAction("player:start", () => !ownsKeys(document.activeElement) && seekTo(0));
registerAction("waveform:zoom-in", () => zoom(1));
registerAction("waveform:zoom-out", () => zoom(-1));

// htmx replaces the whole panel after an upload or when an analysis finishes.
document.addEventListener("htmx:load", enhance);
enhance();
