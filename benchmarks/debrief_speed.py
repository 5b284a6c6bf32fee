"""How long a debrief takes: luck and judgment, the what-if game, the documents, the class.

    .venv/bin/python benchmarks/debrief_speed.py [--quick]

On the S-400 scenario (role TUR, seed 3, a finished game of ten turns):

- ``analyse`` (game/sim/luck.py) at the defaults of `detente debrief` and the app (500 other
  dice per distribution, 100 per alternative move) and with ``--runs 2000``: wall and CPU
  seconds, and the games played;
- one what-if game (``what_if``, the scalar engine): milliseconds;
- the Markdown and the HTML page with its three pygal charts, once the analysis is done;
- the class report of 30 saves' games at its default (200 dice each, no per-turn rollouts).

Figures are medians of three runs (one with --quick). Wall-clock time is what a student
waits; CPU time is printed beside it because on a shared machine the wall clock also counts
other jobs. Not a test: the numbers depend on the machine, so they are recorded in the
README.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.analysis import PlayRecord  # noqa: E402
from game.engine import World, new_game, play_turn  # noqa: E402
from game.report.debrief import Debrief  # noqa: E402
from game.report.results import SeatRecord, class_report  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim.luck import analyse  # noqa: E402
from game.sim.policies import like_ai  # noqa: E402
from game.sim.whatif import what_if  # noqa: E402

S400 = ROOT / "scenarios" / "s400_transfer.yaml"
CHOICES = (
    "tur_close_straits",
    "tur_offer_mediation",
    "tur_wait",
    "tur_sell_drones",
    "tur_quiet_ties",
    "tur_host_talks",
    "tur_wait",
    "tur_refuse_publicly",
    "tur_sell_drones",
    "tur_store_s400",
)


def timed(work: Callable[[], object], repeats: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of ``work``, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of each, fewer saves")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    loaded = load_scenario(S400).loaded
    assert loaded is not None
    world = World.build(loaded)
    state = new_game(world, "TUR", 3)
    for choice in CHOICES:
        state = play_turn(world, state, choice)

    print(f"S-400, TUR, seed 3, {len(CHOICES)} turns; median of {repeats} run(s)")
    for label, runs, turn_runs in (
        ("detente debrief", 500, 100),
        ("the app (end screen, e)", 300, 60),
    ):
        wall, cpu, report = timed(
            lambda runs=runs, turn_runs=turn_runs: analyse(
                world, state, runs=runs, turn_runs=turn_runs
            ),
            repeats,
        )
        variants = 1 + sum(len(t.alternatives) for t in report.turns)  # type: ignore[attr-defined]
        print(
            f"  luck and judgment, {label} ({runs} dice, {turn_runs} per alternative): "
            f"{wall:.2f} s wall, {cpu:.2f} s CPU; {3 * runs:,} games in 3 batches, then "
            f"{variants} variants x {turn_runs} = {variants * turn_runs:,} games in one"
        )
    wall, cpu, _ = timed(lambda: what_if(world, state, 2, "tur_wait"), repeats * 5)
    print(f"  one what-if game: {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU")
    luck = analyse(world, state)
    import datetime

    debrief = Debrief(
        world, state, "TUR", PlayRecord("A", "B"), luck, "", datetime.date(2026, 1, 1), str(S400)
    )
    wall, cpu, text = timed(debrief.markdown, repeats)
    print(f"  Markdown: {wall * 1000:.0f} ms, {len(str(text).splitlines())} lines")
    wall, cpu, page = timed(debrief.html, repeats)
    print(
        f"  HTML with three charts (pygal imported in the first run): {wall * 1000:.0f} ms, "
        f"{len(str(page)) // 1024} KB"
    )
    students = 8 if args.quick else 30
    seats = []
    for n in range(students):
        game = new_game(world, "TUR", 100 + n)
        rng = random.Random(n)
        while not game.over:  # students who choose as the computer would
            game = play_turn(world, game, like_ai(world, game, rng))
        seats.append(SeatRecord(f"s{n}.json", world, game, "TUR", PlayRecord(f"Student {n}")))
    wall, cpu, _ = timed(lambda: class_report(seats), 1)
    print(f"  class report of {students} games (200 dice each): {wall:.1f} s wall, {cpu:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
