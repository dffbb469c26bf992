# Two commands matter: `make serve` and `make test` (see README.md); `make help` lists every target.
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
MKDOCS  = $(VENV)/bin/mkdocs
export NO_MKDOCS_2_WARNING = 1
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: help serve build pdf check check-report lint test bench bench-suite clean linkcheck linkcheck-external validate properdocs-check

## help: every target with what it does (the ## comments in this Makefile)
help:
	@awk 'NR == FNR { if (match($$0, /^[a-z-]+:/)) target[substr($$0, 1, RLENGTH - 1)] = 1; next } \
	  /^## / { line = substr($$0, 4); name = line; sub(/:.*/, "", name); \
	    if (name in target && index(line, name ": ") == 1) { printf "\n  %-18s %s\n", name, substr(line, length(name) + 3) } \
	    else { printf "  %-18s %s\n", "", line } }' $(MAKEFILE_LIST) $(MAKEFILE_LIST)

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-check: requirements-check.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-check.txt
	touch $@

$(VENV)/.installed-pdf: requirements-pdf.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-pdf.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements-check.txt requirements-pdf.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# ProperDocs in a venv of its own, without MkDocs (so `import mkdocs` there is ProperDocs).
PROPERDOCS_VENV ?= .venv-properdocs
$(PROPERDOCS_VENV)/.installed: requirements-properdocs.txt requirements.txt
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	$(PROPERDOCS_VENV)/bin/python -m pip uninstall --quiet --yes mkdocs
	touch $@

## serve: live preview of both languages on http://127.0.0.1:8000 (/ and /zh/). Broken links
## are reported but do not stop the preview (make build and make test are strict); invalid data does.
serve: $(VENV)/.installed
	$(MKDOCS) serve --no-strict --dev-addr 127.0.0.1:8000

## build: strict build of both languages into site/
build: $(VENV)/.installed
	$(MKDOCS) build --strict

## pdf: strict build, then one typeset PDF per language into site/pdf/ (WeasyPrint; needs Pango
## and fonts-noto-cjk) and the download links, with the files' sizes, on the home and About pages
pdf: build $(VENV)/.installed-pdf
	$(PY) -m scripts pdf

## check: every check of `python -m scripts check --list`, the one list (scripts/__main__.py;
## CONTRIBUTING.md's table says what each covers). Needs only requirements-check.txt.
## `make check-report` lists the Chinese findings per file without failing.
check: $(VENV)/.installed-check
	$(PY) -m scripts check

## check-report: the Chinese text lints (terms, page names, typography) as a report: every
## finding and a count per file; exits 0 (for fixing a tree that does not pass yet)
check-report: $(VENV)/.installed-check
	$(PY) -m scripts glossary check --strict --report
	$(PY) -m scripts page-names check --report
	$(PY) -m scripts typography check --html --report

## linkcheck: build both languages, serve them on 127.0.0.1, check internal links and anchors
linkcheck: $(VENV)/.installed-dev
	$(PY) -m scripts linkcheck

## linkcheck-external: check catalogue URLs and external page links; report in reports/links/
linkcheck-external: $(VENV)/.installed
	$(PY) -m scripts linkcheck-external --report-dir reports/links

## validate: strict build into site/, then the W3C Nu Html Checker over every page of both
## languages (needs Java); accepted theme findings are in tests/vnu-allowlist.yaml
validate: $(VENV)/.installed-dev
	$(MKDOCS) build --strict -q
	$(PY) -m scripts html-valid site

## properdocs-check: build the site with MkDocs and with ProperDocs (the fallback builder, own venv)
## and compare the pages, each language's search index and every page's HTML; fails on a difference
properdocs-check: $(VENV)/.installed $(PROPERDOCS_VENV)/.installed
	$(PY) -m scripts compare-builds --properdocs $(PROPERDOCS_VENV)/bin/properdocs

## lint: code style, types (mypy, settings in pyproject.toml), spelling, GitHub workflow files
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check scripts tests benchmarks
	$(VENV)/bin/ruff format --check scripts tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/codespell scripts tests benchmarks docs/en data README.md ARCHITECTURE.md CONTRIBUTING.md
	$(PY) -m scripts lint-workflows

## test: everything CI runs: linters, then pytest, which runs every check of make check (with only
## requirements-check.txt importable, tests/test_checks.py), builds the site once and runs on it the
## link check (as make linkcheck), the HTML validator (as make validate), HTML and browser tests
test: $(VENV)/.installed-dev lint
	$(PY) -m pytest

benchmarks/node_modules/.package-lock.json: benchmarks/package-lock.json
	npm ci --prefix benchmarks --no-audit --no-fund

## bench: build time and index sizes, page weight per page type, Lighthouse scores (npm + Chromium),
## PDF build time and size per language
bench: $(VENV)/.installed-dev benchmarks/node_modules/.package-lock.json
	$(PY) benchmarks/build.py
	$(PY) benchmarks/page_weight.py
	$(PY) benchmarks/lighthouse.py
	$(PY) benchmarks/pdf.py

## bench-suite: how long a contributor waits: make test and make linkcheck, wall clock, with the
## machine's cores and load (goals: 240 s and 20 s on 2 cores; run on an idle machine)
bench-suite: $(VENV)/.installed-dev
	$(PY) benchmarks/suite.py

## clean: remove the built site and the pytest cache
clean:
	rm -rf site .pytest_cache
