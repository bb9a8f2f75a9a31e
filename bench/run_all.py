"""Course benchmarks: one command (`make bench`), not part of the tests.

Prints, in one run:
  * the floor: a fresh kernel starting and executing an empty notebook;
  * each lesson's fresh-kernel run-all time and its ratio to the floor (target <= 2x);
  * the kernel's CPU time (user + system, start to end of the run) and its ratio to the floor's:
    on a shared, busy host wall-clock ratios swing by +-0.5 from run to run, CPU ratios hardly;
  * kernel memory (RSS) after each lesson and its ratio to an idle kernel (target <= 2x);
  * `import widgets` time in a fresh interpreter;
  * notebook sizes;
then runs every other bench/bench_*.py script (widget-level benchmarks).

Each kernel measurement is repeated (--repeat, default 5) and the median is reported. The floor
is measured alternately with each lesson, so that a machine whose speed drifts during the run
(shared CI hosts do) compares each lesson with the floor of its own moment. One untimed warm-up
run precedes the timed ones, and kernels use Python's normal bytecode cache, as on a student's
machine (some hosts set PYTHONDONTWRITEBYTECODE globally, which recompiles the course's modules
in every kernel).
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


def run_fresh(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, int, float]:
    """Start a fresh kernel, run every cell; return (seconds, kernel RSS in bytes after the run,
    kernel CPU seconds: user + system from its start to the end of the run)."""
    km = KernelManager(kernel_name="python3")
    client = NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    with client.setup_kernel():
        client.execute()  # reuses the kernel set up above
        elapsed = time.perf_counter() - start
        pid = km.provisioner.process.pid  # type: ignore[union-attr]
        kernel = psutil.Process(pid)
        rss = kernel.memory_info().rss
        cpu = kernel.cpu_times()
    return elapsed, rss, cpu.user + cpu.system


def empty_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def median_run(nb: nbformat.NotebookNode, cwd: Path, repeat: int) -> tuple[float, int]:
    times, rss = [], []
    for _ in range(repeat):
        t, r, _cpu = run_fresh(nbformat.from_dict(nb), cwd)  # a copy: execution writes outputs into it
        times.append(t)
        rss.append(r)
    return statistics.median(times), int(statistics.median(rss))


def import_time(repeat: int) -> float:
    code = "import time; t=time.perf_counter(); import widgets; print(time.perf_counter()-t)"
    runs = [float(subprocess.check_output([sys.executable, "-c", code], cwd=ROOT, text=True)) for _ in range(repeat)]
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description="Course benchmarks")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lessons-only", action="store_true", help="skip the bench_*.py scripts")
    parser.add_argument("lessons", nargs="*", type=Path, help="lessons to measure (default: all)")
    args = parser.parse_args()

    progress = tempfile.TemporaryDirectory(prefix="bench-progress-")
    os.environ["COURSE_PROGRESS_DIR"] = progress.name
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    empty = empty_notebook()
    run_fresh(nbformat.from_dict(empty), ROOT / "lessons")  # warm-up
    floor, idle = median_run(empty, ROOT / "lessons", args.repeat)
    print(f"Kernel floor (fresh kernel, empty notebook): {floor:.2f} s, idle kernel RSS {idle / 2**20:.0f} MiB")
    print(f"median of {args.repeat} runs each; each lesson against a floor measured alternately with it\n")
    header = (f"{'lesson':32} {'run-all s':>9} {'floor s':>8} {'x floor':>8} {'CPU s':>6} {'x CPU':>6} "
              f"{'RSS MiB':>8} {'x idle':>7} {'size KB':>8}")
    print(header)
    print("-" * len(header))
    worst_t = worst_m = worst_c = 0.0
    for path in args.lessons or LESSONS:
        path = path.resolve()
        nb = nbformat.read(path, as_version=4)
        try:
            run_fresh(nbformat.from_dict(nb), path.parent)  # warm-up
            lesson_t, lesson_m, lesson_c, floor_t, floor_m, floor_c = [], [], [], [], [], []
            for _ in range(args.repeat):
                t, m, c = run_fresh(nbformat.from_dict(empty), path.parent)
                floor_t.append(t)
                floor_m.append(m)
                floor_c.append(c)
                t, m, c = run_fresh(nbformat.from_dict(nb), path.parent)
                lesson_t.append(t)
                lesson_m.append(m)
                lesson_c.append(c)
        except Exception as exc:  # a broken lesson is reported, the others are still measured
            print(f"{path.name:32} failed: {type(exc).__name__}: {str(exc).splitlines()[0][:80]}")
            continue
        t, f = statistics.median(lesson_t), statistics.median(floor_t)
        rss, idle_here = statistics.median(lesson_m), statistics.median(floor_m)
        cpu, cpu_floor = statistics.median(lesson_c), statistics.median(floor_c)
        worst_t, worst_m = max(worst_t, t / f), max(worst_m, rss / idle_here)
        worst_c = max(worst_c, cpu / cpu_floor)
        print(f"{path.name:32} {t:9.2f} {f:8.2f} {t / f:8.2f} {cpu:6.2f} {cpu / cpu_floor:6.2f} "
              f"{rss / 2**20:8.0f} {rss / idle_here:7.2f} {path.stat().st_size / 1024:8.1f}")
    print(f"\nWorst run-all / floor: {worst_t:.2f} (target <= 2.00); worst RSS / idle: {worst_m:.2f} (target <= 2.00)")
    print(f"Worst kernel CPU / floor's: {worst_c:.2f} (the floor kernel's own CPU is its start-up)")
    print(f"`import widgets` in a fresh interpreter: {import_time(args.repeat) * 1000:.1f} ms")

    if not args.lessons_only:
        for script in sorted(Path(__file__).parent.glob("bench_*.py")):
            print(f"\n=== {script.name} ===", flush=True)
            subprocess.run([sys.executable, str(script)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
