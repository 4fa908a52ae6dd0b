# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES := $(shell find dsl engine visualize veille cli regles -type f \( -name '*.py' -o -name '*.lark' -o -name '*.alinea' -o -name 'py.typed' -o -name '*.json' -o -name '*.html' -o -name '*.css' -o -name '*.js' \) 2>/dev/null)
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench legi clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools

# `strict` editable mode links each file into a tree mypy can read as the `alinea` package;
# the stamp depends on every source, so a new module is linked before the next run.
$(STAMP): $(BIN)/python pyproject.toml $(SOURCES)
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=strict
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/alinea eval -s examples/premiere-seance-visio.json --date 2026-03-01 --explain

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p alinea.dsl -p alinea.engine -p alinea.visualize -p alinea.veille -p alinea.cli
	$(BIN)/alinea check
	$(BIN)/alinea fmt --check regles/
	$(BIN)/pytest

# `make legi` refreshes regles/legi.json, the LEGI extract `alinea veille` reads: the npm
# package is installed in a temporary folder (its scripts not run, nothing kept), then
# alinea.veille.build reads its JSON and keeps the articles the bundled rules cite.
LEGI_PACKAGE ?= @socialgouv/legi-data@latest
legi: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	npm install --prefix "$$tmp" --no-save --no-audit --no-fund --ignore-scripts \
		--loglevel=error $(LEGI_PACKAGE) && \
	$(BIN)/python -m alinea.veille.build "$$tmp/node_modules/@socialgouv/legi-data" \
		-o regles/legi.json

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_diff.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
