"""How quick the app feels: cold start to first frame, and key press to updated screen.

    .venv/bin/python benchmarks/ui_speed.py [--starts 5] [--presses 20] [--quick]

Cold start: `detente play --seed 1` is started in a pseudo-terminal of 80x24 and timed until
its first frame has been written (the loading screen's "Opening the game" appears in the
output), and until the role picker is up (its "Governments" panel title appears). The first
is what issue 4's target is about; the second is when a student can act (issue 15: within
1.3x of the one-label app). After one untimed start the role picker is cached, so the timed
starts show it at once (then it is the first frame too) while the game opens behind it. Python's own
start-up is included. The package is byte-compiled first, as `make` leaves it. Beside the
wall clock, each start records the CPU time of the program's main thread when the mark was
seen (Linux: /proc/PID/schedstat): on a machine loaded by other work the wall clock of two
starts a second apart can differ by half, the CPU time much less. It is read when the mark
arrives, so it includes what the program did between writing the frame and that moment.

Key presses: the app runs under Textual's Pilot (headless, 80x24) on the default scenario.
Each sample sends one key through the driver, as a terminal would, and stops the clock when
the screen shows the result and a frame has been rendered:

- select: a digit highlights an option and the detail panel shows it (advisor on);
- confirm: enter plays the turn (engine, autosave after the frame) and the report shows;
- close: enter closes the report and the refreshed turn screen is back.

For reference the same is timed for a Textual app showing one label: what Python and
Textual alone cost on the machine. Medians are printed with the targets from issue 4
(start < 0.5 s, key < 50 ms). Not a test: figures depend on the machine (and on what else
runs on it), so they are recorded in the README with the machine named.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_FRAME_MARK = b"Opening the game"
ROLE_PICKER_MARK = b"Governments"


BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Governments")

Bare().run()
"""
"""A one-label Textual app: the floor under any Textual program's start on this machine."""


PHASES = """
import time
start, cpu0 = time.perf_counter(), time.process_time()
import asyncio, json
from functools import partial
from game.cli import build_parser
from game.ui.app import DetenteApp
from game.ui.screens.loading import LoadingScreen
marks = [("import Textual, CLI and app", time.perf_counter(), time.process_time())]

def open_the_game():
    from game.launch import open_game
    return open_game()

async def first_frames():
    app = DetenteApp(open_the_game, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, LoadingScreen):
            await asyncio.sleep(0)
        await pilot.pause(0)
        marks.append(("first frame (loading screen)", time.perf_counter(), time.process_time()))
        while type(app.screen).__name__ != "RolePickerScreen":
            await asyncio.sleep(0.001)
        await pilot.pause(0)
        marks.append(("open the game, role picker", time.perf_counter(), time.process_time()))

asyncio.run(first_frames())
parts, last = {}, (start, cpu0)
for name, wall, cpu in marks:
    parts[name] = (wall - last[0], cpu - last[1])
    last = (wall, cpu)
print(json.dumps(parts))
"""
"""The parts of a cold start, timed inside one fresh process (headless, so a little less).

Each part is timed as wall-clock and as CPU time of the process: on a machine busy with
other work the wall clock stretches, while the CPU time stays close to what an idle machine
takes (Python's start-up before the first line is not included). The game is opened in a
worker thread, whose CPU time is counted in the process's.
"""


def phases() -> dict[str, list[float]]:
    """(wall, CPU) seconds spent in each part of a start, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", PHASES], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main_thread_cpu(pid: int) -> float:
    """Seconds of CPU the main thread of process ``pid`` has run (NaN where unknown)."""
    try:
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as stat:
            return int(stat.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return float("nan")


def cold_start(
    data_home: str, marks: tuple[bytes, ...], command: list[str] | None = None
) -> list[tuple[float, float]]:
    """(wall, CPU) seconds from starting `detente play` (or ``command``) at 80x24 until each
    of ``marks`` has appeared in what it wrote to the terminal (NaN for a mark never seen);
    CPU is the main thread's, read when the mark was seen."""
    detente = Path(sys.executable).with_name("detente")
    command = command or [str(detente), "play", "--seed", "1"]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "XDG_DATA_HOME": data_home,
        "XDG_CACHE_HOME": os.path.join(data_home, "cache"),  # the role picker's cache
        "TERM": "xterm-256color",
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    times: dict[bytes, tuple[float, float]] = {}
    try:
        # The last mark ends the wait: with the role picker cached, the first frame is the
        # picker itself, and "Opening the game" never appears.
        while time.perf_counter() - start < 30 and marks[-1] not in times:
            ready, _, _ = select.select([master], [], [], 0.005)
            if not ready:
                continue
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
            now = time.perf_counter() - start
            cpu = main_thread_cpu(process.pid)
            for mark in marks:
                if mark not in times and mark in seen:
                    times[mark] = (now, cpu)
        os.write(master, b"\x11")  # ctrl+q: quit (nothing to save on the role picker)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    finally:
        os.close(master)
    last = times.get(marks[-1], (float("nan"), float("nan")))
    return [min(times.get(mark, last), last) for mark in marks]


