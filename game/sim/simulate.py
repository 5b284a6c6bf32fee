"""Random playthroughs by the thousand: which engine plays them, in blocks, on workers.

Run ``i`` of a simulation uses seed ``S + i`` for both the game and the policy, so any run can
be replayed alone (`detente run ... --seed S+i --choose ...`). Runs are cut into blocks of
seeds, each played by one worker process, and results are put back in seed order, so the
runs are the same whatever the number of workers. What they say about balance is worked out
by ``balance``.

Runs are played by an ``Engine``. The default, ``BATCH``, plays a whole block at once on numpy
tables (``batch``) and gives exactly the runs the engine gives, many times faster (README,
"Performance"). What it cannot reproduce exactly it declares before a game is played
(``batch.fallback``: the ``least-used`` policy, whose choices depend on earlier runs; a
scenario whose numbers could overflow int64 or leave float64's exact range); then the runs
are played game by game on the engine (``SCALAR``), and the ``Simulation`` says why, for the
report. An exception inside a batch is a bug and is raised, never hidden by a quiet fallback.
Tests pass their own engine (``ScalarEngine(play_turn=...)`` plants a fault in one run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from game.engine import World, play_turn
from game.scenario import load_scenario
from game.sim.runs import Job, Run, collector_paused, play_runs_scalar

if TYPE_CHECKING:
    from game.sim.batch import Fallback

CHUNK = 100
"""Seeds per work unit on the scalar path. Fixed, so `least-used` sees the same history
whatever the workers."""

BATCH_MEMORY = 64 * 2**20
"""Bytes of tables a batch may use: sets how many games one batch plays at once."""
MAX_BATCH = 5000
"""Most games per batch: beyond this, bigger batches are no faster and progress is coarser."""


class Engine(Protocol):
    """A way of playing a simulation's runs (picklable: worker processes receive it)."""

    @property
    def name(self) -> str:
        """How the report names the engine that played."""

    def fallback(self, world: World, policy: str) -> Fallback | None:
        """Why this engine cannot play these runs exactly (then the scalar engine plays them),
        or None if it can; decided before any game is played."""

    def block(self, world: World, runs: int, workers: int) -> int:
        """Seeds per work unit."""

    def play(self, world: World, job: Job) -> list[Run]:
        """The job's runs, in seed order."""


@attrs.frozen
class ScalarEngine:
    """The engine itself, one game at a time: plays everything, slowly."""

    play_turn: Callable[..., Any] = play_turn
    name: str = "scalar"

    def fallback(self, world: World, policy: str) -> Fallback | None:
        return None

    def block(self, world: World, runs: int, workers: int) -> int:
        return CHUNK

    def play(self, world: World, job: Job) -> list[Run]:
        return play_runs_scalar(world, job, self.play_turn)


@attrs.frozen
class BatchEngine:
    """The batch simulator (``batch.play_batch``): a block of games at once on numpy tables."""

    name: str = "batch"

    def fallback(self, world: World, policy: str) -> Fallback | None:
        from game.sim.batch import fallback  # numpy is loaded only when simulating

        return fallback(world, policy)

    def block(self, world: World, runs: int, workers: int) -> int:
        return min(batch_size(world), -(-runs // max(1, workers)))

    def play(self, world: World, job: Job) -> list[Run]:
        from game.sim.batch import play_batch

        runs, _ = play_batch(world, job.role, list(job.seeds), job.policy)
        return runs


SCALAR = ScalarEngine()
BATCH = BatchEngine()


@attrs.frozen
class Simulation:
    """The runs of a simulation and how they were played.

    Attributes:
        runs: Per role, its runs in seed order.
        engine: The name of the engine that played them.
        fallback: Why they were played game by game instead of in batches (None if they were
            not, or if the caller asked for the scalar engine).
    """

    runs: dict[str, list[Run]]
    engine: str
    fallback: Fallback | None = None


def batch_size(world: World) -> int:
    """Games per batch for this scenario: its relation tables must fit ``BATCH_MEMORY``."""
    per_game = 48 * world.size * world.size + 1024
    return max(16, min(MAX_BATCH, BATCH_MEMORY // per_game))


def simulate(
    world: World,
    scenario_path: str,
    roles: tuple[str, ...],
    runs: int,
    seed: int,
    policy: str,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    engine: Engine = BATCH,
) -> Simulation:
    """Play ``runs`` games per role on ``engine``, or on the scalar engine if it declines."""
    refusal = engine.fallback(world, policy)
    chosen: Engine = SCALAR if refusal is not None else engine
    size = chosen.block(world, runs, workers)
    jobs = [
        Job(scenario_path, role, policy, tuple(range(start, min(start + size, seed + runs))))
        for role in roles
        for start in range(seed, seed + runs, size)
    ]
    total = runs * len(roles)
    done = 0
    results: dict[str, list[Run]] = {role: [] for role in roles}
    with collector_paused():
        for job, chunk in zip(
            jobs, _execute(world, scenario_path, chosen, jobs, workers), strict=True
        ):
            results[job.role].extend(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return Simulation(results, chosen.name, refusal)


def _execute(
    world: World, scenario_path: str, engine: Engine, jobs: list[Job], workers: int
) -> Iterator[list[Run]]:
    if workers <= 1:
        for job in jobs:
            yield engine.play(world, job)
        return
    global _WORLD, _WORLD_PATH
    _WORLD, _WORLD_PATH = world, scenario_path
    try:
        with ProcessPoolExecutor(
            workers, initializer=_init_worker, initargs=(scenario_path,)
        ) as pool:
            yield from pool.map(_worker, [(engine, job) for job in jobs])
    finally:
        _WORLD = _WORLD_PATH = None


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


def _worker(task: tuple[Engine, Job]) -> list[Run]:
    assert _WORLD is not None
    engine, job = task
    with collector_paused():
        return engine.play(_WORLD, job)
