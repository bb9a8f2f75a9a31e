"""Build the whole course as a serverless, offline JupyterLite site (``make lite``).

    python tools/build_lite.py            # build into _output/lite (ignored by git)
    python tools/build_lite.py --if-stale # only if an input changed since the last build
    python -m http.server -d _output/lite # then open http://localhost:8000/lab/index.html

What the site holds, and why (issue 16):

* **JupyterLite** (jupyterlite-core) with the **Pyodide kernel** (jupyterlite-pyodide-kernel),
  both pinned below; the Pyodide version is the one the kernel package declares
  (``jupyterlite_pyodide_kernel.constants.PYODIDE_VERSION``), fetched from npm's ``pyodide``
  package, which is the *core* distribution only (interpreter, standard library, lock file).
* **Every Python package the kernel loads at start-up** (micropip, piplite, the kernel's ipykernel
  shim, pyodide-kernel, ipython, jedi, comm and everything they depend on) is preloaded through
  Pyodide's ``pyodide-lock.json``. The roots are read from the kernel's worker script; their
  closure is computed from the lock's ``depends``. The core distribution ships none of those
  wheels: the pure-Python ones come from PyPI (``pip download --only-binary``) at exactly the
  lock's version, and their ``sha256`` and file name are rewritten in the lock.
* **The course** (its wheel, which carries the data) and its runtime dependencies (ipywidgets,
  jupyterlab_widgets, anywidget, psygnal, comm, plotly, narwhals, ...) are entries of the same lock
  and listed in ``loadPyodideOptions.packages``, so the kernel starts with them imported-ready and
  the lessons stay unchanged (no ``%pip install`` cell). ``disablePyPIFallback`` is on and the lock
  holds nothing else: no request leaves the site at run time.
* **plotly, trimmed**: its wheel carries four copies of a ~5 MB JavaScript bundle (two copies of
  the JupyterLab extension, ``plotly.min.js`` for HTML export, the widget bundle). The site keeps
  one, the widget bundle, as a static file (``static/course/plotly-widget.js``); the wheel's
  ``widgetbundle.js`` becomes a three-line module that imports it. Every FigureWidget then sends a
  few hundred bytes to the browser instead of 5 MB, and the browser parses the bundle once per page
  instead of once per figure.
* **Contents**: only the lessons, plus ``reset.html``, which restores lessons a student saved in
  the browser to the site's version (answers kept). **Front-end extensions**: only the Pyodide kernel, the Jupyter
  widgets manager and anywidget (nothing else from the build environment: ``ignore_sys_prefix``).

Downloads are cached under ``build/lite/`` (ignored by git); a rebuild with a warm cache needs no
network. The site goes to ``_output/lite/`` with a ``build-info.json`` (versions, size, inputs
digest, build time), which ``--if-stale`` compares.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "lite"
OUTPUT = ROOT / "_output" / "lite"

# ---------------------------------------------------------------- pins
JUPYTERLITE_CORE = "0.8.6"
JUPYTERLITE_PYODIDE_KERNEL = "0.8.6"
# The course's runtime dependencies as they run in the browser (pyproject's ranges hold for each).
# Their own dependencies that Pyodide's lock already has (traitlets, ipython, packaging,
# typing-extensions, narwhals) come at the lock's version; anything else must be pinned here.
COURSE_PINS = {
    "ipywidgets": "8.1.9",
    "jupyterlab-widgets": "3.0.17",
    "anywidget": "0.11.0",
    "psygnal": "0.16.1",
    "comm": "0.2.3",
    "plotly": "7.1.0",
}
# Requirements never installed in the browser: widgetsnbextension is the classic Notebook's
# front end (ipywidgets requires it; the kernel extension even ships a placeholder for piplite).
NOT_IN_BROWSER = {"widgetsnbextension"}
# Front-end extensions of the site: the kernel, the widgets manager, anywidget (plotly's
# FigureWidget is an anywidget; plotly's own JupyterLab extension only renders fig.show() output,
# which the course does not use).
FRONT_END_FROM = ("jupyterlite-pyodide-kernel", "jupyterlab-widgets", "anywidget")
# Files of the npm ``pyodide`` package the site needs (the rest: type definitions, source maps,
# the classic-script loader, demo consoles).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PLOTLY_DROP = re.compile(r"^(plotly/labextension/|plotly-[^/]+\.data/|plotly/package_data/plotly\.min\.js$)")
PLOTLY_BUNDLE = "plotly/package_data/widgetbundle.js"
PLOTLY_SITE_PATH = "static/course/plotly-widget.js"
# Resolved against the JupyterLite page (lab/index.html), whatever folder the site is served from.
PLOTLY_SHIM = f"""\
// JupyterLite build of the course (tools/build_lite.py): plotly's widget bundle is served once
// by the site, and the browser parses it once per page instead of once per figure.
const root = document.getElementById("jupyter-config-data")?.dataset?.jupyterLiteRoot ?? "..";
const bundle = await import(new URL(`${{root}}/{PLOTLY_SITE_PATH}`, document.baseURI).href);
export default bundle.default;
"""
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# reset.html: restores lessons a student saved in the browser to the site's version (progress kept).
RESET_PAGE = ROOT / "tools" / "lite_reset.html"
# Pyodide's own environment, for evaluating requirement markers.
PYODIDE_MARKERS = {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
                   "platform_machine": "wasm32", "implementation_name": "cpython", "extra": ""}


def log(msg: str) -> None:
    print(f"[lite] {msg}", flush=True)


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------- checks and downloads

def check_build_env() -> str:
    """The installed jupyterlite packages are the pinned ones; return the Pyodide version they expect."""
    wrong = []
    for dist, want in (("jupyterlite-core", JUPYTERLITE_CORE), ("jupyterlite-pyodide-kernel", JUPYTERLITE_PYODIDE_KERNEL),
                       ("jupyter-server", None)):
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have is None or (want and have != want):
            wrong.append(f"{dist} {have or 'missing'} (need {want or 'any'})")
    if wrong:
        sys.exit("[lite] the build environment is not the pinned one: " + ", ".join(wrong)
                 + f'. Install it with: {sys.executable} -m pip install -e ".[lite]"')
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return PYODIDE_VERSION


def pip_download(specs: list[str], dest: Path) -> None:
    """Pure-Python wheels only (any platform, no ABI): what Pyodide can load without its own build."""
    missing = [s for s in specs if not _have_wheel(dest, *s.split("=="))]
    if not missing:
        return
    log(f"downloading {len(missing)} wheel(s) from PyPI: {' '.join(missing)}")
    dest.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--only-binary=:all:", "--platform", "any", "--implementation", "py", "--abi", "none",
         "--python-version", "3.14", "-d", str(dest), *missing])


def _have_wheel(folder: Path, name: str, version: str) -> bool:
    return any(norm(p.name.split("-")[0]) == norm(name) and p.name.split("-")[1] == version
               for p in folder.glob("*.whl"))


def find_wheel(folder: Path, name: str, version: str) -> Path:
    hits = [p for p in folder.glob("*.whl") if norm(p.name.split("-")[0]) == norm(name) and p.name.split("-")[1] == version]
    if not hits:
        sys.exit(f"[lite] no wheel for {name}=={version} in {folder}")
    return sorted(hits)[0]


def fetch_pyodide(version: str) -> Path:
    """npm's ``pyodide`` package (the core distribution), unpacked once into the cache."""
    target = CACHE / f"pyodide-{version}"
    if all((target / f).exists() for f in PYODIDE_FILES):
        return target
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("[lite] npm is needed once to fetch Pyodide (apt-get install npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    log(f"fetching pyodide@{version} from npm")
    with tempfile.TemporaryDirectory() as tmp:
        run([npm, "pack", f"pyodide@{version}", "--pack-destination", tmp, "--silent"], stdout=subprocess.DEVNULL)
        tgz = next(Path(tmp).glob("pyodide-*.tgz"))
        staging = Path(tmp) / "unpacked"
        staging.mkdir()
        with tarfile.open(tgz) as tar:
            for name in PYODIDE_FILES:
                member = tar.getmember(f"package/{name}")
                with tar.extractfile(member) as src:  # type: ignore[union-attr]
                    (staging / name).write_bytes(src.read())
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(staging, target)
    return target


# ---------------------------------------------------------------- wheels and their metadata

def wheel_metadata(path: Path) -> tuple[str, str, list[str], list[str]]:
    """(name, version, requirements in Pyodide, top-level import names) of a wheel."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    env = dict(default_environment(), python_version="3.14", python_full_version="3.14.2", **PYODIDE_MARKERS)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = zf.read(meta_name).decode("utf-8")
        top_name = meta_name.replace("METADATA", "top_level.txt")
        tops = zf.read(top_name).decode().split() if top_name in names else []
    if not tops:
        tops = sorted({n.split("/")[0].removesuffix(".py") for n in names
                       if not n.split("/")[0].endswith((".dist-info", ".data")) and (n.endswith(".py") or "/" in n)})
    headers = dict(re.findall(r"^(Name|Version): (.+)$", meta, re.M))
    requires = []
    for line in re.findall(r"^Requires-Dist: (.+)$", meta, re.M):
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            requires.append(str(req))
    return headers["Name"].strip(), headers["Version"].strip(), requires, [t for t in tops if t.isidentifier()]


def rewrite_wheel(src: Path, dest: Path, change) -> Path:
    """Copy a wheel, passing each (name, bytes) through ``change`` (which returns a list of
    (name, bytes), empty to drop the file); the RECORD is written afresh."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        record_name = next(n for n in zin.namelist() if n.endswith(".dist-info/RECORD"))
        rows = []
        for info in zin.infolist():
            if info.filename == record_name or info.is_dir():
                continue
            for name, data in change(info.filename, zin.read(info.filename)):
                zout.writestr(zipfile.ZipInfo(name, date_time=info.date_time), data, compress_type=zipfile.ZIP_DEFLATED)
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                rows.append([name, f"sha256={digest}", str(len(data))])
        rows.append([record_name, "", ""])
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        zout.writestr(zipfile.ZipInfo(record_name, date_time=(1980, 1, 1, 0, 0, 0)), out.getvalue(),
                      compress_type=zipfile.ZIP_DEFLATED)
    tmp.replace(dest)
    return dest


def trim_plotly(src: Path, dest_dir: Path, site_bundle: Path) -> Path:
    """plotly's wheel without its duplicate JavaScript bundles (see the module docstring)."""
    def change(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if PLOTLY_DROP.match(name):
            return []
        if name == PLOTLY_BUNDLE:
            site_bundle.parent.mkdir(parents=True, exist_ok=True)
            site_bundle.write_bytes(data)
            return [(name, PLOTLY_SHIM.encode())]
        return [(name, data)]

    return rewrite_wheel(src, dest_dir / src.name, change)


# Compiles Python files to CPython 3.14 bytecode with Pyodide's own interpreter, in Node.
PYCOMPILE_JS = """\
const [pyodideDir, root] = process.argv.slice(2);
const { loadPyodide } = await import(pyodideDir + "/pyodide.mjs");
const py = await loadPyodide({ indexURL: pyodideDir + "/" });
py.FS.mkdirTree("/src");
py.FS.mount(py.FS.filesystems.NODEFS, { root }, "/src");
const ok = py.runPython(`
import compileall, py_compile
compileall.compile_dir("/src", quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
`);
if (!ok) { console.error("some files did not compile"); }
"""


def precompile(wheels: list[Path], pyodide: Path, keep_sources: set[Path]) -> dict[Path, Path]:
    """Each wheel with its modules compiled ahead to CPython 3.14 bytecode.

    Pyodide's own distribution ships its packages compiled; wheels from PyPI carry only sources,
    which every page load would compile again in WebAssembly (measured in Node with Pyodide:
    importing IPython, ipywidgets and plotly's FigureWidget takes 2.9 s instead of 8.5 s). Like
    Pyodide's build, third-party modules become sourceless ``.pyc`` files (about the size of the
    source); wheels in ``keep_sources`` (the course) keep their sources, so that tracebacks show
    the lines, and get ``__pycache__`` files (unchecked-hash, valid whatever the file times).
    Compiled wheels are cached by the input's hash.
    """
    node = shutil.which("node")
    if node is None:
        log("node not found: wheels are not precompiled (the kernel starts slower)")
        return {w: w for w in wheels}
    cache = CACHE / "compiled"
    cache.mkdir(parents=True, exist_ok=True)
    result, todo = {}, []
    for wheel in wheels:
        cached = cache / (sha256(wheel)[:16] + ("-src" if wheel in keep_sources else "")) / wheel.name
        result[wheel] = cached
        if not cached.exists():
            todo.append(wheel)
    if todo:
        log(f"compiling {len(todo)} wheel(s) to bytecode with Pyodide in Node")
        with tempfile.TemporaryDirectory(prefix="lite-pyc-") as tmp:
            root = Path(tmp)
            for i, wheel in enumerate(todo):
                with zipfile.ZipFile(wheel) as zf:
                    zf.extractall(root / str(i))
            script = root / "compile.mjs"
            script.write_text(PYCOMPILE_JS)
            run([node, str(script), str(pyodide.resolve()), str(root)])
            for i, wheel in enumerate(todo):
                unpacked = root / str(i)

                def change(name: str, data: bytes, unpacked=unpacked, keep=wheel in keep_sources) -> list[tuple[str, bytes]]:
                    if not name.endswith(".py"):
                        return [(name, data)]
                    parent, _, stem = name.rpartition("/")
                    pyc = f"{parent + '/' if parent else ''}__pycache__/{stem[:-3]}.cpython-314.pyc"
                    if not (unpacked / pyc).exists():  # did not compile (e.g. Python 2 syntax): leave as is
                        return [(name, data)]
                    if keep:
                        return [(name, data), (pyc, (unpacked / pyc).read_bytes())]
                    return [(name + "c", (unpacked / pyc).read_bytes())]

                rewrite_wheel(wheel, result[wheel], change)
    return result


def build_course_wheel(dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    log("building the course wheel")
    with tempfile.TemporaryDirectory() as tmp:
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
             "--no-build-isolation",
             "-w", str(dest), str(ROOT)], cwd=tmp,
            # Fixed file times: the same sources give the same wheel, whose compiled copy is cached.
            env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})
    return next(dest.glob("*.whl"))


