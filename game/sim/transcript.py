"""Scripted playthroughs: transcript files and in-scenario tests, replayed step by step.

A step either makes the role's choice for a turn or checks something about the position
(a condition, which options are offered, the ending). A failed check does not stop the
replay: every failure is reported, each with the line of its step, the way a compiler reports
every error. A choice that cannot be made does stop it, since what follows would be noise.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from game.engine import IllegalMove, State, World, available_options, new_game, play_turn
from game.scenario.diagnostics import Diagnostic, did_you_mean
from game.scenario.expr import Call, Expr, Name, check_types
from game.scenario.loader import Unreadable, read_text, structure_file, unreadable
from game.scenario.model import TestStep, Transcript


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


def check_steps(world: World, steps: tuple[TestStep, ...]) -> list[tuple[int, str]]:
    """Static problems in steps (unknown options, bad conditions), as (step index, message)."""
    problems = []
    for i, step in enumerate(steps):
        names: tuple[str, ...] = ()
        if step.choose is not None:
            names = (step.choose,)
        elif step.available is not None:
            names = step.available
        elif step.unavailable is not None:
            names = step.unavailable
        for name in names:
            if name not in world.option_index:
                problems.append(
                    (i, f"unknown option '{name}'{did_you_mean(name, world.option_index)}")
                )
        if step.expect is not None:
            for problem in check_types(step.expect, "bool", world.knows):
                problems.append((i, f"in condition: {problem.message}"))
        if step.ending is not None and step.ending not in {e.id for e in world.endings}:
            ids = [e.id for e in world.endings]
            problems.append((i, f"unknown ending '{step.ending}'{did_you_mean(step.ending, ids)}"))
    return problems


def replay(
    world: World,
    role: str,
    seed: int,
    steps: tuple[TestStep, ...],
    lines: tuple[int, ...] = (),
    *,
    start: State | None = None,
) -> Replay:
    """Play the steps from a new game (or from ``start``) and collect what went wrong."""
    state = start or new_game(world, role, seed)
    failures: list[StepFailure] = []

    def fail(i: int, message: str) -> None:
        failures.append(StepFailure(i, lines[i] if i < len(lines) else 0, message))

    for i, step in enumerate(steps):
        offered = (
            {o.id for o in available_options(world, state, state.role)} if not state.over else set()
        )
        if step.choose is not None:
            if state.over:
                fail(i, f"cannot choose '{step.choose}': the game already ended ({state.ending})")
                break
            try:
                state = play_turn(world, state, step.choose)
            except IllegalMove as error:
                fail(
                    i,
                    f"turn {state.turn}: {error}; "
                    f"available: {', '.join(error.available) or 'none'}",
                )
                break
        elif step.expect is not None:
            if not world.compile(step.expect)(state):
                fail(
                    i,
                    f"turn {state.turn}: expected `{step.expect}`, but it does not hold"
                    + _values(world, state, step),
                )
        elif step.available is not None:
            missing = [o for o in step.available if o not in offered]
            if missing:
                fail(
                    i,
                    f"turn {state.turn}: expected available: {', '.join(missing)}; "
                    f"offered: {', '.join(sorted(offered)) or 'nothing'}",
                )
        elif step.unavailable is not None:
            present = [o for o in step.unavailable if o in offered]
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


def _values(world: World, state: State, step: TestStep) -> str:
    """The relation and stat values a failed expectation read, to show why it failed."""
    shown = []
    assert step.expect is not None
    for node in step.expect.walk():
        if (
            isinstance(node, Call)
            and node.func in ("rel", "stat")
            and all(isinstance(a, Name) for a in node.args)
        ):
            args = ", ".join(a.name for a in node.args)  # type: ignore[union-attr]
            value = world.compile(Expr(f"{node.func}({args})", node))(state)
            shown.append(f"{node.func}({args}) = {value}")
    return f" ({'; '.join(dict.fromkeys(shown))})" if shown else ""


@attrs.frozen
class TranscriptFile:
    """A transcript read from disk, with the lines of its steps."""

    transcript: Transcript
    path: str
    scenario_path: str
    step_lines: tuple[int, ...]


def load_transcript(path: str | os.PathLike[str]) -> tuple[TranscriptFile | None, list[Diagnostic]]:
    """Read a transcript file; the scenario path inside is resolved relative to it."""
    name = os.fspath(path)
    try:
        text = read_text(path)
    except Unreadable as error:
        return None, [unreadable(error, name)]
    transcript, diagnostics, document, _ = structure_file(text, name, Transcript)
    if transcript is None or document is None or diagnostics:
        return None, diagnostics
    lines = tuple(document.marks.value(("steps", i)).line for i in range(len(transcript.steps)))
    scenario_path = os.path.normpath(Path(name).parent / transcript.scenario)
    return TranscriptFile(transcript, name, scenario_path, lines), []
