"""How fast, and in how much memory, `detente check` refuses hostile input (issue 6).

Runs every hostile scenario file of tests/hostile/inputs.py and every file of the broken
corpus (tests/scenario/broken) through `detente check` in this process, several times each,
and prints per input the median time, the peak memory Python allocated, and the exit code;
then the slowest refusal and the number of crashes (an exception, a traceback, or an exit
code other than the one expected).

Run:  .venv/bin/python benchmarks/hostile_inputs.py [--repeat N] [--quick]
Times are wall-clock on this machine; compare them as ratios, and against the 2-second limit.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from game.cli import main  # noqa: E402
from tests.hostile.inputs import HOSTILE  # noqa: E402

LIMIT = 2.0
"""Seconds within which every input must be refused (issue 6)."""


def run_check(path: Path) -> tuple[int, str]:
    """`detente check --quiet PATH`, its exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--quiet", str(path)])
    return code, out.getvalue() + err.getvalue()


def measure(path: Path, repeat: int) -> tuple[float, int, int, str]:
    """(median seconds, peak bytes allocated, exit code, output) for one input."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        code, output = run_check(path)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run_check(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak, code, output


def inputs(folder: Path) -> list[tuple[str, Callable[[], Path], tuple[int, ...]]]:
    """(name, make the file, allowed exit codes) for every input tried."""
    cases = [(c.name, lambda c=c: c.make(folder), c.codes) for c in HOSTILE]
    for path in sorted((REPO / "tests" / "scenario" / "broken").glob("*.yaml")):
        expected = 2 if "# exit: 2" in path.read_text(encoding="utf-8") else (0, 1)
        codes = expected if isinstance(expected, tuple) else (expected,)
        cases.append((f"broken/{path.stem}", lambda p=path: p, codes))
    return cases


def main_benchmark() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (median kept)")
    parser.add_argument("--quick", action="store_true", help="one run per input")
    args = parser.parse_args()
    if args.quick:
        args.repeat = 1
    print(f"Python {platform.python_version()} on {platform.machine()}, {args.repeat} runs each")
    print(f"{'input':44} {'median s':>9} {'peak MB':>8} {'exit':>5}")
    slowest, crashes, tried = (0.0, ""), [], 0
    with tempfile.TemporaryDirectory() as folder:
        for name, make, codes in inputs(Path(folder)):
            tried += 1
            try:
                seconds, peak, code, output = measure(make(), args.repeat)
            except BaseException as error:  # a crash is what is counted here
                crashes.append(f"{name}: {type(error).__name__}: {error}")
                continue
            if code not in codes or "Traceback" in output:
                crashes.append(f"{name}: exit {code}, expected {codes}")
            slowest = max(slowest, (seconds, name))
            print(f"{name:44} {seconds:9.3f} {peak / 1e6:8.1f} {code:5d}")
    print()
    print(f"inputs tried: {tried}; crashes: {len(crashes)}")
    for crash in crashes:
        print(f"  CRASH {crash}")
    print(f"slowest rejection: {slowest[0]:.3f} s ({slowest[1]}); limit {LIMIT:.1f} s")
    return 1 if crashes or slowest[0] > LIMIT else 0


if __name__ == "__main__":
    sys.exit(main_benchmark())
