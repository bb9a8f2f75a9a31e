"""Browser-side timings per lesson, from a real JupyterLab in headless Chromium.

Runs the browser tests (tests/e2e), which record, per lesson, the time from opening the notebook
(fresh kernel, Run All) to every widget rendered, and from a student's action (a search, a Check
click) to the visible update after the kernel's answer; then prints them as a table, with the
browser floor: the same JupyterLab opening an empty notebook (fresh kernel, Run All), and each
lesson's open→rendered time against it.

    python bench/bench_browser.py            # every lesson
    python bench/bench_browser.py -k "01 or 02"   # some lessons (a pytest -k expression; the floor always runs)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMINGS = ROOT / "tests" / "e2e" / "artifacts" / "timings.json"


def main() -> int:
    TIMINGS.unlink(missing_ok=True)
    select = "runs_renders_and_responds or browser_floor"
    if len(sys.argv) > 2 and sys.argv[1] == "-k":
        select = f"browser_floor or (runs_renders_and_responds and ({sys.argv[2]}))"
    run = subprocess.run([sys.executable, "-m", "pytest", "tests/e2e/test_lessons.py", "tests/e2e/test_drawn.py",
                          "-q", "-p", "no:randomly", "-k", select],
                         cwd=ROOT, capture_output=True, text=True)
    if not TIMINGS.exists():
        print("No browser timings: the browser tests did not run.\n" + run.stdout[-1500:])
        return 1
    data = json.loads(TIMINGS.read_text())
    floor = data.pop("_floor", {}).get("open_to_rendered_s")
    if floor:
        print(f"Browser floor (the same JupyterLab opening an empty notebook, Run All): {floor:.2f} s\n")
    kinds = sorted({k for row in data.values() for k in row if k != "open_to_rendered_s"})
    header = f"{'lesson':24} {'open→rendered s':>16} {'x floor':>8} " + " ".join(f"{k.replace('_click_to_update_s', '').replace('course-', '') + ' click→update s':>24}" for k in kinds)
    print(header)
    print("-" * len(header))
    for lesson, row in sorted(data.items()):
        cells = " ".join(f"{row[k]:24.3f}" if k in row else f"{'—':>24}" for k in kinds)
        rendered = row.get("open_to_rendered_s", float("nan"))
        ratio = f"{rendered / floor:8.2f}" if floor else f"{'—':>8}"
        print(f"{lesson:24} {rendered:16.2f} {ratio} {cells}")
    print(f"(browser tests: {run.stdout.strip().splitlines()[-1] if run.stdout.strip() else 'no output'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
