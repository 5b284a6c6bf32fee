"""`detente check --deep` on every shipped scenario: positions, seconds, and what it missed.

    .venv/bin/python benchmarks/deep_check.py [--positions N ...] [--quick]

For each shipped scenario and each budget of positions (default: the command's default,
``game.sim.deep_limits.DEFAULT_POSITIONS``), runs the deep check's search as `detente check
--deep` runs it (seeds 0-2, beam 300) and prints the positions explored, the wall-clock and
CPU seconds, whether the search was exhaustive, and the options, events and endings it did
not reach (less `known_unreachable`). The positions and what was reached are the same on
every machine: that is the point of a budget in positions. Only the seconds vary, and they
show how far the default sits below the time limit. `--quick`: the tutorial only.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine import World  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim.deep_limits import DEFAULT_POSITIONS, DEFAULT_TIME_LIMIT  # noqa: E402
from game.sim.explore import explore  # noqa: E402


def unreached(world: World, seen: dict) -> list[str]:
    """Ids of options, events and endings the search never saw, less known_unreachable."""
    allowed = set(world.scenario.known_unreachable)
    missing = [f"option {o.id}" for o in world.scenario.options if ("option", o.id) not in seen]
    missing += [f"event {e.id}" for e in world.scenario.events if ("event", e.id) not in seen]
    missing += [f"ending {e.id}" for e in world.scenario.endings if ("ending", e.id) not in seen]
    return [m for m in missing if m.split()[1] not in allowed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, nargs="+", default=[DEFAULT_POSITIONS])
    parser.add_argument("--quick", action="store_true", help="the tutorial only")
    args = parser.parse_args()
    paths = sorted((ROOT / "scenarios").glob("*.yaml"))
    if args.quick:
        paths = [p for p in paths if p.stem == "tutorial"]
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    failed = False
    for path in paths:
        world = World.build(load_scenario(str(path)).loaded)
        for budget in args.positions:
            cpu = time.process_time()
            found = explore(
                world, seeds=(0, 1, 2), max_states=budget, time_limit=DEFAULT_TIME_LIMIT
            )
            cpu = time.process_time() - cpu
            missing = unreached(world, found.seen)
            failed = failed or bool(missing) or found.timed_out
            kind = "exhaustive" if found.exhaustive else "bounded"
            print(
                f"{path.stem:16} budget {budget:>9,}: {found.states:>9,} positions, "
                f"{found.elapsed:6.1f} s wall, {cpu:6.1f} s CPU, {kind}"
                + (", TIMED OUT" if found.timed_out else "")
                + f", unreached: {', '.join(missing) or 'none'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
