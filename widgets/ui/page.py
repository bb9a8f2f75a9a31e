"""The course's page helper: one small anywidget that every course widget carries (invisible).

It does four things in the browser, none of which ipywidgets can do from Python:

* **the course stylesheet** (:data:`widgets.ui.style.COURSE_CSS`): anywidget adds a widget class's
  ``_css`` to the page once, however many helpers are shown;
* **results in view** (:meth:`PageHelper.reveal`): after an interaction updates a part of a widget
  that may be off-screen (a detail panel, a new page of questions), the notebook scrolls just
  enough to show it (smoothly, unless the student asked the system for reduced motion);
* **the focus** (:meth:`PageHelper.keep_focus`): a button disabled while it had the keyboard focus
  drops the focus to the page, where the next key press would reach JupyterLab's notebook
  shortcuts; the helper moves it to a neighbour instead;
* **links to lessons** (:func:`widgets.ui.html.lesson_link`): a click on one opens the lesson in
  the same JupyterLab, at the section, through JupyterLab's own command for local links
  (``rendermime:handle-local-link``), the path taken relative to the notebook being read. It
  needs the application object in the page (``LabApp.expose_app_in_browser``, set by
  ``make start``, Binder and the browser tests). Anywhere else (no JupyterLab, a middle click)
  the link is an ordinary same-tab link.

Widgets get one with :func:`helper` and put it among their children. The targets of
:meth:`~PageHelper.reveal` and :meth:`~PageHelper.keep_focus` are ipywidgets; each gets a unique
CSS class (``course-target-N``) by which the browser finds its view.
"""

from __future__ import annotations

import itertools

import anywidget
import ipywidgets as ipw

from .style import COURSE_CSS

__all__ = ["PageHelper", "helper", "target_class"]

