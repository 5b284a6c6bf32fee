"""Whole games played through the app by key presses, checked against the headless engine."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.engine import World
from game.engine.serialize import snapshot
from game.saves import default_save_dir, read_save, restore
from game.ui.app import make_app
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.screens.turn import TurnScreen
from game.ui.widgets.status_bar import StatusBar

from .helpers import (
    choose_role,
    expected_game,
    local_session,
    play_to_end,
    play_turn_by_keys,
    shown_relations,
    text_of,
)


def headless_run(path: str, role: str, seed: int, choices: list[str], capsys) -> dict:
    """What `detente run --choose ... --json` says about the same game."""
    capsys.readouterr()
    code = main(
        ["run", path, "--as", role, "--seed", str(seed), "--choose", ",".join(choices), "--json"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


@pytest.mark.parametrize(("role", "seed"), [("TUR", 11), ("RUS", 4)])
async def test_a_whole_game_by_keys_matches_detente_run(
    s400: tuple[World, str], role, seed, capsys
):
    world, path = s400
    expected = expected_game(world, role, seed)

    app = make_app(world, scenario_path=path, role=None, seed=seed, state=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        await choose_role(pilot, world, role)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        await play_to_end(pilot)
        screen = app.screen
        assert isinstance(screen, EndScreen)
        assert app.session is not None
        ending = text_of(screen.query_one("#end-ending")).splitlines()[0]
        choices, ending_shown, relations_shown = (
            list(local_session(app).state.choices),
            ending,
            shown_relations(screen, world, role),
        )

    assert choices == list(expected.choices)
    report = headless_run(path, role, seed, [c or "" for c in choices], capsys)
    ending = next(e.model for e in world.endings if e.id == report["ending"])
    assert report["ending"] == expected.ending
    assert ending_shown == ending.title
    final = report["final"]["relations"]
    assert relations_shown == {key: final[key] for key in relations_shown}


async def test_the_turn_screen_shows_the_engines_numbers(s400: tuple[World, str]):
    world, path = s400
    role = "TUR"

    app = make_app(world, scenario_path=path, role=role, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        assert app.session is not None
        state = local_session(app).state
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        for other in world.actor_ids:
            if other == role:
                continue
            line = screen.query_one(f"#relation-{other}")
            theirs = int(text_of(line.query_one(".theirs")))
            yours = int(text_of(line.query_one(".yours")))
            assert theirs == state.rel[world.rel_index(other, role)]
            assert yours == state.rel[world.rel_index(role, other)]
        facts = text_of(screen.query_one(StatusBar).query_one("#status-facts"))
        assert f"Turn 2/{world.scenario.turns}" in facts
        assert "28 March 2022" in facts


async def test_save_then_load_continues_where_it_stopped(s400: tuple[World, str]):
    world, path = s400
    role, seed = "UKR", 9

    app = make_app(world, scenario_path=path, role=role, seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        for _ in range(3):
            await play_turn_by_keys(pilot)
        await pilot.press("s")
        assert app.session is not None
        assert not app.session.unsaved
        assert str(app.session.save_path) in app.messages[-1]
        choices = local_session(app).state.choices
    save_path = default_save_dir() / f"{world.scenario.id}-{role}.json"
    assert read_save(save_path).choices == choices

    loaded = restore(world, read_save(save_path), str(save_path))  # what `play --load` does

    app = make_app(world, scenario_path=path, role=None, seed=None, state=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        facts = text_of(app.screen.query_one(StatusBar).query_one("#status-facts"))
        assert f"Turn 4/{world.scenario.turns}" in facts
        await play_to_end(pilot)
        assert app.session is not None
        seed_after, final = app.session.seed, local_session(app).state
    assert seed_after == seed
    expected = expected_game(world, role, seed)
    assert snapshot(world, final) == snapshot(world, expected)


async def test_every_turn_is_autosaved(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert app.session is not None
        for turn in (1, 2):
            await play_turn_by_keys(pilot)
            save = read_save(app.session.autosave_path)
            assert len(save.choices) == turn
            assert save.choices == local_session(app).state.choices
        assert app.session.unsaved  # an autosave is not the player's save
    assert (default_save_dir() / "autosave-s400_transfer-TUR.json").exists()
