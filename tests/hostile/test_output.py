"""Output and writes (issue 18): control characters from files never reach the terminal raw,
output survives a terminal that cannot encode it, a write that fails (a full disk, a closed
pipe, a folder in the way) exits 2 "cannot write PATH: REASON" instead of "a bug", shared files
honour the umask, a killed save's temporary file is cleaned up, and --bless writes only what
its own checker reads.

Commands run in a fresh interpreter under a subprocess timeout, with real streams (a pipe, a
file, /dev/full); each test checks the message, the exit code and that no input changed.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import World, new_game, play_turn
from game.saves import SHARED_MODE, atomic_write_text, read_save, save_game
from game.scenario.loader import load_scenario
from game.textsafe import terminal_safe
from tests.hostile.conftest import REPO, Run, digest, run_subprocess
from tests.scenario.conftest import edit

BOUND = 30
"""Seconds a command may take here, interpreter start included."""

FULL = Path("/dev/full")


def _full_disk() -> None:
    if not FULL.exists():
        pytest.skip("no /dev/full here")


def _assert_no_raw_controls(result: Run) -> None:
    for stream in (result.out, result.err):
        raw = [c for c in stream if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]
        assert not raw, f"raw control characters reached the terminal: {raw!r}"


# --- escaping -------------------------------------------------------------------------------


def test_terminal_safe_escapes_controls_and_keeps_line_breaks() -> None:
    text = "a\tb\nc\r\nd\re\x1b]52;c;cHduZWQ=\x07f\x9b2J\x7fg\udc80é→Ж\u200b"
    assert terminal_safe(text) == (
        "a\tb\nc\r\nd\\x0de\\x1b]52;c;cHduZWQ=\\x07f\\u009b2J\\u007fg\\udc80é→Ж\u200b"
    )


OSC52 = "\x1b]52;c;cHduZWQ=\x07"
"""An OSC 52 sequence: a terminal that obeys it puts 'pwned' on the clipboard."""
CLEAR = "\x1b[2J\x1b]0;owned\x07"
"""Clear the screen and set the window title."""


def _save(tmp_path: Path, starter_file: Path, **changes: object) -> Path:
    """A real save of the starter after one turn, with ``changes`` to its fields."""
    loaded = load_scenario(starter_file).loaded
    assert loaded is not None
    world = World.build(loaded)
    state = new_game(world, "NRL", 1)
    state = play_turn(world, state, "open_sluices")
    path = tmp_path / "game.json"
    save_game(path, world, state, os.fspath(starter_file))
    data = json.loads(path.read_text())
    for key, value in changes.items():
        if key == "scenario_id":
            data["scenario"]["id"] = value
        elif key == "scenario_path":
            data["scenario"]["path"] = value
        else:
            data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("role", f"NRL{OSC52}", "\\x1b]52;c;cHduZWQ=\\x07"),
        ("scenario_id", f"other{CLEAR}", "\\x1b[2J\\x1b]0;owned\\x07"),
        ("choices", [f"hold{OSC52}"], "\\x1b]52;c;cHduZWQ=\\x07"),
    ],
)
def test_text_from_a_save_is_printed_escaped(
    tmp_path: Path, starter_file: Path, field: str, value: object, shown: str
) -> None:
    save = _save(tmp_path, starter_file, **{field: value})
    before = digest(save), digest(starter_file)
    result = run_subprocess("run", starter_file, "--load", save, timeout=BOUND)
    assert result.code == 2, result.text
    assert shown in result.err, result.err
    _assert_no_raw_controls(result)
    assert (digest(save), digest(starter_file)) == before


def test_a_save_scenario_path_is_printed_escaped(
    tmp_path: Path, starter_file: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`detente play --load` reports a save's bad scenario path after the app has closed; the
    app is replaced by the opening it does, since there is no terminal here."""
    import game.ui.app

    def open_without_a_terminal(opener, **_):
        try:
            opener()
        except Exception as error:
            return 1, error
        return 0, None

    save = _save(tmp_path, starter_file, scenario_path=f"/etc/{CLEAR}passwd")
    before = digest(save)
    monkeypatch.setattr(game.ui.app, "run_app", open_without_a_terminal)
    result = cli("play", "--load", save)
    assert result.code == 2, result.text
    assert "cannot use the scenario path" in result.err
    assert "\\u001b[2J\\u001b]0;owned\\u0007" in result.err, result.err  # quoted as JSON
    _assert_no_raw_controls(result)
    assert digest(save) == before


