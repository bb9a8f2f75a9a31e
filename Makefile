# Set-up and test commands. Needs Python >= 3.11 with venv (Debian/Ubuntu: python3-venv).
#   make start   create .venv, install the course, open JupyterLab on lesson 00
#   make test    install the test tools, run every test (unit, notebooks, browser)
#   make bench   run the benchmarks (not part of the tests)
#   make lite    build the course as a serverless JupyterLite site in _output/lite (needs npm once)
#   make handouts  print-ready role-play handouts (one per role + instructor's packet) in _output/handouts
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# JupyterLab refuses to run as root without this flag (containers, CI).
ROOT   := $(if $(filter 0,$(shell id -u)),--allow-root,)
# The file browser's root is the repository (README.md and data/README.md are in reach), the
# URL printed when no browser opens is lesson 00, and no news or update pop-up: no news URL on the
# server, and the notification settings' defaults set by tools/lab-settings/overrides.json.
LAB_FLAGS ?= --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/lessons/00_start_here.ipynb \
	--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	--LabApp.expose_app_in_browser=True $(ROOT)
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/mediating-us-russia.json

.PHONY: start test bench install install-test strip clean lite handouts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.course-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.test-installed: pyproject.toml tests/e2e/package.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab,test,lite]"
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the browser accessibility checks will be skipped (apt-get install npm)"; fi
	touch $@ $(VENV)/.course-installed

install: $(VENV)/.course-installed

install-test: $(VENV)/.test-installed

$(LAB_OVERRIDES): tools/lab-settings/overrides.json | $(BIN)/python
	mkdir -p $(@D)
	cp $< $@

start: install $(LAB_OVERRIDES)
	$(BIN)/jupyter lab $(LAB_FLAGS)

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python bench/run_all.py

# The whole course in the browser (JupyterLite + Pyodide), offline; serve _output/lite over https.
lite: install-test
	$(BIN)/python tools/build_lite.py

# The instructor kit's role-play: one printable HTML handout per role and the instructor's packet.
handouts: install
	$(BIN)/python -m widgets.roleplay.handouts --out _output/handouts

# Strip outputs and widget state from every lesson (keeps nbval-checked outputs).
strip: install-test
	$(BIN)/python tools/strip_notebooks.py lessons/*.ipynb

clean:
	rm -rf $(VENV) tests/e2e/node_modules .pytest_cache
