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

from game.ui.picker_view import GoalWeight, RolesView, RoleView

__all__ = ["GoalWeight", "RoleView", "RolesView"]  # the picker's records live apart (picker_view)

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
        number: Its place in the role's full option list (1, 2...): the same all game, so
            a key never plays a different move; keys 1-9 select the first nine.
        available: Whether the player may take it now.
        reason: Why not, when unavailable, in words (the reasons below as one line).
        reasons: Each reason apart: the author's `why_not:`, or every clause of the option's
            condition that fails, worded ("Russia's view of you must be above -20; it is
            -24"); never the condition's code.
    """

    id: str
    label: str
    number: int
    available: bool
    reason: str = ""
    reasons: tuple[str, ...] = ()


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
class StakeClause:
    """One part of an ending's condition, worded, and how the position stands on it."""

    need: str
    """'Russian Federation's view of you above +20'."""
    holds: bool
    now: str
    """'it is +14', 'not yet', 'yes'."""


@attrs.frozen
class EndingStake:
    """An ending the seat can aim for: what it is worth, what it needs, how far it is.

    Attributes:
        title: The ending's headline.
        score: What it is worth to the seat, 0..100 (50 when the scenario gives no score).
        when: "at the end" or "as soon as it holds" (an ending that can cut the game short).
        clauses: Its condition, clause by clause; empty for the fallback.
        holds: Whether every clause holds in the position now.
        chosen: Whether this is the ending the game would pick if it ended now: endings are
            tried in order and the first that holds wins, so a later one that also holds
            is not chosen (and its score is not the one that counts).
        fallback: The ending when no other holds.
    """

    title: str
    score: int
    when: str
    clauses: tuple[StakeClause, ...]
    holds: bool
    chosen: bool
    fallback: bool = False


@attrs.frozen
class WatchedRelation:
    """A relation one of the seat's goals reads, possibly between two other governments
    ("the US goal reads how Turkey sees Russia")."""

    subject: str
    """'Turkey's view of Russian Federation', 'your view of Ukraine'."""
    value: int
    change: int
    """Since the previous turn."""
    stance: Stance
    goals: tuple[str, ...]
    """Labels of the goals that read it."""
    third_party: bool
    """Neither side is the seat: the relations panel does not show it."""


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
    score_change: float = 0.0
    """Expected change of the running score, in points: the goals' changes weighted as the
    score weighs them, so changes that cancel read as the net they are."""
    weighted: tuple[tuple[str, float], ...] = ()
    """(goal label, its part of ``score_change``) for each goal, in goal order."""


@attrs.frozen
class OptionView:
    """An option in full, as the detail panel shows it (the forecast comes separately)."""

    id: str
    label: str
    description: str
    facts: tuple[str, ...]
    """The claims of the facts it rests on."""
    basis: str = ""
    """How it stands against the record, in words ('documented: the cited sources state
    it'); '' when the scenario does not say."""


@attrs.frozen
class AnswerView:
    """One answer a seat may give to an offer, and what it does, in words.

    Attributes:
        id: ``accept``, ``decline`` or ``counter``: what ``GameSession.answer`` takes.
        label: As the screen lists it ("Accept", or the counter-proposal's label).
        effects: (delta, what moves) for each number that moves if the offer ends with this
            answer, worded from the seat's side, like an option's forecast.
        value: The advisor's expected change of the seat's score if the offer ends with this
            answer (None when the advisor was not asked).
    """

    id: str
    label: str
    effects: tuple[tuple[int, str], ...] = ()
    value: float | None = None


@attrs.frozen
class OfferView:
    """An open offer the seat must answer, or one it made, as the turn screen shows it.

    Attributes:
        id: The offer's id (the option that made it): what ``GameSession.answer`` takes.
        label: That option's label ("Propose a shared water quota").
        by: Who made it, by name ("Southland"; "you" for the seat's own).
        to: Who must answer, by name, in the offer's order.
        terms: What is proposed, in the author's words.
        last_turn: The last turn on which it can be answered; it lapses after.
        answers: The answers the seat may give (empty for an offer the seat made).
        answer: The seat's answer so far: given this turn and waiting for the turn to be
            played (its own only; never another seat's), or None.
        replies: For an offer the seat made: (party name, its answer in words) per party.
    """

    id: str
    label: str
    by: str
    to: tuple[str, ...]
    terms: str
    last_turn: int
    answers: tuple[AnswerView, ...] = ()
    answer: str | None = None
    replies: tuple[tuple[str, str], ...] = ()


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
    endings: tuple[EndingStake, ...] = ()
    """The endings the seat can aim for, in the order the game tries them."""
    watched: tuple[WatchedRelation, ...] = ()
    """Every relation the seat's goals read, third parties included."""
    score_note: str = ""
    """What the running score counts: 'Score 52 = goals 54 × 50% + ending 50 × 50% (a
    neutral 50 until the ending is known)'."""
    offers: tuple[OfferView, ...] = ()
    """Open offers the seat must answer, oldest first, with its answer so far."""
    offers_made: tuple[OfferView, ...] = ()
    """Open offers the seat made, with each party's answer so far."""


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
    """The changes one cause made, under the cause's own words.

    Groups come in the order the changes happened; a cause may appear twice when keeping
    it in one group would list a later change to some number before an earlier one.
    """

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
    summary: tuple[str, ...] = ()
    """What mattered to the seat, in 3-6 lines, to lead the report: the move's outcome, the
    score, the goals that moved most, the news; ``causes`` is the full account below it."""
    goal_changes: tuple[tuple[str, float], ...] = ()
    """(goal label, change of its score) for each goal that moved this turn, the most weighty
    change first."""


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
    weights: tuple[GoalWeight, ...] = ()
    """The goals with their weights and shares of the final score, in goal order."""
    endings: tuple[EndingStake, ...] = ()
    """The endings the seat can aim for, as they stand at the start."""
    score_rule: str = ""
    """How the final score is made: 'Your score: goals 50%, the ending 50%'."""


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
    offers: tuple[str, ...] = ()
    """The offers the seat made or was put, and how each went, turn by turn, in words."""
    ending_basis: str = ""
    """How the ending stands against the record, in words ('' when the scenario does not
    say)."""
    history: tuple[str, ...] = ()
    """What actually happened, one dated and sourced line each (the scenario's
    ``history:``), shown after the ending."""


@attrs.frozen
class LuckView:
    """Luck apart from judgment, worded for the end screen.

    Attributes:
        note: Why there are no figures ('' when there are): an unfinished game, several
            seats, or no analysis in this kind of session.
        lines: The figures, one sentence each (score, your choices, the references).
        judgment, luck: The two numbers the panel leads with.
        mattered: The decisions that gained or cost most in expectation, worded.
    """

    note: str = ""
    lines: tuple[str, ...] = ()
    judgment: float = 0.0
    luck: float = 0.0
    mattered: tuple[str, ...] = ()


@attrs.frozen
class WhatIfView:
    """The road not taken, side by side with what happened.

    Attributes:
        heading: The changed move ("Turn 2: Keep your options open").
        rows: (what, as played, what if): the ending, the score, each relation's path.
        parting: Where the two games part ("They part on turn 2:"), or that they never do.
        why: What differed on that turn, worded.
        notes: Which later turns kept the student's own choices, which the AI chose.
    """

    heading: str
    rows: tuple[tuple[str, str, str], ...]
    parting: str
    why: tuple[str, ...]
    notes: tuple[str, ...]


class OneSeatAnalysesOnly:
    """The debrief's analyses for a session that cannot give them (hot-seat, class play).

    Luck, what-if games and reflections are worked out for one-seat local games only; a
    session for several seats mixes this in so each screen says so instead of failing.
    ``no_analysis`` words why, on screen.
    """

    no_analysis: str = "luck and judgment are worked out for one-seat games only"

    def luck(self) -> LuckView:
        return LuckView(note=self.no_analysis)

    def what_if_options(self, turn: int) -> tuple[tuple[str, str], ...]:
        return ()

    def what_if(self, turn: int, option_id: str) -> WhatIfView:
        raise MoveRefused("what-if games are played for one-seat games only")

    def reflection_prompt(self, turn: int | None) -> str:
        return ""

    def reflect(self, turn: int | None, text: str) -> None:
        """No reflections: the session asks none (see ``no_analysis``)."""


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

    def answer(self, offer_id: str, answer: str | None) -> None:
        """Give (or, with None, withdraw) the seat's answer to an open offer of
        ``turn_view().offers``. It is kept until the turn is played, and can be changed
        until then; MoveRefused for an offer or answer the seat cannot give."""
        ...

    def play(self, option_id: str | None) -> ReportView: ...

    def debrief(self) -> EndView: ...

    def save(self) -> Path: ...

    def autosave(self) -> Path: ...

    def export_debrief(self, folder: Path | None = None) -> Path: ...

    # --- the debrief's analyses and the student's own words (issue 17) -------------------

    def luck(self) -> LuckView:
        """Luck apart from judgment: seconds of work, so screens call it from a worker."""
        ...

    def what_if_options(self, turn: int) -> tuple[tuple[str, str], ...]:
        """The (id, label) of each option the seat had on a turn it played."""
        ...

    def what_if(self, turn: int, option_id: str) -> WhatIfView:
        """The game replayed with that move changed; MoveRefused when it cannot be."""
        ...

    def reflection_prompt(self, turn: int | None) -> str:
        """The scenario's question after ``turn``'s report (None: at the end); '' if none."""
        ...

    def reflect(self, turn: int | None, text: str) -> None:
        """Keep the student's answer to that question (in the save and the debrief)."""
        ...
