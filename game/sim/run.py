"""`detente run`: one game played headless, by a list of choices, a transcript or a policy.

The command line (``game/cli.py``) parses the arguments into a ``RunRequest`` and prints what
comes back; everything between, from reading the transcript or save to the turn log or its
JSON, is here. Problems the user must fix raise ``RunError`` with the exit code to use and,
when there is one, the checker's report to print first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import attrs

from game.exitcodes import EXIT_INVALID, EXIT_UNREADABLE
from game.scenario.expr.parser import MAX_NUMBER
from game.writeguard import (
    SAVE,
    SCENARIO,
    TRANSCRIPT,
    FileKind,
    WriteRefused,
    check_may_write,
)


class RunError(Exception):
    """A run that cannot be played as asked: a one-line message, an exit code, and details
    (a checker's report) to print before it."""

    def __init__(self, message: str, code: int = EXIT_INVALID, details: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@attrs.frozen
class RunRequest:
    """What `detente run` was asked to do (its options, already parsed)."""

    scenario: str | None = None
    role: str | None = None
    seed: int | None = None
    choose: str | None = None
    """The player's options, comma-separated; ``-`` is a turn with nothing to do."""
    script: str | None = None
    """A transcript to replay and check."""
    policy: str | None = None
    json: bool = False
    load: str | None = None
    save: str | None = None
    bless: str | None = None


@attrs.frozen
class RunOutcome:
    """The turn log (or its JSON) to print, and whether the run failed (exit 1)."""

    output: str
    failed: bool


def run_game(request: RunRequest, warn: Callable[[str], None]) -> RunOutcome:
    """Play the requested game; ``warn`` receives each message for the user (stderr) as it
    happens: failed expectations, an illegal move, what was written."""
    from game.engine import IllegalMove, new_game, play_turn
    from game.launch import LaunchError, load_world
    from game.saves import SaveError, read_save, restore, save_game
    from game.scenario.loader import render_report
    from game.sim.headless import play_out, render_json, render_text
    from game.sim.policies import policy_named
    from game.sim.transcript import check_transcript, load_transcript, replay

    script = None
    if request.script:
        script, problems = load_transcript(request.script)
        if script is None:
            unreadable = any(d.unreadable for d in problems)
            raise RunError(
                f"{request.script}: cannot use this transcript",
                EXIT_UNREADABLE if unreadable else EXIT_INVALID,
                render_report(list(problems), request.script, None),
            )
    scenario_path = request.scenario or (script.scenario_path if script else None)
    if scenario_path is None:
        raise RunError("name a scenario file (or give --script with a transcript)", EXIT_UNREADABLE)
    _check_targets(request, os.fspath(scenario_path))  # before anything is played
    try:
        world, _ = load_world(scenario_path)
    except LaunchError as error:
        raise RunError(str(error), error.code, error.details or "") from None
    if script is not None and request.role in (None, script.transcript.role):
        problems = check_transcript(world, script)
        if problems:
            raise RunError(
                f"{request.script}: fix the transcript first ({len(problems)} error(s))",
                EXIT_INVALID,
                render_report(list(problems), request.script or "", None),
            )
    role = request.role or (script.transcript.role if script else None)
    default_seed = script.transcript.seed if script else 0
    seed = request.seed if request.seed is not None else default_seed
    if request.bless and abs(seed) > MAX_NUMBER:
        raise RunError(
            f"--bless: the seed {seed} is beyond what a transcript may hold (numbers within "
            f"±{MAX_NUMBER:,}, as `detente check` reads them); choose a smaller --seed",
            EXIT_UNREADABLE,
        )

    if request.load:
        try:
            save = read_save(request.load)
            state = restore(world, save, request.load)
        except SaveError as error:
            raise RunError(str(error), EXIT_UNREADABLE) from None
        if role and role != state.role:
            raise RunError(f"{request.load}: this save plays {state.role}, not {role}")
    else:
        if role is None:
            raise RunError(
                f"choose a role with --as: one of {', '.join(world.playable)}", EXIT_UNREADABLE
            )
        if role not in world.playable:
            raise RunError(
                f"--as {role}: not a playable role; choose one of {', '.join(world.playable)}"
            )
        state = new_game(world, role, seed)
    first_turn = state.turn

    failed = False
    if script is not None:
        steps, lines = script.transcript.steps, script.step_lines
        if request.bless:  # re-recording: keep the moves, drop the old expectations
            kept = [(s, n) for s, n in zip(steps, lines, strict=True) if s.choose or s.wait]
            steps, lines = tuple(s for s, _ in kept), tuple(n for _, n in kept)
        result = replay(world, state.role, seed, steps, lines, start=state)
        state = result.state
        for failure in result.failures:
            warn(f"{script.path}:{failure.line}: failed: {failure.message}")
        failed = not result.passed
    elif request.choose is not None:
        for token in [c.strip() for c in request.choose.split(",") if c.strip()]:
            # "-" is a turn with nothing to do, as witnesses and replay commands write it.
            choice = None if token == "-" else token
            if state.over:
                warn(f"error: the game ended ({state.ending}) before '{token}'")
                failed = True
                break
            try:
                state = play_turn(world, state, choice)
            except IllegalMove as error:
                warn(
                    f"error: turn {state.turn}: {error}; "
                    f"available: {', '.join(error.available) or 'none'}"
                )
                failed = True
                break
    else:
        state = play_out(world, state, policy_named(request.policy or "uniform"), seed)

    if request.bless and not failed:
        from game.sim.bless import write_blessed

        description = script.transcript.description if script else ""
        try:
            write_blessed(world, state, os.fspath(scenario_path), request.bless, description)
        except WriteRefused as error:
            raise RunError(str(error)) from None
        warn(f"blessed: wrote {request.bless}")
    if request.save:
        try:
            save_game(request.save, world, state, os.fspath(scenario_path))
        except SaveError as error:
            raise RunError(str(error), EXIT_UNREADABLE) from None
        except WriteRefused as error:
            raise RunError(str(error)) from None
    if request.json:
        data = render_json(world, state, first_turn=first_turn)
        output = json.dumps(data, indent=1, ensure_ascii=False)
    else:
        output = render_text(world, state, first_turn=first_turn)
    return RunOutcome(output, failed)


def _check_targets(request: RunRequest, scenario: str) -> None:
    """Refuse, before anything is played, a `--save` or `--bless` that would replace one of
    the run's inputs or a file of another kind (``game.writeguard``); RunError, exit 1."""
    inputs: list[tuple[str, FileKind]] = [(scenario, SCENARIO)]
    if request.script:
        inputs.append((request.script, TRANSCRIPT))
    if request.load:
        inputs.append((request.load, SAVE))
    try:
        if request.save:
            check_may_write(request.save, SAVE, inputs)
        if request.bless:
            check_may_write(request.bless, TRANSCRIPT, inputs)
        if request.save and request.bless and _same(request.save, request.bless):
            raise WriteRefused(f"{request.save}: --save and --bless name the same file")
    except WriteRefused as error:
        raise RunError(str(error)) from None


def _same(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)
