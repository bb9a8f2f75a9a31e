"""Load time of the JupyterLite site (``make lite``) in headless Chromium, offline, and where it goes.

    .venv/bin/python bench/bench_lite.py [--repeat 2] [--lessons 00 01]

For each lesson: a **first visit** (fresh browser profile: nothing cached, no service worker)
and a **return visit** (same profile, page opened again), each measured as a student experiences
it: open the lesson → the kernel is ready → Run All → the first course widget is on screen →
every widget and figure is rendered. Targets (issue 16): open → first widget ≤ 10 s, lesson 01
fully rendered ≤ 15 s.

Where the time goes, from the kernel's own clock (the Pyodide worker's ``performance`` origin and
the times its files were unpacked): page → worker start (JupyterLab's front end loading), Pyodide
start-up (WebAssembly, standard library, fetching the wheels), unpacking the preloaded packages,
importing the kernel (IPython), then the lesson's own cells. Bytes are counted by the server, so
the worker's and the service worker's requests count too. The site's size and build time come from
``_output/lite/build-info.json``.

Results: printed, and written to ``bench/results/lite.json``. Not part of the tests; the same
harness as ``tests/e2e/test_lite.py`` (which builds the site first if it is stale).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_FLAGS, _free_port, chromium_path  # noqa: E402
from tests.e2e.test_lite import INSECURE_HOST, SERVER, SITE, kernel_run, open_and_run  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "lite.json"
TARGETS = {"first_widget_s": 10.0, "rendered_s": 15.0}

# The test server, counting the bytes of every response body in a log (one "path<TAB>bytes" line each).
COUNTING = SERVER.replace(
    "class Handler(SimpleHTTPRequestHandler):",
    """import shutil
counts = open(sys.argv[3], "a", buffering=1)

class Handler(SimpleHTTPRequestHandler):
    def copyfile(self, source, outputfile):
        start = source.tell()
        shutil.copyfileobj(source, outputfile)
        counts.write(f"{self.path}\\t{source.tell() - start}\\n")
""").replace("        self.wfile.write(body)\n", "        self.wfile.write(body)\n        counts.write(f\"{self.path}\\t{len(body)}\\n\")\n")

BREAKDOWN = """
import json, os, time, importlib.metadata as md, js
origin = js.performance.timeOrigin
unpacked = sorted(os.stat(d._path).st_mtime * 1000 - origin for d in md.distributions())
print(json.dumps({"worker_origin_ms": origin, "first_unpacked_ms": unpacked[0], "last_unpacked_ms": unpacked[-1]}))
"""


def served_bytes(log: Path, since: int) -> tuple[int, int, dict[str, int]]:
    lines = log.read_text().splitlines()[since:]
    per_kind: dict[str, int] = {}
    total = 0
    for line in lines:
        path, _, n = line.rpartition("\t")
        size = int(n)
        total += size
        path = path.split("?")[0]
        kind = ("pyodide runtime" if "/static/pyodide/pyodide" in path or "python_stdlib" in path else
                "python wheels" if path.endswith(".whl") else
                "plotly widget bundle" if "plotly-widget" in path else
                "front-end extensions" if path.startswith("/extensions/") else
                "JupyterLab app" if path.startswith(("/build/", "/lab/")) else "other")
        per_kind[kind] = per_kind.get(kind, 0) + size
    return len(log.read_text().splitlines()), total, per_kind


def browser_cpu(exclude: int) -> dict[int, float]:
    """CPU seconds used so far by each of the browser's processes (every descendant but the server).

    The machine may be shared: wall-clock times then grow with the load, CPU time much less, so the
    report gives both.
    """
    import psutil

    out = {}
    for proc in psutil.Process().children(recursive=True):
        if proc.pid == exclude:
            continue
        try:
            t = proc.cpu_times()
            out[proc.pid] = t.user + t.system
        except psutil.Error:
            pass
    return out


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two snapshots, over the processes alive at the second (new ones count whole)."""
    return sum(max(0.0, t - before.get(pid, 0.0)) for pid, t in after.items())


