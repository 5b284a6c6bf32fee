"""Every benchmark, in quick mode, one after another: `make bench`.

    .venv/bin/python benchmarks/run.py [--full] [NAME ...]

Each script in BENCHMARKS runs in its own process with its ``--quick`` flag (``--full`` drops
it: the figures recorded in the README come from full runs) and prints its own figures; a
summary of the time each took and its exit code follows. Quick mode takes about a minute and
a half on the project's 2-core machine when it is otherwise idle. Quick figures are a smoke
test and a rough guide: compare full runs, on the same machine, as ratios.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS = (
    "engine_speed.py",
    "toolkit_speed.py",
    "hostile_inputs.py",
    "simulate_limits.py",
    "supported_sizes.py",
    "ui_speed.py",
    "offers_speed.py",
    "deep_check.py",
    "debrief_speed.py",
    "class_load.py",
)
"""The scripts that measure something, in the order they run (quickest first)."""

HELPERS = ("large_scenario.py", "un_members.py", "run.py")
"""Scripts the benchmarks use, that measure nothing themselves."""


def unlisted() -> list[str]:
    """Scripts in benchmarks/ that are neither run here nor named helpers: a new benchmark
    someone forgot to add (tests/test_benchmarks.py keeps this empty)."""
    known = set(BENCHMARKS) | set(HELPERS)
    return sorted(path.name for path in HERE.glob("*.py") if path.name not in known)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these (e.g. ui_speed)")
    parser.add_argument("--full", action="store_true", help="full runs, not quick ones")
    args = parser.parse_args()
    chosen = [f"{name.removesuffix('.py')}.py" for name in args.names] or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"run.py: no benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    for name in unlisted():
        print(f"run.py: warning: {name} is not listed in BENCHMARKS or HELPERS; not run")

    results = []
    for name in chosen:
        command = [sys.executable, str(HERE / name), *([] if args.full else ["--quick"])]
        print(f"\n=== {name}{'' if args.full else ' --quick'}", flush=True)
        start = time.perf_counter()
        code = subprocess.run(command, check=False).returncode
        results.append((name, time.perf_counter() - start, code))

    print("\n=== summary")
    for name, seconds, code in results:
        print(f"{name:<22} {seconds:7.1f} s  {'ok' if code == 0 else f'exit {code}'}")
    print(f"{'total':<22} {sum(seconds for _, seconds, _ in results):7.1f} s")
    return 1 if any(code for _, _, code in results) else 0


if __name__ == "__main__":
    sys.exit(main())
