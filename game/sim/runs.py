"""One playthrough reduced to what a balance report needs, and the scalar engine playing them.

Shared by the two ways of playing a simulation's runs, game by game on the engine (here) and
in batches on numpy tables (``batch``), and by the balance statistics (``balance``) that read
them; it imports neither, so neither imports the other.
"""

from __future__ import annotations

import gc
import os
import random
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import attrs

from game.engine import State, World, new_game, score
from game.engine import play_turn as engine_play_turn
from game.sim.policies import policy_answers, policy_named


@attrs.frozen
class Run:
    """One playthrough, reduced to what the report needs.

    Attributes:
        role, seed: Replay it with these and ``choices``.
        choices: The role's option per turn (None: nothing available).
        ending: The ending reached ('' if the run failed).
        score: The role's final score.
        taken: Ids of every option any government took at least once, in scenario order (a
            tuple, not a set: ten thousand runs keep ten thousand of them, and a set of 20
            ids takes ten times the memory).
        relations: Per turn played, the role's relations: (their view, your view) per actor.
        error: The failure, when the run raised.
    """

    role: str
    seed: int
    choices: tuple[str | None, ...]
    ending: str
    score: int
    taken: tuple[str, ...]
    relations: tuple[tuple[tuple[int, int], ...], ...]
    error: str = ""


@attrs.frozen
class Job:
    """A block of seeds one worker plays for one role, in order; or, with ``seats``, games of
    several seats, each played by its own policy (``seat_policies``), one ``Run`` per seat."""

    scenario_path: str
    role: str
    policy: str
    seeds: tuple[int, ...]
    seats: tuple[str, ...] = ()
    seat_policies: tuple[str, ...] = ()
    """The policy of each seat, in ``seats`` order."""


def play_runs_scalar(
    world: World, job: Job, play_turn: Callable[..., State] = engine_play_turn
) -> list[Run]:
    """Play the job's seeds in order on the engine, one game at a time.

    ``play_turn`` is the engine's unless a caller passes an instrumented one (a test plants a
    fault with it). A run that raises is kept as a failure, with its replay: that is a finding
    about the scenario or the engine, for the report.
    """
    if job.seats:
        return play_seat_runs_scalar(world, job, play_turn)
    policy = policy_named(job.policy)
    role_index = world.actor_index[job.role]
    others = [i for i in range(world.size) if i != role_index]
    n = world.size
    runs = []
    for seed in job.seeds:
        state = new_game(world, job.role, seed)
        rng = random.Random(seed)
        relations = []
        try:
            while not state.over:
                choice = policy(world, state, rng)
                answers = {job.role: policy_answers(job.policy, world, state, rng, job.role)}
                state = play_turn(world, state, choice, answers=answers, record=False)
                relations.append(
                    tuple(
                        (state.rel[o * n + role_index], state.rel[role_index * n + o])
                        for o in others
                    )
                )
            taken = tuple(world.options[o].id for o in sorted({o for o, _ in state.taken}))
            runs.append(
                Run(
                    job.role,
                    seed,
                    state.choices,
                    state.ending or "",
                    score(world, state).total,
                    taken,
                    tuple(relations),
                )
            )
        except Exception as error:  # a failure is a finding to report, with its replay
            where = traceback.extract_tb(error.__traceback__)[-1]
            place = f"{os.path.basename(where.filename)}:{where.lineno}"
            message = f"{type(error).__name__}: {error} (at {place})"
            runs.append(Run(job.role, seed, state.choices, "", 0, (), tuple(relations), message))
    return runs


def play_seat_runs_scalar(
    world: World, job: Job, play_turn: Callable[..., State] = engine_play_turn
) -> list[Run]:
    """Play the job's seeds in order on the engine, each a game of the job's seats, and
    return one ``Run`` per seat per game (seats in order within a game).

    Each game draws from one generator seeded by its seed, in seat order, the choices first
    and then the answers to offers, exactly as `detente run --seats ... --policy` does, so
    a run with every seat on one policy is that command's game.
    """
    policies = [policy_named(name) for name in job.seat_policies]
    indexes = [world.actor_index[seat] for seat in job.seats]
    n = world.size
    runs: list[Run] = []
    for seed in job.seeds:
        state = new_game(world, seats=job.seats, seed=seed)
        rng = random.Random(seed)
        relations: list[list[tuple[tuple[int, int], ...]]] = [[] for _ in job.seats]
        try:
            while not state.over:
                choices = {
                    seat: policy(world, state, rng, seat)
                    for seat, policy in zip(job.seats, policies, strict=True)
                }
                answers = {
                    seat: policy_answers(name, world, state, rng, seat)
                    for seat, name in zip(job.seats, job.seat_policies, strict=True)
                }
                state = play_turn(world, state, choices, answers=answers, record=False)
                for k, me in enumerate(indexes):
                    relations[k].append(
                        tuple(
                            (state.rel[o * n + me], state.rel[me * n + o])
                            for o in range(n)
                            if o != me
                        )
                    )
            taken = tuple(world.options[o].id for o in sorted({o for o, _ in state.taken}))
            runs += [
                Run(
                    seat,
                    seed,
                    state.choices_of(seat),
                    state.ending or "",
                    score(world, state, seat).total,
                    taken,
                    tuple(relations[k]),
                )
                for k, seat in enumerate(job.seats)
            ]
        except Exception as error:  # a failure is a finding to report, with its replay
            where = traceback.extract_tb(error.__traceback__)[-1]
            place = f"{os.path.basename(where.filename)}:{where.lineno}"
            message = f"{type(error).__name__}: {error} (at {place})"
            runs += [
                Run(seat, seed, state.choices_of(seat), "", 0, (), tuple(relations[k]), message)
                for k, seat in enumerate(job.seats)
            ]
    return runs


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while runs and reports are built.

    Ten thousand runs hold a million small tuples, and every few hundred new objects the
    collector scans the young ones and, now and then, all of them: a third of a simulation's
    time and half of a report's went there. Runs and reports make no reference cycles, so
    nothing is left for the collector to find; it resumes (and catches up) afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