_ESM = r"""
function scroller(node) {
  for (let n = node.parentElement; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (/(auto|scroll)/.test(s.overflowY) && n.scrollHeight > n.clientHeight + 1) return n;
  }
  return document.scrollingElement || document.documentElement;
}

function find(el, cls) {
  const scope = el.closest(".jp-Notebook") || document;
  const all = [...scope.querySelectorAll("." + cls)];
  return all.find(n => n.getClientRects().length) || all[0] || null;
}

function reveal(target) {
  const box = scroller(target);
  const page = box === document.scrollingElement || box === document.documentElement;
  const view = page ? { top: 0, bottom: window.innerHeight } : box.getBoundingClientRect();
  const r = target.getBoundingClientRect();
  const margin = 16;
  const room = view.bottom - view.top - 2 * margin;
  let delta = 0;
  if (r.height > room || r.top < view.top + margin) delta = r.top - view.top - margin;  // show its top
  else if (r.bottom > view.bottom - margin) delta = r.bottom - view.bottom + margin;     // just enough
  if (Math.abs(delta) < 1) return;
  const quiet = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  box.scrollBy({ top: delta, behavior: quiet ? "auto" : "smooth" });
}

// The update that fills the target arrives with (or just before) this message: wait for it to be
// drawn, then look again once images and fonts have settled.
function later(fn) {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(fn, 30)));
}

function installLinks() {
  if (window.__courseLessonLinks) return;
  window.__courseLessonLinks = true;
  document.addEventListener("click", (event) => {
    const a = event.target && event.target.closest && event.target.closest("a[data-course-lesson]");
    if (!a || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const app = window.jupyterapp;
    const widget = app && app.shell && app.shell.currentWidget;
    const from = widget && widget.context && widget.context.path;
    if (!app || !app.commands || typeof from !== "string" ||
        !app.commands.hasCommand("rendermime:handle-local-link")) return;  // a plain link
    event.preventDefault();
    event.stopPropagation();
    const parts = from.split("/").slice(0, -1);
    for (const part of a.dataset.courseLesson.split("/")) {
      if (part === "..") parts.pop(); else if (part && part !== ".") parts.push(part);
    }
    const args = { path: parts.join("/") };
    if (a.dataset.courseAnchor) args.id = "#" + a.dataset.courseAnchor;
    app.commands.execute("rendermime:handle-local-link", args).catch(() => { window.location.href = a.href; });
  }, true);
}

function watchFigures() {
  // plotly sizes a figure to its container when it is first drawn; a figure drawn while its
  // output was not laid out yet (during Run all) keeps plotly's 700 px. One watcher per page
  // looks at every course figure whenever the page changes or resizes, and redraws the figures
  // whose width differs from their output's (a window resize event: each plotly view listens).
  if (window.__courseFigureWatch || typeof ResizeObserver !== "function") return;
  window.__courseFigureWatch = true;
  let timer = null;
  const tried = new WeakMap();  // figure -> the width it was last redrawn for (never loop on one)
  const check = () => {
    timer = null;
    let stale = false;
    for (const f of document.querySelectorAll(".course-widget .js-plotly-plot")) {
      const w = f.clientWidth;
      if (f._fullLayout && w > 0 && Math.abs(f._fullLayout.width - w) > 2 && tried.get(f) !== w) {
        tried.set(f, w);
        stale = true;
      }
    }
    if (stale) window.dispatchEvent(new Event("resize"));
  };
  const soon = () => { if (!timer) timer = setTimeout(check, 150); };
  new ResizeObserver(soon).observe(document.body);
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  soon();
}

function render({ model, el }) {
  el.classList.add("course-page-helper");
  el.setAttribute("aria-hidden", "true");
  installLinks();
  const onMessage = (msg) => {
    if (!msg || !msg.target) return;
    let tries = 0;
    const attempt = () => {
      const target = find(el, msg.target);
      // A widget built by this same interaction may not be drawn yet: look again for 3 s.
      if (!target) { if (++tries < 30) setTimeout(attempt, 100); return; }
      if (msg.action === "reveal") {
        reveal(target);
        // Content drawn after it (a figure, images) can push it out again.
        setTimeout(() => reveal(target), 450);
        setTimeout(() => reveal(target), 1200);
      } else if (msg.action === "focus") {
        const active = document.activeElement;
        if (!active || active === document.body || active.disabled || !active.isConnected) {
          (target.matches("button, input, select, textarea") ? target
            : target.querySelector("button, input, select, textarea") || target).focus();
        }
      }
    };
    later(attempt);
  };
  model.on("msg:custom", onMessage);
  watchFigures();
  return () => { model.off("msg:custom", onMessage); };
}
export default { render };
"""

_counter = itertools.count(1)


def target_class(widget: ipw.DOMWidget) -> str:
    """The unique CSS class by which the browser finds ``widget``'s view (added on first use)."""
    cls = getattr(widget, "_course_target", None)
    if cls is None:
        cls = f"course-target-{next(_counter)}"
        widget._course_target = cls
        widget.add_class(cls)
    return cls


class PageHelper(anywidget.AnyWidget):
    """Invisible: the course stylesheet, lesson links, scrolling results into view, keeping the focus."""

    _esm = _ESM
    _css = COURSE_CSS
    def __init__(self, **kwargs):
        # Nothing to draw: no width, height or margin.
        kwargs.setdefault("layout", ipw.Layout(width="0", height="0", margin="0", overflow="hidden"))
        super().__init__(**kwargs)

    def reveal(self, widget: ipw.DOMWidget) -> None:
        """Scroll the notebook so that ``widget`` is in view (no-op for a widget not shown)."""
        self.send({"action": "reveal", "target": target_class(widget)})

    def keep_focus(self, widget: ipw.DOMWidget) -> None:
        """If the keyboard focus was just lost (its button was disabled), give it to ``widget``."""
        self.send({"action": "focus", "target": target_class(widget)})


def helper() -> PageHelper:
    """A page helper for one widget (put it among the widget's children)."""
    return PageHelper()
