"""Where a student's self-check answers are kept between sessions.

Design: an append-only log of JSON lines, one file per writer
---------------------------------------------------------------
The store is a folder (``$COURSE_PROGRESS_DIR``, else
``~/.mediating-us-russia/progress``; in a browser-only JupyterLite kernel,
``/drive/course-progress``, which the browser keeps; where the browser keeps no
drive -- plain http from another host, a private window -- memory only, and
:attr:`ProgressStore.warning` tells the student how to keep the answers). Every Python process
that records an answer writes to its **own** file in that folder, named
``<host>-<pid>-<random token>.jsonl``, and only ever appends to it: one
attempt is one JSON object on one line, sent with a single ``write`` on a
file opened with ``O_APPEND``, then flushed and ``fsync``-ed. Reading merges
every ``*.jsonl`` file in the folder, sorts the attempts by time, and skips
(and counts, and reports in words) any line that is truncated or damaged.

Why this and not SQLite (the obvious alternative):

* **Several lesson notebooks open at once.** Each kernel writes its own
  file, so writers never share a file and never need a lock. SQLite would
  serialise them through file locks and surface ``database is locked`` to
  a kernel that waits too long.
* **JupyterHub home directories are often on NFS**, where POSIX locks are
  unreliable; the SQLite documentation warns that a database on such a file
  system can be corrupted, and its WAL mode does not work over a network
  file system at all. ``O_APPEND`` is not atomic over NFS either, which is
  exactly why each writer has its own file: NFS close-to-open consistency is
  all we rely on (the file is closed after every attempt).
* **A kernel killed mid-write** can only leave a partial last line in its
  own file. The reader skips that line and says so; every earlier attempt
  survives. No journal to replay, nothing to repair by hand.
* **JupyterLite / Pyodide.** ``sqlite3`` is not loaded by default in Pyodide
  and a database needs random-access writes and locks that the browser's
  file system emulation does not provide; appending a line and closing the
  file is the operation that the browser's drive (``/drive``) persists best.
* The files are plain text that a student or an instructor can read.

The price: a read parses every line (about 100,000 lines per second or
better, see ``bench/bench_progress.py``); reads are incremental after the
first one (only bytes appended since the last read are parsed), and a
folder accumulates one small file per kernel session that recorded
something.

Nothing here ever breaks a lesson. If the folder cannot be created or
written, the store keeps attempts in memory, and :attr:`ProgressStore.warning`
holds one message in words saying so; every later attempt tries the disk
again and first saves what memory holds, so a full disk or a network hiccup
loses nothing once it clears. Damaged lines are listed, by file and line, in
:attr:`ProgressStore.problems`.
"""

from __future__ import annotations

import errno
import json
import os
import platform
import re
import secrets
import threading
import weakref
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .location import browser_keeps_no_files, default_progress_dir
from .records import Attempt, decode, encode, normalise, time_key

__all__ = ["ProgressStore", "default_store"]

_SUFFIX = ".jsonl"
# Bounded decoding: a line longer than this is damaged, not parsed (a written answer is a few KB;
# an answer that would make a longer line is not saved, and the warning says so).
MAX_LINE_BYTES = 8 * 1024 * 1024


class _WriteFailed(Exception):
    def __init__(self, complete_lines: int, error: BaseException):
        super().__init__(str(error))
        self.complete_lines = complete_lines
        self.error = error


class _FileState:
    """What has been read from one writer's file so far."""

    __slots__ = ("ino", "size", "mtime", "offset", "lines", "entries", "bad_lines", "partial", "error")

    def __init__(self, ino: int) -> None:
        self.ino = ino
        self.size = -1
        self.mtime = -1
        self.offset = 0  # end of the last complete line consumed
        self.lines = 0  # complete lines consumed
        self.entries: list[tuple[datetime, Attempt]] = []
        self.bad_lines: list[int] = []
        self.partial = False  # the file ends with an unfinished line
        self.error = ""


def _writer_name() -> str:
    host = re.sub(r"[^A-Za-z0-9.-]", "_", platform.node() or "host")[:40] or "host"
    return f"{host}-{os.getpid()}-{secrets.token_hex(4)}{_SUFFIX}"


