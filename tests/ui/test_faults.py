"""The app under abuse (issue 6): tiny terminals, key mashing, pasted text, quitting mid-turn.

After each ordeal the game must still be consistent: the session's state is exactly what the
engine gives for the choices it recorded, and the autosave restores to it.
"""

from __future__ import annotations

from textual import events

from game.engine import World, new_game, play_turn
from game.saves import read_save, restore
from game.ui.app import DetenteApp, make_app
from game.ui.screens.report import ReportScreen
from game.ui.screens.turn import TurnScreen
from tests.ui.helpers import choose_role, local_session, play_turn_by_keys

SIZES = [(40, 12), (80, 24), (41, 13), (120, 40), (40, 12), (80, 24)]


def assert_consistent(app: DetenteApp, world: World) -> None:
    """The app's game equals the engine's replay of its own choices."""
    assert app.session is not None
    state = local_session(app).state
    replay = new_game(world, state.role, state.seed)
    for choice in state.choices:
        replay = play_turn(world, replay, choice)
    assert replay == state


async def test_resizing_down_to_40x12_and_back_on_every_screen(s400):
    world, path = s400

    app = make_app(world, scenario_path=path, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        for size in SIZES:  # role picker
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await choose_role(pilot, world, "TUR")
        await pilot.press("enter")  # briefing -> first turn
        assert isinstance(app.screen, TurnScreen)
        for size in SIZES:  # turn screen
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("1", "enter")
        assert isinstance(app.screen, ReportScreen)
        for size in SIZES:  # turn report
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        await play_turn_by_keys(pilot)  # still playable at the size we ended on
        assert app.session is not None and local_session(app).state.turn == 3
        assert_consistent(app, world)


async def test_mashing_keys_plays_whole_turns_only(s400):
    world, path = s400

    app = make_app(world, scenario_path=path, role="UKR", seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # briefing
        # A student hammering the keyboard while turns resolve and reports open.
        await pilot.press(*"1234567890", "enter", "enter", "enter", "9", "enter", "a", "r")
        await pilot.press("escape", "enter", "2", "enter", "enter", "up", "down", "enter")
        await pilot.pause()
        assert app.session is not None
        assert 2 <= local_session(app).state.turn <= 8
        assert len(local_session(app).state.choices) == local_session(app).state.turn - 1
        assert_consistent(app, world)


async def test_pasted_text_plays_nothing_and_breaks_nothing(s400):
    world, path = s400

    app = make_app(world, scenario_path=path, role="RUS", seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        before = local_session(app).state if app.session else None
        app.screen.post_message(events.Paste("1\n\n2\nq\x1b[A" + "é" * 500))
        await pilot.pause()
        assert app.session is not None and local_session(app).state == before
        assert isinstance(app.screen, TurnScreen)
        await play_turn_by_keys(pilot)
        assert_consistent(app, world)


async def test_quitting_mid_turn_leaves_a_whole_autosave(s400):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=8)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        second = next(r for r in screen.rows if r.available)
        await pilot.press(str(second.number), "enter")  # a second turn played, report open...
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("q")  # ...and the student quits from there
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.session is not None
    state = local_session(app).state
    assert state.turn == 3
    restored = restore(world, read_save(app.session.autosave_path))
    assert restored == state
