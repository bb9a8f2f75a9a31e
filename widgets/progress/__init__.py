"""Where a student's answers are kept between sessions: a folder of append-only JSON-lines logs.

- ``records``: :class:`Attempt` and its line in a file (encode, decode, coerce); pure.
- ``location``: :func:`default_progress_dir` (``$COURSE_PROGRESS_DIR``, JupyterLite's drive, home).
- ``store``: :class:`ProgressStore` (one file per writer, incremental reads, memory fallback)
  and :func:`default_store`; its docstring explains the design.

No widget library is imported here: the self-checks and activities that record attempts are views elsewhere.
"""

from __future__ import annotations

from .location import default_progress_dir
from .records import Attempt, now_iso
from .store import ProgressStore, default_store

__all__ = [
    "Attempt",
    "ProgressStore",
    "default_store",
    "default_progress_dir",
    "now_iso",
]
