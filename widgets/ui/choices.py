"""Keyboard-safe answer controls for the self-checks: a radio group, a checkbox group, an ordering list.

Why not ipywidgets' RadioButtons, Checkbox and Dropdown: inside a JupyterLab
notebook, keys pressed on them reach the notebook's command-mode shortcuts.
An arrow key on a radio button or on a closed dropdown moves the notebook to
another cell, and a letter typed on a dropdown inserts a cell
(jupyter-widgets/ipywidgets#3912); ipywidgets' radio inputs also share no
``name``, so arrow keys cannot move within the group as they do on any web
page. These controls are plain HTML form elements drawn by a small anywidget
module with no imports (it works offline and in JupyterLite):

* a ``<fieldset>`` whose ``<legend>`` is the control's ``description``, so a
  screen reader announces the group with its question;
* radio inputs sharing one ``name``: Tab enters the group, arrows move within it;
* checkboxes toggled with Space;
* one ``<select>`` per position for ordering, each labelled "Position N";
* ``data-lm-suppress-shortcuts`` on every input and select: Lumino runs no
  JupyterLab shortcut for a key pressed on an element that carries it (on
  an ancestor alone it is not enough: the focused element itself matches the
  notebook's ``:focus`` shortcut selectors before the ancestor is reached).

Option texts are set with ``textContent``, never as HTML. From Python each
control is driven like any ipywidget: read or assign ``.value``.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

__all__ = ["RadioGroup", "CheckboxGroup", "OrderList"]

_ESM = r"""
function render({ model, el }) {
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  el.classList.add("course-choice");
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  const body = document.createElement("div");
  fieldset.append(legend, body);
  el.append(fieldset);
  const group = "course-choice-" + Math.random().toString(36).slice(2);
  let controls = [];

  function save(value) {
    model.set("value", value);
    model.save_changes();
  }

  function build() {
    legend.textContent = model.get("description");
    const kind = model.get("kind");
    const options = model.get("options");
    body.replaceChildren();
    controls = [];
    if (kind === "order") {
      const count = (model.get("value") || []).length || options.length;
      for (let i = 0; i < count; i++) {
        const row = document.createElement("label");
        row.className = "course-choice-row";
        const text = document.createElement("span");
        text.textContent = "Position " + (i + 1) + " ";
        const select = document.createElement("select");
        select.setAttribute("data-lm-suppress-shortcuts", "true");
        for (const option of options) {
          const item = document.createElement("option");
          item.value = option;
          item.textContent = option;
          select.append(item);
        }
        select.addEventListener("change", () => {
          const value = [...(model.get("value") || [])];
          value[i] = select.value;
          save(value);
        });
        row.append(text, select);
        body.append(row);
        controls.push(select);
      }
    } else {
      for (const option of options) {
        const row = document.createElement("label");
        row.className = "course-choice-row";
        const input = document.createElement("input");
        input.type = kind === "radio" ? "radio" : "checkbox";
        input.setAttribute("data-lm-suppress-shortcuts", "true");
        input.name = group;
        input.value = option;
        input.addEventListener("change", () => {
          if (kind === "radio") {
            if (input.checked) save(option);
          } else {
            save(options.filter((_, j) => controls[j].checked));
          }
        });
        const text = document.createElement("span");
        text.textContent = option;
        row.append(input, text);
        body.append(row);
        controls.push(input);
      }
    }
    sync();
  }

  // Only the checked states change on a new value: rebuilding would drop the keyboard focus.
  function sync() {
    const kind = model.get("kind");
    const value = model.get("value");
    const disabled = model.get("disabled");
    controls.forEach((control, i) => {
      control.disabled = disabled;
      if (kind === "order") {
        control.value = (value || [])[i] ?? "";
      } else if (kind === "radio") {
        control.checked = value === control.value;
      } else {
        control.checked = (value || []).includes(control.value);
      }
    });
  }

  model.on("change:options", build);
  model.on("change:kind", build);
  model.on("change:description", () => { legend.textContent = model.get("description"); });
  model.on("change:value", () => {
    if (model.get("kind") === "order" && (model.get("value") || []).length !== controls.length) build();
    else sync();
  });
  model.on("change:disabled", sync);
  build();
  return () => {
    model.off("change:options", build);
    model.off("change:kind", build);
  };
}
export default { render };
"""

_CSS = """
.course-choice fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.course-choice legend { padding: 0; margin-bottom: 0.25em; font-weight: 600; }
.course-choice .course-choice-row { display: flex; align-items: baseline; gap: 0.5em; padding: 0.15em 0;
  line-height: 1.4; cursor: pointer; }
.course-choice .course-choice-row input { flex: none; margin: 0; }
.course-choice select { max-width: 100%; font: inherit; }
.course-choice :focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
"""


class _Choices(anywidget.AnyWidget):
    _esm = _ESM
    _css = _CSS
    kind = traitlets.Unicode("radio").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, options: list[str] | tuple[str, ...] = (), **kwargs: Any):
        super().__init__(options=list(options), **kwargs)


class RadioGroup(_Choices):
    """Pick one option; ``value`` is the option's text or None."""

    kind = traitlets.Unicode("radio").tag(sync=True)
    value = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    @traitlets.validate("value")
    def _valid(self, proposal: dict) -> str | None:
        value = proposal["value"]
        if value is not None and value not in self.options:
            raise traitlets.TraitError(f"{value!r} is not one of the options")
        return value


class CheckboxGroup(_Choices):
    """Pick any number of options; ``value`` lists the chosen texts in the order shown."""

    kind = traitlets.Unicode("checkbox").tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)

    @traitlets.validate("value")
    def _valid(self, proposal: dict) -> list[str]:
        chosen = set(proposal["value"])
        unknown = chosen - set(self.options)
        if unknown:
            raise traitlets.TraitError(f"{sorted(unknown)[0]!r} is not one of the options")
        return [o for o in self.options if o in chosen]


class OrderList(_Choices):
    """One choice of item per position; ``value`` is the items by position (an item may repeat)."""

    kind = traitlets.Unicode("order").tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)

    @traitlets.validate("value")
    def _valid(self, proposal: dict) -> list[str]:
        value = list(proposal["value"])
        unknown = [v for v in value if v not in self.options]
        if unknown:
            raise traitlets.TraitError(f"{unknown[0]!r} is not one of the items")
        if self.options and len(value) != len(self.options):
            raise traitlets.TraitError(f"expected {len(self.options)} positions, got {len(value)}")
        return value
