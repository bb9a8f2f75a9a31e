"""Makes the lab's chart as wide as its output (an invisible helper, anywidget).

plotly draws a FigureWidget once, when the browser attaches it; during "Run all" the output may
have no width yet, so the chart keeps plotly's default 700 px even though it is ``autosize`` and
``responsive``. plotly.js re-measures a responsive figure on a window resize event: this element
sends one when the lab's width changes (a sidebar opened or closed, the window resized), a few
times after it is drawn, and whenever ``tick`` changes (a new scenario).
"""

from __future__ import annotations

import anywidget
import traitlets

__all__ = ["Refit"]


class Refit(anywidget.AnyWidget):
    _esm = r"""
    function render({ model, el }) {
      el.style.display = "none";
      const target = el.closest(".course-lab") || el.parentElement;
      let timers = [];
      const fire = () => window.dispatchEvent(new Event("resize"));
      const soon = () => {
        timers.forEach(clearTimeout);
        timers = [50, 300, 1000, 2500].map((ms) => setTimeout(fire, ms));
      };
      let width = 0;
      const observer = new ResizeObserver((entries) => {
        const w = Math.round(entries[0].contentRect.width);
        if (w !== width) { width = w; soon(); }
      });
      if (target) observer.observe(target);
      model.on("change:tick", soon);
      soon();
      return () => { observer.disconnect(); timers.forEach(clearTimeout); };
    }
    export default { render };
    """
    tick = traitlets.Int(0).tag(sync=True)
