// Storyboard's small progressive layer: everything works without it.
import { installHotkeys } from "./hotkeys.js";

const token = document.querySelector('meta[name="csrf-token"]')?.content;

// Every htmx request carries the antiforgery token as a header.
document.addEventListener("htmx:configRequest", (event) => {
  if (token) event.detail.headers["RequestVerificationToken"] = token;
});

// After an htmx swap, move focus to a new error or secret so screen readers and keyboards land on it.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  const focusable = target?.querySelector?.('[aria-invalid="true"], .new-secret input');
  if (focusable) focusable.focus();
});

// htmx puts focus back on the control with the same id after a swap. When that control is gone or hidden (a form
// that closed, a button that no longer applies, a shortcut pressed with nothing focused), focus would fall to <body>:
// move it to the swapped region's [data-swap-focus] heading instead, so the keyboard user carries on from there.
// Checked on the next frame, after every swap of the response (out-of-band ones included) has settled.
document.addEventListener("htmx:afterSettle", () => {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    document.querySelector("[data-swap-focus]")?.focus();
  });
});

// Theme: follow the system unless the user picked one.
const root = document.documentElement;
const savedTheme = localStorage.getItem("storyboard.theme");
if (savedTheme) root.dataset.theme = savedTheme;
export function toggleTheme() {
  const dark = root.dataset.theme
    ? root.dataset.theme === "dark"
    : matchMedia("(prefers-color-scheme: dark)").matches;
  root.dataset.theme = dark ? "light" : "dark";
  localStorage.setItem("storyboard.theme", root.dataset.theme);
}
for (const button of document.querySelectorAll("[data-theme-toggle]")) {
  button.hidden = false;
  button.addEventListener("click", toggleTheme);
}

// Links that open a dialog when JS is there (and go to a page when it is not).
for (const link of document.querySelectorAll("[data-open-dialog]")) {
  link.addEventListener("click", (event) => {
    const dialog = document.getElementById(link.dataset.openDialog);
    if (dialog?.showModal) {
      event.preventDefault();
      dialog.showModal();
    }
  });
}

installHotkeys({ toggleTheme });
