"""No game is lost by starting another (issue 18), and the quit dialog tells the truth.

A new game used to overwrite the autosave of an unfinished game of the same scenario and
role, and after a failed autosave the quit dialog still said the autosave kept the turns.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Label

from game.engine import State, World, available_options, new_game, play_turn
from game.saves import default_save_dir, keep_other_game, read_save, restore, save_game
from game.ui.app import make_app
from game.ui.screens.dialogs import ConfirmScreen
from game.ui.session import LocalSession

from .helpers import expected_game, local_session, play_to_end, play_turn_by_keys, text_of


def first_option(world: World, state: State) -> State:
    """The turn played with the first option open (or none, when none is)."""
    offered = available_options(world, state, state.role)
    return play_turn(world, state, offered[0].id if offered else None)


def other_game(world: World, path: str, role: str, seed: int, turns: int) -> Path:
    """An unfinished game of ``role`` saved where the game keeps its autosave."""
    state = new_game(world, role, seed)
    for _ in range(turns):
        state = first_option(world, state)
    target = LocalSession(world, state, path).autosave_path
    save_game(target, world, state, path)
    return target


def kept_files(folder: Path, stem: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(stem) and p.suffix == ".json")


async def test_a_new_game_keeps_the_autosave_of_an_unfinished_one(river: tuple[World, str]):
    world, path = river
    autosave = other_game(world, path, "NRL", seed=4, turns=2)
    before = autosave.read_bytes()

    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.pause()
        session = local_session(app)
        assert len(session.kept_aside) == 1
        kept = session.kept_aside[0]
        assert f"Another unfinished game was saved there: it is kept as {kept}" in app.messages
    assert kept.parent == autosave.parent and kept.name.startswith(autosave.stem + "-")
    assert kept.read_bytes() == before  # the old game, byte for byte, under its new name
    assert read_save(kept).seed == 4
    assert restore(world, read_save(autosave)) == session.state  # and the new game's own


async def test_a_game_continues_its_own_autosave_and_replaces_a_finished_one(
    river: tuple[World, str],
):
    world, path = river
    finished = expected_game(world, "STH", 2)
    save_game(LocalSession(world, finished, path).autosave_path, world, finished, path)

    app = make_app(world, scenario_path=path, role="STH", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)  # replaces the finished game's autosave
        await play_turn_by_keys(pilot)  # and then its own, turn after turn
        await pilot.pause()
        session = local_session(app)
        assert session.kept_aside == []
    folder = default_save_dir()
    assert kept_files(folder, "autosave-") == [session.autosave_path]
    assert read_save(session.autosave_path).choices == session.state.choices


def test_a_damaged_file_in_the_way_is_kept_too(river: tuple[World, str], tmp_path: Path):
    world, _ = river
    target = tmp_path / "autosave-river-NRL.json"
    target.write_text('{"detente_save": 1, "cut sho')
    os.utime(target, (1_000_000_000, 1_000_000_000))  # September 2001
    state = first_option(world, new_game(world, "NRL", 1))
    aside = keep_other_game(target, world, state)
    assert aside is not None and aside.name.startswith("autosave-river-NRL-2001-09-")
    assert aside.read_text() == '{"detente_save": 1, "cut sho'
    assert not target.exists()
    again = tmp_path / "autosave-river-NRL.json"
    again.write_text("not a save")
    os.utime(again, (1_000_000_000, 1_000_000_000))
    second = keep_other_game(again, world, state)
    assert second is not None and second.stem == aside.stem + "-2"  # never over the first


def dialog_text(app) -> tuple[str, str]:
    screen = app.screen
    assert isinstance(screen, ConfirmScreen)
    return (
        text_of(screen.query_one("#confirm-question", Label)),
        text_of(screen.query_one("#confirm-detail", Label)),
    )


async def test_the_quit_dialog_says_the_autosave_keeps_the_turns_when_it_does(
    river: tuple[World, str],
):
    world, path = river
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.press("q")
        question, detail = dialog_text(app)
        assert question == "Quit the game?"
        assert f"The autosave keeps them: {local_session(app).autosave_path}" in detail
        assert local_session(app).autosaved


async def test_after_a_failed_autosave_the_quit_dialog_says_turns_are_lost(
    river: tuple[World, str], tmp_path: Path, monkeypatch
):
    world, path = river
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the save folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))

    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.pause()
        assert any(m.startswith("Autosave failed:") for m in app.messages)
        await pilot.press("q")
        question, detail = dialog_text(app)
        assert question == "Quit and lose turns?"
        assert "the autosave failed:" in detail and "cannot save" in detail
        assert "Quitting now loses them" in detail
        assert "keeps them" not in detail
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmScreen)
        assert blocker.read_text() == "a file where the save folder should be"


async def test_an_autosave_that_works_again_is_believed_again(
    river: tuple[World, str], tmp_path: Path, monkeypatch
):
    world, path = river
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    app = make_app(world, scenario_path=path, role="STH", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.pause()
        assert local_session(app).autosave_failure is not None
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fine"))
        await play_turn_by_keys(pilot)
        await pilot.pause()
        session = local_session(app)
        assert session.autosave_failure is None and session.autosaved
        assert not session.over  # five turns: two played
        await pilot.press("q")
        assert dialog_text(app)[0] == "Quit the game?"


async def test_s_keeps_the_save_of_another_unfinished_game(river: tuple[World, str]):
    world, path = river
    state = first_option(world, new_game(world, "NRL", 6))
    mine = LocalSession(world, state, path).save_path
    save_game(mine, world, state, path)
    before = mine.read_bytes()

    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.press("s")
        session = local_session(app)
        assert f"Saved to {mine}" in app.messages
        kept = [p for p in session.kept_aside if p.name.startswith(mine.stem + "-")]
        assert len(kept) == 1 and kept[0].read_bytes() == before
        assert f"Another unfinished game was saved there: it is kept as {kept[0]}" in (app.messages)
    assert restore(world, read_save(mine)) == session.state


async def test_the_debrief_never_replaces_a_file_that_is_not_a_debrief(
    river: tuple[World, str], tmp_path: Path
):
    world, path = river
    in_the_way = tmp_path / "debrief-river-NRL-seed1.md"  # the current folder (conftest)
    in_the_way.write_text("# My lesson plan\n")
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        await pilot.press("e")
        await pilot.pause()
        written = default_save_dir() / in_the_way.name  # beside the saves instead
        assert f"Debrief written to {written}" in app.messages[-1]
    assert in_the_way.read_text() == "# My lesson plan\n"
    assert written.read_text(encoding="utf-8").startswith("# Debrief: ")
