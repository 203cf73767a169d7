# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# .python-version selects 3.12 through pyenv; elsewhere any python3.12 on PATH will do.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): both cores by default; TEST_JOBS=0 runs in one process.
TEST_JOBS ?= 2

.PHONY: run test lint setup setup-dev demo bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Carewatch needs Python 3.12 or newer (see .python-version)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(VENV)/.installed $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

## Set up, load the demo agency into an empty database, serve the desk with its worker.
run: setup
	$(BIN)/carewatch demo
	CAREWATCH_EMAIL_URL=$${CAREWATCH_EMAIL_URL:-demo://} $(BIN)/carewatch serve --host $(HOST) --port $(PORT)

## Set up the development environment and run the whole test suite.
test: setup-dev
	$(BIN)/python -m pytest -n $(TEST_JOBS) $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check carewatch tests bench
	$(BIN)/mypy carewatch
	$(BIN)/lint-imports --no-logo

bench: setup-dev
	$(BIN)/python bench/import.py
	$(BIN)/python bench/inbox.py

clean:
	rm -rf $(VENV) var build *.egg-info test-artifacts
