"""`detente run`: one game played headless, by a list of choices, a transcript or a policy.

The command line (``game/cli.py``) parses the arguments into a ``RunRequest`` and prints what
comes back; everything between, from reading the transcript or save to the turn log or its
JSON, is here. A game has one seat (``--as ROLE``) or several (``--seats TUR,USA``, with a
``--choose ROLE=ID,...`` per seat that a list plays and ``--policy`` for the others).
Problems the user must fix raise ``RunError`` with the exit code to use and,
when there is one, the checker's report to print first.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from game.engine import State, World
    from game.sim.transcript import TranscriptFile


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
    seats: str | None = None
    """The seats of a game with several, comma-separated (``TUR,USA``)."""
    seat_choose: tuple[str, ...] = ()
    """With ``seats``: one ``ROLE=ID,ID,...`` per seat a list of options plays."""
    answer: tuple[str, ...] = ()
    """Answers to offers for the seats a list plays: ``[ROLE=]TURN:OFFER=ANSWER`` each."""
    what_if: str | None = None
    """``TURN=OPTION``: print the game with that move changed (``game.sim.whatif``)."""


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

    _check_combination(request)
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
    if script is not None and script.transcript.seats is not None and request.role:
        raise RunError(
            f"{request.script}: this transcript plays seats {', '.join(script.transcript.seats)}; "
            "leave out --as",
            EXIT_UNREADABLE,
        )
    if script is not None and script.transcript.role is not None and request.seats is not None:
        raise RunError(
            f"{request.script}: this transcript plays one role ({script.transcript.role}); "
            "leave out --seats",
            EXIT_UNREADABLE,
        )
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
    seats = _parse_seats(world, request.seats) if request.seats is not None else None
    if seats is None and script is not None and script.transcript.seats is not None:
        seats = tuple(script.transcript.seats)
    restored = None
    if request.load:
        try:
            restored = restore(world, read_save(request.load), request.load)
        except SaveError as error:
            raise RunError(str(error), EXIT_UNREADABLE) from None
    if seats is not None or request.seat_choose or (restored is not None and restored.multi_seat):
        if request.what_if is not None:
            raise RunError("--what-if is for a game with one seat (--as ROLE)", EXIT_UNREADABLE)
        path = os.fspath(scenario_path)
        return _run_seats(world, path, script, seats, seed, restored, request, warn)

    if restored is not None:
        state = restored
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
        answers = parse_answers(request.answer, (state.role,))
        tokens = [c.strip() for c in request.choose.split(",") if c.strip()]
        for i, token in enumerate(tokens):
            # "-" is a turn with nothing to do, as witnesses and replay commands write it.
            choice = None if token == "-" else token
            if state.over:
                warn(_unused_moves(state, tokens[i:]))
                break
            try:
                state = play_turn(world, state, choice, answers=answers.get(state.turn))
            except IllegalMove as error:
                warn(
                    f"error: turn {state.turn}: {error}; "
                    f"available: {', '.join(error.available) or 'none'}"
                )
                failed = True
                break
    else:
        name = request.policy or "uniform"
        state = play_out(world, state, policy_named(name), seed, name)

    comparison = ""
    comparison_data = None
    if request.what_if is not None and not failed:
        from game.sim.whatif import WhatIfError, parse_what_if, play_what_if, render_comparison

        try:
            turn, option = parse_what_if(request.what_if)
            found, state = play_what_if(world, state, turn, option)
        except WhatIfError as error:
            raise RunError(str(error)) from None
        first_turn = 1
        comparison = render_comparison(world, state.role, found)
        comparison_data = attrs.asdict(found)
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
        if comparison_data is not None:
            data["what_if"] = comparison_data
        output = json.dumps(data, indent=1, ensure_ascii=False)
    else:
        output = render_text(world, state, first_turn=first_turn)
        if comparison:
            output += "\n\n" + comparison
    return RunOutcome(output, failed)


def _check_combination(request: RunRequest) -> None:
    """Options that do not go together, refused before anything is read."""
    if request.role and request.seats is not None:
        raise RunError("--as plays one seat and --seats several: give one of them", EXIT_UNREADABLE)
    if request.script and (request.choose or request.seat_choose or request.policy):
        raise RunError(
            "--script replays the transcript's own choices: leave out --choose and --policy",
            EXIT_UNREADABLE,
        )
    if request.seats is None and request.choose is not None and request.policy:
        raise RunError(
            "give --choose or --policy, not both (with --seats, --policy plays the seats "
            "that no --choose covers)",
            EXIT_UNREADABLE,
        )
    if request.seat_choose and request.seats is None and not request.load:
        raise RunError("--choose ROLE=... is for a game with --seats", EXIT_UNREADABLE)
    if request.what_if is not None and (request.bless or request.seats is not None):
        raise RunError(
            "--what-if plays one seat's game with one move changed: leave out --bless and --seats",
            EXIT_UNREADABLE,
        )
    if request.seat_choose and request.role:
        raise RunError("--choose ROLE=... is for a game with --seats, not --as", EXIT_UNREADABLE)
    if request.answer and request.choose is None and not request.seat_choose:
        raise RunError(
            "--answer goes with --choose: it answers for a seat a list plays (a policy "
            "answers for its own seats, a transcript with `answer:` steps)",
            EXIT_UNREADABLE,
        )


def _parse_seats(world: World, text: str) -> tuple[str, ...]:
    """`--seats TUR,USA` as roles, each playable and named once."""
    seats = tuple(s.strip() for s in text.split(",") if s.strip())
    if not seats:
        raise RunError(f"--seats: name the roles to play: some of {', '.join(world.playable)}")
    for seat in seats:
        if seat not in world.playable:
            raise RunError(
                f"--seats {seat}: not a playable role; choose from {', '.join(world.playable)}"
            )
    if len(set(seats)) != len(seats):
        raise RunError(f"--seats {text}: each role holds one seat only")
    return seats


def _parse_seat_choices(
    given: tuple[str, ...], seats: tuple[str, ...]
) -> dict[str, list[str | None]]:
    """Each `--choose ROLE=ID,ID,...` as the seat's options per turn ('-' for none)."""
    scripted: dict[str, list[str | None]] = {}
    for text in given:
        role, sep, listed = text.partition("=")
        role = role.strip()
        if not sep:
            raise RunError(
                f"--choose {text}: with --seats, write ROLE=ID,ID,... (one --choose per seat)"
            )
        if role not in seats:
            raise RunError(f"--choose {role}=...: {role} is not a seat (seats: {', '.join(seats)})")
        if role in scripted:
            raise RunError(f"--choose {role}=...: give each seat's choices once")
        tokens = [t.strip() for t in listed.split(",") if t.strip()]
        scripted[role] = [None if t == "-" else t for t in tokens]
    return scripted