def visit(page, url: str, log: Path, mark: int, server_pid: int) -> tuple[dict, int]:
    cpu = browser_cpu(server_pid)
    timings = open_and_run(page, url)
    timings["browser_cpu_s"] = cpu_used(cpu, browser_cpu(server_pid))
    raw = json.loads(kernel_run(page, BREAKDOWN).strip().splitlines()[-1])
    page_origin = page.evaluate("() => performance.timeOrigin")
    worker_start = (raw["worker_origin_ms"] - page_origin) / 1000
    bundle = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => e.name.includes('plotly-widget')).map(e => e.duration / 1000)[0] ?? null""")
    mark_after, total, kinds = served_bytes(log, mark)
    timings.update({
        "front_end_to_worker_s": worker_start,
        "pyodide_start_and_fetch_s": raw["first_unpacked_ms"] / 1000,
        "unpack_packages_s": (raw["last_unpacked_ms"] - raw["first_unpacked_ms"]) / 1000,
        "kernel_import_s": timings["kernel_ready_s"] - worker_start - raw["last_unpacked_ms"] / 1000,
        "cells_to_first_widget_s": timings["first_widget_s"] - timings["kernel_ready_s"],
        "plotly_bundle_fetch_s": bundle,
        "transfer_mib": total / 2**20,
        "transfer_by_kind_mib": {k: round(v / 2**20, 2) for k, v in sorted(kinds.items())},
    })
    return timings, mark_after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="JupyterLite load-time benchmark")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--lessons", nargs="*", default=["00", "01"])
    args = parser.parse_args(argv)
    chromium = chromium_path()
    if chromium is None:
        print("bench_lite: Chromium not found (apt-get install chromium); skipped")
        return 0
    build = subprocess.run([sys.executable, str(ROOT / "tools" / "build_lite.py"), "--if-stale"], cwd=ROOT)
    if build.returncode:
        return build.returncode
    info = json.loads((SITE / "build-info.json").read_text())
    lessons = [next(ROOT.glob(f"lessons/{n}_*.ipynb")).name for n in args.lessons]

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "served.tsv"
        log.touch()
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-c", COUNTING, str(SITE), str(port), str(log)])
        time.sleep(1.0)
        results: dict[str, dict[str, list]] = {}
        try:
            with sync_playwright() as pw:
                rules = f"MAP {INSECURE_HOST} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
                browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                             args=[*CHROMIUM_FLAGS, f"--host-resolver-rules={rules}"])
                mark = 0
                for _ in range(args.repeat):
                    for lesson in lessons:
                        context = browser.new_context(viewport={"width": 1400, "height": 1000})
                        page = context.new_page()
                        url = f"http://127.0.0.1:{port}/lab/index.html?path={lesson}"
                        for kind in ("first visit", "return visit"):
                            timings, mark = visit(page, url, log, mark, server.pid)
                            results.setdefault(f"{lesson[:2]} {kind}", {}).setdefault("runs", []).append(timings)
                        context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    load = os.getloadavg()[0]
    print(f"JupyterLite site: {info['site_bytes'] / 2**20:.1f} MiB on disk, built in {info['build_seconds']:.0f} s "
          f"(Pyodide {info['pyodide']}, {len(info['preloaded_packages'])} preloaded packages); "
          f"load average during the run {load:.1f} on {os.cpu_count()} CPUs")
    keys = ["kernel_ready_s", "first_widget_s", "rendered_s", "front_end_to_worker_s", "pyodide_start_and_fetch_s",
            "unpack_packages_s", "kernel_import_s", "cells_to_first_widget_s", "plotly_bundle_fetch_s", "browser_cpu_s",
            "transfer_mib"]
    summary = {}
    header = f"{'run':22}" + "".join(f"{k.removesuffix('_s').replace('_', ' ')[:14]:>15}" for k in keys)
    print(header)
    print("-" * len(header))
    for name, block in results.items():
        med = {}
        for k in keys:
            values = [r[k] for r in block["runs"] if isinstance(r.get(k), (int, float))]
            med[k] = statistics.median(values) if values else None
        summary[name] = {"median": med, "runs": block["runs"]}
        print(f"{name:22}" + "".join(f"{v:15.2f}" if v is not None else f"{'—':>15}" for v in med.values()))
    for name, block in summary.items():
        print(f"  {name}: transfer by kind (MiB) {block['runs'][0]['transfer_by_kind_mib']}")
    for key, limit in TARGETS.items():
        for name, block in summary.items():
            if key == "rendered_s" and not name.startswith("01"):
                continue
            value = block["median"][key]
            verdict = "meets" if value is not None and value <= limit else "misses"
            print(f"target {key.removesuffix('_s').replace('_', ' ')} ≤ {limit:.0f} s: {name} {value:.1f} s — {verdict}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"build": info, "load_average": load, "results": summary}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
