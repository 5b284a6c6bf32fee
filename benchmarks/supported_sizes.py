"""The supported sizes of docs/reliability.md, measured: the largest scenarios the checker
accepts, played by the commands a class uses, each in a fresh process.

For each size this writes a scenario (benchmarks/large_scenario.py: the General Assembly
scenario, or minimal governments at the limits), then times `detente check`, `detente run`
(one game, the AI playing every other government) and `detente simulate --runs 100`, and
reports each one's wall-clock time and peak resident memory (the whole process, from
wait4). Above the limits it shows what the checker answers instead.

Run:  .venv/bin/python benchmarks/supported_sizes.py [--runs N] [--quick]
(What sizes over the limits cost, measured before the limits existed, is in
docs/reliability.md: the checker now refuses them, so this cannot play them.)
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import large_scenario  # noqa: E402

from game.scenario.model import MAX_ACTORS, MAX_GAME_SIZE  # noqa: E402


def timed(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak resident MB, exit code) of `python -m game.cli ARGS` in a new process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


Size = tuple[str, Callable[[], str], str]


def sizes() -> list[Size]:
    """(name, the scenario's text, the role to play) for each size measured."""
    most_turns = MAX_GAME_SIZE // (MAX_ACTORS * MAX_ACTORS)
    longest = int((MAX_GAME_SIZE / 200) ** 0.5)
    chosen: list[Size] = [
        ("UN 193 actors, 400 options, 12 turns", large_scenario.build, "USA"),
        (
            f"{MAX_ACTORS} actors, {most_turns} turns (the limit)",
            lambda: large_scenario.bare(MAX_ACTORS, 0, most_turns),
            "A00001",
        ),
        (
            f"{longest} actors, 200 turns (the limit)",
            lambda: large_scenario.bare(longest, 0, 200),
            "A00001",
        ),
        (
            f"{MAX_ACTORS} actors, 3,000 options, 12 turns",
            lambda: large_scenario.bare(MAX_ACTORS, 3_000, 12),
            "A00001",
        ),
        (
            f"{MAX_ACTORS + 1} actors (refused)",
            lambda: large_scenario.bare(MAX_ACTORS + 1),
            "A00001",
        ),
        ("8,000 actors, 200 KB (refused)", lambda: large_scenario.bare(8_000, 10), "A00001"),
    ]
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="runs for simulate (100)")
    parser.add_argument("--quick", action="store_true", help="10 runs for simulate (make bench)")
    args = parser.parse_args()
    if args.quick:
        args.runs = 10
    print(
        f"Python {platform.python_version()} on {platform.machine()}, load {os.getloadavg()[0]:.1f}"
    )
    print(f"{'scenario':44} {'command':9} {'s':>7} {'MB':>7} {'exit':>5}")
    with tempfile.TemporaryDirectory() as folder:
        for name, text, role in sizes():
            path = Path(folder) / "size.yaml"
            path.write_text(text(), encoding="utf-8")
            commands = {
                "check": ["check", "--quiet", str(path)],
                "run": ["run", "--as", role, str(path)],
                "simulate": [
                    "simulate",
                    "--quiet",
                    "--as",
                    role,
                    "--runs",
                    str(args.runs),
                    str(path),
                ],
            }
            for command, argv in commands.items():
                seconds, megabytes, code = timed(argv)
                print(
                    f"{name:44} {command:9} {seconds:7.2f} {megabytes:7.0f} {code:5d}", flush=True
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
