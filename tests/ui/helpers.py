"""Driving the app like a player: keys only, and the same choices computed headless."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Label, Static

from game.engine import State, World, available_options, new_game, play_turn
from game.ui.app import DetenteApp
from game.ui.screens.end import EndScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.screens.turn import TurnScreen
from game.ui.session import LocalSession


def local_session(app: DetenteApp) -> LocalSession:
    """The app's session, which in these tests is always the engine's own: its state is
    what the tests compare with the headless engine."""
    session = app.session
    assert isinstance(session, LocalSession)
    return session


def key_for(turn: int, available: int) -> int | None:
    """Which of the available options (1 for the first) a test player takes on a turn:
    varied, and the same everywhere."""
    if available == 0:
        return None
    return (turn * 5 + 2) % min(available, 9) + 1


def expected_game(world: World, role: str, seed: int, first: State | None = None) -> State:
    """The game the key policy plays, computed by the engine alone."""
    state = first or new_game(world, role, seed)
    while not state.over:
        offered = available_options(world, state, role)
        number = key_for(state.turn, len(offered))
        state = play_turn(world, state, offered[number - 1].id if number else None)
    return state


async def picker_details(pilot: Pilot) -> RolePickerScreen:
    """Wait until the role picker on screen has its briefing panel and its footer's keys
    (mounted a moment after its first frame, game/ui/screens/role_picker.py)."""
    screen = pilot.app.screen
    assert isinstance(screen, RolePickerScreen)
    for _ in range(200):
        if screen.details_shown and screen.query("FooterKey"):
            await pilot.pause()
            return screen
        await pilot.pause(0.01)
    raise AssertionError("the role picker's briefing panel never came up")


async def choose_role(pilot: Pilot, world: World, role: str) -> None:
    """On the role picker, move to a role with the arrow keys and take it with enter."""
    app = pilot.app
    assert isinstance(app.screen, RolePickerScreen)
    default = world.scenario.default_role
    start = world.playable.index(default) if default in world.playable else 0
    steps = world.playable.index(role) - start
    for _ in range(abs(steps)):
        await pilot.press("down" if steps > 0 else "up")
    await pilot.press("enter")


async def play_turn_by_keys(pilot: Pilot) -> int | None:
    """Press the policy's number and enter, then close the report; return the number."""
    app = pilot.app
    assert isinstance(app, DetenteApp) and app.session is not None
    screen = app.screen
    assert isinstance(screen, TurnScreen)
    available = [r for r in screen.rows if r.available]
    nth = key_for(app.session.turn, len(available))
    if nth is not None:
        # Options keep their number all game (issue 15): the policy's nth available option
        # has its own key, or is reached with the arrows when its number is above 9.
        row = available[nth - 1]
        if row.number <= 9:
            await pilot.press(str(row.number))
        else:
            while screen.options_list.highlighted_id != row.id:
                await pilot.press("down")
        assert screen.options_list.highlighted_id == row.id
    await pilot.press("enter")
    assert isinstance(app.screen, ReportScreen)
    await pilot.press("enter")
    return nth


async def play_to_end(pilot: Pilot) -> None:
    """Play turns by keys until the end screen shows."""
    while isinstance(pilot.app.screen, TurnScreen):
        await play_turn_by_keys(pilot)
    await pilot.pause()
    assert isinstance(pilot.app.screen, EndScreen)


def text_of(widget: Static) -> str:
    """The plain text a Static or Label shows."""
    return str(widget.content)


def shown_relations(screen: EndScreen, world: World, role: str) -> dict[str, int]:
    """The final relations the end screen shows, keyed like the engine's snapshot."""
    shown = {}
    for other in world.actor_ids:
        if other == role:
            continue
        row = screen.query_one(f"#trajectory-{other}")
        shown[f"{other}->{role}"] = int(text_of(row.query_one(".theirs", Label)))
        shown[f"{role}->{other}"] = int(text_of(row.query_one(".yours", Label)))
    return shown
