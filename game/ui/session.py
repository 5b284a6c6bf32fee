"""One game in progress, played by the engine in this process: ``LocalSession``.

It implements ``game.ui.seam.GameSession``, the one interface the screens use: they ask it for
views (built by ``game.ui.view`` from the engine) and give it the seat's moves. The app never
changes a ``State`` itself; the session plays each turn through the engine, keeps the
relation history for the trend lines, and writes the saves. Saving is here rather than in a
screen so every way to save (key, palette, quit dialog) is the same.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from game.analysis import LuckReport, PlayRecord, Reflection, WhatIf
from game.debrief import debrief_markdown, relation_history
from game.engine import (
    GameOver,
    IllegalMove,
    State,
    World,
    available_options,
    new_game,
    offers_to_answer,
    play_turn,
)
from game.saves import SaveError, atomic_write_text, default_save_dir, keep_other_game, save_game
from game.ui import view
from game.ui.seam import (
    Advice,
    BriefingView,
    EndView,
    LuckView,
    MoveRefused,
    OptionView,
    ReportView,
    SaveFailed,
    TurnView,
    WhatIfView,
)

if TYPE_CHECKING:
    from game.ui.seam import GameSession


class Analyst(Protocol):
    """The debrief's analyses, which run the headless tools (``game.sim``): the screens'
    layer may not import them, so whoever starts the app hands the session one of these
    (``game.report.tools.ReportTools``). Both analyses raise ValueError saying why not."""

    def luck(self, world: World, state: State) -> LuckReport: ...

    def what_if(self, world: World, state: State, turn: int, option: str) -> WhatIf: ...

    def export(
        self,
        world: World,
        state: State,
        record: PlayRecord,
        scenario_path: str,
        markdown: Path,
        luck: LuckReport | None,
    ) -> list[Path]:
        """Write the debrief as Markdown at ``markdown`` and as HTML beside it; the paths."""
        ...


class LocalSession:
    """A game being played here: the world, the current state, and what has been saved."""

    def __init__(
        self,
        world: World,
        state: State,
        scenario_path: str,
        *,
        analyst: Analyst | None = None,
        record: PlayRecord | None = None,
    ) -> None:
        self.world = world
        self.state = state
        self.scenario_path = scenario_path
        self.analyst = analyst
        """The debrief's analyses (None: the end screen says they are not available)."""
        record = record or PlayRecord()
        self.student, self.class_name = record.student, record.class_name
        """Who plays: from the save, or from the settings once the app has asked."""
        complete = len(record.advisor) == len(state.log)
        self.advisor_log: list[bool] | None = list(record.advisor) if complete else None
        """Per turn played, whether the advisor was on (None: unknown for earlier turns)."""
        self.advisor = True
        """Whether the advisor is on now; the app keeps it in step with its toggle."""
        self.reflections: list[Reflection] = list(record.reflections)
        self._luck: LuckReport | str | None = None
        """The luck analysis once worked out (a str: why it could not be)."""
        self.history: list[tuple[int, ...]] = list(relation_history(world, state))
        """Relations before turn 1 and after each turn, for trends and the end screen."""
        self.saved_choices: tuple[str | None, ...] = state.choices
        """The choices as last saved with `s`: a loaded game starts saved."""
        self.autosaved_choices: tuple[str | None, ...] | None = None
        """The choices the autosave holds (None until one was written in this session)."""
        self.autosave_failure: str | None = None
        """Why the last autosave failed; None when it succeeded (or none was tried yet)."""
        self.kept_aside: list[Path] = []
        """Saves of other unfinished games this session renamed rather than replace."""
        self._report: tuple[int, ReportView] | None = None
        """The last report's view and the turn count it was built at (the app asks often)."""
        self.answers: dict[str, str] = {}
        """The seat's answers to open offers this turn, passed to the engine with its move."""

    @classmethod
    def new(
        cls,
        world: World,
        role: str,
        seed: int,
        scenario_path: str,
        *,
        analyst: Analyst | None = None,
    ) -> LocalSession:
        """A new game from the opening position."""
        return cls(
            world, new_game(world, role, seed), scenario_path, analyst=analyst, record=PlayRecord()
        )

    @property
    def record(self) -> PlayRecord:
        """What the save keeps beside the moves: who played, the advisor, the reflections."""
        return PlayRecord(
            self.student,
            self.class_name,
            tuple(self.advisor_log) if self.advisor_log is not None else (),
            tuple(self.reflections),
        )

    # --- the position ------------------------------------------------------------------

    @property
    def role(self) -> str:
        return self.state.role

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def last_report(self) -> ReportView | None:
        log = self.state.log
        if not log:
            return None
        if self._report is None or self._report[0] != len(log):
            report = view.report_view(self.world, log[-1], self.role, self.state)
            self._report = (len(log), report)
        return self._report[1]

    def briefing(self) -> BriefingView:
        return view.briefing_view(self.world, self.role)

    def turn_view(self) -> TurnView:
        return view.turn_view(self.world, self.state, tuple(self.history), self.answers)

    def option_view(self, option_id: str) -> OptionView:
        return view.option_view(self.world, option_id)

    def forecast(self, option_id: str) -> Advice:
        return view.advice(self.world, self.state, option_id)

    def debrief(self) -> EndView:
        return view.end_view(self.world, self.state, tuple(self.history))

    # --- moves -------------------------------------------------------------------------

    def answer(self, offer_id: str, answer: str | None) -> None:
        """Keep the seat's answer to an open offer until the turn is played (None withdraws
        it); MoveRefused for an offer not open to the seat or an answer it does not have."""
        refusal = answer_refusal(
            offers_to_answer(self.world, self.state, self.role), offer_id, answer
        )
        if refusal:
            raise MoveRefused(refusal)
        if answer is None:
            self.answers.pop(offer_id, None)
        else:
            self.answers[offer_id] = answer

    def play(self, option_id: str | None) -> ReportView:
        """Play the seat's move, with its answers to offers, through the engine and return
        the turn's report."""
        answers = {self.role: dict(self.answers)} if self.answers else None
        try:
            self.state = play_turn(self.world, self.state, option_id, answers=answers)
        except (IllegalMove, GameOver) as error:
            raise MoveRefused(str(error)) from error
        self.answers = {}
        if self.advisor_log is not None:
            self.advisor_log.append(self.advisor)
        self._luck = None
        self.history.append(self.state.rel)
        report = self.last_report
        assert report is not None  # play_turn records a report by default
        return report

    # --- saves and the debrief -----------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """Whether turns were played since the last save the player made."""
        return self.state.choices != self.saved_choices

    def _name(self, prefix: str = "") -> str:
        return f"{prefix}{self.world.scenario.id}-{self.role}.json"

    @property
    def save_path(self) -> Path:
        """Where `s` saves: one file per scenario and role, so the next save replaces it."""
        return default_save_dir() / self._name()

    @property
    def autosave_path(self) -> Path:
        """Where every turn is saved automatically, apart from the player's own save."""
        return default_save_dir() / self._name("autosave-")

    def save(self) -> Path:
        """Save to ``save_path`` (atomically); SaveFailed with a readable reason if not."""
        self._write(self.save_path)
        self.saved_choices = self.state.choices
        return self.save_path

    def autosave(self) -> Path:
        """Write the autosave; the player's own save is left alone. The outcome is recorded
        (``autosaved``, ``autosave_failure``) so that the quit dialog tells the truth."""
        try:
            self._write(self.autosave_path)
        except SaveFailed as error:
            self.autosave_failure = str(error)
            raise
        self.autosave_failure = None
        self.autosaved_choices = self.state.choices
        return self.autosave_path

    @property
    def autosaved(self) -> bool:
        """Whether the autosave holds every turn played so far."""
        return self.autosaved_choices == self.state.choices

    def _write(self, path: Path) -> None:
        """Save to ``path``, first renaming aside a save of another unfinished game there (a
        new game never replaces one: see ``saves.keep_other_game``)."""
        aside = write_save(path, self.world, self.state, self.scenario_path, self.record)
        if aside is not None:
            self.kept_aside.append(aside)

    def debrief_path(self, folder: Path | None = None) -> Path:
        """Where the debrief is exported: the current folder, named after game and seed."""
        name = f"debrief-{self.world.scenario.id}-{self.role}-seed{self.seed}.md"
        return (folder or Path.cwd()) / name

    def export_debrief(self, folder: Path | None = None) -> Path:
        """Write the debrief atomically: Markdown, and an HTML page with charts beside it
        when the session has its analyses; OSError if the folder refuses, or if a file that
        is not a debrief has its name (``game.writeguard``: it is never replaced)."""
        path = self.debrief_path(folder)
        if self.analyst is None:
            write_debrief(path, self.scenario_path, debrief_markdown(self.world, self.state))
            return path
        self.analyst.export(
            self.world, self.state, self.record, self.scenario_path, path, self._luck_report()
        )
        return path

    # --- the debrief's analyses and the student's words ----------------------------------

    def _luck_report(self) -> LuckReport | None:
        """The luck analysis, worked out once per position (None when it cannot be)."""
        if self.analyst is None:
            return None
        if self._luck is None:
            try:
                self._luck = self.analyst.luck(self.world, self.state)
            except ValueError as reason:
                self._luck = str(reason)
        return self._luck if isinstance(self._luck, LuckReport) else None

    def luck(self) -> LuckView:
        if self.analyst is None:
            return view.luck_view(None, "not available in this session")
        report = self._luck_report()
        return view.luck_view(report, self._luck if isinstance(self._luck, str) else "")

    def what_if_options(self, turn: int) -> tuple[tuple[str, str], ...]:
        if not 1 <= turn <= len(self.state.log):
            return ()
        position = new_game(self.world, self.role, self.seed)
        for choice in self.state.choices[: turn - 1]:
            position = play_turn(self.world, position, choice, record=False)
        offered = available_options(self.world, position, self.role)
        return tuple((o.id, self.world.option(o.id).label) for o in offered)

    def what_if(self, turn: int, option_id: str) -> WhatIfView:
        if self.analyst is None:
            raise MoveRefused("what-if games are not available in this game")
        try:
            found = self.analyst.what_if(self.world, self.state, turn, option_id)
        except ValueError as error:
            raise MoveRefused(str(error)) from None
        return view.what_if_view(self.world, self.role, found)

    def reflection_prompt(self, turn: int | None) -> str:
        return next((p.prompt for p in self.world.scenario.reflection if p.turn == turn), "")

    def reflect(self, turn: int | None, text: str) -> None:
        prompt = self.reflection_prompt(turn)
        kept = [r for r in self.reflections if r.turn != turn]
        if text.strip():
            kept.append(Reflection(turn, prompt, text.strip()))
        self.reflections = kept


