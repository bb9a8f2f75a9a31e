"""The negotiation lab of lesson 3.

:mod:`.model` (pure: the lab's state, verdicts, the one-sentence summary and the table) and
:mod:`.view` (:class:`NegotiationLab`, the ipywidgets/plotly front end). The view is imported
lazily, so ``from widgets.lab import LabModel`` loads neither ipywidgets nor plotly.
"""

from __future__ import annotations

import importlib

from .model import LabModel, Verdict, fmt

_VIEWS = {"NegotiationLab": "widgets.lab.view", "build_figure": "widgets.lab.view"}

__all__ = ["LabModel", "Verdict", "fmt", *_VIEWS]


def __getattr__(name: str):
    module = _VIEWS.get(name)
    if module is None:
        raise AttributeError(f"module 'widgets.lab' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
