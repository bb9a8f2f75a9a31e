"""Course benchmarks: one command (`make bench`), not part of the tests.

Prints, in one run:
  * the floor: a fresh kernel starting and executing an empty notebook;
  * each lesson's fresh-kernel run-all time and its ratio to the floor (target <= 2x);
  * kernel memory (RSS) after each lesson and its ratio to an idle kernel (target <= 2x);
  * `import widgets` time in a fresh interpreter;
  * notebook sizes;
then runs every other bench/bench_*.py script (widget-level benchmarks).

Each kernel measurement is repeated (--repeat, default 3) and the median is reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


def run_fresh(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, int]:
    """Start a fresh kernel, run every cell; return (seconds, kernel RSS in bytes after the run)."""
    km = KernelManager(kernel_name="python3")
    client = NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        client.execute()  # reuses the kernel set up above
        elapsed = time.perf_counter() - start
        pid = km.provisioner.process.pid  # type: ignore[union-attr]
        rss = psutil.Process(pid).memory_info().rss
    return elapsed, rss


def empty_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def median_run(nb: nbformat.NotebookNode, cwd: Path, repeat: int) -> tuple[float, int]:
    times, rss = [], []
    for _ in range(repeat):
        t, r = run_fresh(nbformat.from_dict(nb), cwd)  # a copy: execution writes outputs into it
        times.append(t)
        rss.append(r)
    return statistics.median(times), int(statistics.median(rss))


def import_time(repeat: int) -> float:
    code = "import time; t=time.perf_counter(); import widgets; print(time.perf_counter()-t)"
    runs = [float(subprocess.check_output([sys.executable, "-c", code], cwd=ROOT, text=True)) for _ in range(repeat)]
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description="Course benchmarks")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lessons-only", action="store_true", help="skip the bench_*.py scripts")
    parser.add_argument("lessons", nargs="*", type=Path, help="lessons to measure (default: all)")
    args = parser.parse_args()

    progress = tempfile.TemporaryDirectory(prefix="bench-progress-")
    os.environ["COURSE_PROGRESS_DIR"] = progress.name

    floor, idle = median_run(empty_notebook(), ROOT / "lessons", args.repeat)
    print(f"Kernel floor (fresh kernel, empty notebook): {floor:.2f} s, idle kernel RSS {idle / 2**20:.0f} MiB")
    print(f"median of {args.repeat} runs each\n")
    header = f"{'lesson':32} {'run-all s':>9} {'x floor':>8} {'RSS MiB':>8} {'x idle':>7} {'size KB':>8}"
    print(header)
    print("-" * len(header))
    worst_t = worst_m = 0.0
    for path in args.lessons or LESSONS:
        path = path.resolve()
        nb = nbformat.read(path, as_version=4)
        try:
            t, rss = median_run(nb, path.parent, args.repeat)
        except Exception as exc:  # a broken lesson is reported, the others are still measured
            print(f"{path.name:32} failed: {type(exc).__name__}: {str(exc).splitlines()[0][:80]}")
            continue
        worst_t, worst_m = max(worst_t, t / floor), max(worst_m, rss / idle)
        print(f"{path.name:32} {t:9.2f} {t / floor:8.2f} {rss / 2**20:8.0f} {rss / idle:7.2f} "
              f"{path.stat().st_size / 1024:8.1f}")
    print(f"\nWorst run-all / floor: {worst_t:.2f} (target <= 2.00); worst RSS / idle: {worst_m:.2f} (target <= 2.00)")
    print(f"`import widgets` in a fresh interpreter: {import_time(args.repeat) * 1000:.1f} ms")

    if not args.lessons_only:
        for script in sorted(Path(__file__).parent.glob("bench_*.py")):
            print(f"\n=== {script.name} ===", flush=True)
            subprocess.run([sys.executable, str(script)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
