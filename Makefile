# Advanced Cancer Treatments: every task a reader, author or CI needs.
# The first target that needs Python creates .venv and installs pinned requirements.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the build date (sitemap.xml, zip entries) is the last commit's, or a
# fixed date outside git, so the same sources give the same bytes on any day.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)
export SOURCE_DATE_EPOCH

.PHONY: serve build test offline zim bench check new-page report audit lint clean sign-off

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.site-installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# axe-core for the accessibility tests (pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## serve: live-reloading preview on http://127.0.0.1:8000
serve: $(VENV)/.site-installed
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

## build: strict build of the hosted site into site/
build: $(VENV)/.site-installed
	$(PY) -m mkdocs build --strict --clean --site-dir site

## offline: the whole site as one zip that works from disk: dist/advanced-cancer-treatments-offline.zip
offline: $(VENV)/.site-installed
	$(PY) scripts/offline_bundle.py --output dist/advanced-cancer-treatments-offline.zip

## zim: the Kiwix edition, one ZIM file with its own search: dist/advanced-cancer-treatments_en_all_<YYYY-MM>.zim
zim: $(VENV)/.site-installed
	$(PY) scripts/zim.py --output-dir dist

## test: lint, then the whole test suite in layers (unit first), on two cores, browser tests
##       included. One layer alone: `$(PY) -m pytest tests/unit` (or -m unit, fixture_sites,
##       real_site, content, browser).
# --dist loadfile: a module's module-scoped fixtures (the every-page crawls) are made once,
# on one worker, instead of once per worker.
test: lint $(VENV)/.dev-installed node_modules/.installed
	bash scripts/ensure-browser.sh
	$(PY) -m pytest -n 2 --dist loadfile

## lint: ruff's linter and formatter check over hooks, scripts, tests and benchmarks
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check hooks scripts tests benchmarks
	$(PY) -m ruff format --check hooks scripts tests benchmarks

## bench: build time and peak memory of each hook on synthetic 1k/5k/10k-page sites, into
##        benchmarks/RESULTS.md (20-30 min; `make bench SIZES=1000,5000` for a quick run), then
##        search's hit rate and keystroke-to-results time in Chromium, into
##        benchmarks/SEARCH-RESULTS.md (about 10 min; `make bench SEARCH=0` skips it)
SEARCH ?= 1
bench: $(VENV)/.site-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt
	$(PY) benchmarks/bench.py $(if $(SIZES),--sizes $(SIZES))
ifneq ($(SEARCH),0)
	$(MAKE) --no-print-directory $(VENV)/.dev-installed
	bash scripts/ensure-browser.sh
	$(PY) benchmarks/search_latency.py
endif

clean:
	rm -rf site dist .pytest_cache

## new-page: write a page from a template: make new-page TYPE=treatment TITLE="Radiofrequency ablation"
new-page: $(VENV)/.site-installed
	@test -n "$(TYPE)" -a -n "$(TITLE)" || { echo 'usage: make new-page TYPE=treatment|condition TITLE="Page title"' >&2; exit 2; }
	$(PY) scripts/new_page.py --type "$(TYPE)" --title "$(TITLE)"

## sign-off: record a clinician's check of one page as it is now (CONTRIBUTING.md, "Clinical sign-off"):
##           make sign-off PAGE=docs/treatments/x.md NAME="Dr Jane Smith" ROLE="Consultant clinical oncologist"
sign-off: $(VENV)/.site-installed
	@test -n "$(PAGE)" -a -n "$(NAME)" -a -n "$(ROLE)" || { echo 'usage: make sign-off PAGE=docs/x.md NAME="Full name" ROLE="Their role"' >&2; exit 2; }
	$(PY) scripts/sign_off.py --page "$(PAGE)" --name "$(NAME)" --role "$(ROLE)"

## check: the fast author loop (strict build with its problem count, spelling, length and reading ease)
check: $(VENV)/.dev-installed
	$(PY) scripts/check.py

## report: every page with type, words, reading ease, sources, review dates and clinical sign-off
##         (awaiting / signed / lapsed); also writes dist/review-dashboard.html, most urgent first
report: $(VENV)/.site-installed
	@$(PY) scripts/page_report.py

## audit: Lighthouse scores (performance, accessibility, best practices, SEO) for the served site
audit: $(VENV)/.site-installed
	bash scripts/ensure-browser.sh
	cd scripts/audit && npm ci --no-audit --no-fund --silent
	$(PY) scripts/audit.py