BROWSER_TAB_ONLY = (
    "Your answers are kept only in this browser tab and are lost when you reload or close it: this "
    "JupyterLite site cannot keep files in your browser here (it is served over plain http from "
    "another computer, or the window is private or blocks site data). To keep them, save your answers "
    "as a CSV file and download it before you leave, or open the course from its https address in a "
    "normal window, where the browser keeps your answers between visits."
)


class ProgressStore:
    """A folder of per-writer JSON-lines logs; see the module docstring for why."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self._lock = threading.RLock()
        # Attempts not (yet) on disk: all of them in memory mode; retried at every record.
        self._pending: list[tuple[datetime, Attempt]] = []
        self._memory_only = False
        self._no_path = False
        self._warning: str | None = None
        self._files: dict[str, _FileState] = {}
        self._merged: list[Attempt] | None = None
        # bank -> question -> (time key, attempt): the latest attempt per question over the files,
        # kept up to date as lines are read, so that latest() costs the same at 10 or 10**6 attempts.
        self._index: dict[str, dict[str, tuple[datetime, Attempt]]] | None = None
        self._listeners: list[weakref.ref] = []
        self._own_name: str | None = None
        self._own_pid = -1
        self._dangling = False  # a failed write may have left half a line in our file
        self._seq = 0
        try:
            self.path = Path(path).expanduser() if path is not None else default_progress_dir()
        except (RuntimeError, OSError, TypeError) as exc:  # no home directory
            self.path = Path("progress-unavailable")
            self._no_path = True
            self._go_memory(f"no folder for saving progress could be found ({exc})")
            return
        if (path is None or self.path == default_progress_dir()) and browser_keeps_no_files():
            # JupyterLite without its drive: any folder here is the tab's memory, lost at a reload.
            self._no_path = True
            self._memory_only = True
            self._set_warning_once(BROWSER_TAB_ONLY)
            return
        self._prepare()

    # ------------------------------------------------------------ public interface

    @property
    def warning(self) -> str | None:
        """One sentence when attempts are kept in memory only; None while they are saved to disk."""
        return self._warning

    @property
    def memory_only(self) -> bool:
        return self._memory_only

    @property
    def problems(self) -> tuple[str, ...]:
        """Messages in words about saved attempts that could not be read (damaged or truncated lines)."""
        with self._lock:
            self._refresh()
            out = []
            for name, state in sorted(self._files.items()):
                if state.error:
                    out.append(f"The progress file '{name}' could not be read ({state.error}); it was skipped.")
                bad = list(state.bad_lines)
                if state.partial:
                    bad.append(state.lines + 1)
                if bad:
                    shown = ", ".join(str(n) for n in bad[:10]) + (", ..." if len(bad) > 10 else "")
                    out.append(
                        f"{len(bad)} damaged or unfinished line{'s' if len(bad) != 1 else ''} in the progress "
                        f"file '{name}' (line{'s' if len(bad) != 1 else ''} {shown}) could not be read and "
                        f"{'were' if len(bad) != 1 else 'was'} skipped; every other saved answer was loaded."
                    )
            return tuple(out)

    @property
    def skipped_lines(self) -> int:
        """How many damaged or unfinished lines were skipped while reading."""
        with self._lock:
            self._refresh()
            return sum(len(s.bad_lines) + s.partial for s in self._files.values())

    def record(self, attempt: Attempt) -> None:
        """Save one attempt. Never raises.

        If the folder cannot be written, the attempt is kept in memory, :attr:`warning`
        says so, and every later record tries the disk again, first saving what was
        kept in memory (a full disk or a network hiccup loses nothing once it clears).
        """
        try:
            att = normalise(attempt)
        except Exception as exc:  # a caller's malformed record must not break a lesson
            self._set_warning_once(f"One answer could not be saved: it was not a valid attempt ({type(exc).__name__}).")
            return
        if len(att.answer) > MAX_LINE_BYTES // 6:  # \uXXXX escapes: up to 6 bytes a character
            self._set_warning_once(f"One answer could not be saved: it is longer than {MAX_LINE_BYTES // 6:,} characters.")
            return
        with self._lock:
            self._pending.append((time_key(att.time) or datetime.now(timezone.utc), att))
            self._merged = None
            if not self._no_path:
                self._flush()
        self._notify(att)

    def attempts(self, bank: str | None = None) -> list[Attempt]:
        """Every attempt saved in the folder (by any process) and in memory, oldest first."""
        with self._lock:
            self._refresh()
            if self._merged is None:
                entries = [e for s in self._files.values() for e in s.entries] + self._pending
                entries.sort(key=lambda e: e[0])
                self._merged = [a for _, a in entries]
            merged = self._merged
        if bank is None:
            return list(merged)
        return [a for a in merged if a.bank == bank]

    def latest(self, bank: str) -> dict[str, Attempt]:
        """Question id -> the most recent attempt at it in ``bank`` (incremental: no full scan)."""
        with self._lock:
            self._refresh()
            if self._index is None:
                self._index = {}
                for state in self._files.values():
                    self._index_add(state.entries)
            best = dict(self._index.get(bank, {}))
            for key, att in self._pending:
                if att.bank == bank and (att.question not in best or key >= best[att.question][0]):
                    best[att.question] = (key, att)
        return {q: a for q, (_, a) in sorted(best.items(), key=lambda item: item[1][0])}

    def _index_add(self, entries) -> None:
        index = self._index
        if index is None:
            return
        for key, att in entries:
            per_bank = index.setdefault(att.bank, {})
            old = per_bank.get(att.question)
            if old is None or key >= old[0]:
                per_bank[att.question] = (key, att)

    def on_record(self, callback: Callable[[Attempt], None]) -> None:
        """Call ``callback(attempt)`` after each record in this process (held weakly: widgets may go away)."""
        try:
            ref: weakref.ref = weakref.WeakMethod(callback)  # type: ignore[arg-type]
        except TypeError:
            ref = weakref.ref(callback)
        with self._lock:
            self._listeners.append(ref)

    def __repr__(self) -> str:
        mode = "memory only" if self._memory_only else "on disk"
        return f"ProgressStore({str(self.path)!r}, {mode})"

    # ------------------------------------------------------------ internals

    def _prepare(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._go_memory(_reason(exc))
            return
        if not self.path.is_dir():
            self._go_memory("it is not a folder")
        elif not os.access(self.path, os.W_OK | os.X_OK):
            self._go_memory("permission denied")

    def _flush(self) -> None:
        """Append every pending attempt to this writer's file; on failure keep the rest pending."""
        lines = [encode(a) for _, a in self._pending]
        try:
            if self._memory_only:
                self.path.mkdir(parents=True, exist_ok=True)
            self._append(b"".join(lines))
        except _WriteFailed as failed:
            del self._pending[: failed.complete_lines]
            self._go_memory(_reason(failed.error))
            return
        except Exception as exc:  # OSError mostly; anything else must not break a lesson either
            self._go_memory(_reason(exc))
            return
        self._pending.clear()
        if self._memory_only:
            self._memory_only = False
            self._warning = None

    def _go_memory(self, reason: str) -> None:
        self._memory_only = True
        self._set_warning_once(
            f"Your answers are kept in memory only and will be lost when the kernel stops: the progress "
            f"folder '{self.path}' cannot be written ({reason}). The course tries again at every answer; to be "
            f"safe, set COURSE_PROGRESS_DIR to a folder you can write to and restart the kernel."
        )

    def _set_warning_once(self, text: str) -> None:
        if self._warning is None:
            self._warning = text

    def _own_file(self) -> Path:
        # A forked child must not append to its parent's file: writers never share a file.
        if self._own_name is None or self._own_pid != os.getpid():
            self._own_name = _writer_name()
            self._own_pid = os.getpid()
            self._dangling = False
        return self.path / self._own_name

    def _append(self, data: bytes) -> None:
        """One write of whole lines (looping only if the OS writes less); raise _WriteFailed on failure."""
        target = self._own_file()
        prefix = b"\n" if self._dangling else b""
        buf = memoryview(prefix + data)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            written = 0
            try:
                while written < len(buf):
                    n = os.write(fd, buf[written:])
                    if n <= 0:
                        raise OSError("nothing was written")
                    written += n
            except Exception as exc:
                done = bytes(buf[:written])
                # Half a line in the file: the next write starts on a new line, so only that one line is lost.
                self._dangling = (self._dangling and written == 0) or (written > 0 and not done.endswith(b"\n"))
                complete = done[len(prefix):].count(b"\n") if written > len(prefix) else 0
                raise _WriteFailed(complete, exc) from exc
            self._dangling = False
            try:
                os.fsync(fd)
            except (OSError, AttributeError):  # Pyodide's file systems may not implement fsync
                pass
        finally:
            os.close(fd)

    def _notify(self, attempt: Attempt) -> None:
        with self._lock:
            refs = list(self._listeners)
            self._listeners = [r for r in refs if r() is not None]
        for ref in refs:
            callback = ref()
            if callback is None:
                continue
            try:
                callback(attempt)
            except Exception:  # one broken display must not stop the others or lose the attempt
                pass

    def _refresh(self) -> None:
        """Read what was appended to the folder's files since the last read."""
        try:
            entries = list(os.scandir(self.path))
        except OSError:
            return
        seen = set()
        for entry in entries:
            if not entry.name.endswith(_SUFFIX):
                continue
            seen.add(entry.name)
            try:
                if not entry.is_file():
                    continue
                st = entry.stat()
            except OSError:
                continue
            state = self._files.get(entry.name)
            if state is None or state.ino != st.st_ino or st.st_size < state.size \
                    or (st.st_size == state.size and st.st_mtime_ns != state.mtime):
                # New, replaced, shortened or rewritten in place (a student removed a damaged line):
                # read again from the start, so a stale "damaged line" note goes away.
                if state is not None:
                    self._index = None
                state = _FileState(st.st_ino)
                self._files[entry.name] = state
                self._merged = None
            state.mtime = st.st_mtime_ns
            if st.st_size == state.size:
                continue
            before = len(state.entries)
            self._read_more(Path(entry.path), state)
            self._index_add(state.entries[before:])
            state.size = st.st_size
            self._merged = None
        for name in list(self._files):
            if name not in seen:
                del self._files[name]
                self._merged = None
                self._index = None

    def _read_more(self, path: Path, state: _FileState) -> None:
        try:
            with open(path, "rb") as fh:
                fh.seek(state.offset)
                chunk = fh.read()
        except OSError as exc:
            state.error = _reason(exc)
            return
        state.error = ""
        end = chunk.rfind(b"\n")
        state.partial = end != len(chunk) - 1 and bool(chunk)
        if end < 0:
            return
        state.offset += end + 1
        lines = chunk[:end].split(b"\n")
        if not self._read_fast(lines, state):
            self._read_slow(lines, state)

    @staticmethod
    def _read_fast(lines: list[bytes], state: _FileState) -> bool:
        """Parse undamaged lines as one JSON array (one C call); False if any line needs a closer look."""
        if any(len(line) > MAX_LINE_BYTES for line in lines):
            return False
        try:
            records = json.loads(b"[" + b",".join(lines) + b"]")
        except (ValueError, RecursionError):
            return False
        if len(records) != len(lines):
            return False
        entries = []
        for obj in records:
            attempt = decode(obj)
            key = time_key(attempt.time) if attempt is not None else None
            if key is None:
                return False
            entries.append((key, attempt))
        state.entries.extend(entries)
        state.lines += len(lines)
        return True

    @staticmethod
    def _read_slow(lines: list[bytes], state: _FileState) -> None:
        for raw in lines:
            state.lines += 1
            if not raw.strip():
                continue
            attempt = None
            key = None
            try:
                if len(raw) <= MAX_LINE_BYTES:
                    attempt = decode(json.loads(raw))
            except (ValueError, RecursionError, MemoryError):
                pass
            if attempt is not None:
                key = time_key(attempt.time)
            if attempt is None or key is None:
                state.bad_lines.append(state.lines)
                continue
            state.entries.append((key, attempt))


_REASONS = {
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full: no space left on device",
    getattr(errno, "EDQUOT", -1): "your disk quota is used up: disk quota exceeded",
}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


_default: ProgressStore | None = None
_default_lock = threading.Lock()


def default_store() -> ProgressStore:
    """The process-wide store used by every widget (re-made if ``$COURSE_PROGRESS_DIR`` changes)."""
    global _default
    with _default_lock:
        try:
            wanted = default_progress_dir()
        except (RuntimeError, OSError):
            wanted = None
        if _default is None or (wanted is not None and _default.path != wanted):
            _default = ProgressStore(wanted)
        return _default

