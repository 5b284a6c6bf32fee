"""Played by keys: the report on screen leads with what mattered and its changes chain, and
a closed option says why in words."""

from __future__ import annotations

import re

from textual.widgets import Static

from game.engine import World
from game.ui.app import make_app
from game.ui.screens.report import ReportScreen
from game.ui.screens.turn import TurnScreen

from .helpers import local_session, text_of

CHANGE = re.compile(r"[▲▼•]\s*[+-]?\d+ (?P<subject>.+) \((?P<before>-?\d+) → (?P<after>-?\d+)\)")


async def test_the_report_on_screen_leads_with_the_summary_and_chains(s400: tuple[World, str]):
    world, path = s400
    app = make_app(world, scenario_path=path, role="UKR", seed=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        for _turn in range(3):
            assert isinstance(app.screen, TurnScreen)
            await pilot.press("1", "enter")
            assert isinstance(app.screen, ReportScreen)
            report = local_session(app).last_report
            assert report is not None and report.summary
            shown = "\n".join(text_of(s) for s in app.screen.query(Static))
            lines = [line.strip() for line in shown.splitlines() if line.strip()]
            assert lines[0] == "This turn, for you"
            assert lines[1 : 1 + len(report.summary)] == [f"• {s}" for s in report.summary]
            last: dict[str, str] = {}
            for line in lines:
                found = CHANGE.search(line)
                if found:
                    subject = found["subject"]
                    if subject in last:
                        assert last[subject] == found["before"], line
                    last[subject] = found["after"]
            assert last, "some change was listed: the case under test"
            await pilot.press("enter")
