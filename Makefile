# Two commands matter: `make serve` and `make test` (see README.md).
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
MKDOCS  = $(VENV)/bin/mkdocs
export NO_MKDOCS_2_WARNING = 1
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: serve build check lint test test-browser bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## serve: live preview of both languages on http://127.0.0.1:8000 (/ and /zh/). Broken links
## are reported but do not stop the preview (make build and make test are strict); invalid data does.
serve: $(VENV)/.installed
	$(MKDOCS) serve --no-strict --dev-addr 127.0.0.1:8000

## build: strict build of both languages into site/
build: $(VENV)/.installed
	$(MKDOCS) build --strict

## check: validate data and citations (the build runs the same checks)
check: $(VENV)/.installed
	$(PY) scripts/references.py check

## lint: code style and spelling
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check scripts tests benchmarks
	$(VENV)/bin/ruff format --check scripts tests benchmarks
	$(VENV)/bin/codespell scripts tests benchmarks docs/en data README.md

## test: everything CI runs: data checks, linters, strict build, HTML and browser tests
test: $(VENV)/.installed-dev check lint
	$(PY) -m pytest

## bench: build-time and index-size figures
bench: $(VENV)/.installed-dev
	$(PY) benchmarks/build.py

clean:
	rm -rf site .pytest_cache
