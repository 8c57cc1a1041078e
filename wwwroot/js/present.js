// Presentation mode's island. The server renders every shot as a slideshow list beside an <audio controls>; this turns
// the list into a player: one shot large, the shots of its scene, or every shot as a grid, with the current shot
// following the song's clock (frame maths at the project's rate). Jumps seek the song; videos play muted in step with
// it; the live region says each new shot once. Without this script the list and the native player still work.

const root = document.getElementById("presentation");
const list = document.getElementById("present-clips");
if (root && list && list.children.length > 0) start(root, list);

function start(root, list) {
  const num = Number(root.dataset.rateNum);
  const den = Number(root.dataset.rateDen);
  const lengthSeconds = (Number(root.dataset.length) * den) / num;
  const items = [...list.children].map((el) => ({
    el,
    start: Number(el.dataset.start),
    scene: el.dataset.scene ?? "",
    video: el.querySelector("video"),
  }));
  const audio = document.getElementById("present-audio");
  const clock = audio ? audioClock(audio) : silentClock(lengthSeconds);
  const live = document.getElementById("present-live");
  const position = document.getElementById("present-position");
  const playButton = document.getElementById("present-play");
  const fullscreenButton = document.getElementById("present-fullscreen");
  const exit = document.getElementById("present-exit");
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
  let current = -1;

  const secondsOf = (frame) => (frame * den) / num;
  const frameAt = (seconds) => Math.floor((seconds * num) / den + 1e-6);

  /** The shot under the song's position: the last one started (the first before any has). */
  function indexAt(seconds) {
    const frame = frameAt(seconds);
    let index = 0;
    for (let i = 0; i < items.length && items[i].start <= frame; i++) index = i;
    return index;
  }

  /** Makes shot <index> the current one; <seek> moves the song to it (a jump by the user), <announce> says it. */
  function show(index, { seek = false, announce = true } = {}) {
    index = Math.min(items.length - 1, Math.max(0, index));
    // Half a frame in, so the song's position reads back as this shot's frame.
    if (seek) clock.seek(secondsOf(items[index].start + 0.5));
    if (index !== current) {
      const previous = items[current];
      previous?.el.classList.remove("current");
      previous?.el.removeAttribute("aria-current");
      const item = items[index];
      item.el.classList.add("current");
      item.el.setAttribute("aria-current", "true");
      current = index;
      for (const other of items) other.el.classList.toggle("in-scene", other.scene === item.scene);
      showPosition();
      if (announce && live) live.textContent = item.el.dataset.announce ?? "";
      if (root.dataset.view !== "single") item.el.scrollIntoView({ block: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
    }
    syncVideos();
  }

  /** The visible line under the controls: the shot, and in the scene view its scene. */
  function showPosition() {
    const item = items[current];
    if (!position || !item) return;
    const scene = item.el.dataset.sceneName;
    position.textContent = (item.el.dataset.announce ?? "") + (root.dataset.view === "scene" && scene ? ` · Scene: ${scene}` : "");
  }

  /** The current shot's video plays muted at the song's position in the shot; every other video waits. */
  function syncVideos() {
    const playing = clock.playing();
    items.forEach((item, index) => {
      const video = item.video;
      if (!video) return;
      if (index !== current) {
        if (!video.paused) video.pause();
        return;
      }
      const wanted = Math.max(0, clock.time() - secondsOf(item.start));
      const end = Number.isFinite(video.duration) ? video.duration : Infinity;
      if (video.readyState > 0 && Math.abs(video.currentTime - Math.min(wanted, end)) > 0.3) video.currentTime = Math.min(wanted, end);
      if (playing && video.paused && wanted < end) video.play().catch(() => {});
      else if (!playing && !video.paused) video.pause();
    });
  }

  // While the song plays, the current shot follows it every animation frame.
  let animation = 0;
  function follow() {
    show(indexAt(clock.time()));
    animation = clock.playing() ? requestAnimationFrame(follow) : 0;
    if (!animation) showPlayState();
  }
  function showPlayState() {
    const playing = clock.playing();
    playButton.textContent = playing ? "Pause" : "Play";
    if (playing && !animation) animation = requestAnimationFrame(follow);
    syncVideos();
  }
  clock.onChange(() => {
    showPlayState();
    if (!clock.playing()) show(indexAt(clock.time()));
  });

  /** The next shot; past the last one there is nothing to go to (and the song is not sent back). */
  function next() {
    if (current < items.length - 1) show(current + 1, { seek: true });
  }

  function toggle() {
    clock.playing() ? clock.pause() : clock.play();
  }

  /** The first shot of the next scene, or of this scene (of the one before when already at its first shot). */
  function sceneStart(step) {
    const scene = items[current].scene;
    if (step > 0) {
      const next = items.findIndex((item, i) => i > current && item.scene !== scene);
      return next < 0 ? current : next;
    }
    let first = current;
    while (first > 0 && items[first - 1].scene === scene) first--;
    if (first < current || first === 0) return first;
    const before = items[first - 1].scene;
    while (first > 0 && items[first - 1].scene === before) first--;
    return first;
  }

  function setView(view) {
    if (root.dataset.view === view) return;
    root.dataset.view = view;
    for (const button of root.querySelectorAll("[data-present-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.presentView === view));
    }
    showPosition();
    const scene = items[current].el.dataset.sceneName;
    if (live) {
      live.textContent = view === "single" ? "One shot"
        : view === "scene" ? `The shots of ${scene ? `scene ${scene}` : "no scene"}`
        : `All ${items.length} shots`;
    }
    if (view !== "single") items[current].el.scrollIntoView({ block: "nearest" });
  }

  function toggleFullscreen() {
    if (!document.fullscreenEnabled) return;
    if (document.fullscreenElement) document.exitFullscreen();
    else root.requestFullscreen().catch(() => {});
  }
  document.addEventListener("fullscreenchange", () => {
    const full = document.fullscreenElement === root;
    fullscreenButton.setAttribute("aria-pressed", String(full));
  });

  // The controls
  document.getElementById("present-previous").addEventListener("click", () => show(current - 1, { seek: true }));
  document.getElementById("present-next").addEventListener("click", next);
  playButton.addEventListener("click", toggle);
  for (const button of root.querySelectorAll("[data-present-view]")) {
    button.addEventListener("click", () => setView(button.dataset.presentView));
  }
  if (document.fullscreenEnabled) fullscreenButton.addEventListener("click", toggleFullscreen);
  else fullscreenButton.hidden = true;

  // A shot's title (a link to itself) or, in the scene and grid views, its picture makes it the current shot.
  list.addEventListener("click", (event) => {
    const item = event.target instanceof Element ? event.target.closest(".present-clip") : null;
    if (!item) return;
    const onTitle = event.target.closest(".present-link");
    if (!onTitle && root.dataset.view === "single") return;
    event.preventDefault();
    show(items.findIndex((i) => i.el === item), { seek: true });
  });

  // The keys, before the app's own shortcuts (which would take Space and the arrows for the song alone).
  window.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
    const target = event.target instanceof Element ? event.target : null;
    // A focused player handles its own keys; a focused button or link is pressed by Space, as the browser intends.
    if (target?.closest("audio, video")) return;
    switch (event.key) {
      case " ":
        if (target?.closest("button, a, summary")) return;
        toggle();
        break;
      case "ArrowRight": next(); break;
      case "ArrowLeft": show(current - 1, { seek: true }); break;
      case "ArrowDown": if (sceneStart(1) !== current) show(sceneStart(1), { seek: true }); break;
      case "ArrowUp": show(sceneStart(-1), { seek: true }); break;
      case "Home": show(0, { seek: true }); break;
      case "End": show(items.length - 1, { seek: true }); break;
      case "1": setView("single"); break;
      case "2": setView("scene"); break;
      case "3": setView("grid"); break;
      case "f":
      case "F":
        if (!document.fullscreenEnabled) return;
        toggleFullscreen();
        break;
      case "Escape":
        if (document.fullscreenElement) document.exitFullscreen();
        else if (exit) location.assign(exit.href);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }, true);

  // The player takes over from the list: videos follow the song (muted, no controls of their own).
  for (const { video } of items) {
    if (!video) continue;
    video.controls = false;
    video.muted = true;
    video.preload = "metadata";
  }
  root.classList.add("is-player");
  document.getElementById("present-controls").hidden = false;
  const linked = items.findIndex((item) => `#${item.el.id}` === location.hash);
  show(linked >= 0 ? linked : indexAt(clock.time()), { seek: linked >= 0, announce: false });
  showPlayState();
}

/** The song as the clock: its position, playing or not, and its events. */
function audioClock(audio) {
  return {
    time: () => audio.currentTime,
    playing: () => !audio.paused && !audio.ended,
    play: () => audio.play().catch(() => {}),
    pause: () => audio.pause(),
    seek: (seconds) => {
      const end = Number.isFinite(audio.duration) ? audio.duration : Infinity;
      audio.currentTime = Math.min(Math.max(0, seconds), end);
    },
    // Media events do not bubble; listening on the element itself is enough.
    onChange: (listener) => {
      for (const type of ["play", "pause", "ended", "seeked"]) audio.addEventListener(type, listener);
    },
  };
}

/** Without a song, a silent clock of the cut's length plays the shots at their times. */
function silentClock(length) {
  let offset = 0;
  let since = null;
  const listeners = [];
  const time = () => (since === null ? offset : Math.min(length, offset + (performance.now() - since) / 1000));
  const changed = () => listeners.forEach((listener) => listener());
  let timer = 0;
  return {
    time,
    playing: () => since !== null && time() < length,
    play: () => {
      if (time() >= length) offset = 0;
      since = performance.now();
      clearTimeout(timer);
      timer = setTimeout(() => { offset = length; since = null; changed(); }, (length - offset) * 1000);
      changed();
    },
    pause: () => {
      offset = time();
      since = null;
      clearTimeout(timer);
      changed();
    },
    seek: (seconds) => {
      offset = Math.min(Math.max(0, seconds), length);
      if (since !== null) {
        since = performance.now();
        clearTimeout(timer);
        timer = setTimeout(() => { offset = length; since = null; changed(); }, (length - offset) * 1000);
      }
      changed();
    },
    onChange: (listener) => listeners.push(listener),
  };
}

function isTyping(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable || target.closest("textarea, select")) return true;
  if (target.tagName !== "INPUT") return false;
  const type = (target.getAttribute("type") || "text").toLowerCase();
  return !["button", "submit", "reset", "checkbox", "radio", "range", "file", "color"].includes(type);
}
