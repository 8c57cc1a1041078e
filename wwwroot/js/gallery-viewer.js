// The gallery viewer's keys: ArrowLeft and ArrowRight follow the page's rel="prev" / rel="next" links, Escape its way
// back to the grid. The links work without this; it only saves reaching for them.
const targets = {
  ArrowLeft: 'a[rel="prev"]',
  ArrowRight: 'a[rel="next"]',
  Escape: "a[data-gallery-back]",
};

document.addEventListener(
  "keydown",
  (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const selector = targets[event.key];
    if (!selector) return;
    // Fields and the video's own controls keep their keys; an open dialog handles Escape itself.
    if (event.target instanceof Element && event.target.closest("input, textarea, select, video, audio, [contenteditable]")) return;
    if (document.querySelector("dialog[open]")) return;
    const link = document.querySelector(selector);
    if (!link) return;
    event.preventDefault();
    location.assign(link.href);
  },
  { capture: true },
);
