"""Scripted playthroughs: transcript files and in-scenario tests, replayed step by step.

A step either makes the role's choice for a turn (in a transcript with ``seats:``, every
seat's choice at once: ``play:``) or checks something about the position (a condition, which
options are offered, the ending). A failed check does not stop the
replay: every failure is reported, each with the line of its step, the way a compiler reports
every error. A choice that cannot be made does stop it, since what follows would be noise.
"""

from __future__ import annotations

import os

import attrs

from game.engine import (
    IllegalMove,
    SeatError,
    State,
    World,
    available_options,
    new_game,
    play_turn,
)
from game.scenario.diagnostics import Diagnostic, Suggestions, clip
from game.scenario.expr import Call, Expr, Name, Problem, check_types
from game.scenario.files import Unreadable, read_text, resolve_named
from game.scenario.loader import structure_file, unreadable
from game.scenario.model import STEP_KEYS, TestStep, Transcript
from game.scenario.yamlread import Marks, Path


@attrs.frozen
class StepFailure:
    """A step that did not go as written."""

    step: int
    """0-based index of the step."""
    line: int
    message: str


@attrs.frozen
class Replay:
    """The outcome of replaying steps: the final state and every failure on the way."""

    state: State
    failures: tuple[StepFailure, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


@attrs.frozen
class StepProblem:
    """A static problem in a step: which step, what, and where inside it.

    ``key`` and ``index`` lead to the offending value under the step (``("choose",)``,
    ``("available", 2)``); ``offset`` is a column inside a condition.
    """

    step: int
    message: str
    key: tuple[str | int, ...] = ()
    offset: int | None = None


SEATS_PLAY = "in a transcript with `seats:`, each turn is a `play:` step with every seat's option"
ONE_ROLE_PLAY = "`play:` is for a transcript with `seats:`; with one `role:`, write `choose:`"


def step_problems(
    world: World,
    steps: tuple[TestStep, ...],
    seats: tuple[str, ...] | None = None,
    suggest: Suggestions | None = None,
) -> list[StepProblem]:
    """Static problems in steps: not exactly one key, unknown options and endings, bad
    conditions, turns that do not fit the transcript's seats. Found before anything is
    played, so a typo is not reported as a failed game.

    "Did you mean" comes from ``suggest``, whose budget is shared by the whole file (a new
    one when None): 2,000 misspelt steps against 3,000 options took over a minute."""
    suggest = suggest or Suggestions()
    problems: list[StepProblem] = []
    for i, step in enumerate(steps):
        given = [key for key in STEP_KEYS if getattr(step, key) is not None]
        if len(given) != 1:
            problems.append(
                StepProblem(
                    i,
                    f"each step has exactly one of {', '.join(STEP_KEYS)} "
                    f"(this one has {', '.join(given) or 'none'})",
                )
            )
            continue
        key = given[0]
        if seats is not None and key in ("choose", "wait"):
            problems.append(StepProblem(i, SEATS_PLAY, (key,)))
        elif key == "play":
            problems += _play_problems(world, i, step.play or {}, seats, suggest)
        elif key == "answer":
            problems += _answer_problems(world, i, step.answer or {}, seats, suggest)
        elif key == "offer":
            problems += _offer_problems(world, i, step.offer or {}, suggest)
        else:
            problems += _step_problems(world, i, key, getattr(step, key), suggest)
    return problems


def _play_problems(
    world: World,
    i: int,
    play: dict[str, str | None],
    seats: tuple[str, ...] | None,
    suggest: Suggestions,
) -> list[StepProblem]:
    """A `play:` turn names every seat once, each with an option of its own government."""
    if seats is None:
        return [StepProblem(i, ONE_ROLE_PLAY, ("play",))]
    problems = [
        StepProblem(
            i, f"'{clip(role)}' is not a seat here (seats: {', '.join(seats)})", ("play", role)
        )
        for role in play
        if role not in seats
    ]
    missing = [seat for seat in seats if seat not in play]
    if missing:
        problems.append(
            StepProblem(
                i,
                f"no choice for {', '.join(missing)}: every seat plays each turn (null to wait)",
                ("play",),
            )
        )
    for role, option in play.items():
        if option is None or role not in seats:
            continue
        if option not in world.option_index:
            hint = suggest(option, world.option_index)
            problems.append(
                StepProblem(i, f"unknown option '{clip(option)}'{hint}", ("play", role))
            )
        elif role not in world.option(option).by:
            problems.append(
                StepProblem(i, f"'{clip(option)}' is not an option for {role}", ("play", role))
            )
    return problems


def _offer_problems(
    world: World, i: int, expected: dict[str, str], suggest: Suggestions
) -> list[StepProblem]:
    """An `offer:` step names offers (options with `offer:`) and standings they can have."""
    problems = []
    offers = [o.id for o in world.options if o.offer is not None]
    for offer_id, wanted in expected.items():
        if offer_id not in offers:
            hint = suggest(offer_id, offers) or (
                f"; offers are {', '.join(offers)}" if offers else "; this scenario has none"
            )
            problems.append(StepProblem(i, f"no offer '{clip(offer_id)}'{hint}", ("offer",)))
        elif wanted not in OFFER_STANDINGS:
            problems.append(
                StepProblem(
                    i,
                    f"an offer stands {', '.join(OFFER_STANDINGS)}; not '{clip(wanted)}'",
                    ("offer", offer_id),
                )
            )
    return problems


def _answer_problems(
    world: World,
    i: int,
    answer: dict[str, dict[str, str]],
    seats: tuple[str, ...] | None,
    suggest: Suggestions,
) -> list[StepProblem]:
    """An `answer:` step names seats (any playable role in a one-role transcript), offers
    made to them and answers those offers have."""
    problems = []
    roles = seats if seats is not None else world.playable
    for role, by_offer in answer.items():
        if role not in roles:
            problems.append(
                StepProblem(
                    i, f"'{clip(role)}' is not a seat here (seats: {', '.join(roles)})", ("answer",)
                )
            )
            continue
        for offer_id, reply in by_offer.items():
            option = (
                world.options[world.option_index[offer_id]]
                if (offer_id in world.option_index)
                else None
            )
            if option is None or option.offer is None:
                offers = [o.id for o in world.options if o.offer is not None]
                problems.append(
                    StepProblem(
                        i,
                        f"no offer '{clip(offer_id)}'{suggest(offer_id, offers)}",
                        ("answer", role),
                    )
                )
            elif role not in option.offer.to:
                problems.append(
                    StepProblem(
                        i, f"'{offer_id}' is not made to {role}", ("answer", role, offer_id)
                    )
                )
            elif reply not in option.offer.answers:
                problems.append(
                    StepProblem(
                        i,
                        f"answer '{clip(reply)}' to '{offer_id}': answer "
                        + " or ".join(option.offer.answers),
                        ("answer", role, offer_id),
                    )
                )
    return problems


def _step_problems(
    world: World, i: int, key: str, value: object, suggest: Suggestions
) -> list[StepProblem]:
    if key == "wait":
        return [] if value is True else [StepProblem(i, "write `wait: true`", (key,))]
    if key == "expect":
        assert isinstance(value, Expr)
        return [
            StepProblem(i, f"in condition: {p.message}{_hint(world, p, suggest)}", (key,), p.col)
            for p in check_types(value, "bool", world.knows)
        ]
    if key == "ending":
        ids = [e.id for e in world.endings]
        if value in ids:
            return []
        return [
            StepProblem(i, f"unknown ending '{clip(str(value))}'{suggest(str(value), ids)}", (key,))
        ]
    names = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
    problems = []
    for n, written in enumerate(names):
        where = (key,) if isinstance(value, str) else (key, n)
        # `available:`/`unavailable:` may name one government's option: ROLE:option.
        role, _, name = written.rpartition(":") if key != "choose" else ("", "", written)
        if role and role not in world.actor_index:
            hint = suggest(role, world.actor_index)
            problems.append(
                StepProblem(
                    i, f"unknown government '{clip(role)}'{hint} in '{clip(written)}'", where
                )
            )
        elif role and name in world.option_index and role not in world.option(name).by:
            by = ", ".join(world.option(name).by)
            problems.append(
                StepProblem(i, f"'{clip(name)}' is not an option of {clip(role)} (by: {by})", where)
            )
        if name not in world.option_index:
            problems.append(
                StepProblem(
                    i, f"unknown option '{clip(name)}'{suggest(name, world.option_index)}", where
                )
            )
    return problems


def _hint(world: World, problem: Problem, suggest: Suggestions) -> str:
    """'did you mean' for a misspelt actor, option or event in a condition."""
    choices = {
        "actor": world.actor_index,
        "option": world.option_index,
        "event": world.symbols.events,
    }.get(problem.kind or "", {})
    return suggest(problem.unknown, choices) if problem.unknown else ""


def step_key(step: TestStep) -> str:
    """The key a (well-formed) step is written with, to place messages at its value."""
    return next((key for key in STEP_KEYS if getattr(step, key) is not None), STEP_KEYS[0])


def check_steps(
    world: World, steps: tuple[TestStep, ...], seats: tuple[str, ...] | None = None
) -> list[tuple[int, str]]:
    """Static problems in steps, as (step index, message): see ``step_problems``."""
    return [(p.step, p.message) for p in step_problems(world, steps, seats)]


def _offered(world: World, state: State, offered: set[str], name: str) -> bool:
    """Whether a step's option is available now: ``ROLE:option`` to that government, a bare
    id to any seat (``offered``)."""
    role, _, option = name.rpartition(":")
    if not role:
        return option in offered
    return not state.over and option in {o.id for o in available_options(world, state, role)}


def replay(
    world: World,
    role: str | tuple[str, ...],
    seed: int,
    steps: tuple[TestStep, ...],
    lines: tuple[int, ...] = (),
    *,
    start: State | None = None,
) -> Replay:
    """Play the steps from a new game (or from ``start``) and collect what went wrong.

    ``role`` is one role, or the seats of a game with several (a tuple): then `available:`
    and `unavailable:` read the options any seat may take now, or, written `ROLE:option`,
    the options that one government may take (an option several may take names no one).
    """
    if start is not None:
        state = start
    elif isinstance(role, tuple):
        state = new_game(world, seats=role, seed=seed)
    else:
        state = new_game(world, role, seed)
    failures: list[StepFailure] = []

    def fail(i: int, message: str) -> None:
        failures.append(StepFailure(i, lines[i] if i < len(lines) else 0, message))

    answers: dict[str, dict[str, str]] = {}  # given with the next turn's moves
    for i, step in enumerate(steps):
        offered = (
            {o.id for seat in state.seats for o in available_options(world, state, seat)}
            if not state.over
            else set()
        )
        given, answers = answers, {}
        if step.answer is not None:
            answers = {role: dict(by_offer) for role, by_offer in step.answer.items()}
            continue
        if step.offer is not None:
            for offer_id, wanted in step.offer.items():
                found = offer_standing(world, state, offer_id)
                if found != wanted:
                    fail(i, f"turn {state.turn}: expected offer '{offer_id}' {wanted}, but {found}")
            answers = given  # an expectation between answers and the turn keeps them
            continue
        if step.play is None and step.wait is None and step.choose is None:
            answers = given
        if step.play is not None:
            if state.over:
                fail(i, f"cannot play a turn: the game already ended ({state.ending})")
                break
            try:
                state = play_turn(world, state, dict(step.play), answers=given)
            except IllegalMove as error:
                fail(
                    i,
                    f"turn {state.turn}: {error.role}: {error}; "
                    f"available: {', '.join(error.available) or 'none'}",
                )
                break
            except SeatError as error:
                fail(i, f"turn {state.turn}: {error}")
                break
        elif step.wait:
            if state.over:
                fail(i, f"cannot wait: the game already ended ({state.ending})")
                break
            try:
                state = play_turn(world, state, None, answers=given)
            except IllegalMove as error:
                fail(
                    i,
                    f"turn {state.turn}: cannot wait while options are available: "
                    + ", ".join(error.available),
                )
                break
            except SeatError as error:
                fail(i, f"turn {state.turn}: {error}; {SEATS_PLAY}")
                break
        elif step.choose is not None:
            if state.over:
                fail(i, f"cannot choose '{step.choose}': the game already ended ({state.ending})")
                break
            try:
                state = play_turn(world, state, step.choose, answers=given)
            except IllegalMove as error:
                fail(
                    i,
                    f"turn {state.turn}: {error}; "
                    f"available: {', '.join(error.available) or 'none'}",
                )
                break
            except SeatError as error:  # a one-role step in a game with several seats
                fail(i, f"turn {state.turn}: {error}; {SEATS_PLAY}")
                break
        elif step.expect is not None:
            if not world.compile(step.expect)(state):
                fail(
                    i,
                    f"turn {state.turn}: expected `{step.expect}`, but it does not hold"
                    + _values(world, state, step),
                )
        elif step.available is not None:
            missing = [o for o in step.available if not _offered(world, state, offered, o)]
            if missing:
                fail(
                    i,
                    f"turn {state.turn}: expected available: {', '.join(missing)}; "
                    f"offered: {', '.join(sorted(offered)) or 'nothing'}",
                )
        elif step.unavailable is not None:
            present = [o for o in step.unavailable if _offered(world, state, offered, o)]
            if present:
                fail(
                    i, f"turn {state.turn}: expected unavailable, but offered: {', '.join(present)}"
                )
        elif step.ending is not None and state.ending != step.ending:
            reached = (
                f"it ended with '{state.ending}'"
                if state.over
                else f"the game is still on (turn {state.turn})"
            )
            fail(i, f"expected ending '{step.ending}', but {reached}")
    return Replay(state, tuple(failures))


OFFER_STANDINGS = ("open", "accepted", "declined", "countered", "expired")
"""What an `offer:` step may expect of an offer."""


def offer_standing(world: World, state: State, offer_id: str) -> str:
    """How an offer stands: ``open``, or how it ended the last time it was made, or ``never
    made`` (read from the game's reports, which a replay keeps)."""
    if any(world.options[o.option].id == offer_id for o in state.offers):
        return "open"
    for report in reversed(state.log):
        for news in report.offers:
            if news.option == offer_id and news.outcome not in ("made", "open"):
                return news.outcome
    return "never made"


def _values(world: World, state: State, step: TestStep) -> str:
    """The relation and stat values a failed expectation read, to show why it failed."""
    shown = []
    assert step.expect is not None
    for node in step.expect.walk():
        if isinstance(node, Call) and node.func in ("rel", "stat"):
            names = [a.name for a in node.args if isinstance(a, Name)]
            if len(names) < len(node.args):
                continue
            args = ", ".join(names)
            value = world.compile(Expr(f"{node.func}({args})", node))(state)
            shown.append(f"{node.func}({args}) = {value}")
    return f" ({'; '.join(dict.fromkeys(shown))})" if shown else ""


def players(transcript: Transcript) -> str | tuple[str, ...]:
    """Who plays a transcript's game, as ``replay`` takes it: its role, or its seats."""
    if transcript.seats is not None:
        return tuple(transcript.seats)
    return transcript.role or ""


@attrs.frozen
class TranscriptFile:
    """A transcript read from disk, with the lines of its steps.

    ``marks`` places anything in the file, for messages about its role or its scenario.
    """

    transcript: Transcript
    path: str
    scenario_path: str
    step_lines: tuple[int, ...]
    marks: Marks = attrs.Factory(Marks)

    def diagnostic(self, path: Path, message: str, offset: int | None = None) -> Diagnostic:
        """An error at ``path`` in this file (at a column inside a condition with offset)."""
        place = self.marks.value(path) if offset is None else self.marks.offset(path, offset)
        return Diagnostic("error", message, self.path, place.line, place.col)


def check_transcript(world: World, script: TranscriptFile) -> list[Diagnostic]:
    """Everything wrong with a transcript before it is played, each at its line and column:
    a role that cannot be played (or seats), and the static problems of its steps."""
    diagnostics = []
    suggest = Suggestions()
    transcript = script.transcript
    if (transcript.role is None) == (transcript.seats is None):
        diagnostics.append(
            script.diagnostic((), "give either `role:` (one player) or `seats:` (several)")
        )
    named: list[tuple[Path, str]] = [(("role",), transcript.role)] if transcript.role else []
    named += [(("seats", i), seat) for i, seat in enumerate(transcript.seats or ())]
    for path, role in named:
        if role not in world.playable:
            hint = suggest(role, world.playable) or f"; choose one of {', '.join(world.playable)}"
            diagnostics.append(
                script.diagnostic(path, f"role '{clip(role)}' is not playable here{hint}")
            )
    seats = transcript.seats
    if seats is not None and len(set(seats)) != len(seats):
        diagnostics.append(script.diagnostic(("seats",), "each role holds one seat only"))
    if seats is not None and not seats:
        diagnostics.append(script.diagnostic(("seats",), "name at least one seat"))
    for problem in step_problems(world, transcript.steps, seats, suggest):
        path = ("steps", problem.step, *problem.key)
        diagnostics.append(script.diagnostic(path, problem.message, problem.offset))
    return diagnostics


def load_transcript(path: str | os.PathLike[str]) -> tuple[TranscriptFile | None, list[Diagnostic]]:
    """Read a transcript file; the scenario path inside is resolved relative to it and must
    stay within the folders a file may name (game/scenario/files.py)."""
    name = os.fspath(path)
    try:
        text = read_text(path)
    except Unreadable as error:
        return None, [unreadable(error, name)]
    transcript, diagnostics, document, _ = structure_file(text, name, Transcript)
    if transcript is None or document is None or diagnostics:
        return None, diagnostics
    lines = tuple(document.marks.value(("steps", i)).line for i in range(len(transcript.steps)))
    try:
        scenario_path = os.fspath(resolve_named(name, transcript.scenario))
    except Unreadable as error:
        place = document.marks.value(("scenario",))
        message = f"cannot use the scenario path '{clip(transcript.scenario, 200)}': {error}"
        return None, [Diagnostic("error", message, name, place.line, place.col, unreadable=True)]
    return TranscriptFile(transcript, name, scenario_path, lines, document.marks), []
