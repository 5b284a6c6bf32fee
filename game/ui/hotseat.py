"""Hot-seat play: several people on one terminal, one shared game and one session per seat.

``HotSeatGame`` holds the engine's state and the turn being chosen (``OpenTurn``): each seat's
``SeatSession`` records its choice there, and the turn is played, with every seat's choice at
once, after the last seat has chosen. A ``SeatSession`` implements ``GameSession`` for its
seat only, so every screen works unchanged for it: its own options, forecast, report and
debrief. What a seat may see is the engine's rule (``game.engine.visibility``); the views are
built from the seat's side of the position: the shared state as a one-seat game of that seat
(its own choices only), which is what ``game.ui.view`` reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from game.debrief import debrief_markdown, long_date, relation_history
from game.engine import GameOver, IllegalMove, State, World, new_game, offers_to_answer
from game.engine.offers import IllegalAnswer
from game.engine.state import SeatError
from game.engine.visibility import OpenTurn
from game.saves import default_save_dir
from game.ui import view
from game.ui.seam import (
    Advice,
    BriefingView,
    EndView,
    MoveRefused,
    OneSeatAnalysesOnly,
    OptionView,
    ReportView,
    SaveFailed,
    TurnView,
)
from game.ui.session import write_debrief, write_save

if TYPE_CHECKING:
    from game.ui.seam import GameSession


def seat_side(state: State, role: str) -> State:
    """The shared position as a one-seat game of ``role``: the same board, with only this
    seat's choices, so the one-seat views show it exactly what it may see."""
    index = state.seat_index(role)
    moves = (state.moves[index],) if state.moves else ()
    return attrs.evolve(state, seats=(role,), moves=moves)


class HotSeatGame:
    """The shared game: its state, the seats' choices for the turn, the saves."""

    def __init__(self, world: World, state: State, scenario_path: str) -> None:
        self.world = world
        self.state = state
        self.scenario_path = scenario_path
        self.open_turn = OpenTurn(state)
        self.history: list[tuple[int, ...]] = list(relation_history(world, state))
        self.saved_moves = state.moves
        """Every seat's choices as last saved with `s`: a loaded game starts saved."""
        self.autosaved_moves: tuple[tuple[str | None, ...], ...] | None = None
        self.autosave_failure: str | None = None
        self.kept_aside: list[Path] = []
        self.sessions = tuple(SeatSession(self, seat) for seat in state.seats)
        """One session per seat, in seat (scenario actor) order: the order seats play in."""

    @classmethod
    def new(
        cls, world: World, seats: tuple[str, ...], seed: int, scenario_path: str
    ) -> HotSeatGame:
        return cls(world, new_game(world, seats=seats, seed=seed), scenario_path)

    @property
    def seats(self) -> tuple[str, ...]:
        return self.state.seats

    def session(self, role: str) -> SeatSession:
        return self.sessions[self.state.seat_index(role)]

    @property
    def waiting(self) -> tuple[str, ...]:
        """The seats still to choose this turn, in seat order (empty once the game is over)."""
        return () if self.state.over else self.open_turn.waiting

    def choose(self, role: str, option_id: str | None) -> bool:
        """Record ``role``'s choice; play the turn once every seat has chosen. Returns whether
        the turn was played. MoveRefused when the move is not legal now."""
        try:
            self.open_turn = self.open_turn.choose(self.world, role, option_id)
            if not self.open_turn.complete:
                return False
            self.state = self.open_turn.play(self.world)
        except (IllegalMove, GameOver, SeatError) as error:
            raise MoveRefused(str(error)) from error
        self.open_turn = OpenTurn(self.state)
        self.history.append(self.state.rel)
        return True

    def answer(self, role: str, offer_id: str, answer: str | None) -> None:
        """Record (or withdraw, with None) ``role``'s answer to an open offer for this turn;
        MoveRefused for one it cannot give."""
        turn = self.open_turn
        try:
            if answer is None:
                if offer_id not in offers_to_answer(self.world, self.state, role):
                    raise IllegalAnswer("That offer is no longer open to you.", (), role)
                self.open_turn = turn.withdraw(role, offer_id)
            else:
                self.open_turn = turn.answer(self.world, role, offer_id, answer)
        except (IllegalMove, SeatError) as error:
            raise MoveRefused(str(error)) from error

    # --- saves ---------------------------------------------------------------------------

    def _name(self, prefix: str = "") -> str:
        return f"{prefix}{self.world.scenario.id}-{'+'.join(self.seats)}.json"

    @property
    def save_path(self) -> Path:
        return default_save_dir() / self._name()

    @property
    def autosave_path(self) -> Path:
        return default_save_dir() / self._name("autosave-")

    @property
    def unsaved(self) -> bool:
        return self.state.moves != self.saved_moves

    @property
    def autosaved(self) -> bool:
        return self.autosaved_moves == self.state.moves

    def save(self) -> Path:
        self._write(self.save_path)
        self.saved_moves = self.state.moves
        return self.save_path

    def autosave(self) -> Path:
        try:
            self._write(self.autosave_path)
        except SaveFailed as error:
            self.autosave_failure = str(error)
            raise
        self.autosave_failure = None
        self.autosaved_moves = self.state.moves
        return self.autosave_path

    def _write(self, path: Path) -> None:
        """Save every seat's choices (a save with seats, format 2); a save of another
        unfinished game there is renamed aside first, as for one seat."""
        aside = write_save(path, self.world, self.state, self.scenario_path)
        if aside is not None:
            self.kept_aside.append(aside)


