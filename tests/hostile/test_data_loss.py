"""Writes that must not lose data (issue 18): `--save`, `--bless`, `check --deep --witness-dir`
and `schema -o` never replace an input of the command or a file of another kind.

Each command runs in a fresh interpreter under a timeout (a write that blocks on a pipe would
run into it); each test checks the message, the exit code, and that the file that was in the
way is byte for byte what it was, with the same modification time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import World, new_game, play_turn
from game.saves import read_save, save_game
from game.scenario.loader import load_scenario
from game.writeguard import (
    SAVE,
    SCENARIO,
    TRANSCRIPT,
    WITNESS,
    WriteRefused,
    check_may_write,
)
from tests.hostile.conftest import Run, digest, run_subprocess
from tests.scenario.conftest import starter_text

BOUND = 30
"""Seconds a refused write may take, the interpreter's start included."""

MOVES = "accept_talks,hold_firm"

REFUSED = "will not write over this file"


def detente(*args: str | os.PathLike[str], cwd: Path | None = None) -> Run:
    return run_subprocess(*args, cwd=cwd, timeout=BOUND)


def assert_refused(result: Run, target: Path, why: str) -> None:
    assert result.code == 1, result.text
    assert f"detente: {target}: {REFUSED}: {why}" in result.err, result.err
    assert "it is left as it was" in result.err


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "crisis.yaml"
    path.write_text(starter_text("crisis"), encoding="utf-8")
    return path


def world_of(path: Path) -> World:
    result = load_scenario(path)
    assert result.loaded is not None
    return World.build(result.loaded)


def a_save(scenario: Path, where: Path, seed: int = 3) -> Path:
    world = world_of(scenario)
    state = play_turn(world, new_game(world, "NRL", seed), "hold_firm")
    save_game(where, world, state, os.fspath(scenario))
    return where


def a_transcript(scenario: Path, where: Path) -> Path:
    result = detente("run", scenario, "--as", "NRL", "--choose", MOVES, "--bless", where)
    assert result.code == 0, result.text
    return where


# --- the scenario itself ----------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--save", "--bless"])
def test_save_or_bless_onto_the_scenario_is_refused(scenario: Path, option: str) -> None:
    before = digest(scenario)
    result = detente("run", scenario, "--as", "NRL", "--choose", MOVES, option, scenario)
    assert_refused(result, scenario, f"it is a scenario this command reads ({scenario})")
    assert result.out == ""  # refused before anything was played
    assert digest(scenario) == before


def test_a_symlink_to_the_scenario_is_the_scenario(scenario: Path, tmp_path: Path) -> None:
    link = tmp_path / "game.json"
    link.symlink_to(scenario)
    before = digest(scenario)
    result = detente("run", scenario, "--as", "NRL", "--choose", MOVES, "--save", link)
    assert_refused(result, link, "it is a scenario this command reads")
    assert digest(scenario) == before and link.is_symlink()


def test_bless_onto_the_scenario_a_transcript_names_is_refused(
    scenario: Path, tmp_path: Path
) -> None:
    """The scenario comes from inside the transcript, not from the command line."""
    transcript = a_transcript(scenario, tmp_path / "golden.yaml")
    before = digest(scenario), digest(transcript)
    result = detente("run", "--script", transcript, "--bless", scenario)
    assert_refused(result, scenario, "it is a scenario this command reads")
    assert (digest(scenario), digest(transcript)) == before


# --- files of another kind -----------------------------------------------------------------


