"""Messages that misled (issue 18): `!!binary`, invisible characters, a save with a BOM,
`turns: 010`, ids ending in a newline, and `detente new` with a newline in the name.

Each runs the command in a fresh interpreter under a timeout, checks the message and the exit
code, and that no input file changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine import World, new_game, play_turn
from game.saves import save_game
from game.scenario.loader import load_scenario
from tests.hostile.conftest import Run, digest, run_subprocess
from tests.scenario.conftest import edit, line_of, starter_text

BOUND = 20
"""Seconds a command may take here, start of the interpreter included."""


def check(tmp_path: Path, text: str) -> tuple[Path, Run]:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    before = digest(path)
    result = run_subprocess("check", path, timeout=BOUND)
    assert digest(path) == before
    assert result.err == ""
    return path, result


def test_binary_tag_says_binary_is_not_supported(tmp_path: Path) -> None:
    text = edit(starter_text(), 'title: "Starter"', "title: !!binary aGVsbG8=")
    path, result = check(tmp_path, text)
    assert result.code == 2, result.text
    line = line_of(text, "!!binary")
    assert (
        f"{path}:{line}:8: error: unsupported YAML tag !!binary: binary data is not supported"
        in result.out
    ), result.out
    assert "put it in quotes" not in result.out


@pytest.mark.parametrize(
    ("char", "escape"),
    [("\u200b", "\\u200b"), ("\ufeff", "\\ufeff"), ("\u202e", "\\u202e"), ("\u2066", "\\u2066")],
    ids=["zero_width_space", "bom", "right_to_left_override", "bidi_isolate"],
)
def test_invisible_character_in_an_id_is_shown(tmp_path: Path, char: str, escape: str) -> None:
    text = edit(starter_text(), "  - id: NRL ", f"  - id: NRL{char} ")
    path, result = check(tmp_path, text)
    assert result.code == 1, result.text
    line = line_of(text, f"id: NRL{char}")
    assert f"{path}:{line}:9: error: 'NRL{escape}' is not a valid id" in result.out, result.out
    assert char not in result.out


def test_invisible_character_in_a_key_is_shown(tmp_path: Path) -> None:
    text = edit(starter_text(), "turn_days: 7", "turn\u200b_days: 7")
    path, result = check(tmp_path, text)
    assert result.code == 1, result.text
    line = line_of(text, "turn\u200b_days")
    assert f"{path}:{line}:1: error: " in result.out, result.out
    assert "'turn\\u200b_days'" in result.out and "\u200b" not in result.out, result.out


def test_id_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    text = edit(starter_text(), "  - id: NRL ", '  - id: "NRL\\n" ')
    path, result = check(tmp_path, text)
    assert result.code == 1, result.text
    line = line_of(text, 'id: "NRL\\n"')
    assert f"{path}:{line}:9: error: 'NRL\\n' is not a valid id" in result.out, result.out


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("010", "`010` has a leading zero, which YAML reads as an octal number (8); write 10"),
        ("1:30", "`1:30` is read by YAML as a base-60 number (90)"),
    ],
)
def test_numbers_yaml_reads_in_another_base_are_refused(
    tmp_path: Path, written: str, fragment: str
) -> None:
    text = edit(starter_text(), "turns: 5", f"turns: {written}")
    path, result = check(tmp_path, text)
    assert result.code == 1, result.text
    assert f"{path}:{line_of(text, 'turns:')}:8: error: {fragment}" in result.out, result.out


def test_hex_and_plain_numbers_are_still_fine(tmp_path: Path) -> None:
    _, result = check(tmp_path, edit(starter_text(), "turns: 5", "turns: 0x5"))
    assert result.code == 0, result.text


def test_save_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    scenario = tmp_path / "starter.yaml"
    scenario.write_text(starter_text())
    result = load_scenario(scenario)
    assert result.loaded is not None
    world = World.build(result.loaded)
    save = tmp_path / "game.json"
    save_game(save, world, play_turn(world, new_game(world, "NRL", 3), "hold_firm"), "")
    save.write_bytes(b"\xef\xbb\xbf" + save.read_bytes())  # as Notepad saves it
    before = digest(save)
    run = run_subprocess("run", scenario, "--load", save, "--choose", "hold_firm", timeout=BOUND)
    assert run.code == 0, run.text
    assert "damaged" not in run.text
    assert digest(save) == before


@pytest.mark.parametrize("name", ["evil\nformat: 9.yaml", "tab\there", "bell\x07"])
def test_new_refuses_a_name_with_control_characters(tmp_path: Path, name: str) -> None:
    result = run_subprocess("new", name, "--dir", tmp_path, cwd=tmp_path, timeout=BOUND)
    assert result.code == 1, result.text
    assert "the name holds a control character (a newline?); choose a plain name" in result.err
    assert os.listdir(tmp_path) == []
