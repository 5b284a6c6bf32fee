"""`detente simulate` at its limits (issue 18): peak memory of the largest simulation it
allows, and how fast it refuses the ones it does not.

    .venv/bin/python benchmarks/simulate_limits.py [--quick]

For each scenario (the S-400 crisis; the starter, whose small size lets it reach ``MAX_RUNS``),
the largest allowed `--runs` for all roles (``simulate.runs_allowed``) is run as the command
in a fresh process, and its peak memory (maximum resident set size) and wall time printed.
Then the refusals (`--runs 10**12`, `--workers 1000`, one run over the bound) are timed. Not a
test: the figures depend on the machine; they are recorded in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine import World  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim.simulate import runs_allowed, workers_allowed  # noqa: E402

STARTER_TEMPLATE = ROOT / "game" / "data" / "starter.yaml"


PROBE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Runs the command as its only child, so that the largest resident set of its children is
the command's own (with its workers, which are its children)."""


def command(*args: str) -> tuple[int, float, int]:
    """Run `detente ARGS` in a fresh process: exit code, seconds, peak memory in MB."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, sys.executable, "-m", "game.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.fspath(ROOT)},
        check=True,
    )
    elapsed = time.perf_counter() - start
    code, peak = map(int, done.stdout.split())
    return code, elapsed, peak // 1024


def starter(folder: Path) -> Path:
    path = folder / "starter.yaml"
    text = STARTER_TEMPLATE.read_text(encoding="utf-8")
    path.write_text(text.format(scenario_id="starter", title="Starter", filename=path.name))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the allowed runs")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scenarios = [ROOT / "scenarios" / "s400_transfer.yaml", starter(Path(folder))]
        for path in scenarios:
            loaded = load_scenario(path).loaded
            assert loaded is not None
            world = World.build(loaded)
            roles = len(world.playable)
            most = runs_allowed(world, roles)
            runs = most // 10 if options.quick else most
            code, seconds, peak = command("simulate", os.fspath(path), "--runs", str(runs))
            print(
                f"{path.name}: {runs:,} runs x {roles} roles (allowed {most:,}): exit {code}, "
                f"{seconds:.1f} s, peak {peak} MB"
            )
            if path == scenarios[0] and workers_allowed() > 1:
                workers = str(workers_allowed())
                code, seconds, peak = command(
                    "simulate", os.fspath(path), "--runs", str(runs), "--workers", workers
                )
                print(f"  with {workers} workers: exit {code}, {seconds:.1f} s, peak {peak} MB")
            for args in (["--runs", str(10**12)], ["--workers", "1000"], ["--runs", str(most + 1)]):
                code, seconds, _ = command("simulate", os.fspath(path), *args)
                print(f"  refused {' '.join(args)}: exit {code}, {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
