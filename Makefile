# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES := $(shell find dsl engine diff visualize veille service lsp cli regles -type f \( -name '*.py' -o -name '*.lark' -o -name '*.toml' -o -name '*.alinea' -o -name 'py.typed' -o -name '*.json' -o -name '*.html' -o -name '*.css' -o -name '*.js' \) 2>/dev/null)
STAMP := $(VENV)/.installed

DEMO := examples/premiere-seance-visio.json
DEMO_DATE := 2026-03-01
DEMO_ONLY := mon_soutien_psy.eligible mon_soutien_psy.seance_prise_en_charge \
	mon_soutien_psy.plafond_seances mon_soutien_psy.seances_restantes

.PHONY: demo test system-packages vscode-packages vsix lint typecheck pytest bench legi fuzz clean erreurs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools

# `strict` editable mode links each file into a tree mypy can read as the `alinea` package;
# the stamp depends on every source, so a new module is linked before the next run.
# The build backend's warnings go to a log, shown only if the installation fails.
# The linked tree is compiled to bytecode, as `pip install` does for a wheel: a shell that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile alinea's sources again on every command.
$(STAMP): $(BIN)/python pyproject.toml $(SOURCES)
	@echo "installation d'alinea dans $(VENV) (journal : $(VENV)/install.log)"
	@$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=strict \
		>$(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@$(BIN)/python -m compileall -q build >>$(VENV)/install.log 2>&1 || true
	@touch $(STAMP)

# One situation: its key conclusions, why the session is not covered, and how to see the rest.
demo: $(STAMP)
	@echo "Situation $(DEMO) : première séance de Mon soutien psy, en visio"
	@echo
	@$(BIN)/alinea eval -s $(DEMO) --date $(DEMO_DATE) --only $(DEMO_ONLY)
	@echo
	@echo "Pourquoi la séance n'est pas prise en charge :"
	@$(BIN)/alinea explain mon_soutien_psy.seance_prise_en_charge -s $(DEMO) --date $(DEMO_DATE) \
		| tail -n +2
	@echo
	@echo "La suite :"
	@echo "  $(BIN)/alinea eval -s $(DEMO) --date $(DEMO_DATE)             # toutes les conclusions"
	@echo "  $(BIN)/alinea eval -s $(DEMO) --date $(DEMO_DATE) --explain   # chacune expliquée"
	@echo "  $(BIN)/alinea ask mon_soutien_psy.eligible --date $(DEMO_DATE)       # questionnaire"

# Graphviz, the Liberation fonts and Chromium: installed when root or passwordless sudo can,
# else the exact command to run, before any test starts.
system-packages:
	@bash .ci/system-packages

# The npm packages the VS Code extension's tests need (vsce, vscode-textmate, vscode-oniguruma
# and the client), from its lock file (again when the lock file's content changes); without npm,
# those tests are skipped and say why.
VSCODE := editors/vscode
vscode-packages:
	@if ! command -v npm >/dev/null; then \
		echo "npm absent : les tests de l'extension VS Code seront sautés"; \
	elif ! cmp -s $(VSCODE)/package-lock.json $(VSCODE)/node_modules/.installed-lock.json; then \
		echo "installation des paquets npm de l'extension VS Code ($(VSCODE)/node_modules)"; \
		npm ci --prefix $(VSCODE) --no-audit --no-fund --loglevel=error && \
		cp $(VSCODE)/package-lock.json $(VSCODE)/node_modules/.installed-lock.json; \
	fi

# editors/vscode/alinea.vsix, to install with `code --install-extension`.
vsix: vscode-packages
	cd $(VSCODE) && npm run package -- --out alinea.vsix

test: system-packages vscode-packages $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p alinea.dsl -p alinea.engine -p alinea.diff -p alinea.visualize -p alinea.veille \
		-p alinea.service -p alinea.cli -p alinea.lsp
	$(BIN)/lint-imports
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

# docs/erreurs.md from the registry of codes (dsl/codes.toml); a test checks it is current.
erreurs: $(STAMP)
	$(BIN)/python -m alinea.dsl.codes > docs/erreurs.md

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_diff.py
	$(BIN)/python bench/bench_input.py
	$(BIN)/python bench/bench_lsp.py

# A long fuzzing run: 2,500 inputs per category through the real CLI (about 10,000 in all),
# then the hypothesis tests with many more examples; crashing inputs are kept in .fuzz/.
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz_report.py --inputs 2500 --keep .fuzz
	ALINEA_FUZZ_EXAMPLES=500 ALINEA_FUZZ_RANDOM=1 $(BIN)/pytest tests/fuzz -q

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache $(VSCODE)/node_modules
