"""The seam between the screens and a game: ``GameSession`` and the views it serves.

Screens and widgets know a game only through this module. A session answers, for the seat it
plays, everything a screen shows (as the frozen view classes below: plain text and numbers,
already worded) and takes the seat's move. ``game.ui.session.LocalSession`` implements it with
the engine in this process; a client of the class server will implement it over the network,
and a hot-seat game will hold one session per seat. Nothing here imports the engine, so a
screen can be driven by any implementation, including a scripted one in a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

import attrs

Stance = Literal["ally", "friendly", "cool", "hostile"]


class MoveRefused(Exception):
    """The game did not accept a move (not legal now, or the game is over); says why."""


class SaveFailed(Exception):
    """The game could not be saved; the message says why in the player's terms."""


@attrs.frozen
class OptionRow:
    """One line of the options list.

    Attributes:
        id: The option id.
        label: Its label.
        number: 1-9 for the first nine available options (the key that selects them).
        available: Whether the player may take it now.
        reason: Why not, when unavailable.
    """

    id: str
    label: str
    number: int | None
    available: bool
    reason: str = ""


@attrs.frozen
class RelationRow:
    """The player's relation with one other government, now and over the game."""

    actor: str
    name: str
    theirs: int
    """Their view of the player."""
    yours: int
    """The player's view of them."""
    theirs_change: int
    yours_change: int
    theirs_history: tuple[int, ...]
    yours_history: tuple[int, ...]
    theirs_stance: Stance
    yours_stance: Stance


@attrs.frozen
class ForecastBranch:
    """One way a move can go, as the advisor tells it."""

    title: str
    lines: tuple[tuple[int, str], ...]
    """(delta, what moves) for each number that would change."""


@attrs.frozen
class Advice:
    """The advisor's forecast for an option: branches and the expected effect on goals."""

    chance: float
    delay: int
    branches: tuple[ForecastBranch, ...]
    goals: tuple[tuple[str, float], ...]
    """(goal label, expected change of its score) for each of the player's goals."""


@attrs.frozen
class OptionView:
    """An option in full, as the detail panel shows it (the forecast comes separately)."""

    id: str
    label: str
    description: str
    facts: tuple[str, ...]
    """The claims of the facts it rests on."""


@attrs.frozen
class TurnView:
    """Everything the turn screen shows for the seat's current position."""

    title: str
    """The scenario's title."""
    status: str
    """'Turkey │ Turn 3/10 │ 4 April 2022 │ Score 52'."""
    turn: int
    over: bool
    relations: tuple[RelationRow, ...]
    news_title: str
    news: tuple[str, ...]
    news_empty: str
    """What the news panel says when there is no news."""
    options: tuple[OptionRow, ...]


@attrs.frozen
class ChangeLine:
    """One number (or flag) that moved in a turn, worded from the seat's side."""

    subject: str
    delta: int
    before: int
    after: int
    flag: bool = False
    """A scenario flag set or cleared: bookkeeping, shown quietly."""


@attrs.frozen
class CauseGroup:
    """The changes one cause made, under the cause's own words."""

    cause: str
    changes: tuple[ChangeLine, ...]


@attrs.frozen
class ReportView:
    """What happened in one turn, for the seat that played it."""

    turn: int
    date: str
    move: str | None
    """The label of the seat's move, or None when it made none."""
    outcome: str
    """How the move went, in words ('done', 'failed', 'under way')."""
    news: tuple[str, ...]
    causes: tuple[CauseGroup, ...]
    ending: str | None
    """The ending's title when this turn ended the crisis."""


@attrs.frozen
class Source:
    """Where the scenario's facts come from: one brief's citation."""

    outlet: str
    title: str
    author: str
    date: str
    url: str
    note: str


@attrs.frozen
class BriefingView:
    """The opening briefing for the seat."""

    title: str
    dates: str
    """'From 21 March 2022, 10 turns of 7 days'."""
    summary: str
    role_name: str
    leader: str
    briefing: str
    goals: tuple[str, ...]
    sources: tuple[Source, ...]


@attrs.frozen
class RoleView:
    """A playable government as the role picker describes it."""

    id: str
    name: str
    leader: str
    summary: str
    briefing: str
    goals: tuple[str, ...]


@attrs.frozen
class RolesView:
    """The role picker's content: the scenario and the governments one can play."""

    title: str
    roles: tuple[RoleView, ...]
    default: str
    """The role highlighted first."""


@attrs.frozen
class GoalScore:
    label: str
    score: float
    weight: float


@attrs.frozen
class DecisionRow:
    """One of the seat's turns: what it chose and how it went."""

    turn: int
    date: str
    label: str
    outcome: str


@attrs.frozen
class EndView:
    """The debrief on screen: ending, score card, decisions, where each relation went."""

    title: str
    status: str
    ending_title: str
    ending_text: str
    total: int
    goals: tuple[GoalScore, ...]
    ending_score: float
    ending_share: float
    decisions: tuple[DecisionRow, ...]
    relations: tuple[RelationRow, ...]
    """Each other government's relation with the seat, with its whole history."""


@runtime_checkable
class GameSession(Protocol):
    """One seat's game, as the screens see it: what to show, and the seat's moves.

    Every method answers for the seat (``role``) only; what another seat chose or was told
    is not the screens' business. ``play`` raises ``MoveRefused``, ``save`` and ``autosave``
    raise ``SaveFailed``, ``export_debrief`` raises ``OSError`` when the folder refuses.
    """

    @property
    def role(self) -> str: ...

    @property
    def seed(self) -> int: ...

    @property
    def turn(self) -> int:
        """The turn to be played next (past the last turn once the game is over)."""
        ...

    @property
    def over(self) -> bool: ...

    @property
    def last_report(self) -> ReportView | None: ...

    @property
    def unsaved(self) -> bool:
        """Whether turns were played since the player last saved."""
        ...

    @property
    def save_path(self) -> Path: ...

    @property
    def autosave_path(self) -> Path: ...

    @property
    def autosaved(self) -> bool:
        """Whether the autosave holds every turn played so far."""
        ...

    @property
    def autosave_failure(self) -> str | None:
        """Why the last autosave failed (None when it succeeded or none was tried)."""
        ...

    @property
    def kept_aside(self) -> Sequence[Path]:
        """Saves of other unfinished games renamed aside rather than replaced, oldest first."""
        ...

    def briefing(self) -> BriefingView: ...

    def turn_view(self) -> TurnView: ...

    def option_view(self, option_id: str) -> OptionView: ...

    def forecast(self, option_id: str) -> Advice: ...

    def play(self, option_id: str | None) -> ReportView: ...

    def debrief(self) -> EndView: ...

    def save(self) -> Path: ...

    def autosave(self) -> Path: ...

    def export_debrief(self, folder: Path | None = None) -> Path: ...
