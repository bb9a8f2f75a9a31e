"""What a lesson draws, measured in the browser: helpers for the browser tests of every lesson.

Each helper reads the page (plotly's own ``_fullLayout``, element rectangles) and returns plain
data, so a test can assert on it and print it when it fails. Use them after run-all and after
each interaction::

    from .drawn import axis_types, figure_report, overflowing, in_viewport, modebar_overlaps, shot

* :func:`axis_types` — every axis type of every figure under a root (``{"x": "date", ...}``):
  compare before and after an interaction; plotly.js re-guesses an axis type whenever a trace's
  data changes, so a date axis can silently become a number line.
* :func:`figure_report` — each figure's drawn width and its output's width (the figure should
  fill at least 90 % of it), and the figure's mode-bar rectangle.
* :func:`bar_extents` — each drawn bar's pixel length with its data length: the ratio must be
  the same for every bar (bars proportional to their data).
* :func:`overflowing` — course widgets wider than their output (a horizontal scroll bar).
* :func:`in_viewport` — whether an element is (mostly) inside the notebook's visible area.
* :func:`modebar_overlaps` — tick labels, annotations, legend and titles under the mode bar.
* :func:`shot` — a screenshot kept in ``tests/e2e/artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import ARTIFACTS

__all__ = ["wait_drawn", "axis_types", "figure_report", "bar_extents", "overflowing", "in_viewport", "modebar_overlaps",
           "shot", "wait_in_viewport", "scroll_top", "set_viewport", "loose_text", "clipped_lists"]

_FIGURES = """(root) => [...root.querySelectorAll('.js-plotly-plot')]"""


def wait_drawn(p, root, timeout_ms: int = 30_000) -> None:
    """Wait until every figure under ``root`` has drawn itself (a FigureWidget first draws an
    empty placeholder plot, then the figure once its view is attached); fail with what each
    figure holds if that does not happen."""
    try:
        p.wait_for_function(
            f"""root => {{ const figs = ({_FIGURES})(root);
                          // the placeholder has no data and no template; a course figure has a template
                          return figs.length > 0 && figs.every(f => f._fullData && f.querySelector('.main-svg') &&
                            (f._fullData.length > 0 || (f.layout && f.layout.template))); }}""",
            arg=root.element_handle(), timeout=timeout_ms)
    except Exception as exc:
        state = root.evaluate(
            f"""root => ({_FIGURES})(root).map(f => ({{data: f._fullData ? f._fullData.length : null,
                  svg: !!f.querySelector('.main-svg'), template: !!(f.layout && f.layout.template),
                  width: f._fullLayout && f._fullLayout.width}}))""")
        raise AssertionError(f"figures not drawn after {timeout_ms} ms: {state}") from exc
    p.wait_for_timeout(200)


def axis_types(p, root) -> list[dict[str, str]]:
    """For each figure under ``root`` (in page order): axis name -> plotly's type as drawn."""
    return root.evaluate(
        f"""root => ({_FIGURES})(root).map(f => {{
              const out = {{}};
              const fl = f._fullLayout || {{}};
              for (const k of Object.keys(fl)) if (/^[xy]axis\\d*$/.test(k) && fl[k] && fl[k].type) out[k] = fl[k].type;
              return out; }})""")


def figure_report(p, root) -> list[dict]:
    """For each figure: its drawn width, the width of the output (or course widget) it sits in,
    the ratio, and the mode bar's rectangle (None when plotly drew none)."""
    return root.evaluate(
        f"""root => ({_FIGURES})(root).map(f => {{
              const out = f.closest('.jp-OutputArea-output') || f.closest('.course-widget') || f.parentElement;
              const svg = f.querySelector('.main-svg');
              const w = svg ? svg.getBoundingClientRect().width : 0;
              const cs = getComputedStyle(out);
              const ow = out.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
              const mb = f.querySelector('.modebar');
              const r = mb && mb.getBoundingClientRect();
              return {{width: Math.round(w), output: Math.round(ow), ratio: ow ? w / ow : 0,
                       layout_width: f._fullLayout && f._fullLayout.width,
                       modebar: r && r.width ? [r.left, r.top, r.right, r.bottom] : null}}; }})""")


def bar_extents(p, root, figure_index: int = 0) -> list[dict]:
    """Each drawn bar of one figure: its pixel length along the value axis and its data length.

    Horizontal bars on a date axis carry their length in ms (``x``); vertical bars their value (``y``)."""
    return root.evaluate(
        f"""(root, i) => {{
              const f = ({_FIGURES})(root)[i];
              if (!f || !f.calcdata) return [];
              const out = [];
              f.calcdata.forEach((cd, t) => {{
                const tr = cd[0] && cd[0].trace;
                if (!tr || tr.type !== 'bar' || tr.visible !== true) return;
                cd.forEach((pt, j) => {{
                  const node = pt.node3 && pt.node3.node && pt.node3.node();
                  const path = node && node.querySelector('path');
                  if (!path) return;
                  const r = path.getBoundingClientRect();
                  const h = tr.orientation === 'h';
                  const data = h ? tr.x[pt.i] : tr.y[pt.i];
                  out.push({{trace: t, point: pt.i, px: h ? r.width : r.height, data: Number(data)}});
                }});
              }});
              return out; }}""", figure_index)


