# Advanced Cancer Treatments: every task a reader, author or CI needs.
# The first target that needs Python creates .venv and installs pinned requirements.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test offline bench check new-page report audit lint clean

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.site-installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## serve: live-reloading preview on http://127.0.0.1:8000
serve: $(VENV)/.site-installed
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

## build: strict build of the hosted site into site/
build: $(VENV)/.site-installed
	$(PY) -m mkdocs build --strict --clean --site-dir site

## test: the whole test suite, including the browser tests
test: $(VENV)/.dev-installed
	bash scripts/ensure-browser.sh
	$(PY) -m pytest

## lint: ruff over hooks, scripts, tests and benchmarks
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check hooks scripts tests benchmarks

clean:
	rm -rf site dist .pytest_cache
