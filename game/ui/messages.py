"""What a screen asks of the app, as Textual messages posted to it.

A screen never calls the app's methods by name: it posts one of these and the app (or, in a
test, any app that handles them) decides what follows. So a screen can be tested on its own,
and the screens stay the same whichever session serves them. Only Textual is imported here:
the app imports this module before its first frame.
"""

from __future__ import annotations

from textual.message import Message
from textual.notifications import SeverityLevel


class RoleChosen(Message):
    """The player picked a government on the role picker."""

    def __init__(self, role: str) -> None:
        super().__init__()
        self.role = role


class BriefingRead(Message):
    """The player left the briefing for the first turn."""


class MovePlayed(Message):
    """The player confirmed a move (None: nothing was possible, the turn passes).

    ``turn`` is the turn the move was chosen on, so that a move confirmed twice by a fast
    double key press is played once, not again on the next turn.
    """

    def __init__(self, option_id: str | None, turn: int) -> None:
        super().__init__()
        self.option_id = option_id
        self.turn = turn


class AdvisorToggled(Message):
    """The player switched the advisor's forecasts on or off."""

    def __init__(self, on: bool) -> None:
        super().__init__()
        self.on = on


class ExportRequested(Message):
    """The player asked for the debrief as a Markdown file."""


class Notice(Message):
    """Something to tell the player in a toast (the app keeps every one it shows)."""

    def __init__(self, text: str, severity: SeverityLevel = "information") -> None:
        super().__init__()
        self.text = text
        self.severity = severity


class NextScenarioRequested(Message):
    """The end screen of the tutorial: the student wants the real crisis it led to."""


class HandedOver(Message):
    """Hot-seat play: the next person has the keyboard and pressed enter on the hand-over."""


class SeatsChosen(Message):
    """The players picked the governments of a hot-seat game on the seat picker."""

    def __init__(self, seats: tuple[str, ...]) -> None:
        super().__init__()
        self.seats = seats
