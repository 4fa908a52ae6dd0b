# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES := $(shell find dsl engine visualize cli regles -type f \( -name '*.py' -o -name '*.lark' -o -name '*.alinea' -o -name 'py.typed' -o -name '*.html' -o -name '*.css' -o -name '*.js' \) 2>/dev/null)
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench fuzz clean

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
	$(BIN)/mypy -p alinea.dsl -p alinea.engine -p alinea.visualize -p alinea.cli
	$(BIN)/alinea check
	$(BIN)/alinea fmt --check regles/
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_diff.py

# A long fuzzing run: 2,500 inputs per category through the real CLI (about 10,000 in all),
# then the hypothesis tests with many more examples; crashing inputs are kept in .fuzz/.
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz_report.py --inputs 2500 --keep .fuzz
	ALINEA_FUZZ_EXAMPLES=500 ALINEA_FUZZ_RANDOM=1 $(BIN)/pytest tests/fuzz -q

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
