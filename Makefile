# Two commands matter: `make demo` and `make test` (see README). Both set up .venv first:
# `make demo` installs what the demo needs (the SDK and the [server] extra), `make test`
# everything (the [dev] extra). `make dist` builds the sdist and the wheel into dist/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_STAMP := $(VENV)/.demo-stamp
LINT_PATHS := $(wildcard src tests scripts examples bench)

.PHONY: demo test lint types unasync pytest bench docs dist clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.10 is required, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP) $(DEMO_STAMP)

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[server]'
	@touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)  ## local server (SQLite) + the SDK, sync and async, doing real work
	$(BIN)/python scripts/demo.py

test: $(STAMP) lint types unasync pytest  ## every check: lint, types, unasync --check, tests

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

types: $(STAMP)
	$(BIN)/mypy --strict src/infisical_kit

unasync: $(STAMP)
	$(BIN)/python scripts/unasync.py --check

pytest: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)  ## benchmarks against the peers (not part of `make test`)
	$(BIN)/python bench/run.py

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

dist: $(STAMP)  ## the sdist and the wheel, in dist/
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache site dist
