"""A seat of a class game in the terminal (`detente join`): the game's own screens over a
session that talks to the class server.

The screens are the single-player ones, unchanged: they see only a ``GameSession``. What is
new is the timing: a move is sent from a worker thread (the network must not stall the
app's loop), the turn resolves when the other governments have chosen or at the deadline,
and the session calls back (``on_change``, from its network thread) when the server sends
the new position; the app then shows the turn's report and the next turn, or the debrief.
The class-play panels (messages, countdown, the instructor's console) come with issue 12.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.app import App
from textual.binding import Binding, BindingType

from game.ui import screens

if TYPE_CHECKING:
    from collections.abc import Callable

    from game.ui.messages import (
        AdvisorToggled,
        BriefingRead,
        ExportRequested,
        MovePlayed,
        Notice,
    )
    from game.ui.seam import GameSession, ReportView


class ClassSession(Protocol):
    """A ``GameSession`` whose game moves on without the player: it says when."""

    on_change: Callable[[], None] | None


class ClassApp(App[None]):
    """One seat of a class game.

    | Key | Action |
    | :- | :- |
    | r | The last turn's report again. |
    | q | Quit (the server keeps the seat: `detente join` again returns to it). |
    """

    TITLE = "Détente"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "report", "Report", tooltip="The last turn's report again"),
        Binding("q", "quit", "Quit", tooltip="Quit; join again to return to your seat"),
    ]

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session
        self.advisor = True
        self.shown_turn = session.turn
        """The turn the screens show; a position for a later turn brings its report."""
        self.messages: list[str] = []

    def on_mount(self) -> None:
        self.session.on_change = lambda: self.call_from_thread(self.position_changed)  # type: ignore[attr-defined]
        if self.session.over:
            self.push_screen(screens.EndScreen(self.session))
        elif self.session.last_report is None:
            self.push_screen(screens.BriefingScreen(self.session))
        else:
            self.push_screen(screens.TurnScreen(self.session, advisor=self.advisor))

    def say(self, text: str, severity: str = "information") -> None:
        self.messages.append(text)
        self.notify(text, severity=severity, markup=False)  # type: ignore[arg-type]

    def on_briefing_read(self, _: BriefingRead) -> None:
        self.switch_screen(screens.TurnScreen(self.session, advisor=self.advisor))

    def on_move_played(self, message: MovePlayed) -> None:
        """Send the move from a worker thread; the report comes with the new position."""
        if message.turn != self.session.turn or self.session.over:
            return
        option = message.option_id
        self.run_worker(lambda: self._send(option), name="move", thread=True)

    def _send(self, option: str | None) -> None:
        from game.ui.seam import MoveRefused

        try:
            report = self.session.play(option)
        except MoveRefused as error:
            self.call_from_thread(self.say, str(error), "error")
            return
        if report.turn == self.shown_turn and not report.causes:
            self.call_from_thread(self.say, "Move sent: " + report.outcome)

    def position_changed(self) -> None:
        """The server sent a new position: a turn was played, rolled back, or the game ended."""
        session = self.session
        turn = session.turn
        if turn == self.shown_turn and not session.over:
            return
        played = turn > self.shown_turn
        self.shown_turn = turn
        report = session.last_report
        if session.over:
            self._show_report(report if played else None, then_end=True)
        elif played and report is not None:
            self._show_report(report, then_end=False)
        else:  # rolled back by the instructor
            self.say(f"The instructor rolled the game back to turn {turn}.", "warning")
            self.switch_screen(screens.TurnScreen(session, advisor=self.advisor))

    def _show_report(self, report: ReportView | None, *, then_end: bool) -> None:
        def after(_: None = None) -> None:
            if then_end:
                self._end()
            else:
                self.switch_screen(screens.TurnScreen(self.session, advisor=self.advisor))

        while len(self.screen_stack) > 2:  # a dialog or an older report over the game
            self.pop_screen()
        if report is None:
            after()
        else:
            self.push_screen(screens.ReportScreen(report), after)

    def _end(self) -> None:
        from game.ui.seam import MoveRefused

        try:
            self.session.debrief()
        except MoveRefused as error:
            self.say(str(error), "warning")
            return
        self.switch_screen(screens.EndScreen(self.session))

    def action_report(self) -> None:
        report = self.session.last_report
        if report is not None:
            self.push_screen(screens.ReportScreen(report))

    def on_advisor_toggled(self, message: AdvisorToggled) -> None:
        self.advisor = message.on

    def on_notice(self, message: Notice) -> None:
        self.say(message.text, message.severity)

    def on_export_requested(self, _: ExportRequested) -> None:
        try:
            path = self.session.export_debrief()
        except OSError as error:
            self.say(f"Cannot write the debrief: {error.strerror or error}", "error")
            return
        self.say(f"Debrief written to {path}")
