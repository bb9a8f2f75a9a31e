"""The whole course in JupyterLite (``make lite``), in headless Chromium, with no network at all.

The site in ``_output/lite`` is built first if it is missing or older than its inputs
(``tools/build_lite.py --if-stale``; downloads are cached under ``build/lite``). It is served by
Python's ``http.server`` on 127.0.0.1, and Chromium resolves every other host name to nothing
(``--host-resolver-rules``), which also covers the kernel's web worker and JupyterLite's service
worker, whose requests a Playwright route never sees; Chromium's net log, read when the browser
closes, must name no other host. Service workers stay enabled: without one the kernel has no
``/drive``.

What is checked: every lesson runs top to bottom in the Pyodide kernel without an error, every
widget renders and answers one interaction, the outputs nbval checks are the same as in a local
kernel, an answer survives a page reload, and on an origin that is not secure (plain http to a
host name other than 127.0.0.1/localhost: no service worker, so no browser-kept ``/drive``) the
self-check says that answers are kept in the tab only and how to keep them.

Timings (open → first widget, open → everything rendered) go to ``artifacts/lite_timings.json``,
which ``bench/bench_lite.py`` reports.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS, CHROMIUM_FLAGS, ROOT, _free_port, _missing
from .test_lessons import LESSONS, WIDGET_MIME, assert_no_errors, exercise_widgets

pytestmark = pytest.mark.browser

SITE = ROOT / "_output" / "lite"
TIMINGS = ARTIFACTS / "lite_timings.json"
# A host name that is not localhost: its origin is not "potentially trustworthy", so the browser
# refuses service workers there, as for a site published over plain http.
INSECURE_HOST = "course-over-http.test"
ALLOWED_HOSTS = {"127.0.0.1", INSECURE_HOST}

# The test server: Python's http.server over the built site. Only for the tests, it adds to the
# site's jupyter-lite.json what JupyterLab's own test harness sets: the app exposed to the page
# (window.jupyterapp) and every cell rendered (no windowing), so that cells can be waited for.
SERVER = r"""
import json, sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
site, port = sys.argv[1], int(sys.argv[2])

class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_GET(self):
        if self.path.split("?")[0] != "/jupyter-lite.json":
            return super().do_GET()
        with open(site + "/jupyter-lite.json", encoding="utf-8") as fh:
            config = json.load(fh)
        data = config["jupyter-config-data"]
        data["exposeAppInBrowser"] = True
        data.setdefault("settingsOverrides", {})["@jupyterlab/notebook-extension:tracker"] = {"windowingMode": "none"}
        body = json.dumps(config).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=site)).serve_forever()
