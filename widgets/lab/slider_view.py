"""A labelled, keyboard-safe number slider for the lab's BATNAs and ratification thresholds.

ipywidgets' FloatSlider draws its handle with noUiSlider and gives it no accessible name (axe:
aria-input-field-name, serious), and ipywidgets offers no way to pass one; re-ranged, its front end
can also send an old value back. A native ``<input type="range">`` with a ``<label>`` and an
``<output>`` is named for screen readers, operable with arrows, Page Up/Down and Home/End, and
keeps JupyterLab's notebook shortcuts away from those keys (the same approach as the timeline's
year range). From Python it is driven like any ipywidget: read or assign ``.value``.
"""

from __future__ import annotations

import anywidget
import traitlets

__all__ = ["LabeledSlider"]

_ESM = """
function render({ model, el }) {
  const uid = Math.random().toString(36).slice(2);
  const row = document.createElement("div");
  row.setAttribute("data-lm-suppress-shortcuts", "true");
  row.style.cssText = "display:flex;flex-wrap:wrap;align-items:center;gap:0.2em 0.6em;margin:3px 0";
  const input = document.createElement("input");
  input.type = "range";
  input.id = `course-slider-${uid}`;
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  input.style.cssText = "flex:1 1 12em;max-width:24em;min-width:8em";
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.style.cssText = "min-width:14em";
  const out = document.createElement("output");
  out.htmlFor = input.id;
  out.style.cssText = "min-width:3em;font-variant-numeric:tabular-nums";
  input.addEventListener("keydown", (event) => event.stopPropagation());
  input.addEventListener("input", () => {
    out.textContent = input.value;
    model.set("value", Number(input.value));
    model.save_changes();
  });
  const sync = () => {
    label.textContent = model.get("description");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    out.textContent = model.get("value");
  };
  for (const name of ["value", "min", "max", "step", "description", "disabled"]) model.on(`change:${name}`, sync);
  sync();
  row.append(label, input, out);
  el.append(row);
}
export default { render };
"""


class LabeledSlider(anywidget.AnyWidget):
    """A number from ``min`` to ``max`` in steps of ``step``, with a visible, accessible label."""

    _esm = _ESM
    value = traitlets.Float(0.0).tag(sync=True)
    min = traitlets.Float(0.0).tag(sync=True)
    max = traitlets.Float(100.0).tag(sync=True)
    step = traitlets.Float(1.0).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, value: float = 0.0, min: float = 0.0, max: float = 100.0, **kwargs):
        super().__init__(min=min, max=max, **kwargs)
        self.value = value

    @traitlets.validate("value")
    def _clamped(self, proposal) -> float:
        return float(min(max(proposal["value"], self.min), self.max))
