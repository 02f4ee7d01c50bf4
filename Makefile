# Two commands matter: `make demo` and `make test` (see README). Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LINT_PATHS := $(wildcard src tests scripts examples bench)

.PHONY: demo test lint types unasync pytest bench docs clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.10 is required, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## local server (SQLite) + the SDK, sync and async, doing real work
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

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache site
