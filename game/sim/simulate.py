"""Random playthroughs by the thousand, and what they say about a scenario's balance.

Run ``i`` of a simulation uses seed ``S + i`` for both the game and the policy, so any run can
be replayed alone (`detente run ... --seed S+i --choose ...`). Runs are cut into blocks of
seeds, each played by one worker process, and results are put back in seed order, so the
report is the same whatever the number of workers.

Most runs are played by the batch simulator (``batch``), which plays a whole block at once
on numpy tables and gives exactly the runs the engine gives, many times faster (README,
"Performance"). What it cannot reproduce exactly (the ``least-used`` policy, whose choices
depend on earlier runs in the chunk; a scenario whose numbers could leave the range where
numpy and Python agree) is played game by game here, as is everything if a batch fails.
"""

from __future__ import annotations

import gc
import os
import random
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

import attrs

from game.engine import World, new_game, play_turn, score
from game.scenario import load_scenario
from game.sim.policies import policy_named

CHUNK = 100
"""Seeds per work unit on the scalar path. Fixed, so `least-used` sees the same history
whatever the workers."""

BATCH_MEMORY = 64 * 2**20
"""Bytes of tables a batch may use: sets how many games one batch plays at once."""
MAX_BATCH = 5000
"""Most games per batch: beyond this, bigger batches are no faster and progress is coarser."""

_ENGINE_PLAY_TURN = play_turn


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
    scenario_path: str
    role: str
    policy: str
    seeds: tuple[int, ...]


def play_runs(world: World, job: Job) -> list[Run]:
    """Play the job's seeds in order and reduce each run: in a batch when it can be exact."""
    if batch_refusal(world, job.policy) is None:
        from game.sim.batch import play_batch

        try:
            runs, _ = play_batch(world, job.role, list(job.seeds), job.policy)
            return runs
        except Exception:  # a fault in the batch code must not cost the user the report
            pass
    return play_runs_scalar(world, job)


def batch_refusal(world: World, policy: str) -> str | None:
    """Why these runs must be played one by one on the engine, or None if a batch may play."""
    if play_turn is not _ENGINE_PLAY_TURN:
        # Replaced (an instrumented engine, a planted fault in a test): the batch reproduces
        # the real rules, so it would bypass the replacement.
        return "play_turn is replaced"
    from game.sim.batch import unsupported  # numpy is loaded only when simulating

    return unsupported(world, policy)


