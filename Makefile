# The two commands: `make demo` and `make test`. Both set everything up from a
# clean clone with nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The core install (what `make demo` needs) and everything the tests need.
CORE := $(VENV)/.core
STAMP := $(VENV)/.installed
# The docs site's own code (Sphinx settings and the local extension).
DOCS_CODE := docs/conf.py docs/_ext

.PHONY: demo test docs lint typecheck unit golden bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(CORE): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(CORE)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,server,dask,docs]'
	touch $(CORE) $(STAMP)

# The core only: jinja2, pydantic, babel, click and hijridate, nothing optional.
demo: $(CORE)
	$(BIN)/python -m apologykit.demo

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks $(DOCS_CODE)
	$(BIN)/ruff format --check src tests benchmarks $(DOCS_CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	APOLOGYKIT_CACHE_DIR= $(BIN)/apologykit check
	$(BIN)/python -m pytest -q
	$(MAKE) docs

# The documentation site, into site/. Strict: a warning, a broken link or a
# reference that does not resolve (-n) fails it; -E rereads every page, so a
# warning in an unchanged page is not skipped.
docs: $(STAMP)
	$(BIN)/sphinx-build -E -q -W --keep-going -n -b html docs site

golden: $(STAMP)
	APOLOGYKIT_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q tests/renderer/test_golden.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_render.py

clean:
	rm -rf $(VENV) build dist site .mypy_cache .pytest_cache .ruff_cache