"""


def _record_timing(lesson: str, key: str, seconds: float) -> None:
    data = json.loads(TIMINGS.read_text()) if TIMINGS.exists() else {}
    data.setdefault(lesson, {})[key] = round(seconds, 3)
    TIMINGS.write_text(json.dumps(data, indent=2, sort_keys=True))


@pytest.fixture(scope="session")
def lite_site(chromium) -> Path:
    try:
        import jupyterlite_core  # noqa: F401
    except ImportError:
        _missing("jupyterlite-core", "make install-test")
    if not (ROOT / "build" / "lite").exists() and shutil.which("npm") is None:
        _missing("npm (needed once to fetch Pyodide)", "sudo apt-get install npm")
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "build_lite.py"), "--if-stale"], cwd=ROOT,
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, f"the JupyterLite build failed:\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
    return SITE


@pytest.fixture(scope="session")
def lite_port(lite_site) -> int:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(lite_site), str(port)])
    deadline = time.monotonic() + 30
    import urllib.request

    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/jupyter-lite.json", timeout=5).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("the test server for the JupyterLite site did not start")
            time.sleep(0.2)
    yield port
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def requests_from_the_site(net_log: Path) -> list[tuple[str, str]]:
    """(initiating origin, URL) of every request a page or worker of the site made, from Chromium's net log.

    Chromium's own background requests (sign-in, autofill, updates) have no page origin as their
    initiator; they are not the site's, and the host-resolver rules stop them as well.
    """
    found = []
    text = net_log.read_text(errors="replace") if net_log.exists() else ""
    for line in text.splitlines():
        line = line.strip().rstrip(",")
        if not (line.startswith("{") and '"initiator"' in line):
            continue
        try:
            params = json.loads(line).get("params", {})
        except ValueError:
            continue
        initiator, url = params.get("initiator", ""), params.get("url", "")
        if urlsplit(initiator).hostname in ALLOWED_HOSTS and url:
            found.append((initiator, url))
    return found


@pytest.fixture(scope="session")
def lite_browser(chromium, playwright_driver, tmp_path_factory):
    net_log = tmp_path_factory.mktemp("lite-netlog") / "netlog.json"
    rules = f"MAP {INSECURE_HOST} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    args = [*CHROMIUM_FLAGS, f"--host-resolver-rules={rules}", f"--log-net-log={net_log}"]
    instance = playwright_driver.chromium.launch(executable_path=chromium, headless=True, args=args)
    yield instance
    instance.close()
    seen = requests_from_the_site(net_log)
    assert seen, "Chromium's net log recorded no request of the site: the check below would prove nothing"
    outside = sorted({url for _, url in seen if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(url).hostname not in ALLOWED_HOSTS})
    assert not outside, f"the JupyterLite site tried to reach other hosts: {outside[:10]}"


class LitePage:
    """A fresh browser profile (no stored lessons or progress); requests to other hosts are recorded."""

    def __init__(self, context, port: int):
        self.context, self.port = context, port
        self.page = context.new_page()
        self.outside: list[str] = []
        context.on("request", self._seen)

    def _seen(self, request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in ALLOWED_HOSTS:
            self.outside.append(request.url)

    def url(self, lesson: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/lab/index.html?path={lesson}"


@pytest.fixture
def lite(lite_browser, lite_port):
    context = lite_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = LitePage(context, lite_port)
    yield page
    context.close()
    assert page.outside == [], f"the page tried to fetch from other hosts: {page.outside[:5]}"


KERNEL_IDLE = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
    return !!k && k.status === 'idle'; }"""
ALL_RUN = """() => { const w = window.jupyterapp.shell.currentWidget;
    const cells = w.content.widgets.filter(c => c.model.type === 'code');
    const done = cells.every(c => c.model.executionCount !== null
                                  && !c.node.querySelector('.jp-InputPrompt')?.textContent.includes('*'));
    return done && w.sessionContext.session.kernel.status === 'idle'; }"""
WIDGETS_RENDERED = f"""() => [...document.querySelectorAll('[data-mime-type="{WIDGET_MIME}"]')]
    .every(o => o.querySelector('.lm-Widget, .jupyter-widgets, .widget-box, .js-plotly-plot'))
  && [...document.querySelectorAll('.course-widget .js-plotly-plot')].every(f => f.querySelector('.main-svg'))"""


def open_and_run(p, url: str, timeout_s: float = 240) -> dict[str, float]:
    """Open a lesson as a student would, Run All as soon as the kernel is ready; return timings."""
    start = time.perf_counter()
    p.goto(url)
    p.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-NotebookPanel .jp-Cell')",
                        timeout=90_000)
    p.wait_for_function(KERNEL_IDLE, timeout=int(timeout_s * 1000))
    kernel = time.perf_counter() - start
    p.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    first = None
    deadline = time.monotonic() + timeout_s
    while first is None:
        if p.locator(".course-widget").count():
            first = time.perf_counter() - start
        elif time.monotonic() > deadline:
            break
        else:
            p.wait_for_timeout(50)
    p.wait_for_function(ALL_RUN, timeout=int(timeout_s * 1000))
    p.wait_for_function(WIDGETS_RENDERED, timeout=90_000)
    return {"kernel_ready_s": kernel, "first_widget_s": first if first is not None else float("nan"),
            "rendered_s": time.perf_counter() - start}


