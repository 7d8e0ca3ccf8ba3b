# jobtal: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE ?= 1
FRONTEND := src/jobtal/web/frontend

.PHONY: demo test lint typecheck unit postgres chromium install clean bench

install: $(STAMP) chromium

$(STAMP): pyproject.toml $(FRONTEND)/package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jobtal needs Python 3.11 or newer")'
	@# WeasyPrint (PDF agendas) needs Pango; HarfBuzz-Subset makes its font subsetting fast.
	@ldconfig -p | grep -q 'libpango-1.0.so' || scripts/apt-install libpango-1.0-0 libpangoft2-1.0-0
	@ldconfig -p | grep -q 'libharfbuzz-subset.so' || scripts/apt-install libharfbuzz-subset0 || true
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@# Det Fælles Designsystem for the web pages; without npm they fall back to plain HTML.
	@if command -v npm >/dev/null; then cd $(FRONTEND) && npm install --no-audit --no-fund --silent; \
	else echo "npm mangler: webapplikationen vises uden Det Fælles Designsystem"; fi
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jobtal demo --out demo --serve $(SERVE)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian's Chromium for the browser tests (tests/web/test_browser.py): Playwright drives
# /usr/bin/chromium and never downloads a browser of its own.
chromium:
	@test -x /usr/bin/chromium || scripts/apt-install chromium

# The whole suite, the web database on SQLite (whatever DATABASE_URL the shell has).
unit: $(STAMP) chromium
	env -u JOBTAL_DATABASE_URL -u DATABASE_URL $(BIN)/pytest

# tests/web again on a real PostgreSQL server: scripts/pg-test-server installs Debian's
# PostgreSQL when missing, starts a throwaway cluster on 127.0.0.1 and removes it afterwards.
postgres: $(STAMP) chromium
	@scripts/pg-test-server $(BIN)/pytest tests/web || { \
	echo "make test: tests/web på PostgreSQL mislykkedes (se ovenfor)" >&2; exit 1; }

test: lint typecheck unit postgres

# National-scale benchmark (benchmarks/README.md): import, appendix and one municipality's
# quarter on DuckDB, Spark and a plain pandas baseline; writes benchmarks/results.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) demo build .pytest_cache .mypy_cache .ruff_cache
