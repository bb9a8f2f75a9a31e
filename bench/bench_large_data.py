"""Large data files (issue 18): a 50 MB file in the data folder is refused at once with a size-limit
message (it took 9-11 s per loader before the limit); a file just under the limit loads in seconds.

Prints, per loader, the time to refuse a 50 MB file (the real file padded with a TOML comment or
CSV rows), and the time to load an events file of ~1.9 MB (the course's events repeated with new ids)
just under ``widgets.data.files.MAX_FILE_BYTES``.

Run: .venv/bin/python bench/bench_large_data.py
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from widgets import data as D  # noqa: E402
from widgets.data.files import MAX_FILE_BYTES  # noqa: E402

DATA = ROOT / "data"
SIZE = 50 * 1024 * 1024


def timed(label: str, fn) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    try:
        fn()
        outcome = "loaded"
    except D.DataError as exc:
        outcome = "refused: " + exc.problems[0].split(": ", 1)[-1][:70]
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<44} {took * 1000:9.1f} ms (CPU {cpu * 1000:7.1f} ms)  {outcome}")
    return took


def padded(src: Path, dst: Path) -> None:
    text = src.read_bytes()
    filler = (b"# padding\n" if src.suffix == ".toml" else b"")
    with open(dst, "wb") as f:
        f.write(text)
        if src.suffix == ".toml":
            f.write(filler * ((SIZE - len(text)) // len(filler)))
        else:
            row = text.splitlines(keepends=True)[1]
            f.write(row * ((SIZE - len(text)) // len(row)))


def main() -> int:
    print(f"size limit: {MAX_FILE_BYTES / 1e6:.1f} MB per data file")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        cases = [
            ("events/01_to_1979.toml", D.load_events),
            ("players/01_united_states.toml", D.load_players),
            ("eras.csv", D.load_eras),
            ("stakeholders.csv", D.load_stakeholders),
            ("questions/lesson01.toml", lambda f: D.load_bank("lesson01", f)),
        ]
        for name, load in cases:
            folder = Path(tmp) / name.replace("/", "_")
            shutil.copytree(DATA, folder)
            padded(DATA / name, folder / name)
            worst = max(worst, timed(f"50 MB {name}", lambda: load(folder)))

        # Just under the limit: the course's events repeated with new ids (and no cross-references).
        folder = Path(tmp) / "near-limit"
        shutil.copytree(DATA, folder)
        body = "\n".join((DATA / "events" / p.name).read_text(encoding="utf-8") for p in sorted((DATA / "events").glob("*.toml")))
        body = re.sub(r"^actors = \[.*?\]\n", "", body, flags=re.M | re.S)
        body = "\n".join(line for line in body.splitlines() if not line.startswith("[events") or line.startswith("[[events]]")
                         or line.startswith("[[events.")) + "\n"
        copies, out = 0, []
        while sum(len(b) for b in out) + len(body.encode()) < MAX_FILE_BYTES * 0.95:
            copies += 1
            out.append(re.sub(r'^id = "([^"]+)"', lambda m: f'id = "{m.group(1)}-copy{copies}"', body, flags=re.M).encode())
        (folder / "events" / "99_near_limit.toml").write_bytes(b"".join(out))
        size = (folder / "events" / "99_near_limit.toml").stat().st_size
        took = timed(f"events/99_near_limit.toml ({size / 1e6:.1f} MB)", lambda: D.load_events(folder))
    print(f"slowest refusal of a 50 MB file: {worst * 1000:.1f} ms; a file near the limit: {took:.2f} s")
    return 0 if worst < 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