def boot_roots(kernel_wheel: Path) -> list[str]:
    """The packages the kernel's worker loads at start-up, read from the worker script itself."""
    with zipfile.ZipFile(kernel_wheel) as zf:
        workers = [n for n in zf.namelist() if re.search(r"/static/comlink\.worker\.[0-9a-f]+\.js$", n)]
        if len(workers) != 1:
            sys.exit(f"[lite] expected one kernel worker script in {kernel_wheel.name}, found {workers}")
        js = zf.read(workers[0]).decode("utf-8")
    roots = set(re.findall(r'loadPackage\(\["([\w-]+)"\]\)', js)) | set(re.findall(r'includes\("([\w-]+)"\)', js))
    listed = re.search(r'for\(let \w+ of(\[(?:"[\w-]+",?)+\])\)\w+\.includes\(\w+\)\|\|', js)
    if listed:
        roots |= set(json.loads(listed.group(1)))
    needed = {"micropip", "piplite", "pyodide-kernel", "ipykernel"}
    if not needed <= roots:
        sys.exit(f"[lite] could not read the kernel's boot packages from its worker (found {sorted(roots)});"
                 " the kernel package changed: update boot_roots() in tools/build_lite.py")
    return sorted(norm(r) for r in roots)


# ---------------------------------------------------------------- the lock