async def key_presses(samples: int) -> dict[str, list[tuple[float, float]]]:
    """Milliseconds per key for select, confirm and close, over as many games as needed."""
    from textual import events

    from game.cli import load_world
    from game.paths import default_scenario
    from game.ui.app import make_app
    from game.ui.screens.report import ReportScreen
    from game.ui.screens.turn import TurnScreen
    from game.ui.widgets.options import OptionsList

    world, _ = load_world(default_scenario())
    times: dict[str, list[tuple[float, float]]] = {"select": [], "confirm": [], "close": []}

    async def timed(pilot, key: str, done: Callable[[], bool]) -> tuple[float, float]:
        """(wall, CPU) milliseconds from the key to a rendered frame that shows its result."""
        app = pilot.app
        await pilot.pause()  # start from a quiet app
        start, cpu = time.perf_counter(), time.process_time()
        app._driver.send_message(events.Key(key, "\r" if key == "enter" else key))
        while True:
            await pilot.pause(0)  # every pending message handled, then one frame rendered
            if done():
                return (
                    (time.perf_counter() - start) * 1000,
                    (time.process_time() - cpu) * 1000,
                )

    seed = 1
    while min(len(v) for v in times.values()) < samples:
        app = make_app(world, scenario_path=str(default_scenario()), role="TUR", seed=seed)
        seed += 1
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")  # the briefing
            while isinstance(app.screen, TurnScreen):
                screen = app.screen
                options = screen.query_one(OptionsList)
                available = [r for r in screen.rows if r.available and r.number]
                for row in available[:2]:
                    index = options.get_option_index(row.id)
                    times["select"].append(
                        await timed(
                            pilot, str(row.number), lambda i=index, o=options: o.highlighted == i
                        )
                    )
                turn = app.session.state.turn
                times["confirm"].append(
                    await timed(pilot, "enter", lambda a=app: isinstance(a.screen, ReportScreen))
                )
                times["close"].append(
                    await timed(
                        pilot,
                        "enter",
                        lambda t=turn, a=app: (
                            not isinstance(a.screen, ReportScreen) and a.session.state.turn == t + 1
                        ),
                    )
                )
    return {name: values[:samples] for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5, help="cold starts to time")
    parser.add_argument("--presses", type=int, default=20, help="samples per kind of key")
    parser.add_argument("--quick", action="store_true", help="2 starts, 5 presses of each kind")
    args = parser.parse_args()
    if args.quick:
        args.starts, args.presses = 2, 5

    with tempfile.TemporaryDirectory() as data_home:
        os.environ["XDG_DATA_HOME"] = data_home  # autosaves of the Pilot games go here too
        compileall.compile_dir(ROOT / "game", quiet=1)  # as `make` leaves the package
        runs, bare_app = args.starts, [sys.executable, "-c", BARE_APP]
        # Interleaved, so that both see the same moments of a machine shared with other work.
        starts, bare = [], []
        # One start first, untimed, as a student's first game: it leaves the role picker in
        # the cache (game.ui.picker_cache), which every later start of that scenario uses.
        cold = cold_start(data_home, (FIRST_FRAME_MARK, ROLE_PICKER_MARK))
        for _ in range(runs):
            starts.append(cold_start(data_home, (FIRST_FRAME_MARK, ROLE_PICKER_MARK)))
            bare.append(cold_start(data_home, (ROLE_PICKER_MARK,), bare_app)[0])
        parts = [phases() for _ in range(runs)]
        presses = asyncio.run(key_presses(args.presses))

    first = [frame[0] for frame, _ in starts]
    ready = [picker[0] for _, picker in starts]
    ready_cpu = [picker[1] for _, picker in starts]
    bare_cpu = [cpu for _, cpu in bare]
    bare = [wall for wall, _ in bare]
    print(
        f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"cold start to first frame: median {statistics.median(first):.3f} s, "
        f"best {min(first):.3f} s; target < 0.5 s"
    )
    print(f"  runs: {', '.join(f'{s:.3f}' for s in first)}")
    print(
        f"  for reference, a one-label Textual app: median {statistics.median(bare):.3f} s, "
        f"best {min(bare):.3f} s"
    )
    print(
        "  first frame over the one-label app, run by run: median "
        f"{statistics.median(f / b for f, b in zip(first, bare, strict=True)):.2f}x"
    )
    print(
        f"to the role picker: median {statistics.median(ready):.3f} s, "
        f"best {min(ready):.3f} s (picker cached; the very first start: {cold[1][0]:.3f} s)"
    )
    print(
        "  role picker over the one-label app, run by run: median "
        f"{statistics.median(r / b for r, b in zip(ready, bare, strict=True)):.2f}x; "
        "target < 1.3x"
    )
    print(
        f"  main thread's CPU to the role picker: median {statistics.median(ready_cpu):.3f} s, "
        f"one-label app {statistics.median(bare_cpu):.3f} s; run by run: median "
        f"{statistics.median(r / b for r, b in zip(ready_cpu, bare_cpu, strict=True)):.2f}x"
    )
    print("  parts, in one fresh process (wall / CPU):")
    for name in parts[0]:
        wall = statistics.median(p[name][0] for p in parts)
        cpu = statistics.median(p[name][1] for p in parts)
        print(f"    {name:<30} {wall:.3f} s / {cpu:.3f} s")
    for name, values in presses.items():
        wall = [w for w, _ in values]
        cpu = [c for _, c in values]
        print(
            f"key press, {name:<8} median {statistics.median(wall):6.1f} ms wall, "
            f"{statistics.median(cpu):5.1f} ms CPU (wall min {min(wall):.1f}, max "
            f"{max(wall):.1f}, n={len(values)}); target < 50 ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
