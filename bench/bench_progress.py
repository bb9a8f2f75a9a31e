"""Progress store benchmark: recording attempts and loading a large store.

Prints:
  * the time to record 1,000 attempts one by one (each one open + write + fsync + close,
    as a student's clicks do), on the disk holding the temporary folder;
  * the time to load a store holding 100,000 attempts (spread over 100 writer files,
    as 100 kernel sessions would leave them): a fresh store's first read, a re-read
    with nothing new, and a re-read after another writer appended 1,000 attempts;
  * the time to build the self-check widget of a bank against that store.
  * (issue 18) a store of 1,000,000 attempts with CourseProgress and a SelfCheck shown: the first
    read, and what one more answer costs (record + both widgets following it; budget 50 ms).

Run: .venv/bin/python bench/bench_progress.py [--folder DIR] [--no-million] (DIR: e.g. an NFS home to measure there).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from widgets.progress import Attempt, ProgressStore  # noqa: E402
from widgets.progress.records import encode as _encode  # noqa: E402


def attempt(i: int) -> Attempt:
    sec = i % 60
    return Attempt(f"lesson{i % 7:02d}", f"q{i % 25}", f"answer {i}", i % 3 == 0, (i % 4) / 3, f"2026-11-24T10:{(i // 60) % 60:02d}:{sec:02d}.{i % 1_000_000:06d}+00:00")


def timed(label: str, fn, per: int | None = None):
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    extra = f"  ({took / per * 1e6:.0f} µs each)" if per else ""
    print(f"{label:<62} {took * 1000:9.1f} ms{extra}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", help="a folder to benchmark in (default: a temporary folder)")
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000-attempt store (131 MiB, ~40 s)")
    args = parser.parse_args()
    if args.folder:
        return run(Path(args.folder))
    with tempfile.TemporaryDirectory(prefix="bench-progress-") as folder:
        return run(Path(folder))


def run(base: Path) -> int:

    rec = ProgressStore(base / "record")

    def record_1000():
        for i in range(1000):
            rec.record(attempt(i))

    timed("record 1,000 attempts (write + fsync each)", record_1000, per=1000)
    assert len(rec.attempts()) == 1000 and rec.warning is None

    big = base / "load"
    big.mkdir(parents=True, exist_ok=True)
    for f in range(100):
        lines = b"".join(_encode(attempt(f * 1000 + i)) for i in range(1000))
        (big / f"host-{f}-{f:08x}.jsonl").write_bytes(lines)
    size = sum(p.stat().st_size for p in big.iterdir())
    print(f"store: 100,000 attempts in 100 files, {size / 2**20:.1f} MiB")

    store = ProgressStore(big)
    got = timed("load 100,000 attempts (fresh store, first read)", store.attempts)
    assert len(got) == 100_000 and store.skipped_lines == 0
    timed("re-read with nothing new", store.attempts)
    other = ProgressStore(big)
    for i in range(1000):
        other.record(attempt(200_000 + i))
    got = timed("re-read after another writer appended 1,000", store.attempts)
    assert len(got) == 101_000
    timed("latest('lesson03') on 101,000 attempts", lambda: store.latest("lesson03"))

    from widgets.selfcheck import SelfCheck

    timed("SelfCheck.from_bank('lesson00') on a fresh 101,000-attempt store", lambda: SelfCheck.from_bank("lesson00", store=ProgressStore(big)))
    if not args_million():
        return 0
    return million(base)


def args_million() -> bool:
    return "--no-million" not in sys.argv


def million(base: Path) -> int:
    """Issue 18: a store of 1,000,000 attempts while CourseProgress and a SelfCheck are shown; one
    more answer (record + every listener: the progress table and the self-check) must cost <= 50 ms."""
    from widgets.data import load_bank
    from widgets.selfcheck import CourseProgress, SelfCheck

    huge = base / "million"
    huge.mkdir(parents=True, exist_ok=True)
    banks = ["lesson01", "lesson02", "lesson03", "lesson04"]
    qids = {b: [q.id for q in load_bank(b).questions] for b in banks}
    for f in range(100):
        lines = []
        for i in range(10_000):
            n = f * 10_000 + i
            b = banks[n % len(banks)]
            a = attempt(n)
            lines.append(_encode(Attempt(b, qids[b][n % len(qids[b])], "1", n % 2 == 0, 1.0, a.time)))
        (huge / f"host-{f}-{f:08x}.jsonl").write_bytes(b"".join(lines))
    size = sum(p.stat().st_size for p in huge.iterdir())
    print(f"store: 1,000,000 attempts in 100 files, {size / 2**20:.1f} MiB")
    store = ProgressStore(huge)
    timed("first read of 1,000,000 attempts (attempts())", store.attempts)
    timed("latest('lesson01') after the first read", lambda: store.latest("lesson01"))
    progress = timed("CourseProgress on the 1,000,000-attempt store", lambda: CourseProgress(store=store))
    check = timed("SelfCheck.from_bank('lesson01') on it", lambda: SelfCheck.from_bank("lesson01", store=store))
    costs = []
    for i in range(20):
        start = time.perf_counter()
        store.record(Attempt("lesson01", qids["lesson01"][i % len(qids["lesson01"])], "1", True, 1.0,
                             f"2026-12-01T00:00:{i:02d}.000000+00:00"))
        costs.append(time.perf_counter() - start)
    costs.sort()
    print(f"{'one answer with CourseProgress + SelfCheck shown (median of 20)':<62} {costs[10] * 1000:9.1f} ms"
          f"  (max {costs[-1] * 1000:.1f} ms; budget 50 ms)")
    assert progress.rows and check is not None
    return 0 if costs[10] <= 0.050 else 1


if __name__ == "__main__":
    sys.exit(main())
