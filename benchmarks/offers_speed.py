"""What offers cost the batch simulator: runs per second with and without an open offer.

    .venv/bin/python benchmarks/offers_speed.py [--runs 3000] [--quick]

On the starter scenario that `detente new` writes (Southland may propose a water quota that
Northland answers) and on the shipped S-400 scenario (no offers), for each playable role of
the starter and Turkey in S-400: runs per second of the batch engine (``play_batch``, one
process, uniform and ai policies) and of the scalar engine (``play_runs_scalar``), the
engine ``detente simulate`` would fall back on. The issue after offers needs at least 3,000
batch runs a second. Wall-clock medians of three; not a test (the figures depend on the
machine and its load).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.cli import main as detente  # noqa: E402
from game.engine import World  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim.batch import play_batch  # noqa: E402
from game.sim.runs import Job, play_runs_scalar  # noqa: E402


def rate(block: Callable[..., object], args: tuple, runs: int) -> float:
    """Runs per second of ``block(*args)``, the median of three timings."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        block(*args)
        times.append(time.perf_counter() - start)
    return runs / statistics.median(times)


def measure(path: Path, roles: list[str] | None, runs: int) -> None:
    result = load_scenario(path)
    assert result.loaded is not None
    world = World.build(result.loaded)
    offers = sum(1 for o in world.scenario.options if o.offer is not None)
    print(f"{world.scenario.id}: {offers} offer(s)")
    for role in roles or list(world.playable):
        seeds = list(range(runs))
        for policy in ("uniform", "ai"):
            batch = rate(play_batch, (world, role, seeds, policy), runs)
            few = max(runs // 10, 50)
            job = Job("", role, policy, tuple(range(few)))
            scalar = rate(play_runs_scalar, (world, job), few)
            print(
                f"  {role:4} {policy:8} batch {batch:9,.0f} runs/s   scalar {scalar:7,.0f} runs/s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3_000, help="runs per batch figure")
    parser.add_argument("--quick", action="store_true", help="300 runs (a smoke test)")
    args = parser.parse_args()
    if args.quick:
        args.runs = 300
    with tempfile.TemporaryDirectory() as folder:
        starter = Path(folder) / "river.yaml"
        with contextlib.redirect_stdout(io.StringIO()):
            assert detente(["new", str(starter)]) == 0
        measure(starter, None, args.runs)
    measure(ROOT / "scenarios" / "s400_transfer.yaml", ["TUR"], args.runs)


if __name__ == "__main__":
    main()
