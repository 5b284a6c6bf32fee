"""A newcomer is offered the tutorial first (issue 7): once, and only on a bare `detente play`."""

from __future__ import annotations

from game.launch import load_world, tutorial_to_offer
from game.paths import tutorial_scenario
from game.saves import TUTORIAL_MARKER, default_save_dir, never_played
from game.ui.app import make_app
from game.ui.screens.dialogs import ConfirmScreen
from game.ui.screens.role_picker import RolePickerScreen


def _tutorial():
    world, _ = load_world(tutorial_scenario())
    return world, str(tutorial_scenario())


def test_a_bare_play_offers_the_tutorial_only_to_a_newcomer() -> None:
    assert never_played()
    offered = tutorial_to_offer()
    assert offered is not None and offered[0].scenario.id == "tutorial"
    assert tutorial_to_offer("scenarios/s400_transfer.yaml") is None
    assert tutorial_to_offer(role="TUR") is None
    default_save_dir().mkdir(parents=True)
    (default_save_dir() / "autosave-s400_transfer-TUR.json").write_text("{}")
    assert not never_played()
    assert tutorial_to_offer() is None


async def test_yes_opens_the_tutorial_and_the_question_is_asked_once(s400) -> None:
    world, path = s400

    app = make_app(world, scenario_path=path, seed=3, tutorial=_tutorial())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert (default_save_dir() / TUTORIAL_MARKER).is_file()
        await pilot.press("enter")  # enter means yes here
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        assert app.world.scenario.id == "tutorial"
        assert app.scenario_path == str(tutorial_scenario())
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.role == "VEL"
    assert not never_played()
    assert tutorial_to_offer() is None


async def test_no_keeps_the_scenario_asked_for(s400) -> None:
    world, path = s400

    app = make_app(world, scenario_path=path, seed=3, tutorial=_tutorial())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        assert app.world is world and app.scenario_path == path
