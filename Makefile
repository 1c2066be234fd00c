# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make site   - install into .venv, then check and build the site into site/
#   make test   - install into .venv, then run every test (browser tests need Debian's chromium)
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: site test lint bundle bench bench-5000 stateful clean

site: $(VENV)/.installed
	$(BIN)/readings build

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Benchmarks (never timed unit tests): see README, "Performance".
bench: $(VENV)/.installed
	$(BIN)/python bench/extraction.py --json bench/results-extraction.json
	$(BIN)/python bench/collection.py --n 1000
	$(BIN)/python bench/search.py --n 1000

bench-5000: $(VENV)/.installed
	$(BIN)/python bench/collection.py --n 5000 --runs 1
	$(BIN)/python bench/search.py --n 5000
	$(BIN)/python bench/serve.py --n 5000

# The state machine over the commands (tests/test_stateful.py) with its long profile: more and longer runs,
# failures shrunk to a minimal sequence. CI runs its short profile with the other tests.
stateful: $(VENV)/.installed
	READINGS_STATEFUL_PROFILE=long $(BIN)/python -m pytest tests/test_stateful.py -q $(PYTEST_ARGS)

bundle: $(VENV)/.installed
	$(BIN)/readings bundle

clean:
	rm -rf site dist .pytest_cache
