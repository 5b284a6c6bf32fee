"""`detente play` opens the app first and the game behind its first frame (issue 4).

The app shows a loading screen at once, opens the game in a worker thread, then shows the
role picker, the chosen role's briefing, or a loaded game; a game that cannot be opened ends
the app with the reason for the CLI to print.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from functools import partial

from game.launch import LaunchError, open_game
from game.paths import default_scenario
from game.ui.app import DetenteApp
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.loading import LoadingScreen
from game.ui.screens.role_picker import RolePickerScreen


async def _screens_seen(app: DetenteApp, until: type) -> list[str]:
    """The names of the screens the app shows until one of type ``until`` is up."""
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):
            name = type(app.screen).__name__
            if not seen or seen[-1] != name:
                seen.append(name)
            if isinstance(app.screen, until) or app.return_code is not None:
                break
            await pilot.pause(0.01)
        await pilot.pause()
    return seen


async def test_the_loading_screen_comes_first_then_the_role_picker() -> None:
    app = DetenteApp(partial(open_game, str(default_scenario())), seed=4)
    seen = await _screens_seen(app, RolePickerScreen)
    assert seen[:2] == ["LoadingScreen", "RolePickerScreen"]
    assert app.world.scenario.id == "s400_transfer" and app.session is None
    assert app.opening_error is None


async def test_a_role_given_on_the_command_line_skips_the_picker() -> None:
    app = DetenteApp(partial(open_game, str(default_scenario()), role="UKR"), role="UKR", seed=4)
    seen = await _screens_seen(app, BriefingScreen)
    assert seen[:2] == ["LoadingScreen", "BriefingScreen"]
    assert app.session is not None and app.session.role == "UKR" and app.session.seed == 4


async def test_a_game_that_cannot_be_opened_ends_the_app_with_the_reason(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\nactors: [\n", encoding="utf-8")
    app = DetenteApp(partial(open_game, str(broken)), seed=4)
    seen = await _screens_seen(app, RolePickerScreen)
    assert seen == ["LoadingScreen"]
    assert app.return_code == 1
    error = app.opening_error
    assert isinstance(error, LaunchError) and error.code == 2
    assert "cannot play this scenario" in str(error)
    assert error.details.startswith(f"{broken}:4:1: error: did not find expected node content")


def _slow_opening(gate: threading.Event):
    """Opens the default scenario once ``gate`` is set: the loading screen stays up till then."""
    gate.wait(10)
    return open_game(str(default_scenario()))


async def test_quitting_while_the_game_opens_is_clean() -> None:
    gate = threading.Event()
    app = DetenteApp(partial(_slow_opening, gate), seed=4)

    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("q")
        await pilot.pause()
        gate.set()
    assert app.return_code == 0 and app.session is None


async def test_help_and_the_palette_wait_until_the_game_is_open() -> None:
    gate = threading.Event()
    app = DetenteApp(partial(_slow_opening, gate), seed=4)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)
        gate.set()
        for _ in range(300):
            if isinstance(app.screen, RolePickerScreen):
                break
            await pilot.pause(0.01)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert len(app.screen_stack) == 3  # default, role picker, help: no loading screen


def test_the_first_frame_needs_neither_the_engine_nor_the_scenario_loader() -> None:
    """What `detente play` imports before its first frame: Textual, the CLI, the app and
    the loading screen, but not the engine, the loader or the game's screens (each would
    delay the first frame; see docs/architecture.md)."""
    probe = (
        "import sys, game.cli, game.ui.app, game.ui.screens.loading\n"
        "print(sorted(m for m in sys.modules if m.startswith(('game.engine', 'game.scenario',"
        " 'game.saves', 'game.launch', 'game.ui.screens.', 'game.ui.session', 'game.ui.seam',"
        " 'game.ui.view', 'game.ui.messages', 'attr', 'yaml'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['game.ui.screens.loading']"
