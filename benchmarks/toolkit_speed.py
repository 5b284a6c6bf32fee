"""The instructor's toolkit at speed: random playthroughs, turn time, load and check, memory.

    .venv/bin/python benchmarks/toolkit_speed.py [--runs 10000] [--quick]

On the S-400 scenario (scenarios/s400_transfer.yaml), with the AI governments on:

- random playthroughs per second as `detente simulate` plays them (``simulate.simulate``,
  uniform policy, role TUR), on 1 worker and on 2; the scalar engine alone for comparison;
- the median time of one turn on the engine (``play_turn``, with and without history);
- load and check (``load_scenario``) and compiling (``World.build``);
- peak memory (maximum resident set size) of a 10,000-run simulation with its report, in a
  fresh process.

Then the same on a generated scenario of all 193 UN member states with 400 options
(``benchmarks/large_scenario.py``, written to a temporary folder).

Figures are medians. Wall-clock time is what a user waits; CPU time (of this process and its
workers) is printed beside it because on a shared machine the wall clock also counts the
time other jobs held the cores. Targets from issue 5 are shown with each figure. Not a
test: the numbers depend on the machine, so they are recorded in the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import large_scenario  # noqa: E402

from game.engine import World, available_options, new_game, play_turn  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim.balance import rarely_taken, role_report  # noqa: E402
from game.sim.simulate import simulate  # noqa: E402

S400 = ROOT / "scenarios" / "s400_transfer.yaml"

MEMORY_PROBE = """
import resource, sys
from game.engine import World
from game.scenario import load_scenario
from game.sim.balance import rarely_taken, role_report
from game.sim.simulate import simulate
path, role, runs, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
world = World.build(load_scenario(path).loaded)
roles = world.playable if role == "all" else (role,)
results = simulate(world, path, roles, runs, 0, "uniform", workers).runs
reports = [role_report(world, r, results[r]) for r in roles]
rarely_taken(world, results)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(own, children)
"""


class Clock:
    """Wall and CPU time (this process and finished children) of a block."""

    def __enter__(self) -> Clock:
        self.wall0 = time.perf_counter()
        self.cpu0 = _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = _cpu() - self.cpu0


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def median_of(times: int, block: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``block`` over ``times`` runs."""
    walls, cpus = [], []
    for _ in range(times):
        with Clock() as clock:
            block()
        walls.append(clock.wall)
        cpus.append(clock.cpu)
    return statistics.median(walls), statistics.median(cpus)


def line(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<46} {value:<30} {target}")


def turn_times(world: World, role: str, games: int, *, record: bool) -> tuple[float, float]:
    """Median wall and CPU seconds of one ``play_turn`` over random games."""
    walls, cpus = [], []
    for seed in range(games):
        state = new_game(world, role, seed)
        rng = random.Random(seed)
        while not state.over:
            offered = available_options(world, state, role)
            choice = rng.choice(offered).id if offered else None
            wall, cpu = time.perf_counter(), time.process_time()
            state = play_turn(world, state, choice, record=record)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def scalar_rate(world: World, role: str, games: int) -> float:
    """Playthroughs per second on the engine alone, one game at a time (CPU time)."""
    start = time.process_time()
    for seed in range(games):
        state = new_game(world, role, seed)
        rng = random.Random(seed)
        while not state.over:
            offered = available_options(world, state, role)
            state = play_turn(world, state, rng.choice(offered).id if offered else None)
    return games / (time.process_time() - start)


def memory(path: Path, role: str, runs: int, workers: int) -> str:
    """Peak RSS of a fresh process simulating ``runs`` games and writing the report."""
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(path), role, str(runs), str(workers)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    own, children = int(out[0]) / 1024, int(out[1]) / 1024
    if workers > 1:
        return f"{own:.0f} MB + {children:.0f} MB per worker"
    return f"{own:.0f} MB"


def section(path: Path, role: str, args: argparse.Namespace, *, large: bool) -> None:
    loads = 3 if large else 7
    wall, cpu = median_of(loads, lambda: load_scenario(path))
    target = "(target < 1 s)" if large else ""
    line("load + check", f"{wall * 1000:6.0f} ms  (CPU {cpu * 1000:.0f} ms)", target)
    result = load_scenario(path)
    assert result.loaded is not None, [d.format() for d in result.diagnostics if d.is_error]
    wall, cpu = median_of(loads, lambda: World.build(result.loaded))
    line("compile (World.build)", f"{wall * 1000:6.0f} ms  (CPU {cpu * 1000:.0f} ms)")
    world = World.build(result.loaded)
    print(f"  {world.size} actors, {len(world.options)} options, {world.scenario.turns} turns")

    games = 3 if large else 200
    for record in (False, True):
        wall, cpu = turn_times(world, role, games, record=record)
        label = "one turn (play_turn), " + ("with history" if record else "no history")
        target = "(target < 20 ms)" if large and not record else ""
        line(label, f"{wall * 1000:6.2f} ms  (CPU {cpu * 1000:.2f} ms)", target)

    runs = args.large_runs if large else args.runs
    if not large:
        rate = scalar_rate(world, role, 300 if not args.quick else 100)
        line("engine alone, one game at a time", f"{rate:8.0f} playthroughs/s (CPU)")
    for workers in (1, 2):
        simulate(world, str(path), (role,), min(runs, 200), 0, "uniform", workers)  # warm up
        with Clock() as clock:
            results = simulate(world, str(path), (role,), runs, 0, "uniform", workers).runs
        assert len(results[role]) == runs and not any(r.error for r in results[role])
        rate = runs / clock.wall
        if large:
            target = ""
        elif workers == 1:
            target = "(target 3,300+/s)"
        else:
            target = f"(target: 10,000 in < 3 s; here {runs:,} in {clock.wall:.2f} s)"
        line(
            f"simulate {runs:,} runs, {workers} worker{'s' if workers > 1 else ''}",
            f"{rate:8.0f} playthroughs/s  (CPU {clock.cpu:.2f} s)",
            target,
        )
    with Clock() as clock:
        reports = [role_report(world, role, results[role])]
        rarely_taken(world, results)
    line("report of those runs (role_report)", f"{clock.wall * 1000:6.0f} ms")
    del reports
    if not large:
        line(
            f"peak memory, simulate {args.runs:,} runs + report",
            memory(path, role, args.runs, 1),
            "(target < 200 MB)",
        )
        line(
            f"peak memory, same, --as all ({len(world.playable)} roles)",
            memory(path, "all", args.runs, 1),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="S-400 runs per figure")
    parser.add_argument("--large-runs", type=int, default=100, help="runs on the 193 actors")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.large_runs = 1000, 16
    load = os.getloadavg()[0]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load:.1f} when started"
    )
    print(f"\nS-400 ({S400.relative_to(ROOT)}), role TUR, AI governments on")
    section(S400, "TUR", args, large=False)
    path = large_scenario.write()
    print(f"\n193 UN member states, generated ({path})")
    section(path, "USA", args, large=True)


if __name__ == "__main__":
    main()
