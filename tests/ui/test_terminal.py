"""`detente play` in a real pseudo-terminal: the whole path a student takes, driver included.

Pilot tests drive the app headless; these start the installed command as a terminal would,
so that the CLI, Textual's driver, the worker that opens the game and the report printed
after the app closes are tried together.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from game.paths import default_scenario

DETENTE = str(Path(sys.executable).with_name("detente"))


def play_in_a_terminal(
    args: list[str], data_home: Path, *, until: bytes | None, keys: bytes = b"\x11"
) -> tuple[int, str]:
    """Run `detente play ARGS` at 80x24; once ``until`` shows (if given), type ``keys``.

    Returns the exit code and everything written to the terminal, escape codes included.
    """
    try:
        master, slave = pty.openpty()
    except OSError as error:  # a sandbox without pseudo-terminals: nothing to drive
        pytest.skip(f"no pseudo-terminal here: {error}")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [DETENTE, "play", *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen = b""
    typed = until is None
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other end closed: the program has exited
                    break
                if not chunk:
                    break
                seen += chunk
            if not typed and until is not None and until in seen:
                os.write(master, keys)
                typed = True
            if process.poll() is not None and not ready:
                break
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return code, seen.decode("utf-8", "replace")


def test_play_opens_the_role_picker_and_quits_cleanly(tmp_path: Path) -> None:
    code, screen = play_in_a_terminal(["--seed", "1", "--as", "TUR"], tmp_path, until=b"Briefing")
    assert code == 0
    assert "Opening the game" in screen  # the first frame
    assert "Traceback" not in screen


def test_play_prints_what_is_wrong_with_a_scenario_after_the_app_closes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\nturns: many\n", encoding="utf-8")
    code, screen = play_in_a_terminal([str(broken)], tmp_path, until=None)
    assert code == 1
    assert "\x1b[?1049l" in screen  # the app left its alternate screen...
    after = screen.rsplit("\x1b[?1049l", 1)[-1]  # ...and then the report was printed
    assert f"{broken}:3:8: error: expected a whole number, got text 'many'" in after
    assert f"detente: {broken}: cannot play this scenario" in after
    assert "Traceback" not in screen


def test_a_second_start_shows_the_cached_role_picker_first(tmp_path: Path) -> None:
    """The first start opens the game behind "Opening the game"; the second shows the role
    picker kept from it as its first frame (issue 15, speed)."""
    scenario = str(default_scenario())
    code, first = play_in_a_terminal([scenario, "--seed", "1"], tmp_path, until=b"Governments")
    assert code == 0 and "Opening the game" in first
    code, second = play_in_a_terminal([scenario, "--seed", "1"], tmp_path, until=b"Governments")
    assert code == 0 and "Opening the game" not in second and "Traceback" not in second
