"""Paths written inside files (issue 18): a scenario's `sources:`, a transcript's `scenario:`
and a save's scenario stay inside the folders a file may name, never reach a device, a pipe or
/proc, and nothing read from a file that is not a brief is quoted.

Each test runs the command in a fresh interpreter with a timeout (a hang fails the test),
checks the message and the exit code, and that no input file changed.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import World, new_game, play_turn
from game.saves import read_save, save_game
from game.scenario.loader import load_scenario
from tests.hostile.conftest import REPO, Run, digest, run_subprocess
from tests.scenario.conftest import edit, starter_text

BOUND = 20
"""Seconds any refusal here may take, start of the interpreter included: a read that blocks
(a pipe, /proc/kmsg) would run into it."""

SECRET = "s3cr3t-token-4471"

ESCAPES = "../" * 12


def citing(folder: Path, source: str, name: str = "cites.yaml") -> Path:
    """The starter scenario with one more brief, ``source``, under `sources:`."""
    path = folder / name
    path.write_text(edit(starter_text(), "sources:\n", f"sources:\n  - {source}\n"))
    return path


def check(path: Path, **env: str) -> Run:
    return run_subprocess("check", path, timeout=BOUND, env={"SECRET_FOR_TEST": SECRET, **env})


def assert_refused_brief(path: Path, result: Run, fragment: str) -> None:
    """Exit 1 at the `sources:` entry, with fragment, and nothing of the target quoted."""
    assert result.code == 1, result.text
    line = _source_line(path)
    assert f"{path}:{line}:5: error: cannot read the brief" in result.out, result.out
    assert fragment in result.out, result.out
    assert "root:" not in result.text and SECRET not in result.text


def _source_line(path: Path) -> int:
    """The line of the brief ``citing`` added: the first under `sources:`."""
    lines = path.read_text().splitlines()
    return lines.index("sources:") + 2


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        (f"{ESCAPES}etc/passwd", "it leads outside the folders a file may name"),
        ("/etc/passwd", "it leads outside the folders a file may name"),
        ("/proc/self/environ", "under /proc, /sys or /dev, which are never read"),
        ("/proc/kmsg", "under /proc, /sys or /dev"),
        (f"{ESCAPES}proc/self/environ", "under /proc, /sys or /dev"),
        ("/dev/zero", "under /proc, /sys or /dev"),
    ],
)
def test_brief_outside_the_project_is_refused(tmp_path: Path, source: str, fragment: str) -> None:
    path = citing(tmp_path, source)
    before = digest(path)
    result = check(path)
    assert_refused_brief(path, result, fragment)
    assert digest(path) == before


def test_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "brief.yaml").symlink_to("/etc/passwd")
    path = citing(tmp_path, "brief.yaml")
    result = check(path)
    assert_refused_brief(path, result, "it leads outside the folders a file may name")


def test_symlink_to_proc_is_refused(tmp_path: Path) -> None:
    (tmp_path / "env.yaml").symlink_to("/proc/self/environ")
    path = citing(tmp_path, "env.yaml")
    assert_refused_brief(path, check(path), "under /proc, /sys or /dev")


def test_pipe_named_as_a_brief_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    path = citing(tmp_path, "pipe.yaml")
    result = check(path)
    assert_refused_brief(path, result, "is not a regular file")
    assert stat.S_ISFIFO((tmp_path / "pipe.yaml").stat().st_mode)


def test_folder_named_as_a_brief(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    path = citing(tmp_path, "seeds")
    assert_refused_brief(path, check(path), "is a directory")


@pytest.mark.parametrize(
    "content",
    [
        f"api_token: {SECRET}\nuser: admin\n",  # YAML, but not a brief
        f"root:x:0:0:{SECRET}:/root:/bin/bash\n",  # not a mapping at all
        f"[section]\npassword = {SECRET}\n  bad: indent: here\n",  # not YAML
    ],
    ids=["yaml_not_a_brief", "plain_text", "not_yaml"],
)
def test_file_that_is_not_a_brief_is_never_quoted(tmp_path: Path, content: str) -> None:
    secret = tmp_path / "settings.yaml"
    secret.write_text(content)
    path = citing(tmp_path, "settings.yaml")
    before = digest(path), digest(secret)
    result = check(path)
    assert result.code == 1, result.text
    line = _source_line(path)
    assert f"{path}:{line}:5: error: the brief 'settings.yaml' is not a brief file" in result.out
    assert f"run `detente check {secret}` to see them" in result.out
    assert SECRET not in result.text and "api_token" not in result.text
    assert f"{secret}:" not in result.out  # no message placed in (and quoting) that file
    assert (digest(path), digest(secret)) == before


def test_the_file_named_on_the_command_line_is_still_shown_in_full(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("citation:\n  outlet: x\n  title: y\n  date: '2030-01-01'\nfact: []\n")
    result = check(brief)
    assert result.code == 1 and f"{brief}:5:1: error:" in result.out, result.out


def test_a_brief_in_the_project_folder_is_read(tmp_path: Path) -> None:
    """The shipped layout: scenarios/x.yaml cites ../seeds/y.yaml."""
    shipped = (REPO / "seeds" / "s400_transfer.yaml").read_text()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "brief.yaml").write_text(shipped)
    (tmp_path / "scenarios").mkdir()
    path = citing(tmp_path / "scenarios", "../seeds/brief.yaml")
    result = check(path)
    assert result.code == 0, result.text


def test_a_configured_root_lets_a_far_brief_in(tmp_path: Path) -> None:
    far = tmp_path / "library" / "briefs"
    far.mkdir(parents=True)
    (far / "brief.yaml").write_text((REPO / "seeds" / "grain_corridor.yaml").read_text())
    deep = tmp_path / "class" / "term" / "week1"
    deep.mkdir(parents=True)
    path = citing(deep, "../../../library/briefs/brief.yaml")
    refused = check(path)
    assert_refused_brief(path, refused, "add their folder to DETENTE_ROOTS")
    assert check(path, DETENTE_ROOTS=os.fspath(tmp_path / "library")).code == 0


def test_shipped_scenarios_still_check_clean() -> None:
    result = run_subprocess("check", REPO / "scenarios", REPO / "tests" / "playthroughs")
    assert result.code == 0, result.text


def test_a_new_scenario_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert run_subprocess("new", target, timeout=BOUND).code == 0
    assert check(target).code == 0


# --- transcripts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "fragment"),
    [
        (f"{ESCAPES}etc/passwd", "it leads outside the folders a file may name"),
        ("/proc/self/environ", "under /proc, /sys or /dev"),
        ("/proc/kmsg", "under /proc, /sys or /dev"),
    ],
)
def test_transcript_scenario_outside_is_refused(tmp_path: Path, scenario: str, fragment: str):
    script = tmp_path / "walk.yaml"
    script.write_text(f"scenario: {scenario}\nrole: NRL\nsteps:\n  - wait: true\n")
    before = digest(script)
    for result in (check(script), run_subprocess("run", "--script", script, timeout=BOUND)):
        assert result.code == 2, result.text
        assert f"{script}:1:11: error: cannot use the scenario path '{scenario}': " in result.text
        assert fragment in result.text
        assert "root:" not in result.text and SECRET not in result.text
    assert digest(script) == before


def test_transcript_next_to_its_scenario_still_plays(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "starter.yaml").write_text(starter_text())
    (tmp_path / "tests").mkdir()
    script = tmp_path / "tests" / "walk.yaml"
    script.write_text("scenario: ../scenarios/starter.yaml\nrole: NRL\nsteps:\n  - wait: true\n")
    result = check(script)
    assert result.code in (0, 1) and "cannot use the scenario path" not in result.text, result.text


# --- saves ---------------------------------------------------------------------------------


def open_with_save(save: Path, cwd: Path) -> Run:
    """`detente play --load SAVE` up to its first screen: open_game in a fresh interpreter
    (the app itself needs a terminal), printing the LaunchError's code and message."""
    code = (
        "import sys\n"
        "from game.launch import LaunchError, open_game\n"
        "try:\n"
        f"    opening = open_game(save={os.fspath(save)!r})\n"
        "except LaunchError as error:\n"
        "    print(error.code, error, sep='\\n'); print(error.details or '')\n"
        "else:\n"
        "    print(0, opening.scenario_path, opening.state.turn, sep='\\n')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=BOUND,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": os.fspath(REPO), "SECRET_FOR_TEST": SECRET},
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return Run(int(done.stdout.split("\n", 1)[0]), done.stdout.split("\n", 1)[1], done.stderr)


