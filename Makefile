# Every target sets up .venv on first use, so a fresh clone needs only `make play` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: play test fuzz lint format check bench clean

# The package is byte-compiled once here, as pip does for a regular install but not for an
# editable one, so that no start of `detente` compiles it (nor every start, where bytecode is
# not written).
$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Détente needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q game
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/detente play

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

# The properties with fresh random examples (the suite's are the same on every run), and ten
# times as many for the fuzzing ones: a search for what the fixed examples miss.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore DETENTE_FUZZ_EXAMPLES=1000 $(BIN)/python -m pytest -q -n 2 \
		tests/hostile tests/engine tests/sim --hypothesis-show-statistics

lint: $(STAMP)
	$(BIN)/ruff check game tests benchmarks
	$(BIN)/ruff format --check game tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix game tests benchmarks
	$(BIN)/ruff format game tests benchmarks

check: $(STAMP)
	$(BIN)/detente check scenarios/*.yaml

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