def batch_size(world: World) -> int:
    """Games per batch for this scenario: its relation tables must fit ``BATCH_MEMORY``."""
    per_game = 48 * world.size * world.size + 1024
    return max(16, min(MAX_BATCH, BATCH_MEMORY // per_game))


def play_runs_scalar(world: World, job: Job) -> list[Run]:
    """Play the job's seeds in order on the engine, one game at a time."""
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
                state = play_turn(world, state, policy(world, state, rng), record=False)
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


_WORLD: World | None = None
"""The world a worker process plays. A forked worker inherits the parent's (set just before
the pool starts), already loaded, checked and compiled; a spawned one loads it."""
_WORLD_PATH: str | None = None


def _init_worker(scenario_path: str) -> None:
    global _WORLD, _WORLD_PATH
    if _WORLD is not None and scenario_path == _WORLD_PATH:
        return
    result = load_scenario(scenario_path)
    assert result.loaded is not None
    _WORLD, _WORLD_PATH = World.build(result.loaded), scenario_path


def _worker(job: Job) -> list[Run]:
    assert _WORLD is not None
    with _collector_paused():
        return play_runs(_WORLD, job)


@contextmanager
def _collector_paused() -> Iterator[None]:
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


def simulate(
    world: World,
    scenario_path: str,
    roles: tuple[str, ...],
    runs: int,
    seed: int,
    policy: str,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, list[Run]]:
    """Play ``runs`` games per role; the runs of each role in seed order."""
    size = CHUNK
    if batch_refusal(world, policy) is None:
        size = min(batch_size(world), -(-runs // max(1, workers)))
    jobs = [
        Job(scenario_path, role, policy, tuple(range(start, min(start + size, seed + runs))))
        for role in roles
        for start in range(seed, seed + runs, size)
    ]
    total = runs * len(roles)
    done = 0
    results: dict[str, list[Run]] = {role: [] for role in roles}
    with _collector_paused():
        for job, chunk in zip(jobs, _execute(world, scenario_path, jobs, workers), strict=True):
            results[job.role].extend(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return results


def _execute(
    world: World, scenario_path: str, jobs: list[Job], workers: int
) -> Iterator[list[Run]]:
    if workers <= 1:
        for job in jobs:
            yield play_runs(world, job)
        return
    global _WORLD, _WORLD_PATH
    _WORLD, _WORLD_PATH = world, scenario_path
    try:
        with ProcessPoolExecutor(
            workers, initializer=_init_worker, initargs=(scenario_path,)
        ) as pool:
            yield from pool.map(_worker, jobs)
    finally:
        _WORLD = _WORLD_PATH = None


# --- The report ----------------------------------------------------------------------------

RARE_SHARE = 0.01
"""Options taken in fewer than this share of runs are listed as rarely used."""
DOMINANT_LIFT = 10.0
"""Score points above the alternatives that make an option or opening look dominant."""
MIN_SHARE_FOR_DOMINANCE = 0.05


@attrs.frozen
class OptionStats:
    option: str
    picked: int
    share: float
    """Share of runs in which the role took it at least once."""
    mean_score_with: float
    mean_score_without: float

    @property
    def lift(self) -> float:
        return self.mean_score_with - self.mean_score_without


@attrs.frozen
class RoleReport:
    role: str
    runs: int
    endings: dict[str, int]
    scores: dict[str, float]
    options: tuple[OptionStats, ...]
    openings: tuple[tuple[str, int, float], ...]
    """(first two moves, runs, mean score), most played first."""
    relations: tuple[dict[str, Any], ...]
    """Per turn: for each other actor, min/median/max of their view of the role and its view."""
    dominant: tuple[str, ...]
    failures: tuple[Run, ...]


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return (
        float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )


def _percentile(values: list[int], share: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


def role_report(world: World, role: str, runs: list[Run]) -> RoleReport:
    with _collector_paused():
        return _role_report(world, role, runs)


def _role_report(world: World, role: str, runs: list[Run]) -> RoleReport:
    ok = [r for r in runs if not r.error]
    scores = [r.score for r in ok]
    endings = Counter(r.ending for r in ok)
    # One pass over the runs for every option at once (scores are ints, so the sums are
    # exact in any order); runs that share a choices tuple share its set.
    picked: Counter[str | None] = Counter()
    picked_score: Counter[str | None] = Counter()
    distinct: dict[tuple[str | None, ...], set[str | None]] = {}
    for r in ok:
        chosen = distinct.get(r.choices)
        if chosen is None:
            chosen = distinct[r.choices] = set(r.choices)
        for option_id in chosen:
            picked[option_id] += 1
            picked_score[option_id] += r.score
    total = sum(scores)
    options = []
    for option in (o for o in world.options if role in o.by):
        count, score_with = picked[option.id], picked_score[option.id]
        rest = len(ok) - count
        options.append(
            OptionStats(
                option.id,
                count,
                count / len(ok) if ok else 0.0,
                score_with / count if count else 0.0,
                (total - score_with) / rest if rest else 0.0,
            )
        )
    openings_count: Counter[str] = Counter()
    openings_score: Counter[str] = Counter()
    for r in ok:
        key = " → ".join(str(c) for c in r.choices[:2])
        openings_count[key] += 1
        openings_score[key] += r.score
    openings = tuple(
        (key, count, openings_score[key] / count) for key, count in openings_count.most_common()
    )
    dominant = []
    for stats in options:
        if (
            stats.share >= MIN_SHARE_FOR_DOMINANCE
            and stats.share < 1
            and stats.lift >= DOMINANT_LIFT
        ):
            dominant.append(
                f"option '{stats.option}': runs that take it score {stats.lift:+.1f} points more "
                f"({stats.mean_score_with:.1f} vs {stats.mean_score_without:.1f})"
            )
    mean = sum(scores) / len(scores) if scores else 0.0
    common = [(k, c, s) for k, c, s in openings if c >= max(5, MIN_SHARE_FOR_DOMINANCE * len(ok))]
    if len(common) > 1:
        best = max(common, key=lambda o: o[2])
        others = [s for k, c, s in common if k != best[0]]
        if best[2] - max(others) >= DOMINANT_LIFT:
            dominant.append(
                f"opening '{best[0]}' averages {best[2]:.1f}, {best[2] - max(others):.1f} points "
                "above every other common opening"
            )
    return RoleReport(
        role=role,
        runs=len(runs),
        endings=dict(sorted(endings.items(), key=lambda kv: -kv[1])),
        scores={
            "min": float(min(scores, default=0)),
            "p10": _percentile(scores, 0.1) if scores else 0.0,
            "median": _median(scores) if scores else 0.0,
            "mean": round(mean, 2),
            "p90": _percentile(scores, 0.9) if scores else 0.0,
            "max": float(max(scores, default=0)),
        },
        options=tuple(options),
        openings=openings[:8],
        relations=_relation_table(world, role, ok),
        dominant=tuple(dominant),
        failures=tuple(r for r in runs if r.error),
    )


def _relation_table(world: World, role: str, runs: list[Run]) -> tuple[dict[str, Any], ...]:
    others = [a for a in world.actor_ids if a != role]
    turns = max((len(r.relations) for r in runs), default=0)
    table = []
    for turn in range(turns):
        row: dict[str, Any] = {"turn": turn + 1}
        present = [r.relations[turn] for r in runs if len(r.relations) > turn]
        # Transposed with zip (at C speed): per other actor, its pairs over the runs, then
        # their views and yours.
        for other, pairs in zip(others, zip(*present, strict=True), strict=True):
            theirs, yours = zip(*pairs, strict=True)
            row[other] = {
                "their_view": (min(theirs), _median(theirs), max(theirs)),
                "your_view": (min(yours), _median(yours), max(yours)),
            }
        table.append(row)
    return tuple(table)


def rarely_taken(world: World, results: dict[str, list[Run]]) -> list[tuple[str, float]]:
    """Options any government took in under 1% of all runs, with their share."""
    every = [r for runs in results.values() for r in runs if not r.error]
    if not every:
        return []
    counts = Counter(option for r in every for option in r.taken)
    return [
        (o.id, counts[o.id] / len(every))
        for o in world.options
        if counts[o.id] / len(every) < RARE_SHARE
    ]
