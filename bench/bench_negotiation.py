"""Kernel-side cost of the negotiation lab's analysis: 6 issues x 5 options = 15,625 packages.

Run: ``.venv/bin/python bench/bench_negotiation.py`` (add ``--quick`` for fewer repeats).

Rows, each the median of the repeats: wall-clock ms, CPU ms of this process (the figure to trust
on a busy machine) and the ratio of wall-clock time to the target:

- *full analysis*: enumerate every package and score it for both sides, the Pareto front,
  the ZOPA and the Nash point (what the lab does when a scenario opens). Target 100 ms.
- *slider change (maths)*: a new BATNA: ZOPA, ratification filter and Nash point, the front
  reused (it does not depend on the BATNAs). Target 50 ms.
- *slider change (lab widget)*: the lab's own BATNA slider set as a student would, up to the end
  of the handler: the maths, the batched figure update, the table and the text. Widget messages
  go through a comm that JSON-encodes them, as a kernel would. Target 50 ms.
- *front, n log n check*: the front's CPU time per ``n log2 n`` at 15,625 and at 4x as many packages;
  a ratio near 1 means the sweep grows as n log n, not n^2.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import sys
import time
from pathlib import Path

import comm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class JsonComm(comm.DummyComm):
    """A comm that serialises every message like a kernel would."""

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        json.dumps(data, default=str)


comm.create_comm = lambda **kwargs: JsonComm(**kwargs)

from widgets.negotiation import analyse, package_scores, pareto_front  # noqa: E402


def synthetic_issues(issues: int = 6, options: int = 5, seed: int = 0) -> list[list[tuple[int, int]]]:
    rng = random.Random(seed)
    return [[(rng.randint(0, 20), rng.randint(0, 20)) for _ in range(options)] for _ in range(issues)]


CPU: list[float] = []  # CPU ms of each timed() call, in order: robust to other processes on a busy machine


def timed(fn, repeats: int) -> float:
    times, cpu = [], []
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    CPU.append(statistics.median(cpu))
    return statistics.median(times)


def main(argv: list[str]) -> int:
    repeats = 3 if "--quick" in argv else 11
    issues = synthetic_issues()
    ratify_issues = synthetic_issues(seed=1)

    def full():
        pts = package_scores(issues)
        return analyse(pts, (45, 45))

    pts = package_scores(issues)
    ratify = package_scores(ratify_issues)
    front = pareto_front(pts)
    batnas = iter(range(10**9))

    def slider():
        return analyse(pts, (40 + next(batnas) % 20, 45), ratify, (50, None), front=front)

    rows = [
        ("full analysis (15,625 packages)", timed(full, repeats), 100.0, CPU[-1]),
    ]
    rows.append(("slider change (maths)", timed(slider, repeats), 50.0, CPU[-1]))

    try:
        from widgets.lab import NegotiationLab
    except ImportError:
        NegotiationLab = None
    if NegotiationLab is not None:
        lab = NegotiationLab.from_points(issues, ratify_issues)
        slider_widget = lab.batna_sliders[0]
        values = iter(range(10**9))

        def move():
            slider_widget.value = slider_widget.min + (next(values) % 20)

        rows.append(("slider change (lab widget)", timed(move, repeats), 50.0, CPU[-1]))
        rows.append(("open the lab (analysis + figure + controls)", timed(
            lambda: NegotiationLab.from_points(issues, ratify_issues), max(3, repeats // 3)), None, CPU[-1]))

    big = package_scores(synthetic_issues(seed=2) + [[(1, 0), (0, 1), (2, 0), (0, 2)]])  # 4x the packages
    timed(lambda: pareto_front(pts), repeats)
    t_small = CPU[-1]
    timed(lambda: pareto_front(big), repeats)
    t_big = CPU[-1]
    n1, n2 = len(pts), len(big)
    per1 = t_small / (n1 * math.log2(n1))
    per2 = t_big / (n2 * math.log2(n2))

    print(f"{'measure':48} {'median ms':>10} {'CPU ms':>8} {'target ms':>10} {'ratio':>7}")
    for name, ms, target, cpu in rows:
        ratio = f"{ms / target:7.2f}" if target else "      -"
        print(f"{name:48} {ms:10.1f} {cpu:8.1f} {target or '-':>10} {ratio}")
    print(f"{'front at n=15,625 / n=62,500 (CPU ms)':48} {t_small:5.1f} / {t_big:.1f}")
    print(f"{'front time per n log n, 62,500 vs 15,625':48} {per2 / per1:10.2f} {'~1':>10}")
    ok = all(target is None or ms <= target for _, ms, target, _ in rows)
    print("OK" if ok else "OVER TARGET")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
