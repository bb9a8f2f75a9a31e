"""Where the progress folder is: ``$COURSE_PROGRESS_DIR``, JupyterLite's drive, or the home directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["default_progress_dir"]

_LITE_DRIVE = Path("/drive")


def default_progress_dir() -> Path:
    """``$COURSE_PROGRESS_DIR``; in JupyterLite the browser-backed drive; else ``~/.mediating-us-russia/progress``."""
    env = os.environ.get("COURSE_PROGRESS_DIR")
    if env:
        return Path(env).expanduser()
    # Pyodide's home directory lives in memory and is lost when the page reloads;
    # /drive is JupyterLite's file browser, which the browser keeps.
    if sys.platform == "emscripten" and _LITE_DRIVE.is_dir():
        return _LITE_DRIVE / "course-progress"
    return Path.home() / ".mediating-us-russia" / "progress"
