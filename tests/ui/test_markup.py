"""Scenario text that looks like markup is shown as written, on every screen and the palette.

Textual reads plain strings as markup in many places (the command palette, tooltips, labels).
A scenario's author, or a student's save folder, may write `[/]` (which crashed the game),
`[veto]` (which vanished), `[b]` or an action link. Every screen and the palette must show
them as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from game.cli import load_world
from game.ui.app import make_app
from game.ui.screens.end import EndScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.screens.turn import TurnScreen

from .conftest import RIVER
from .helpers import picker_details, play_to_end

HOSTILE = {
    'title: "River"': 'title: "River [/] of [b]doubt"',
    "name: Northland": "name: North[veto]land [/]",
    "name: Southland": "name: South [b]land[/b] [@click=app.quit]x[/]",
    "leader: Prime Minister Ana Berg": 'leader: "Prime Minister [/] Berg"',
    "label: Hold firm": 'label: "Hold [veto] firm [/]"',
    "label: Open the sluices for a week": 'label: "Open [@click=app.quit]the[/] sluices"',
    "label: Keep the dam running": 'label: "Keep the [b]dam[/b] [/]"',
    "title: The quarrel goes on": 'title: "The [veto] quarrel [/]"',
    "claim: Northland finished": 'claim: "[i]Northland[/i] [/] finished"\n        #',
}
WORDS = ["[veto]", "[/]", "[b]", "[@click=app.quit]"]


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = RIVER.read_text(encoding="utf-8")
    for plain, bracketed in HOSTILE.items():
        assert plain in text
        text = text.replace(plain, bracketed, 1)
    folder = tmp_path / "class [b" / "]4[veto]"  # the path reads "class [b/]4[veto]"
    folder.mkdir(parents=True)
    path = folder / "river [veto].yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "saves [" / "] [veto]"))
    world, _ = load_world(path)
    return world, str(path)


def screen_text(app) -> str:
    """Everything the screen's Statics and Labels show, as plain text."""
    return "\n".join(str(w.content) for w in app.screen.query(Static))


async def palette_text(pilot) -> str:
    """Open the palette, wait for its commands, read them, close it."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press("down")  # shows the list of every command
    for _ in range(20):
        await pilot.pause(0.05)
        commands = app.screen.query_one(CommandList)
        if commands.option_count > 3:
            break
    assert isinstance(app.screen, CommandPalette)
    shown = "\n".join(
        str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
    )
    await pilot.press("escape")
    return shown


async def test_bracketed_text_is_shown_as_written_everywhere(hostile):
    world, path = hostile
    app = make_app(world, scenario_path=path, seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, RolePickerScreen)
        await picker_details(pilot)
        picker = screen_text(app)
        assert "North[veto]land [/]" in picker and "Prime Minister [/] Berg" in picker
        assert "Keep the [b]dam[/b] [/]" in picker
        assert "Play as North[veto]land [/]" in await palette_text(pilot)
        await pilot.press("enter")  # Northland
        assert "River [/] of [b]doubt" in screen_text(app)  # the briefing
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("2")
        turn = screen_text(app)
        assert "Hold [veto] firm [/]" in turn
        assert "[i]Northland[/i] [/] finished" in turn
        assert "South [b]land[/b] [@click=app.quit]x[/]" in turn
        palette = await palette_text(pilot)
        assert "Hold [veto] firm [/]" in palette
        assert "Open [@click=app.quit]the[/] sluices" in palette
        assert "saves [/] [veto]" in palette  # the save path, in "Save game"'s help
        await pilot.press("s")
        assert any("saves [/] [veto]" in m for m in app.messages)
        await pilot.press("enter")
        assert isinstance(app.screen, ReportScreen)
        assert "Hold [veto] firm [/]" in screen_text(app)
        await pilot.press("enter")
        await play_to_end(pilot)
        assert isinstance(app.screen, EndScreen)
        end = screen_text(app)
        assert "The [veto] quarrel [/]" in end and "Keep the [b]dam[/b] [/]" in end
        await palette_text(pilot)
        await pilot.press("question_mark")
        assert "river [veto].yaml" in screen_text(app)  # help's replay command
    assert app.return_code in (None, 0)


async def test_a_search_in_the_palette_shows_bracketed_titles(hostile):
    world, path = hostile
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.press("ctrl+p", *"veto")
        for _ in range(20):
            await pilot.pause(0.05)
            commands = app.screen.query_one(CommandList)
            if commands.option_count:
                break
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any("Hold [veto] firm [/]" in p for p in prompts), prompts
        await pilot.press("escape")
    assert app.return_code in (None, 0)


async def test_page_keys_at_once_after_opening_the_palette_do_not_crash(river):
    """ctrl+p then page down before the list is laid out raised KeyError: 0 inside Textual
    (see game/ui/palette.py for the upstream report); the app must ignore the early key."""
    world, path = river
    for attempt in range(3):
        app = make_app(world, scenario_path=path, role="NRL", seed=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.press("ctrl+p")
            palette = app.screen
            assert isinstance(palette, CommandPalette)
            # The moment of the crash, made certain: the list shown but not laid out yet.
            commands = palette.query_one(CommandList)
            commands.add_class("--visible")
            commands.highlighted = None
            palette._action_command_list("page_down")
            palette._action_command_list("page_up")
            await pilot.press("pagedown", "pagedown", "pageup", "pagedown")
            await pilot.pause()
            await pilot.press("escape")
            assert isinstance(app.screen, TurnScreen), attempt
        assert app.return_code in (None, 0)
