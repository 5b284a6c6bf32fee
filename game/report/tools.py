"""The debrief's analyses as the app gets them: handed in at start, never imported by it.

``detente play`` (``game/cli.py``) gives the app a ``ReportTools``; the app gives it to each
one-seat session (``game.ui.session.Analyst``). Nothing here is imported until a method is
called, so the app's first frame does not wait for numpy's batch engine or pygal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.analysis import LuckReport, PlayRecord, WhatIf
    from game.engine import State, World


class ReportTools:
    """Luck, what-if and the exported debrief for the app (``game.ui.session.Analyst``).

    By default as many dice as `detente debrief` (``game.sim.luck.RUNS``, ``TURN_RUNS``), so
    the debrief `e` writes has the figures `detente debrief` gives for the same save.
    """

    def __init__(self, runs: int | None = None, turn_runs: int | None = None) -> None:
        self.runs = runs
        self.turn_runs = turn_runs

    def luck(self, world: World, state: State) -> LuckReport:
        from game.sim.luck import RUNS, TURN_RUNS, analyse

        runs = self.runs or RUNS
        turn_runs = self.turn_runs if self.turn_runs is not None else TURN_RUNS
        return analyse(world, state, runs=runs, turn_runs=turn_runs)

    def what_if(self, world: World, state: State, turn: int, option: str) -> WhatIf:
        from game.sim.whatif import what_if

        return what_if(world, state, turn, option)

    def export(
        self,
        world: World,
        state: State,
        record: PlayRecord,
        scenario_path: str,
        markdown: Path,
        luck: LuckReport | None,
    ) -> list[Path]:
        """The Markdown debrief at ``markdown`` and the HTML page beside it (same name,
        ``.html``); OSError when a file cannot be written or must not be replaced."""
        import datetime
        import errno

        from game.report.debrief import Debrief
        from game.saves import atomic_write_text
        from game.writeguard import DEBRIEF, PAGE, SCENARIO, WriteRefused, check_may_write

        note = "" if luck is not None else "the game is not over, or it has several seats"
        role = state.role
        debrief = Debrief(
            world, state, role, record, luck, note, datetime.date.today(), scenario_path
        )
        page = markdown.with_suffix(".html")
        for path, kind in ((markdown, DEBRIEF), (page, PAGE)):
            try:
                check_may_write(path, kind, [(scenario_path, SCENARIO)])
            except WriteRefused as error:
                raise FileExistsError(errno.EEXIST, str(error)) from None
        atomic_write_text(markdown, debrief.markdown())
        atomic_write_text(page, debrief.html())
        return [markdown, page]