def _run_seats(
    world: World,
    scenario_path: str,
    script: TranscriptFile | None,
    seats: tuple[str, ...] | None,
    seed: int,
    restored: State | None,
    request: RunRequest,
    warn: Callable[[str], None],
) -> RunOutcome:
    """A game in the seats form: every seat named in the log, the JSON's ``seats``."""
    from game.engine import new_game
    from game.saves import SaveError, save_game
    from game.sim.headless import render_json, render_text
    from game.sim.transcript import replay

    if restored is not None:
        state = restored
        if request.role:
            raise RunError(
                f"{request.load}: this save plays seats {', '.join(state.seats)}; "
                f"leave out --as, or give --seats {','.join(state.seats)}"
            )
        if seats is not None and set(seats) != set(state.seats):
            raise RunError(
                f"{request.load}: this save plays {', '.join(state.seats)}, not {', '.join(seats)}"
            )
    else:
        assert seats is not None
        state = new_game(world, seats=seats, seed=seed)
    first_turn = state.turn

    failed = False
    if script is not None:
        steps, lines = script.transcript.steps, script.step_lines
        if request.bless:  # re-recording: keep the moves, drop the old expectations
            kept = [(s, n) for s, n in zip(steps, lines, strict=True) if s.play is not None]
            steps, lines = tuple(s for s, _ in kept), tuple(n for _, n in kept)
        result = replay(world, state.seats, seed, steps, lines, start=state)
        state = result.state
        for failure in result.failures:
            warn(f"{script.path}:{failure.line}: failed: {failure.message}")
        failed = not result.passed
    else:
        scripted = _parse_seat_choices(request.seat_choose, state.seats)
        if request.choose is not None:  # a save with seats, continued by a bare --choose
            raise RunError("with several seats, give --choose ROLE=ID,... for each seat")
        answers = parse_answers(request.answer, tuple(scripted))
        state, failed = _play_seats(world, state, scripted, answers, request.policy, seed, warn)

    if request.bless and not failed:
        from game.sim.bless import write_blessed

        description = script.transcript.description if script else ""
        try:
            write_blessed(world, state, scenario_path, request.bless, description)
        except WriteRefused as error:
            raise RunError(str(error)) from None
        warn(f"blessed: wrote {request.bless}")
    if request.save:
        try:
            save_game(request.save, world, state, scenario_path)
        except SaveError as error:
            raise RunError(str(error), EXIT_UNREADABLE) from None
        except WriteRefused as error:
            raise RunError(str(error)) from None
    if request.json:
        data = render_json(world, state, first_turn=first_turn, seats_form=True)
        return RunOutcome(json.dumps(data, indent=1, ensure_ascii=False), failed)
    return RunOutcome(render_text(world, state, first_turn=first_turn, seats_form=True), failed)


