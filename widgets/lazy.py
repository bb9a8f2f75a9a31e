"""Lazy exports for the course's packages: a name is imported from its module on first use.

``import widgets`` or ``from widgets.timeline import sources_for`` must not load ipywidgets or
plotly (a lesson pays for them only when it shows a widget), so a package lists where each of
its public names lives and imports that module when the name is first asked for (PEP 562).
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, str], namespace: Mapping[str, Any]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``exports`` maps a name to its module's full name."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__
