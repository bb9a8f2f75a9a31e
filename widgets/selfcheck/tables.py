"""Inline styles of the HTML tables (course progress, class summary): widget HTML gets no table styles from JupyterLab."""

from __future__ import annotations

from ..ui.style import TEXT_STYLE

__all__ = ["TABLE", "CELL", "CELL_TH", "CELL_NUM"]


TABLE = f"border-collapse:collapse;{TEXT_STYLE}"
CELL = "padding:0.2em 0.8em;border-bottom:1px solid #ccc;text-align:left;vertical-align:top"
CELL_TH = CELL + ";font-weight:bold;border-bottom:2px solid #555"
CELL_NUM = CELL + ";text-align:right"
