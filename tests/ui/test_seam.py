"""The seam between the screens and the game (issue 13, for issue 10's network client).

The screens and widgets reach a game only through ``game.ui.seam.GameSession``: no import of
the engine or its neighbours, checked on their source; both sessions answer the protocol; and
a session with no engine behind it (``tests/ui/scripted.py``) plays the screens to the end.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from game.engine import World
from game.ui.messages import MovePlayed
from game.ui.seam import GameSession
from game.ui.session import LocalSession

from .helpers import local_session
from .scripted import END, GAME, ScreensOnly, ScriptedSession, play_the_script

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "game" / "ui"
FORBIDDEN = (
    "game.engine",
    "game.sim",
    "game.saves",
    "game.debrief",
    "game.launch",
    "game.scenario",
    "game.ui.session",
    "game.ui.view",
)
"""What a screen or widget may not import: the engine and what wraps it. The last two build
the views from the engine, on the session's side of the seam."""


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, anywhere in it (relative imports made absolute)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def forbidden_imports(folder: Path, root: Path = ROOT) -> list[str]:
    """'file: module' for each forbidden import in the package folder under ``root``."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for name in sorted(imported_modules(path, root)):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                found.append(f"{path.relative_to(root)}: {name}")
    return found


def test_no_screen_or_widget_imports_the_engine_or_its_neighbours():
    assert forbidden_imports(UI / "screens") == []
    assert forbidden_imports(UI / "widgets") == []


def test_the_import_check_sees_every_form_of_import(tmp_path: Path):
    """The check above would catch a planted violation in any spelling."""
    widgets = tmp_path / "game" / "ui" / "widgets"
    widgets.mkdir(parents=True)
    (widgets / "planted.py").write_text(
        "import game.engine.rules\n"
        "from game import saves\n"
        "from ... import debrief\n"
        "def late():\n"
        "    from game.sim.simulate import simulate\n",
        encoding="utf-8",
    )
    found = forbidden_imports(widgets, tmp_path)
    assert [line.split(": ")[1] for line in found] == [
        "game.debrief",
        "game.engine.rules",
        "game.saves",
        "game.sim.simulate",
        "game.sim.simulate.simulate",
    ]


def test_both_sessions_answer_the_protocol(river: tuple[World, str]):
    world, path = river
    assert isinstance(LocalSession.new(world, "NRL", 1, path), GameSession)
    assert isinstance(ScriptedSession(), GameSession)


async def test_a_session_without_an_engine_plays_the_screens_to_the_end():
    session = ScriptedSession()
    app = ScreensOnly(session)
    briefing, turn, first_report, last_report, end = await play_the_script(app)

    assert session.played == ["wall", "talk"]
    assert session.exports == 1
    assert app.notices == []  # 3, the blocked option, is shown with its reason: no notice
    assert "You: Elfland, Queen Mab" in briefing
    assert GAME[0].view.status in turn
    assert "What build a wall means." in turn and "-7 Orcs" in turn  # the session's forecast
    assert "Orcland's view of you" in first_report and "(-30 → -37)" in first_report
    assert "The crisis is over: A cold peace" in last_report
    assert END.ending_title in end and "Your score: 33 out of 100" in end


def test_the_screens_import_no_engine_in_a_fresh_interpreter():
    """The scripted game, played in a process of its own, never loads the engine."""
    probe = (
        "import asyncio, sys\n"
        "from tests.ui.scripted import ScreensOnly, ScriptedSession, play_the_script\n"
        "asyncio.run(play_the_script(ScreensOnly(ScriptedSession())))\n"
        "print(sorted(m for m in sys.modules if m.startswith(("
        "'game.engine', 'game.saves', 'game.debrief', 'game.sim', 'game.scenario', 'numpy'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


async def test_a_move_confirmed_twice_is_played_once(river: tuple[World, str]):
    from game.ui.app import make_app

    world, path = river
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the briefing
        app.post_message(MovePlayed("hold_firm", 1))
        app.post_message(MovePlayed("hold_firm", 1))  # a second enter before the report
        await pilot.pause()
        assert local_session(app).state.choices == ("hold_firm",)
