"""Engine speed on the default scenario: load+check, turn time, playthroughs per second.

Run:  .venv/bin/python benchmarks/engine_speed.py [--games N] [--quick]
Prints medians over repeated measurements; compare figures as ratios on the same machine.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time

from game.engine import World, available_options, new_game, play_turn
from game.paths import default_scenario
from game.scenario import load_scenario


def play(world: World, role: str, seed: int, *, record: bool) -> int:
    """A random playthrough with the AI governments on; returns turns played."""
    state = new_game(world, role, seed)
    rng = random.Random(seed)
    turns = 0
    while not state.over:
        offered = available_options(world, state, role)
        state = play_turn(world, state, rng.choice(offered).id if offered else None, record=record)
        turns += 1
    return turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="100 games (benchmarks/run.py)")
    args = parser.parse_args()
    if args.quick:
        args.games = 100
    path = default_scenario()

    loads = []
    for _ in range(7):
        start = time.perf_counter()
        result = load_scenario(path)
        world = World.build(result.loaded)
        loads.append(time.perf_counter() - start)
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"scenario: {path.name}, {world.size} actors, {len(world.options)} options")
    print(f"load + check + compile: median {statistics.median(loads) * 1000:.1f} ms")

    role = world.playable[0]
    for record in (True, False):
        turn_times = []
        start = time.perf_counter()
        for seed in range(args.games):
            begin = time.perf_counter()
            turns = play(world, role, seed, record=record)
            turn_times.append((time.perf_counter() - begin) / turns)
        elapsed = time.perf_counter() - start
        label = "with history" if record else "bulk (no history)"
        print(
            f"{label:>18}: {args.games / elapsed:8.0f} playthroughs/s on one core, "
            f"median turn {statistics.median(turn_times) * 1e6:6.0f} µs"
        )


if __name__ == "__main__":
    main()