class SeatSession(OneSeatAnalysesOnly):
    """One seat of a hot-seat game, as the screens see it (``GameSession``)."""

    def __init__(self, game: HotSeatGame, role: str) -> None:
        self.game = game
        self._role = role
        self._report: tuple[int, ReportView] | None = None

    @property
    def _side(self) -> State:
        return seat_side(self.game.state, self._role)

    @property
    def role(self) -> str:
        return self._role

    @property
    def seed(self) -> int:
        return self.game.state.seed

    @property
    def turn(self) -> int:
        return self.game.state.turn

    @property
    def over(self) -> bool:
        return self.game.state.over

    @property
    def has_chosen(self) -> bool:
        """Whether this seat has chosen for the turn being played (the others may not yet)."""
        return self.game.open_turn.has_chosen(self._role)

    @property
    def last_report(self) -> ReportView | None:
        state = self.game.state
        if not state.log:
            return None
        if self._report is None or self._report[0] != len(state.log):
            report = view.report_view(self.game.world, state.log[-1], self._role, self._side)
            self._report = (len(state.log), report)
        return self._report[1]

    def briefing(self) -> BriefingView:
        return view.briefing_view(self.game.world, self._role)

    def turn_view(self) -> TurnView:
        given = self.game.open_turn.answers_of(self._role)
        return view.turn_view(self.game.world, self._side, tuple(self.game.history), given)

    def option_view(self, option_id: str) -> OptionView:
        return view.option_view(self.game.world, option_id)

    def forecast(self, option_id: str) -> Advice:
        return view.advice(self.game.world, self._side, option_id)

    def debrief(self) -> EndView:
        return view.end_view(self.game.world, self._side, tuple(self.game.history))

    def answer(self, offer_id: str, answer: str | None) -> None:
        """Record this seat's answer to an open offer in the open turn (None withdraws it):
        the turn is played with it once every seat has chosen."""
        self.game.answer(self._role, offer_id, answer)

    def play(self, option_id: str | None) -> ReportView:
        """Record this seat's choice; the turn is played after the last seat's. Returns the
        turn's report once it was played, else a note that the choice waits for the others."""
        turn = self.turn
        if self.game.choose(self._role, option_id):
            report = self.last_report
            assert report is not None  # the turn was played with its report recorded
            return report
        label = None if option_id is None else view.option_view(self.game.world, option_id).label
        return ReportView(
            turn=turn,
            date=long_date(self.game.world.date_of(turn)),
            move=label,
            outcome="chosen: the turn is played once every seat has chosen",
            news=(),
            causes=(),
            ending=None,
        )

    # --- saves and the debrief: the saves are the whole game's -----------------------------

    @property
    def unsaved(self) -> bool:
        return self.game.unsaved

    @property
    def save_path(self) -> Path:
        return self.game.save_path

    @property
    def autosave_path(self) -> Path:
        return self.game.autosave_path

    @property
    def autosaved(self) -> bool:
        return self.game.autosaved

    @property
    def autosave_failure(self) -> str | None:
        return self.game.autosave_failure

    @property
    def kept_aside(self) -> list[Path]:
        return self.game.kept_aside

    def save(self) -> Path:
        return self.game.save()

    def autosave(self) -> Path:
        return self.game.autosave()

    def debrief_path(self, folder: Path | None = None) -> Path:
        """One file per seat: named after the game, the seat and the seed."""
        name = f"debrief-{self.game.world.scenario.id}-{self._role}-seed{self.seed}.md"
        return (folder or Path.cwd()) / name

    def export_debrief(self, folder: Path | None = None) -> Path:
        """This seat's Markdown debrief, written atomically (as ``LocalSession`` does)."""
        path = self.debrief_path(folder)
        text = debrief_markdown(self.game.world, self.game.state, self._role)
        write_debrief(path, self.game.scenario_path, text)
        return path


if TYPE_CHECKING:

    def _implements_the_seam(session: SeatSession) -> GameSession:
        """A type checker fails here if SeatSession drifts from the protocol."""
        return session