def make_lock(pyodide: Path, kernel_wheels: list[Path], course_wheels: list[Path], roots: list[str],
              site_pyodide: Path) -> list[str]:
    """Write the site's pyodide-lock.json and its wheels into ``site_pyodide``; return the preload list."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    upstream = lock["packages"]
    local: dict[str, dict] = {}
    files: dict[str, Path] = {}
    for wheel in [*kernel_wheels, *course_wheels]:
        name, version, requires, tops = wheel_metadata(wheel)
        key = norm(name)
        deps = []
        for line in requires:
            req = Requirement(line)
            dep = norm(req.name)
            if dep in NOT_IN_BROWSER:
                continue
            have = local.get(dep, {}).get("version") or upstream.get(dep, {}).get("version")
            pinned = COURSE_PINS.get(dep)
            version_ok = (pinned or have)
            if version_ok is None and dep not in {norm(w.name.split("-")[0]) for w in [*kernel_wheels, *course_wheels]}:
                sys.exit(f"[lite] {name} needs {req}, which neither Pyodide's lock nor COURSE_PINS provides")
            if version_ok and req.specifier and not req.specifier.contains(Version(version_ok), prereleases=True):
                sys.exit(f"[lite] {name} needs {req}, but the site would have {dep} {version_ok}")
            deps.append(dep)
        local[key] = {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
                      "sha256": sha256(wheel), "package_type": "package", "imports": tops,
                      "depends": sorted(set(deps)), "unvendored_tests": False}
        files[key] = wheel
    everything = {**upstream, **local}
    course_keys = {norm(wheel_metadata(course_wheels[0])[0])}  # the course's own wheel comes first
    closure: list[str] = []
    todo = [*roots, *(norm(wheel_metadata(w)[0]) for w in course_wheels)]
    while todo:
        key = norm(todo.pop())
        if key in closure:
            continue
        if key not in everything:
            sys.exit(f"[lite] {key} is needed but is in neither Pyodide's lock nor the local wheels")
        closure.append(key)
        todo.extend(everything[key]["depends"])
    # Pure-Python packages of Pyodide's lock: the same version's wheel from PyPI.
    from_pypi = [k for k in closure if k not in local]
    binary = [k for k in from_pypi if not re.search(r"-none-any\.whl$", upstream[k]["file_name"])]
    if binary:
        sys.exit(f"[lite] {binary} are compiled for Pyodide and not in its core distribution; this build takes "
                 "pure-Python packages only")
    pypi_dir = CACHE / "pypi"
    pip_download([f"{upstream[k]['name']}=={upstream[k]['version']}" for k in from_pypi], pypi_dir)
    sources = {key: files.get(key) or find_wheel(pypi_dir, everything[key]["name"], everything[key]["version"])
               for key in closure}
    compiled = precompile(list(sources.values()), pyodide, keep_sources={files[k] for k in course_keys})
    packages = {}
    for key in sorted(closure):
        entry = dict(everything[key])
        path = compiled[sources[key]]
        entry["file_name"], entry["sha256"] = path.name, sha256(path)
        shutil.copy2(path, site_pyodide / path.name)
        packages[key] = entry
    lock["packages"] = packages
    (site_pyodide / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return sorted(packages)


# ---------------------------------------------------------------- the site

def inputs_digest() -> str:
    """A digest of everything the site is built from (a change means the site is stale)."""
    h = hashlib.sha256()
    paths = [ROOT / "pyproject.toml", Path(__file__).resolve(), RESET_PAGE]
    for folder, pattern in (("lessons", "*.ipynb"), ("widgets", "**/*.py"), ("data", "**/*")):
        paths += sorted(p for p in (ROOT / folder).glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    for p in paths:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(json.dumps([JUPYTERLITE_CORE, JUPYTERLITE_PYODIDE_KERNEL, COURSE_PINS]).encode())
    return h.hexdigest()


def is_stale(output: Path) -> bool:
    info = output / "build-info.json"
    if not info.exists() or not (output / "lab" / "index.html").exists():
        return True
    try:
        return json.loads(info.read_text()).get("inputs") != inputs_digest()
    except ValueError:
        return True


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(output: Path) -> dict:
    started = time.perf_counter()
    pyodide_version = check_build_env()
    pyodide = fetch_pyodide(pyodide_version)
    wheels = CACHE / "wheels"
    pip_download([f"jupyterlite-pyodide-kernel=={JUPYTERLITE_PYODIDE_KERNEL}",
                  *(f"{n}=={v}" for n, v in COURSE_PINS.items())], wheels)
    kernel_pkg = find_wheel(wheels, "jupyterlite-pyodide-kernel", JUPYTERLITE_PYODIDE_KERNEL)
    roots = boot_roots(kernel_pkg)

    with tempfile.TemporaryDirectory(prefix="lite-src-") as tmp:
        lite_dir = Path(tmp)
        site_pyodide = lite_dir / "static" / "pyodide"  # the kernel addon's well-known place
        site_pyodide.mkdir(parents=True)
        for name in PYODIDE_FILES:
            shutil.copy2(pyodide / name, site_pyodide / name)
        # The kernel's own wheels (piplite, pyodide-kernel, the ipykernel shim) from its package.
        kernel_wheels = []
        with zipfile.ZipFile(kernel_pkg) as zf:
            for n in zf.namelist():
                m = re.search(r"/static/pypi/((piplite|pyodide_kernel|ipykernel)-[^/]+\.whl)$", n)
                if m:
                    (lite_dir / "kernel-wheels").mkdir(exist_ok=True)
                    target = lite_dir / "kernel-wheels" / m.group(1)
                    target.write_bytes(zf.read(n))
                    kernel_wheels.append(target)
        course_wheels = [build_course_wheel(lite_dir / "course-wheel")]
        bundle = lite_dir / "extra" / PLOTLY_SITE_PATH
        for name, version in COURSE_PINS.items():
            wheel = find_wheel(wheels, name, version)
            if name == "plotly":
                wheel = trim_plotly(wheel, lite_dir / "trimmed", bundle)
            course_wheels.append(wheel)
        preload = make_lock(pyodide, kernel_wheels, course_wheels, roots, site_pyodide)

        config = {
            "jupyter-lite-schema-version": 0,
            "jupyter-config-data": {
                "appName": "Mediating US–Russia peace talks",
                "litePluginSettings": {KERNEL_PLUGIN: {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": preload},
                }},
            },
        }
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=2))
        build_config = {"LiteBuildConfig": {
            "apps": ["lab"],
            "contents": [str(ROOT / "lessons")],
            "ignore_sys_prefix": True,
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "federated_extensions": [str(kernel_pkg)] + [str(find_wheel(wheels, n, COURSE_PINS[n])) for n in FRONT_END_FROM[1:]],
            "cache_dir": str(CACHE / "jupyterlite-cache"),
            "output_dir": str(output),
        }}
        (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(build_config, indent=2))
        shutil.rmtree(output, ignore_errors=True)
        log("running jupyter lite build")
        run([sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir)], cwd=lite_dir)
        target = output / PLOTLY_SITE_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(bundle, target)
        shutil.copy2(RESET_PAGE, output / "reset.html")

    seconds = time.perf_counter() - started
    info = {
        "inputs": inputs_digest(),
        "jupyterlite_core": JUPYTERLITE_CORE,
        "jupyterlite_pyodide_kernel": JUPYTERLITE_PYODIDE_KERNEL,
        "pyodide": pyodide_version,
        "preloaded_packages": preload,
        "build_seconds": round(seconds, 1),
        "site_bytes": folder_size(output),
    }
    (output / "build-info.json").write_text(json.dumps(info, indent=2))
    log(f"site in {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}: "
        f"{info['site_bytes'] / 2**20:.1f} MiB, {len(preload)} preloaded packages, built in {seconds:.0f} s")
    return info


def main(argv: list[str] | None = None) -> int:
    global CACHE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="site folder (default: _output/lite)")
    parser.add_argument("--if-stale", action="store_true", help="build only if an input changed since the last build")
    parser.add_argument("--cache", type=Path, default=CACHE, help="download cache (default: build/lite)")
    args = parser.parse_args(argv)
    CACHE = args.cache.resolve()
    if args.if_stale and not is_stale(args.output):
        log(f"{args.output} is up to date")
        return 0
    build(args.output.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
