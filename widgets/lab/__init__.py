"""The negotiation lab of lesson 3.

:mod:`.model` (pure: the lab's state, verdicts, the one-sentence summary and the table) and
:mod:`.view` (:class:`NegotiationLab`, the ipywidgets/plotly front end). The view is imported
lazily, so ``from widgets.lab import LabModel`` loads neither ipywidgets nor plotly.
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

from .model import LabModel, Verdict, fmt

_VIEWS = {"NegotiationLab": "widgets.lab.view", "build_figure": "widgets.lab.view"}

__all__ = ["LabModel", "Verdict", "fmt", *_VIEWS]

__getattr__, __dir__ = lazy_exports(__name__, _VIEWS, globals())
