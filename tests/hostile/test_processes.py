"""Processes (issue 18): `simulate` refuses what it cannot hold, its workers die with it, and
`detente play` ends cleanly on a signal and refuses to start without a terminal.

Each test runs the command in a fresh interpreter under a subprocess timeout (a hang fails the
test), and checks the message, the exit code, and that no input changed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from game.sim.simulate import MAX_RECORDS, MAX_RUNS, workers_allowed
from tests.hostile.conftest import REPO, digest, run_subprocess

SCENARIO = REPO / "scenarios" / "s400_transfer.yaml"
BOUND = 30
"""Seconds a refusal may take, interpreter start included."""


# --- simulate's limits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runs", str(10**12)], f"--runs {10**12}: at most {MAX_RUNS:,} runs per role"),
        (["--runs", "0"], "--runs and --workers must be at least 1"),
        (["--workers", "1000"], f"--workers 1000: at most {workers_allowed()} here"),
        (["--workers", "-3"], "--runs and --workers must be at least 1"),
        # 4 roles x 10 turns x 4 other actors: the results may hold 31,250 runs per role.
        (["--runs", "40000"], "--runs 40000: at most 31,250 runs per role for this scenario"),
    ],
)
def test_simulate_refuses_what_it_cannot_hold(args: list[str], message: str) -> None:
    before = digest(SCENARIO)
    result = run_subprocess("simulate", SCENARIO, *args, timeout=BOUND)
    assert result.code == 2, result.text
    assert f"detente: {message}" in result.err, result.err
    assert result.out == ""
    assert digest(SCENARIO) == before


def test_the_results_bound_is_the_records_a_simulation_keeps() -> None:
    """The per-scenario bound is MAX_RECORDS over what one run of every role keeps, so one
    more run per role passes it."""
    from game.engine import World
    from game.scenario import load_scenario
    from game.sim.simulate import runs_allowed

    loaded = load_scenario(SCENARIO).loaded
    assert loaded is not None
    world = World.build(loaded)
    per_run = 4 * world.scenario.turns * (world.size - 1)
    allowed = runs_allowed(world, 4)
    assert allowed * per_run <= MAX_RECORDS < (allowed + 1) * per_run
    assert runs_allowed(world, 1) == min(MAX_RUNS, MAX_RECORDS // (per_run // 4))


def test_simulate_within_the_bounds_still_runs() -> None:
    result = run_subprocess(
        "simulate", SCENARIO, "--runs", "40", "--as", "TUR", "--workers", "1", timeout=120
    )
    assert result.code in (0, 1), result.text
    assert "TUR" in result.out


# --- workers die with their parent ---------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # the task ended meanwhile
            found |= {int(c) for c in task.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, dead and waiting for init to reap it, does not)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


WORKING = ("--runs", "30000", "--workers", "2", "--quiet")
"""A simulation long enough to be killed while its two workers play."""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
@pytest.mark.skipif(workers_allowed() < 2, reason="one processor: no worker pool")
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGKILL])
def test_no_worker_survives_its_parent(signal_number: int) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "simulate", SCENARIO, "--as", "TUR", *WORKING],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": os.fspath(REPO)},
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, f"the pool never started: children {workers}"
        time.sleep(0.5)  # the workers have run their initializer and are playing
        parent.send_signal(signal_number)
        parent.wait(timeout=BOUND)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = {w for w in workers if _alive(w)}
        assert not survivors, f"workers {survivors} outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for worker in workers:  # the workers this test started, if the fix failed
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)


# --- detente play: no terminal, and signals ------------------------------------------------


def test_play_without_a_terminal_is_refused(tmp_path: Path) -> None:
    """It used to wait for keys for ever."""
    done = subprocess.run(
        [sys.executable, "-m", "game.cli", "play", SCENARIO, "--as", "TUR"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=BOUND,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": os.fspath(REPO), "XDG_DATA_HOME": str(tmp_path)},
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().endswith(
        "detente: play needs a terminal: standard input and standard error are not one here; "
        "to play without one, use `detente run` (see `detente run --help`)"
    )
    assert "Traceback" not in done.stderr
    assert not any(tmp_path.iterdir())  # nothing written


DETENTE = str(Path(sys.executable).with_name("detente"))

RESTORED = (b"\x1b[?1049l", b"\x1b[?1000l")
"""What a terminal app writes when it gives the terminal back: the alternate screen left, the
mouse reporting off."""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_ends_play_and_restores_the_terminal(tmp_path: Path, name: str) -> None:
    try:
        master, slave = pty.openpty()
    except OSError as error:
        pytest.skip(f"no pseudo-terminal here: {error}")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [DETENTE, "play", "--seed", "1", "--as", "TUR"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,  # SIGHUP goes to this process only, as a closed terminal's
    )
    os.close(slave)
    seen, sent = b"", False
    deadline = time.monotonic() + 40
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            if not sent and b"Briefing" in seen:
                process.send_signal(getattr(signal, name))
                sent = True
            if process.poll() is not None and not ready:
                break
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert sent, seen.decode("utf-8", "replace")[-400:]
    assert code == 128 + getattr(signal, name)
    after = seen[seen.index(b"Briefing") :]
    for sequence in RESTORED:
        assert sequence in after, f"{sequence!r} never written: the terminal is left as it was"
    text = seen.decode("utf-8", "replace")
    assert f"detente: stopped by {name}" in text
    assert "Traceback" not in text
