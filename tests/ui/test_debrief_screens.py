"""The end screen's analyses and the student's words, played through the real app.

The app is given the real analyses (``ReportTools`` with few runs), as `detente play` gives
them, so what the panels show is compared with the headless tools' own answers.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from game.engine import World
from game.report.tools import ReportTools
from game.scenario import load_scenario_text
from game.sim.luck import analyse
from game.sim.whatif import what_if
from game.ui.app import make_app
from game.ui.screens.asking import ReflectionScreen, StudentScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.turn import TurnScreen
from game.ui.screens.whatif import WhatIfScreen
from game.ui.text import signed

from .helpers import local_session, play_to_end, play_turn_by_keys, text_of

TOOLS = ReportTools(runs=20, turn_runs=5)


def tools_app(world: World, path: str, **options):
    return make_app(world, scenario_path=path, role="NRL", seed=1, analyst=TOOLS, **options)


async def wait_for_luck(pilot) -> str:
    """The luck panel's text once its worker is done."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return text_of(pilot.app.screen.query_one("#end-luck", Static))


async def test_the_luck_panel_shows_the_analysis_of_the_game_played(river):
    world, path = river
    app = tools_app(world, path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        shown = await wait_for_luck(pilot)
        state = local_session(app).state
        report = analyse(world, state, runs=20, turn_runs=5)
        assert f"Judgment {signed(round(report.judgment))}" in shown
        assert f"Luck     {signed(round(report.luck))}" in shown
        assert f"Your score: {report.score}." in shown
        assert "on 20 other dice" in shown


async def test_what_if_replays_a_changed_turn_beside_the_game_played(river):
    world, path = river
    app = tools_app(world, path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        state = local_session(app).state
        await pilot.press("w")
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("down", "enter")  # turn 2
        options = app.screen.query_one("#whatif-options")
        other = next(o for o in local_session(app).what_if_options(2) if o[0] != state.choices[1])
        while options.highlighted_option.id != other[0]:
            await pilot.press("down")
        await pilot.press("enter")
        shown = text_of(app.screen.query_one("#whatif-text", Static))
        found = what_if(world, state, 2, other[0])
        assert f"What if, on turn 2, you had chosen: {other[1]}" in shown
        assert f"They part on turn {found.diverge_turn}:" in shown
        assert f"{found.actual_score}" in shown and f"{found.alternate_score}" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, EndScreen)


PROMPTS = """
reflection:
  - turn: 1
    prompt: Why this first move?
  - prompt: What would you change?
"""


async def test_reflections_are_asked_kept_in_the_save_and_skippable(river):
    _, path = river
    text = Path(path).read_text(encoding="utf-8") + PROMPTS
    loaded = load_scenario_text(text, path).loaded
    assert loaded is not None
    asked = World.build(loaded)
    app = tools_app(asked, path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        await pilot.press("enter")  # play the highlighted option
        await pilot.press("enter")  # close the report
        assert isinstance(app.screen, ReflectionScreen)
        assert "Why this first move?" in text_of(app.screen.query_one("#ask-prompt"))
        await pilot.press(*"To calm the river", "enter")
        assert isinstance(app.screen, TurnScreen)
        session = local_session(app)
        assert [(r.turn, r.text) for r in session.reflections] == [(1, "To calm the river")]
        saved = json.loads(session.autosave_path.read_text(encoding="utf-8"))
        assert saved["reflections"] == [
            {"turn": 1, "prompt": "Why this first move?", "text": "To calm the river"}
        ]
        while isinstance(app.screen, TurnScreen):
            await play_turn_by_keys(pilot)
        assert isinstance(app.screen, ReflectionScreen)  # at the end
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert len(session.reflections) == 1


async def test_the_name_is_asked_once_and_the_export_writes_markdown_and_html(
    river, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "fresh-config"))
    world, path = river
    app = tools_app(world, path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await pilot.press("a")  # the advisor off from turn 1: recorded, as it changes the game
        await play_to_end(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, StudentScreen)
        await pilot.press(*"Ada", "enter", *"9B", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        markdown = (tmp_path / "debrief-river-NRL-seed1.md").read_text(encoding="utf-8")
        page = (tmp_path / "debrief-river-NRL-seed1.html").read_text(encoding="utf-8")
        assert "| **Student** | Ada, class 9B |" in markdown
        assert "| **Advisor** | off |" in markdown
        assert "## Luck and judgment" in markdown and "<svg" in page
        kept = json.loads((tmp_path / "fresh-config/detente/settings.json").read_text())
        assert kept == {"student": "Ada", "class": "9B"}
        await pilot.press("e")  # asked once: the second export asks nothing
        assert isinstance(app.screen, EndScreen)
        assert "debrief-river-NRL-seed1.html" in app.messages[-1]