def kernel_run(p, code: str) -> str:
    """Run code in the open notebook's kernel (not in a cell); return what it printed."""
    return p.evaluate("""async (code) => {
        const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        const future = k.requestExecute({code, silent: false, store_history: false}); const out = [];
        future.onIOPub = m => { if (m.content.text) out.push(m.content.text);
                                if (m.content.traceback) out.push(m.content.traceback.join('\\n')); };
        await future.done; return out.join(''); }""", code)


def checked_outputs(p) -> list[tuple[int, str]]:
    """(cell index, text) of each output of the cells tagged nbval-check-output, as the page holds them."""
    return p.evaluate("""() => {
        const w = window.jupyterapp.shell.currentWidget; const out = [];
        w.content.widgets.forEach((c, i) => {
            if (c.model.type !== 'code' || !(c.model.getMetadata('tags') || []).includes('nbval-check-output')) return;
            const texts = c.model.outputs.toJSON().map(o => [].concat(o.text || (o.data && o.data['text/plain']) || []).join(''));
            out.push([i, texts.join('')]);
        });
        return out; }""")


def stored_checked_outputs(lesson: Path) -> list[tuple[int, str]]:
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code" and "nbval-check-output" in cell.get("metadata", {}).get("tags", []):
            texts = ["".join(o.get("text") or o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", [])]
            out.append((i, "".join(texts)))
    return out


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lite_lesson_runs_renders_and_responds(lite, lesson):
    p = lite.page
    timings = open_and_run(p, lite.url(lesson.name))
    for key, value in timings.items():
        _record_timing(lesson.stem, key, value)
    assert_no_errors(p)
    assert p.locator(".course-widget").count() > 0, "the lesson shows none of the course's widgets"
    for figure in p.locator(".course-widget .js-plotly-plot").all():
        assert figure.locator(".point").count() > 0, "a plotly figure rendered without points"

    # What nbval compares in a local kernel must come out the same in the browser.
    shown = [(i, t.strip()) for i, t in checked_outputs(p)]
    stored = [(i, t.strip()) for i, t in stored_checked_outputs(lesson)]
    diffs = ["\n".join(difflib.unified_diff(b.splitlines(), a.splitlines(), f"cell {i} stored", "in JupyterLite", lineterm=""))
             for (i, a), (_, b) in zip(shown, stored) if a != b]
    assert [i for i, _ in shown] == [i for i, _ in stored] and not diffs, "\n".join(diffs)[:3000]

    exercise_widgets(p, lesson, record=_record_timing)
    assert_no_errors(p)
    # Answers go to the browser-kept drive, and the self-check does not warn about it.
    if p.locator(".course-selfcheck").count():
        assert "kept in memory" not in p.locator(".course-selfcheck").first.inner_text()
    p.screenshot(path=str(ARTIFACTS / f"lite-{lesson.stem}.png"), full_page=False)


def _answer_first_question(p) -> str:
    question = p.locator(".course-selfcheck .course-question").first
    question.scroll_into_view_if_needed()
    question.locator("input[type=radio], input[type=checkbox]").first.check()
    question.get_by_role("button", name=re.compile(r"^Check")).click()
    feedback = question.locator(".course-feedback")
    p.wait_for_function("el => /Correct|Not quite|Partly/.test(el.innerText)", arg=feedback.element_handle(),
                        timeout=30_000)
    return feedback.inner_text()


def _score(p) -> str:
    match = re.search(r"Score: [^(]+\([^)]*\)", p.locator(".course-selfcheck").first.inner_text())
    return match.group(0) if match else ""


def test_lite_progress_survives_a_reload(lite):
    lesson = next(l for l in LESSONS if l.name.startswith("00_"))
    p = lite.page
    open_and_run(p, lite.url(lesson.name))
    # The course's data comes from the installed package (fast), not from the browser's drive.
    where = kernel_run(p, "from widgets.data import default_data_dir; from widgets.progress import default_store\n"
                          "print(default_data_dir()); print(default_store().path)")
    data_dir, progress_dir = where.split()
    assert "/site-packages/" in data_dir and not data_dir.startswith("/drive"), where
    assert progress_dir == "/drive/course-progress", where
    untouched = _score(p)
    feedback = _answer_first_question(p)
    verdict = re.search(r"Correct|Not quite|Partly", feedback).group(0)
    deadline = time.monotonic() + 30
    while _score(p) == untouched and time.monotonic() < deadline:
        p.wait_for_timeout(100)
    score = _score(p)
    assert score != untouched and "not tried" in score, (untouched, score)
    p.wait_for_timeout(1000)  # let the drive's write reach the browser's storage
    open_and_run(p, lite.url(lesson.name))  # a reload: new page, new kernel, same browser profile
    restored = p.locator(".course-selfcheck .course-question").first.locator(".course-feedback").inner_text()
    assert "saved answer from an earlier session" in restored and verdict in restored, restored
    assert _score(p) == score


def test_lite_warns_on_an_origin_without_browser_storage(lite):
    lesson = next(l for l in LESSONS if l.name.startswith("00_"))
    p = lite.page
    open_and_run(p, lite.url(lesson.name, host=INSECURE_HOST))
    assert p.evaluate("() => window.isSecureContext") is False
    _answer_first_question(p)
    check = p.locator(".course-selfcheck").first
    text = check.inner_text()
    assert "only in this browser tab" in text and "download" in text, text[-1500:]
    assert "saved on disk" not in text
    # The way to keep the answers works: the hand-in file comes out of the browser as a download.
    check.get_by_role("textbox", name="Your name").fill("Ada Lovelace")
    check.get_by_role("button", name="Save my answers as CSV").click()
    link = check.get_by_role("link", name=re.compile(r"^Download .*\.csv$"))
    link.wait_for(timeout=30_000)
    with p.expect_download() as download:
        link.click()
    path = download.value.path()
    rows = Path(path).read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2 and rows[1].startswith("Ada Lovelace,lesson00,"), rows


def test_lite_reset_page_restores_a_lesson_saved_in_the_browser(lite):
    """A lesson the student saved keeps showing after a site update; reset.html brings the site's back."""
    lesson = next(l for l in LESSONS if l.name.startswith("00_"))
    p = lite.page
    p.goto(lite.url(lesson.name))
    p.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-NotebookPanel .jp-Cell')",
                        timeout=90_000)
    first_line = "".join(json.loads(lesson.read_text(encoding="utf-8"))["cells"][0]["source"]).splitlines()[0]
    get_first_cell = """async (path) => { const m = await window.jupyterapp.serviceManager.contents.get(path, {content: true});
                                            return [].concat(m.content.cells[0].source).join(''); }"""
    p.evaluate("""async (path) => { const c = window.jupyterapp.serviceManager.contents;
        const m = await c.get(path, {content: true}); m.content.cells[0].source = '# My own notes';
        await c.save(path, {type: 'notebook', format: 'json', content: m.content}); }""", lesson.name)
    p.goto(lite.url(lesson.name))
    p.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-NotebookPanel .jp-Cell')",
                        timeout=90_000)
    assert p.evaluate(get_first_cell, lesson.name) == "# My own notes"
    p.goto(f"http://127.0.0.1:{lite.port}/reset.html")
    p.get_by_text(f"Saved in this browser: {lesson.name}").wait_for(timeout=30_000)
    p.get_by_role("button", name="Restore these lessons").click()
    p.get_by_role("status").filter(has_text="Restored 1 lesson").wait_for(timeout=30_000)
    p.goto(lite.url(lesson.name))
    p.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-NotebookPanel .jp-Cell')",
                        timeout=90_000)
    assert p.evaluate(get_first_cell, lesson.name).splitlines()[0] == first_line
