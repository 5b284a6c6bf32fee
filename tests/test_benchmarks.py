"""`make bench` runs every benchmark: benchmarks/run.py lists each script, and each takes --quick."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
_spec = importlib.util.spec_from_file_location("benchmarks_run", BENCHMARKS / "run.py")
assert _spec is not None and _spec.loader is not None
run = importlib.util.module_from_spec(_spec)  # a script, not a package module
_spec.loader.exec_module(run)


def test_every_script_in_benchmarks_is_run_or_named_a_helper():
    assert run.unlisted() == []
    for name in (*run.BENCHMARKS, *run.HELPERS):
        assert (BENCHMARKS / name).is_file(), name


def test_every_benchmark_takes_the_quick_flag():
    for name in run.BENCHMARKS:
        result = subprocess.run(
            [sys.executable, str(BENCHMARKS / name), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "--quick" in result.stdout, name


def test_an_unknown_benchmark_is_refused():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "no_such_bench"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "ui_speed.py" in result.stdout