def notes(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("my notes for the class\n", encoding="utf-8")
    return path


def other_json(folder: Path) -> Path:
    path = folder / "config.json"
    path.write_text(json.dumps({"theme": "dark"}), encoding="utf-8")
    return path


def brief(folder: Path) -> Path:
    path = folder / "brief.yaml"
    path.write_text("citation: A report\nfacts:\n  - id: f1\n    claim: Something.\n")
    return path


def large(folder: Path) -> Path:
    path = folder / "big.json"
    path.write_bytes(b'{"detente_save": 1, "pad": "' + b"x" * (6 * 1024 * 1024) + b'"}')
    return path


KINDS_NOT_A_SAVE: dict[str, Callable[[Path], Path]] = {
    "text": notes,
    "other JSON": other_json,
    "a brief": brief,
    "over the save size": large,
}


@pytest.mark.parametrize("name", KINDS_NOT_A_SAVE)
def test_save_over_a_file_that_is_not_a_save_is_refused(
    scenario: Path, tmp_path: Path, name: str
) -> None:
    target = KINDS_NOT_A_SAVE[name](tmp_path)
    before = digest(target)
    result = detente("run", scenario, "--as", "NRL", "--choose", MOVES, "--save", target)
    why = "it cannot be read to tell what it is" if name == "over the save size" else "it exists"
    assert_refused(result, target, why)
    if why == "it exists":
        assert "it exists and is not a Détente save" in result.err
    assert digest(target) == before


def test_save_over_a_transcript_and_bless_over_a_save_are_refused(
    scenario: Path, tmp_path: Path
) -> None:
    transcript = a_transcript(scenario, tmp_path / "golden.yaml")
    save = a_save(scenario, tmp_path / "game.json")
    before = digest(transcript), digest(save)
    run = ("run", scenario, "--as", "NRL", "--choose", MOVES)
    onto_transcript = detente(*run, "--save", transcript)
    assert_refused(onto_transcript, transcript, "it exists and is not a Détente save")
    onto_save = detente(*run, "--bless", save)
    assert_refused(onto_save, save, "it exists and is not a transcript")
    replayed_onto_itself = detente("run", "--script", transcript, "--save", transcript)
    assert_refused(replayed_onto_itself, transcript, "it is a transcript this command reads")
    assert (digest(transcript), digest(save)) == before


def test_save_onto_a_folder_or_a_pipe_is_refused_without_a_hang(
    scenario: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "kept.txt").write_text("inside")
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    run = ("run", scenario, "--as", "NRL", "--choose", MOVES, "--save")
    assert_refused(detente(*run, folder), folder, "it is a folder")
    assert_refused(detente(*run, pipe), pipe, "it is not a regular file")
    assert (folder / "kept.txt").read_text() == "inside"


# --- the right kind is replaced, as before ---------------------------------------------------


def test_a_save_replaces_a_save_and_a_transcript_a_transcript(
    scenario: Path, tmp_path: Path
) -> None:
    save = a_save(scenario, tmp_path / "game.json", seed=9)
    result = detente("run", scenario, "--as", "NRL", "--choose", MOVES, "--save", save)
    assert result.code == 0, result.text
    assert read_save(save).choices == ("accept_talks", "hold_firm")

    advanced = detente("run", scenario, "--load", save, "--choose", "hold_firm", "--save", save)
    assert advanced.code == 0, advanced.text
    assert read_save(save).choices == ("accept_talks", "hold_firm", "hold_firm")

    golden = a_transcript(scenario, tmp_path / "golden.yaml")
    rerecorded = detente("run", "--script", golden, "--bless", golden)
    assert rerecorded.code == 0, rerecorded.text
    assert "blessed: wrote" in rerecorded.err


# --- witnesses -----------------------------------------------------------------------------


def deep(scenario: Path, folder: Path) -> Run:
    return detente("check", "--deep", "--positions", "4000", "--witness-dir", folder, scenario)


def test_witness_dir_holding_the_scenario_under_a_witness_name(tmp_path: Path) -> None:
    """`check --deep --witness-dir .` used to overwrite a scenario named like a witness."""
    scenario = tmp_path / "crisis-settled.yaml"
    scenario.write_text(starter_text("crisis"), encoding="utf-8")
    before = digest(scenario)
    result = deep(scenario, tmp_path)
    assert result.code == 1, result.text
    assert "error: the witness of ending 'settled' was not written" in result.out, result.out
    assert f"{scenario}: {REFUSED}: it is a scenario this command reads" in result.out
    assert digest(scenario) == before
    stalemate = tmp_path / "crisis-stalemate.yaml"  # the other ending's witness is written
    assert stalemate.is_file() and "transcript: " in result.out


def test_witness_over_a_golden_transcript_is_refused_and_over_a_witness_allowed(
    scenario: Path, tmp_path: Path
) -> None:
    golden = a_transcript(scenario, tmp_path / "crisis-settled.yaml")
    before = digest(golden)
    result = deep(scenario, tmp_path)
    assert result.code == 1, result.text
    assert f"{golden}: {REFUSED}: it exists and is not a witness transcript" in result.out
    assert digest(golden) == before

    golden.unlink()
    first = deep(scenario, tmp_path)
    assert first.code == 0, first.text
    again = deep(scenario, tmp_path)  # an earlier witness is replaced by the new one
    assert again.code == 0, again.text


def test_witness_dir_that_is_a_file_is_refused_before_the_search(scenario: Path) -> None:
    before = digest(scenario)
    result = deep(scenario, scenario)
    assert result.code == 1, result.text
    assert f"detente: {scenario}: cannot write files into it: it exists and is not a folder" in (
        result.err
    )
    assert "deep check of" not in result.out
    assert digest(scenario) == before


# --- schema -o -----------------------------------------------------------------------------


def test_schema_output_never_replaces_a_scenario(scenario: Path, tmp_path: Path) -> None:
    before = digest(scenario)
    assert_refused(detente("schema", "-o", scenario), scenario, "it exists and is not")
    assert digest(scenario) == before
    schema = tmp_path / "scenario.schema.json"
    assert detente("schema", "-o", schema).code == 0
    assert detente("schema", "-o", schema).code == 0  # its own kind: replaced


# --- the rule itself -------------------------------------------------------------------------


def test_the_rule_allows_a_new_file_and_refuses_a_dangling_link(tmp_path: Path) -> None:
    check_may_write(tmp_path / "new.json", SAVE)
    dangling = tmp_path / "gone.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(WriteRefused, match="symbolic link to a missing file"):
        check_may_write(dangling, SAVE)


def test_an_input_of_the_same_kind_may_be_replaced_of_another_never(
    scenario: Path, tmp_path: Path
) -> None:
    transcript = a_transcript(scenario, tmp_path / "t.yaml")
    check_may_write(transcript, TRANSCRIPT, [(transcript, TRANSCRIPT)])
    with pytest.raises(WriteRefused, match="it is a transcript this command reads"):
        check_may_write(transcript, WITNESS, [(transcript, TRANSCRIPT)])
    with pytest.raises(WriteRefused, match="it is a scenario this command reads"):
        check_may_write(scenario, TRANSCRIPT, [(scenario, SCENARIO)])


def test_new_with_force_replaces_a_scenario_only(scenario: Path, tmp_path: Path) -> None:
    transcript = a_transcript(scenario, tmp_path / "golden.yaml")
    before = digest(transcript)
    assert_refused(detente("new", transcript, "--force"), transcript, "it exists and is not")
    assert digest(transcript) == before
    replaced = detente("new", scenario, "--force")
    assert replaced.code == 0, replaced.text
    assert "id: crisis" in scenario.read_text()  # a fresh starter, named after the file


def test_new_from_never_replaces_what_it_copies(scenario: Path, tmp_path: Path) -> None:
    """`new X --from X --force` used to replace the scenario with a copy of itself."""
    first = detente("new", "mine", "--from", "s400_transfer", "--dir", tmp_path)
    assert first.code == 0, first.text
    mine = tmp_path / "mine.yaml"
    before = digest(mine)
    onto_itself = detente("new", mine, "--from", mine, "--force")
    assert_refused(onto_itself, mine, "it is a file `detente new --from` copies")
    assert digest(mine) == before
    transcript = a_transcript(scenario, tmp_path / "golden.yaml")
    kept = digest(transcript)
    over = detente("new", transcript, "--from", "s400_transfer", "--force")
    assert_refused(over, transcript, "it exists and is not a scenario")
    assert digest(transcript) == kept