# --- encodings ------------------------------------------------------------------------------


@pytest.fixture
def unicode_starter(tmp_path: Path, starter_file: Path) -> Path:
    """The starter with a name cp1252 cannot write."""
    path = tmp_path / "unicode.yaml"
    text = starter_file.read_text(encoding="utf-8")
    path.write_text(edit(text, "name: Northland\n", 'name: "Northland → Жуков"\n'), "utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["run", "{path}", "--as", "NRL", "--policy", "uniform"], 0, "Northland \\u2192 \\u0416"),
        (["simulate", "{path}", "--runs", "20", "--quiet"], 0, "As Northland \\u2192 \\u0416"),
    ],
)
def test_output_survives_a_terminal_that_cannot_encode_it(
    unicode_starter: Path, args: list[str], code: int, fragment: str
) -> None:
    before = digest(unicode_starter)
    command = [a.format(path=unicode_starter) for a in args]
    result = run_subprocess(*command, timeout=120, env={"PYTHONIOENCODING": "cp1252"})
    assert result.code == code, result.text
    assert fragment in result.out, result.out[:500]
    assert digest(unicode_starter) == before


def test_check_messages_survive_a_terminal_that_cannot_encode_them(
    tmp_path: Path, starter_file: Path
) -> None:
    path = tmp_path / "typo.yaml"
    text = starter_file.read_text(encoding="utf-8")
    path.write_text(edit(text, "default_role: NRL\n", "default_role: Жуков\n"), "utf-8")
    result = run_subprocess("check", path, timeout=BOUND, env={"PYTHONIOENCODING": "cp1252"})
    assert result.code == 1, result.text
    assert "\\u0416\\u0443\\u043a\\u043e\\u0432" in result.out, result.out
    assert "1 file(s) checked: 1 error(s)" in result.out


# --- write failures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["schema", "-o", "{target}"], "schema.json"),
        (
            ["run", "{starter}", "--as", "NRL", "--policy", "uniform", "--bless", "{target}"],
            "g.yaml",
        ),
        (
            ["run", "{starter}", "--as", "NRL", "--policy", "uniform", "--save", "{target}"],
            "s.json",
        ),
        (["check", "{starter}", "--deep", "--witness-dir", "{target}"], "witnesses"),
    ],
)
def test_a_full_disk_is_reported_as_a_write_failure(
    tmp_path: Path, starter_file: Path, cli, monkeypatch: pytest.MonkeyPatch, args, target
) -> None:
    """The disk fills while the file is flushed (the last moment a write can fail): exit 2,
    "cannot write PATH: No space left on device", not "a bug"; nothing half-written is left."""
    import game.saves

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    output = tmp_path / "out" / target
    before = digest(starter_file)
    monkeypatch.setattr(game.saves.os, "fsync", full)
    result = cli(*[a.format(starter=starter_file, target=output) for a in args])
    assert result.code == 2, result.text
    written = output if output.suffix else output / "starter-"
    assert f"{written}" in result.err and ": No space left on device" in result.err, result.err
    assert "bug" not in result.err
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]  # no temporary left
    assert digest(starter_file) == before