def _play_seats(
    world: World,
    state: State,
    scripted: dict[str, list[str | None]],
    answers: dict[int, dict[str, dict[str, str]]],
    policy_name: str | None,
    seed: int,
    warn: Callable[[str], None],
) -> tuple[State, bool]:
    """Play turns with each listed seat's next option and the policy's for the other seats
    (one generator seeded by ``seed``, drawn in seat order, as a one-seat policy game draws);
    to the end when no list is given, else as long as the lists go. Returns the state and
    whether the run failed (an illegal move or a list too short; moves listed past the
    ending are left unplayed with a warning)."""
    from game.engine import IllegalMove, play_turn
    from game.sim.policies import policy_answers, policy_named

    policy = policy_named(policy_name or "uniform")
    rng = random.Random(seed)
    turns = max((len(listed) for listed in scripted.values()), default=None)
    played = 0
    while turns is None or played < turns:
        if state.over:
            if turns is None:
                return state, False
            unused = [
                f"{seat}={','.join(c or '-' for c in listed[played:])}"
                for seat, listed in scripted.items()
                if listed[played:]
            ]
            warn(_unused_moves(state, unused))
            return state, False
        choices: dict[str, str | None] = {}
        for seat in state.seats:
            if seat not in scripted:
                choices[seat] = policy(world, state, rng, seat)
            elif played < len(scripted[seat]):
                choices[seat] = scripted[seat][played]
            else:
                warn(f"error: turn {state.turn}: --choose {seat}= has no choice for this turn")
                return state, True
        given = dict(answers.get(state.turn, {}))
        for seat in state.seats:  # the policy's seats answer after every seat has chosen
            if seat not in scripted:
                name = policy_name or "uniform"
                given[seat] = policy_answers(name, world, state, rng, seat)
        try:
            state = play_turn(world, state, choices, answers=given)
        except IllegalMove as error:
            warn(
                f"error: turn {state.turn}: {error.role}: {error}; "
                f"available: {', '.join(error.available) or 'none'}"
            )
            return state, True
        played += 1
    return state, False


def parse_answers(
    given: tuple[str, ...], scripted: tuple[str, ...]
) -> dict[int, dict[str, dict[str, str]]]:
    """Each ``--answer [ROLE=]TURN:OFFER=ANSWER`` as the answers per turn, per seat. ROLE may
    be left out in a one-seat game; it must be a seat a ``--choose`` list plays (a policy
    answers for its own seats)."""
    answers: dict[int, dict[str, dict[str, str]]] = {}
    usage = "write --answer [ROLE=]TURN:OFFER=ANSWER, e.g. --answer TUR=2:usa_offer_f35=accept"
    for text in given:
        when, colon, reply = text.partition(":")
        offer, equals, answer = reply.partition("=")
        role, has_role, turn = when.rpartition("=") if "=" in when else ("", False, when)
        if not (colon and equals and offer.strip() and answer.strip() and turn.strip().isdigit()):
            raise RunError(f"--answer {text}: {usage}", EXIT_UNREADABLE)
        role = role.strip()
        if not has_role:
            if len(scripted) != 1:
                raise RunError(f"--answer {text}: name the seat that answers: ROLE={when}:...")
            role = scripted[0]
        if role not in scripted:
            raise RunError(
                f"--answer {text}: {role} is not a seat played by a --choose list "
                f"({', '.join(scripted) or 'none'}); a policy answers for its own seats"
            )
        by_offer = answers.setdefault(int(turn), {}).setdefault(role, {})
        by_offer[offer.strip()] = answer.strip()
    return answers


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


def _unused_moves(state: State, unused: list[str]) -> str:
    """The warning for moves listed past the end of the game: a list written for a longer
    game (or found by the deep check for another seed) still replays what it can."""
    last = len(state.log)
    return (
        f"warning: the game ended ({state.ending}) after turn {last}; "
        f"{len(unused)} listed move(s) not played: {', '.join(unused)}"
    )
