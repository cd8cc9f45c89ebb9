# Allocator — set-up and everyday commands.  `make run` and `make test` create
# the virtual environment on first use (a fresh machine needs only Python 3.11).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench sample seed-models package clean lint-imports fuzz i18n

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Qt's X11 plugin needs system libraries a fresh Debian lacks: packaging/qt_runtime.py
# installs them with apt-get when run as root, else prints the one command to run.
run: $(STAMP)
	@[ "$${QT_QPA_PLATFORM:-xcb}" != xcb ] || $(PY) packaging/qt_runtime.py
	$(VENV)/bin/allocator gui

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Long fuzz runs (issue 16): every fuzz family with FUZZ_EXAMPLES cases (default 2000)
# and FUZZ_KILLS kill -9 runs of a two-output command; `make test` runs a few of each.
# Fuzz tests read ALLOCATOR_FUZZ_EXAMPLES; counts per exit code go to bench/fuzz-counts.jsonl.
FUZZ_EXAMPLES ?= 2000
FUZZ_KILLS    ?= 100
fuzz: $(STAMP)
	ALLOCATOR_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ALLOCATOR_FUZZ_KILLS=$(FUZZ_KILLS) \
	ALLOCATOR_FUZZ_REPORT=$(CURDIR)/bench/fuzz-counts.jsonl QT_QPA_PLATFORM=offscreen \
	$(PY) -m pytest -q -s --durations=0 $(wildcard tests/test_fuzz*.py tests/test_*_fuzz.py) tests/test_kill_outputs.py

bench: $(STAMP)
	$(PY) bench/frontier.py

# Regenerate resources/sample/ from ../shared/data's calibration figures
# (byte-identical output for the same inputs; see tools/make_sample.py).
sample: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,sample]'
	$(PY) tools/make_sample.py
	$(PY) tools/seed_models.py

# A new document's model estimated from the sample (USD and JPY), shipped in
# resources/sample/ so the first launch reads it (tests/test_modelcache.py fails
# while one is stale: after changing the sample, an estimator or the version).
seed-models: $(STAMP)
	$(PY) tools/seed_models.py

# Translations (DESIGN §13, README "日本語"): extract every tr()/T() string into
# resources/i18n/allocator_ja.ts (translations kept), compile the .qm with Qt's
# lrelease from PySide6-Essentials, and list entries still to translate.
# The .qm is committed (a fresh clone runs without this step); the wheel and
# the frozen app compile it again so they always ship the .ts's translations.
i18n: $(STAMP)
	$(PY) tools/i18n.py all

i18n-release: $(STAMP)
	$(PY) tools/i18n.py release

clean:
	rm -rf $(VENV) build dist *.egg-info

# --- packaging (packaging/, README "Packaging") -------------------------------
# `make wheel`   sdist + wheel into dist/ (resources ship as allocator.resources)
# `make package` the one-folder frozen app dist/allocator/ (PyInstaller), then
#                the smoke check; `make package-smoke` re-runs only the check.
PKG_STAMP := $(VENV)/.installed-package
.PHONY: wheel package-smoke i18n-release

$(PKG_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,package]'
	touch $(PKG_STAMP)

wheel: $(PKG_STAMP) i18n-release
	$(PY) -m build --outdir dist .

package: $(PKG_STAMP) i18n-release
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/allocator.spec
	cp packaging/install-desktop.sh packaging/allocator-mime.xml dist/allocator/
	$(PY) packaging/smoke.py dist/allocator/allocator

package-smoke:
	$(PY) packaging/smoke.py dist/allocator/allocator