@pytest.fixture
def save_in_folder(tmp_path: Path) -> Path:
    """A real save of the starter, both in tmp_path/game (the save named as the code writes
    it: relative to the save's folder)."""
    folder = tmp_path / "game"
    folder.mkdir()
    scenario = folder / "starter.yaml"
    scenario.write_text(starter_text())
    result = load_scenario(scenario)
    assert result.loaded is not None
    world = World.build(result.loaded)
    state = play_turn(world, new_game(world, "NRL", 3), "hold_firm")
    save = folder / "game.json"
    save_game(save, world, state, os.fspath(scenario))
    return save


def test_save_names_its_scenario_relative_to_itself(save_in_folder: Path) -> None:
    assert json.loads(save_in_folder.read_text())["scenario"]["path"] == "starter.yaml"
    assert read_save(save_in_folder).scenario_file() == os.fspath(
        save_in_folder.parent / "starter.yaml"
    )


def test_save_scenario_path_is_read_against_the_save_not_the_current_folder(
    save_in_folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "starter.yaml").write_text("format: 1\nid: decoy\n")
    result = open_with_save(save_in_folder, cwd=elsewhere)
    assert result.code == 0, result.text
    assert result.out.splitlines()[:2] == [os.fspath(save_in_folder.parent / "starter.yaml"), "2"]


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/etc/passwd", "it leads outside the folders a file may name"),
        (f"{ESCAPES}etc/passwd", "it leads outside the folders a file may name"),
        ("/proc/self/environ", "under /proc, /sys or /dev"),
        ("/proc/kmsg", "under /proc, /sys or /dev"),
    ],
)
def test_save_scenario_outside_is_refused(save_in_folder: Path, path: str, fragment: str) -> None:
    data = json.loads(save_in_folder.read_text())
    data["scenario"]["path"] = path
    save_in_folder.write_text(json.dumps(data))
    before = digest(save_in_folder)
    result = open_with_save(save_in_folder, cwd=save_in_folder.parent)
    assert result.code == 2
    assert result.out.startswith(
        f'{save_in_folder}: cannot use the scenario path "{path}" in this save: '
    ), result.out
    assert fragment in result.out and "detente play SCENARIO --load" in result.out
    assert "root:" not in result.text and SECRET not in result.text
    assert digest(save_in_folder) == before