@pytest.mark.parametrize(
    "args",
    [
        ["schema", "-o", "/dev/full"],
        ["run", "{starter}", "--as", "NRL", "--policy", "uniform", "--bless", "/dev/full"],
        ["run", "{starter}", "--as", "NRL", "--policy", "uniform", "--save", "/dev/full"],
    ],
)
def test_a_device_named_as_the_output_is_never_replaced(
    starter_file: Path, args: list[str]
) -> None:
    """Run as root, a rename over /dev/full would have replaced the device with a file."""
    _full_disk()
    command = [a.format(starter=starter_file) for a in args]
    result = run_subprocess(*command, timeout=120)
    assert result.code == 1, result.text
    assert "detente: /dev/full: will not write over this file: it is not a regular file" in (
        result.err
    )
    assert stat.S_ISCHR(FULL.stat().st_mode)


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["run", "{starter}", "--as", "NRL", "--policy", "uniform"],
        ["simulate", "{starter}", "--runs", "200", "--csv"],
    ],
)
def test_standard_output_onto_a_full_disk(starter_file: Path, args: list[str]) -> None:
    _full_disk()
    command = [a.format(starter=starter_file) for a in args]
    with FULL.open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "game.cli", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": os.fspath(REPO)},
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "detente: cannot write standard output: No space left on device"
    ), done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["simulate", "{starter}", "--runs", "2000", "--csv", "--as", "NRL"],
    ],
)
def test_standard_output_into_a_closed_pipe(starter_file: Path, args: list[str]) -> None:
    command = [a.format(starter=starter_file) for a in args]
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: every write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "game.cli", *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": os.fspath(REPO)},
        )
    finally:
        os.close(write_end)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "detente: cannot write standard output: Broken pipe"


# --- modes and temporary files --------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_shared_files_honour_the_umask_and_saves_stay_private(
    tmp_path: Path, starter_file: Path, umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        atomic_write_text(tmp_path / "debrief.md", "# Debrief\n")
        _save(tmp_path, starter_file)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "debrief.md").stat().st_mode) == mode == SHARED_MODE & ~umask
    assert stat.S_IMODE((tmp_path / "game.json").stat().st_mode) == 0o600


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "scenario.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_temporary_file_left_by_a_killed_save_is_removed_by_the_next(
    tmp_path: Path, starter_file: Path
) -> None:
    save = _save(tmp_path, starter_file)
    dead = 2**22 + 12345  # above Linux's largest pid: no such process
    stale = tmp_path / f".game.json.{dead}.k1ll3d.tmp"
    stale.write_text('{"detente_save": 1, "cut sh')
    running = tmp_path / f".game.json.{os.getppid()}.wr1t1ng.tmp"  # a live process's write
    running.write_text("{")
    other = tmp_path / f".other.json.{dead}.x.tmp"  # another file's: not this save's business
    other.write_text("{")
    atomic_write_text(save, save.read_text())
    assert not stale.exists()
    assert running.exists() and other.exists()
    assert read_save(save).role == "NRL"
    assert sorted(p.name for p in tmp_path.glob(".game.json.*")) == [running.name]


# --- --bless and its checker ----------------------------------------------------------------


def test_bless_refuses_a_seed_its_checker_would_refuse(tmp_path: Path, starter_file: Path) -> None:
    target = tmp_path / "golden.yaml"
    before = digest(starter_file)
    result = run_subprocess(
        "run", starter_file, "--as", "NRL", "--seed", "5000000000", "--policy", "uniform",
        "--bless", target, timeout=BOUND,
    )  # fmt: skip
    assert result.code == 2, result.text
    assert "detente: --bless: the seed 5000000000 is beyond what a transcript may hold" in (
        result.err
    )
    assert not target.exists()
    assert digest(starter_file) == before


@pytest.mark.parametrize("seed", ["1000000000", "-1000000000"])
def test_a_blessed_transcript_at_the_largest_seed_checks_clean(
    tmp_path: Path, starter_file: Path, seed: str
) -> None:
    target = tmp_path / "golden.yaml"
    result = run_subprocess(
        "run", starter_file, "--as", "NRL", "--seed", seed, "--policy", "uniform",
        "--bless", target, timeout=BOUND,
    )  # fmt: skip
    assert result.code == 0, result.text
    checked = run_subprocess("check", target, timeout=BOUND)
    assert checked.code == 0, checked.text
    replayed = run_subprocess("run", "--script", target, timeout=BOUND)
    assert replayed.code == 0, replayed.text


def test_new_into_a_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n")
    result = run_subprocess("new", "river", "--dir", blocker, timeout=BOUND)
    assert result.code == 2, result.text
    assert result.err.strip() == f"detente: cannot write {blocker}/river.yaml: Not a directory"
    assert blocker.read_text() == "mine\n"
