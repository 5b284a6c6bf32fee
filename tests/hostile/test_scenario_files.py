"""Every hostile scenario file of issue 6 gets a `file:line` message (where a line exists),
exit 1 or 2, and no traceback. Timing is measured by benchmarks/hostile_inputs.py, not here."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import World, new_game, play_turn
from game.scenario.loader import load_scenario
from game.scenario.model import MAX_ACTORS
from tests.hostile.conftest import run_subprocess
from tests.hostile.inputs import ANY_LINE, HOSTILE, LONG_CONDITION, Hostile, actors, text_file
from tests.scenario.conftest import edit, starter_text


def expected_start(case: Hostile, path: Path) -> str:
    """How the first message must begin: the file, then its line when one applies."""
    if case.line is None or case.line == ANY_LINE:
        return f"{path}"
    text = path.read_text(encoding="utf-8", errors="replace")
    line = case.line(text) if callable(case.line) else case.line
    return f"{path}:{line}:"


@pytest.mark.parametrize("case", HOSTILE, ids=[c.name for c in HOSTILE])
def test_hostile_scenario_file(cli, tmp_path: Path, case: Hostile) -> None:
    path = case.make(tmp_path)
    result = cli("check", "--no-excerpts", path)
    assert result.code in case.codes, result.text
    *messages, summary = result.out.splitlines()
    assert messages and all(m.startswith(f"{path}") for m in messages), result.out
    expected = [m for m in messages if case.fragment in m and " error: " in m]
    assert any(m.startswith(expected_start(case, path)) for m in expected), result.out
    if case.line is None:
        assert expected[0].startswith(f"{path}: error: "), expected  # no made-up line
    assert summary.startswith("1 file(s) checked: ")
    assert result.err == ""


SUBPROCESS = [
    "alias_bomb",
    "flow_nesting_5000_deep",
    "non_utf8_bytes",
    "raw_nul_byte",
    "named_pipe",
    "id_with_terminal_escape",
    "random_bytes",
]


@pytest.mark.parametrize("name", SUBPROCESS)
def test_hostile_file_in_a_real_process(tmp_path: Path, name: str) -> None:
    case = next(c for c in HOSTILE if c.name == name)
    path = case.make(tmp_path)
    result = run_subprocess("check", path)
    assert result.code in case.codes
    assert result.out.startswith(expected_start(case, path)), result.out
    assert "\x1b" not in result.out  # an escape in the file never reaches the terminal raw


def test_play_refuses_hostile_file_without_traceback(cli, tmp_path: Path) -> None:
    path = next(c for c in HOSTILE if c.name == "alias_bomb").make(tmp_path)
    result = cli("run", path, "--as", "NRL")
    assert result.code == 2
    assert f"{path}:6:" in result.err


def test_the_most_actors_supported_load_and_play(tmp_path: Path) -> None:
    path = text_file("most", actors(MAX_ACTORS))(tmp_path)
    result = load_scenario(path)
    assert result.loaded is not None, [d.format() for d in result.diagnostics[:5]]
    world = World.build(result.loaded)
    state = play_turn(world, new_game(world, "NRL", 0), "hold_firm")
    assert state.turn == 2 and len(state.rel) == MAX_ACTORS * MAX_ACTORS


def test_long_but_reasonable_condition_is_accepted(cli, tmp_path: Path) -> None:
    condition = LONG_CONDITION[:1900].rsplit(" and ", 1)[0]
    path = text_file(
        "long_ok",
        edit(starter_text(), "requires: flag(talks)", f"requires: flag(talks) and {condition}"),
    )(tmp_path)
    assert cli("check", path).code == 0


def test_byte_order_mark_is_fine(cli, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + starter_text().encode())
    assert cli("check", path).code == 0


def test_a_folder_checks_every_file_in_it(cli, tmp_path: Path) -> None:
    for case in HOSTILE[:5]:
        case.make(tmp_path)
    result = cli("check", "--quiet", tmp_path)
    assert result.code == 2
    assert "5 file(s) checked" in result.out
