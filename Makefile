# Every target sets up .venv on first use, so a fresh clone needs only `make play` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements/test.lock
LOCK_TOOLS := $(VENV)/lock-tools

.PHONY: play test fuzz lint format check bench snapshots lock clean

# The test environment is the lock file's, exactly (versions and hashes), then the package
# itself without dependencies, so every machine lints and tests with the same tools.
# The package is byte-compiled once here, as pip does for a regular install but not for an
# editable one, so that no start of `detente` compiles it (nor every start, where bytecode is
# not written).
$(STAMP): pyproject.toml Makefile $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Détente needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m compileall -q game
	touch $(STAMP)

# Rewrites the lock from pyproject.toml's dependencies and its test extra, at the newest
# versions allowed (pip-tools, in a venv of its own so the test environment stays the lock's).
lock:
	test -x $(LOCK_TOOLS)/bin/pip-compile || ( $(PYTHON) -m venv $(LOCK_TOOLS) && \
		$(LOCK_TOOLS)/bin/python -m pip install --quiet pip-tools )
	$(LOCK_TOOLS)/bin/pip-compile --quiet --upgrade --extra test --generate-hashes \
		--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		-o $(LOCK) pyproject.toml

play: $(STAMP)
	$(BIN)/detente play

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

# The properties with fresh random examples (the suite's are the same on every run), and ten
# times as many for the fuzzing ones: a search for what the fixed examples miss.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore DETENTE_FUZZ_EXAMPLES=1000 $(BIN)/python -m pytest -q -n 2 \
		tests/hostile tests/engine tests/sim --hypothesis-show-statistics

# After an intended change of the layout: rewrite the approved screenshots, then look at the
# changed SVGs (git diff, or the report pytest prints) before committing them.
snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/ui/test_snapshots.py --snapshot-update

lint: $(STAMP)
	$(BIN)/ruff check game tests benchmarks hatch_build.py
	$(BIN)/ruff format --check game tests benchmarks hatch_build.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix game tests benchmarks hatch_build.py
	$(BIN)/ruff format game tests benchmarks hatch_build.py

check: $(STAMP)
	$(BIN)/detente check scenarios/*.yaml

# Every benchmark in quick mode (about 1.5 min on an idle 2-core machine); see benchmarks/run.py.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
