"""A second implementation of the seam: a session that serves a recorded game, and a bare app.

``ScriptedSession`` is what a network client will be to the screens: something that answers
``GameSession`` without an engine in the process. It serves a two-turn game written out by
hand below (the views a server would send) and refuses any move the script did not record.
``ScreensOnly`` is the least app that runs the game's screens: it handles their messages and
nothing else. Neither imports the engine, the saves or the debrief, so
``test_seam.py`` can show in a fresh interpreter that the screens do not either.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from textual.app import App

from game.ui.messages import BriefingRead, ExportRequested, MovePlayed, Notice
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.turn import TurnScreen
from game.ui.seam import (
    Advice,
    BriefingView,
    CauseGroup,
    ChangeLine,
    DecisionRow,
    EndView,
    ForecastBranch,
    GameSession,
    GoalScore,
    LuckView,
    MoveRefused,
    OptionRow,
    OptionView,
    RelationRow,
    ReportView,
    TurnView,
    WhatIfView,
)


@attrs.frozen
class ScriptedTurn:
    """One recorded turn: what the seat saw, the move it made, and the report it got."""

    view: TurnView
    move: str
    report: ReportView


def _relation(theirs: tuple[int, ...], yours: tuple[int, ...]) -> RelationRow:
    return RelationRow(
        actor="ORC",
        name="Orcland",
        theirs=theirs[-1],
        yours=yours[-1],
        theirs_change=theirs[-1] - theirs[-2] if len(theirs) > 1 else 0,
        yours_change=yours[-1] - yours[-2] if len(yours) > 1 else 0,
        theirs_history=theirs,
        yours_history=yours,
        theirs_stance="cool" if theirs[-1] < 0 else "friendly",
        yours_stance="cool" if yours[-1] < 0 else "friendly",
    )


OPTIONS = (
    OptionRow("talk", "Send an envoy", 1, True),
    OptionRow("wall", "Build a wall", 2, True),
    OptionRow("feast", "Hold a feast", 3, False, "requires peace"),
)

GAME = (
    ScriptedTurn(
        view=TurnView(
            title="Elf Quarrel",
            status="Elfland │ Turn 1/2 │ 1 June 2040 │ Score 40",
            turn=1,
            over=False,
            relations=(_relation((-30,), (-10,)),),
            news_title="News",
            news=(),
            news_empty="The quarrel begins on 1 June 2040.",
            options=OPTIONS,
        ),
        move="wall",
        report=ReportView(
            turn=1,
            date="1 June 2040",
            move="Build a wall",
            outcome="done",
            news=("Orcland sharpens its axes",),
            causes=(
                CauseGroup(
                    "Elfland: Build a wall", (ChangeLine("Orcland's view of you", -7, -30, -37),)
                ),
            ),
            ending=None,
        ),
    ),
    ScriptedTurn(
        view=TurnView(
            title="Elf Quarrel",
            status="Elfland │ Turn 2/2 │ 8 June 2040 │ Score 35",
            turn=2,
            over=False,
            relations=(_relation((-30, -37), (-10, -10)),),
            news_title="News, turn 1",
            news=("Orcland sharpens its axes",),
            news_empty="A quiet week.",
            options=OPTIONS,
        ),
        move="talk",
        report=ReportView(
            turn=2,
            date="8 June 2040",
            move="Send an envoy",
            outcome="failed",
            news=(),
            causes=(),
            ending="A cold peace",
        ),
    ),
)

END = EndView(
    title="Elf Quarrel",
    status="Elfland │ The end │ Score 33 │ Seed 5",
    ending_title="A cold peace",
    ending_text="Nobody fights; nobody trades.",
    total=33,
    goals=(GoalScore("Be respected", 20.0, 1.0),),
    ending_score=45.0,
    ending_share=0.5,
    decisions=(
        DecisionRow(1, "1 June 2040", "Build a wall", "done"),
        DecisionRow(2, "8 June 2040", "Send an envoy", "failed"),
    ),
    relations=(_relation((-30, -37, -37), (-10, -10, -10)),),
)


class ScriptedSession:
    """A ``GameSession`` that replays ``GAME`` for the seat ``ELF``, move by recorded move."""

    role = "ELF"
    seed = 5

    def __init__(self, game: tuple[ScriptedTurn, ...] = GAME, end: EndView = END) -> None:
        self.game = game
        self.end = end
        self.played: list[str | None] = []
        """The moves the screens asked for, in order."""
        self.exports = 0

    @property
    def turn(self) -> int:
        return len(self.played) + 1

    @property
    def over(self) -> bool:
        return len(self.played) == len(self.game)

    @property
    def last_report(self) -> ReportView | None:
        return self.game[len(self.played) - 1].report if self.played else None

    @property
    def unsaved(self) -> bool:
        return False

    @property
    def save_path(self) -> Path:
        return Path("scripted.json")

    @property
    def autosave_path(self) -> Path:
        return Path("autosave-scripted.json")

    autosaved = True
    autosave_failure: str | None = None
    kept_aside: tuple[Path, ...] = ()

    def briefing(self) -> BriefingView:
        return BriefingView(
            title="Elf Quarrel",
            dates="From 1 June 2040, 2 turns of 7 days",
            summary="Elves and orcs cannot agree on a forest.",
            role_name="Elfland",
            leader="Queen Mab",
            briefing="Keep the forest and your dignity.",
            goals=("Be respected",),
            sources=(),
        )

    def turn_view(self) -> TurnView:
        return self.game[min(len(self.played), len(self.game) - 1)].view

    def option_view(self, option_id: str) -> OptionView:
        row = next(r for r in OPTIONS if r.id == option_id)
        return OptionView(row.id, row.label, f"What {row.label.lower()} means.", ("Elves sing",))

    def forecast(self, option_id: str) -> Advice:
        branch = ForecastBranch("It would change", ((-7 if option_id == "wall" else 5, "Orcs"),))
        return Advice(chance=1.0, delay=0, branches=(branch,), goals=(("Be respected", 2.5),))

    def answer(self, offer_id: str, answer: str | None) -> None:
        """The recorded game puts no offer to the elves: every answer is refused."""
        raise MoveRefused(f"no offer '{offer_id}' is open to you")

    def play(self, option_id: str | None) -> ReportView:
        if self.over:
            raise MoveRefused("the game is over")
        turn = self.game[len(self.played)]
        if option_id != turn.move:
            raise MoveRefused(f"the script plays {turn.move} on turn {self.turn}")
        self.played.append(option_id)
        return turn.report

    def debrief(self) -> EndView:
        return self.end

    def save(self) -> Path:
        return self.save_path

    def autosave(self) -> Path:
        return self.autosave_path

    def export_debrief(self, folder: Path | None = None) -> Path:
        self.exports += 1
        return (folder or Path.cwd()) / "debrief-scripted.md"

    # The debrief's analyses, recorded: figures a reader can check by eye.
    luck_asked = 0

    def luck(self) -> LuckView:
        self.luck_asked += 1
        return LuckView(
            lines=("Your score: 61.", "Your choices on 300 other dice: median 55."),
            judgment=7.0,
            luck=6.0,
            mattered=("Turn 1: Build a wall gained 4.0 against Sing",),
        )

    def what_if_options(self, turn: int) -> tuple[tuple[str, str], ...]:
        return tuple((row.id, row.label) for row in OPTIONS[:2])

    def what_if(self, turn: int, option_id: str) -> WhatIfView:
        if option_id == "wall" and turn == 1:
            raise MoveRefused("that is the move you played")
        return WhatIfView(
            heading=f"What if, on turn {turn}, you had chosen: {option_id}",
            rows=(("Ending", "Peace", "Quarrel"), ("Score", "61", "40")),
            parting=f"They part on turn {turn}:",
            why=("You: Sing instead of Build a wall",),
            notes=(),
        )

    reflections: tuple[tuple[int | None, str], ...] = ()

    def reflection_prompt(self, turn: int | None) -> str:
        return "Why the wall?" if turn == 1 else ""

    def reflect(self, turn: int | None, text: str) -> None:
        self.reflections = (*self.reflections, (turn, text))


class ScreensOnly(App[None]):
    """The game's screens over any session, and only what their messages ask for."""

    def __init__(self, session: ScriptedSession) -> None:
        super().__init__()
        self.session = session
        self.notices: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(BriefingScreen(self.session))

    def on_briefing_read(self, _: BriefingRead) -> None:
        self.switch_screen(TurnScreen(self.session))

    def on_move_played(self, message: MovePlayed) -> None:
        try:
            report = self.session.play(message.option_id)
        except MoveRefused as error:
            self.notices.append(str(error))
            return
        self.push_screen(ReportScreen(report), self._after_report)

    def _after_report(self, _: None = None) -> None:
        if self.session.over:
            self.switch_screen(EndScreen(self.session))
        elif isinstance(self.screen, TurnScreen):
            self.screen.refresh_turn()

    def on_export_requested(self, _: ExportRequested) -> None:
        self.session.export_debrief()

    def on_notice(self, message: Notice) -> None:
        self.notices.append(message.text)


async def play_the_script(app: ScreensOnly) -> list[str]:
    """Play the recorded game by keys alone; return what each screen showed on the way."""
    from textual.widgets import Static

    shown: list[str] = []

    def text() -> str:
        return "\n".join(str(w.content) for w in app.screen.query(Static))

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown.append(text())  # the briefing
        await pilot.press("enter")
        await pilot.press("3")  # the blocked option: shown with why not, no move
        await pilot.press("2")
        shown.append(text())  # turn 1, "Build a wall" in full
        await pilot.press("enter")
        shown.append(text())  # turn 1's report
        await pilot.press("enter", "1", "enter")
        shown.append(text())  # turn 2's report
        await pilot.press("enter")
        await pilot.pause()
        shown.append(text())  # the end screen
        await pilot.press("e")
        await pilot.pause()
    return shown


def _implements_the_seam(session: ScriptedSession) -> GameSession:
    """A type checker fails here if ScriptedSession drifts from the protocol."""
    return session
