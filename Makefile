# Allocator — set-up and everyday commands.  `make run` and `make test` create
# the virtual environment on first use (a fresh machine needs only Python 3.11).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench sample package clean lint-imports

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/allocator gui

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/frontier.py

sample: $(STAMP)
	$(PY) tools/make_sample.py

clean:
	rm -rf $(VENV) build dist *.egg-info
