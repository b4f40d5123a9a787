# Two commands on a fresh machine: `make run` (set up, then serve the UI) and
# `make test` (set up, then run every test). Both are idempotent.
PYTHON ?= python3
PORT ?= 7860
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-fast typecheck lint browser eval bench clean

setup: $(STAMP)

# torch first, pinned, so that nothing pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[eval,test]'
	touch $(STAMP)

run: setup
	$(BIN)/rso-qa serve --port $(PORT)

# Debian's Chromium for the browser tests; never a downloaded browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

# Unit tests only: no model, no index build, no browser (under a minute).
test-fast: setup lint
	$(BIN)/python -m pytest -q -m "not slow"

test: setup browser lint typecheck
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/rso-qa eval

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
