# The two commands: `make demo` and `make test`. Both set everything up from a
# clean clone with nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit golden bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,server,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m apologykit.demo

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/apologykit check
	$(BIN)/python -m pytest -q

golden: $(STAMP)
	APOLOGYKIT_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_render.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
