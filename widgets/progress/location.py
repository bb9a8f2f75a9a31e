"""Where the progress folder is: ``$COURSE_PROGRESS_DIR``, JupyterLite's drive, or the home directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["default_progress_dir", "browser_keeps_no_files"]

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


def browser_keeps_no_files() -> bool:
    """True in a JupyterLite kernel that has no browser-kept drive and no ``$COURSE_PROGRESS_DIR``.

    JupyterLite mounts ``/drive`` (its file browser, kept in the browser's storage) only where the
    page may run a service worker: over https, on localhost, outside private windows. Elsewhere
    Pyodide's files, the home directory included, live in the tab's memory and are gone at the
    next reload, so the progress store must not claim to save anything.
    """
    return sys.platform == "emscripten" and not os.environ.get("COURSE_PROGRESS_DIR") and not _LITE_DRIVE.is_dir()
