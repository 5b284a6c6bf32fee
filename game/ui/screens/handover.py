"""Hot-seat play: the hand-over screen between two seats, and the end screen of every seat.

The hand-over screen is a full screen (never a dialog over the last seat's screen), so the
next person sees nothing of what the previous seat looked at or chose: it shows only whose
turn comes and what they are about to see. Enter tells the app the keyboard has changed hands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.widgets import Footer, Static

from game.ui.messages import HandedOver
from game.ui.screens.base import GameScreen
from game.ui.screens.end import EndScreen
from game.ui.seam import GameSession
from game.ui.text import heading, muted
from game.ui.widgets.status_bar import StatusBar


class HandoverScreen(GameScreen):
    """ "Pass the keyboard to Turkey — press enter": shown before each seat's screens.

    | Key | Action |
    | :- | :- |
    | enter | I am the player named: show my screen. |
    """

    DEFAULT_CSS = """
    HandoverScreen #handover-text {
        width: auto;
        max-width: 70;
        padding: 1 4;
        border: round $primary;
        text-align: center;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "ready", "Ready", tooltip="Show your screen (the keyboard is yours)"),
    ]

    def __init__(self, title: str, seat_name: str, next_up: str) -> None:
        super().__init__()
        self.title_text = title
        self.seat_name = seat_name
        """The government of the person who should take the keyboard ('Turkey')."""
        self.next_up = next_up
        """What they will see: 'your turn 3 of 10', 'your report on turn 3'."""

    def compose(self) -> ComposeResult:
        yield StatusBar(self.title_text, "Hot seat")
        with Middle(), Center():
            yield Static(
                Content("\n").join(
                    [
                        heading(f"Pass the keyboard to {self.seat_name}"),
                        Content(""),
                        Content(f"Next: {self.next_up}."),
                        Content(""),
                        muted("Everyone else, look away. Press enter when you are ready."),
                    ]
                ),
                id="handover-text",
            )
        yield Footer()

    def action_ready(self) -> None:
        self.ask_app(HandedOver())


class SeatsEndScreen(EndScreen):
    """The debrief of every seat, one at a time: `d` shows the next seat's, `e` exports all.

    | Key | Action |
    | :- | :- |
    | d | The next seat's debrief. |
    | e | Export every seat's debrief (one Markdown file each). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "next_seat", "Next seat", tooltip="Show the next seat's debrief"),
    ]

    def __init__(self, sessions: Sequence[GameSession], shown: int = 0) -> None:
        super().__init__(sessions[shown])
        self.sessions = tuple(sessions)
        self.shown = shown

    @property
    def session(self) -> GameSession:
        return self.sessions[self.shown]

    async def action_next_seat(self) -> None:
        self.shown = (self.shown + 1) % len(self.sessions)
        await self.recompose()
        self.query_one("#end-body").focus()