def overflowing(p) -> list[dict]:
    """Course widgets (and their figures) that stick out of their output to the right."""
    return p.evaluate(
        """() => [...document.querySelectorAll('.course-widget')].filter(w => w.getClientRects().length).map(w => {
              const out = w.closest('.jp-OutputArea-output') || w.parentElement;
              const o = out.getBoundingClientRect(), r = w.getBoundingClientRect();
              return {cls: [...w.classList].filter(c => c.startsWith('course-')).join(' '),
                      over: Math.round(Math.max(r.right - o.right, w.scrollWidth - w.clientWidth))};
            }).filter(x => x.over > 1)""")


def in_viewport(p, element) -> dict:
    """How much of ``element`` (a locator or element handle) is inside the notebook's visible area."""
    return p.evaluate(
        """el => {
              let box = el.closest('.jp-WindowedPanel-outer') || el.closest('.jp-Notebook');
              const v = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
              const r = el.getBoundingClientRect();
              const visible = Math.max(0, Math.min(r.bottom, v.bottom) - Math.max(r.top, v.top));
              const needed = Math.min(r.height, v.bottom - v.top);
              return {top: r.top, bottom: r.bottom, view_top: v.top, view_bottom: v.bottom,
                      shown: needed > 0 ? visible / needed : 0}; }""",
        element.element_handle() if hasattr(element, "element_handle") else element)


def wait_in_viewport(p, element, share: float = 0.6, timeout_ms: int = 10_000) -> dict:
    """Wait until at least ``share`` of ``element`` (or of the visible area, for a tall one) is in view."""
    handle = element.element_handle() if hasattr(element, "element_handle") else element
    try:
        p.wait_for_function(
            """([el, share]) => {
                  const box = el.closest('.jp-WindowedPanel-outer') || el.closest('.jp-Notebook');
                  const v = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
                  const r = el.getBoundingClientRect();
                  const visible = Math.max(0, Math.min(r.bottom, v.bottom) - Math.max(r.top, v.top));
                  const needed = Math.min(r.height, v.bottom - v.top);
                  return needed > 0 && visible / needed >= share; }""",
            arg=[handle, share], timeout=timeout_ms)
    except Exception:
        pass
    return in_viewport(p, handle)


def modebar_overlaps(p, root) -> list[dict]:
    """Text a figure's mode bar covers: tick labels, annotations, legend entries, axis titles."""
    return root.evaluate(
        f"""root => {{
              const hits = [];
              ({_FIGURES})(root).forEach((f, i) => {{
                const mb = f.querySelector('.modebar');
                if (!mb) return;
                const m = mb.getBoundingClientRect();
                if (!m.width) return;
                const texts = f.querySelectorAll('.xtick text, .ytick text, .annotation-text, .legendtext, .xtitle, .ytitle, .gtitle');
                texts.forEach(t => {{
                  const r = t.getBoundingClientRect();
                  if (!r.width) return;
                  const overlap = Math.min(r.right, m.right) - Math.max(r.left, m.left) > 1 &&
                                  Math.min(r.bottom, m.bottom) - Math.max(r.top, m.top) > 1;
                  if (overlap) hits.push({{figure: i, text: t.textContent.slice(0, 40)}});
                }});
              }});
              return hits; }}""")


def scroll_top(p, element) -> None:
    """Scroll the notebook so that ``element`` is at the top (to start an interaction from a known place)."""
    p.evaluate("el => el.scrollIntoView({block: 'start'})",
               element.element_handle() if hasattr(element, "element_handle") else element)


def set_viewport(p, width: int, height: int = 900) -> None:
    p.set_viewport_size({"width": width, "height": height})
    p.wait_for_timeout(600)  # JupyterLab and plotly redraw on resize


def shot(p, name: str) -> Path:
    """A screenshot of the visible page, kept in ``tests/e2e/artifacts/<name>.png``."""
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(path), full_page=False)
    return path


def loose_text(p, limit: float = 1.7) -> list[dict]:
    """Text blocks of course widgets whose line height exceeds ``limit`` times their font size
    (ipywidgets' 28 px label line height on small text), first ten."""
    return p.evaluate(
        """limit => {
              const out = [];
              for (const el of document.querySelectorAll('.course-widget .widget-html-content, .course-widget .widget-html-content *')) {
                if (!el.getClientRects().length || !el.textContent.trim()) continue;
                const cs = getComputedStyle(el);
                const lh = parseFloat(cs.lineHeight), fs = parseFloat(cs.fontSize);
                if (lh && fs && lh / fs > limit) out.push({tag: el.tagName, text: el.textContent.trim().slice(0, 40), ratio: lh / fs});
                if (out.length >= 10) break;
              }
              return out; }""", limit)


def clipped_lists(p) -> list[dict]:
    """Numbered lists in course widgets too narrow on the left for their largest number
    ("100." needs about 2.5 em; item 100 used to show as "00.")."""
    return p.evaluate(
        """() => [...document.querySelectorAll('.course-widget ol')].filter(ol => ol.getClientRects().length).map(ol => {
              const n = ol.children.length + (parseInt(ol.getAttribute('start') || '1') - 1);
              const cs = getComputedStyle(ol);
              const need = String(n).length * 0.62 + 0.9;  // digits and the dot, in em
              return {items: n, padding_em: parseFloat(cs.paddingLeft) / parseFloat(cs.fontSize), need,
                      style: cs.listStyleType};
            }).filter(x => x.style !== 'none' && x.padding_em < x.need)""")