def answer_refusal(waiting: dict[str, tuple[str, ...]], offer_id: str, answer: str | None) -> str:
    """Why an answer cannot be given to an offer (``waiting``: the seat's open offers and
    their answers, from ``offers_to_answer``), in the player's terms; '' when it can."""
    if offer_id not in waiting:
        return "That offer is no longer open to you."
    if answer is not None and answer not in waiting[offer_id]:
        return f"'{answer}' is not an answer to this offer; answer " + " or ".join(
            waiting[offer_id]
        )
    return ""


def write_save(
    path: Path, world: World, state: State, scenario_path: str, record: PlayRecord | None = None
) -> Path | None:
    """Save ``state`` to ``path`` for any session, one seat or several: a save of another
    unfinished game there is renamed aside first (``saves.keep_other_game``), and that new name
    is returned; SaveFailed with a readable reason if the save cannot be written."""
    from game.writeguard import WriteRefused

    try:
        aside = keep_other_game(path, world, state)
        save_game(path, world, state, scenario_path, record)
    except (SaveError, WriteRefused) as error:
        raise SaveFailed(str(error)) from error
    return aside


def write_debrief(path: Path, scenario_path: str, text: str) -> None:
    """Write a debrief atomically; OSError if the folder refuses, FileExistsError if a file
    that is not a debrief has its name (``game.writeguard``: it is never replaced)."""
    from game.writeguard import DEBRIEF, SCENARIO, WriteRefused, check_may_write

    try:
        check_may_write(path, DEBRIEF, [(scenario_path, SCENARIO)])
    except WriteRefused as error:
        raise FileExistsError(errno.EEXIST, str(error)) from None
    atomic_write_text(path, text)


Session = LocalSession
"""The name this class had before the seam; kept so older imports keep working."""

if TYPE_CHECKING:

    def _implements_the_seam(session: LocalSession) -> GameSession:
        """A type checker fails here if LocalSession drifts from the protocol."""
        return session
