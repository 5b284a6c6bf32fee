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

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
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


MAX_RUNS = 100_000
"""Most runs per role one simulation plays: a balance report's figures are steady long before
(the default is 1,000), and the runs are held in memory until the report is made."""

MAX_RECORDS = 5_000_000
"""Most relation pairs one simulation keeps (runs x roles x turns x other actors): each run
keeps its role's relations turn by turn for the report, about 50 bytes a pair with the rest of
the run, so this bounds a simulation to about 250 MB whatever the scenario's size (measured by
benchmarks/simulate_limits.py; docs/reliability.md)."""

MAX_WORKERS = 32
"""Most worker processes, whatever the machine: each holds a copy of the scenario and of its
tables (about 100 MB)."""


def workers_allowed() -> int:
    """Worker processes a simulation may start here: one per processor this process may use
    (more only share them), at most ``MAX_WORKERS``."""
    try:
        processors = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        processors = os.cpu_count() or 1
    return max(1, min(processors, MAX_WORKERS))


def runs_allowed(world: World, roles: int) -> int:
    """Runs per role a simulation of ``roles`` roles may play on this scenario: at most
    ``MAX_RUNS``, and few enough that its results fit ``MAX_RECORDS``."""
    per_run = roles * world.scenario.turns * max(1, world.size - 1)
    return max(1, min(MAX_RUNS, MAX_RECORDS // per_run))


class Engine(Protocol):
    """A way of playing a simulation's runs (picklable: worker processes receive it)."""

    @property
    def name(self) -> str:
        """How the report names the engine that played."""

    def fallback(self, world: World, policy: str, seats: int = 1) -> Fallback | None:
        """Why this engine cannot play these runs exactly (then the scalar engine plays them),
        or None if it can; decided before any game is played. ``seats``: per game."""

    def block(self, world: World, runs: int, workers: int) -> int:
        """Seeds per work unit."""

    def play(self, world: World, job: Job) -> list[Run]:
        """The job's runs, in seed order."""


@attrs.frozen
class ScalarEngine:
    """The engine itself, one game at a time: plays everything, slowly."""

    play_turn: Callable[..., Any] = play_turn
    name: str = "scalar"

    def fallback(self, world: World, policy: str, seats: int = 1) -> Fallback | None:
        return None

    def block(self, world: World, runs: int, workers: int) -> int:
        return CHUNK

    def play(self, world: World, job: Job) -> list[Run]:
        return play_runs_scalar(world, job, self.play_turn)


@attrs.frozen
class BatchEngine:
    """The batch simulator (``batch.play_batch``): a block of games at once on numpy tables."""

    name: str = "batch"

    def fallback(self, world: World, policy: str, seats: int = 1) -> Fallback | None:
        from game.sim.batch import fallback  # numpy is loaded only when simulating

        return fallback(world, policy, seats)

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
    seats: tuple[tuple[str, str], ...] = ()
    """(seat, policy) when every run was one game of these seats together (``--seats``)."""


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
    seat_policies: tuple[str, ...] = (),
) -> Simulation:
    """Play ``runs`` games per role on ``engine``, or on the scalar engine if it declines.

    With ``seat_policies`` (one policy per role), the roles are the seats of one game: each
    run is a game of them all, played by their policies, and reported per seat.
    """
    if len(seat_policies) == 1:  # one seat is the one-role game, which batches play
        policy, seat_policies = seat_policies[0], ()
    seats = roles if seat_policies else ()
    refusal = engine.fallback(world, policy, max(1, len(seats)))
    if seat_policies and refusal is None:
        for name in seat_policies:
            refusal = refusal or engine.fallback(world, name)
    chosen: Engine = SCALAR if refusal is not None else engine
    size = chosen.block(world, runs, workers)
    if seats:
        jobs = [
            Job(
                scenario_path,
                "+".join(seats),
                policy,
                tuple(range(start, min(start + size, seed + runs))),
                seats,
                seat_policies,
            )
            for start in range(seed, seed + runs, size)
        ]
    else:
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
            if job.seats:
                for run in chunk:  # one run per seat per game
                    results[run.role].append(run)
            else:
                results[job.role].extend(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return Simulation(results, chosen.name, refusal, tuple(zip(seats, seat_policies, strict=True)))


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
            workers, initializer=_init_worker, initargs=(scenario_path, os.getpid())
        ) as pool:
            yield from pool.map(_worker, [(engine, job) for job in jobs])
    finally:
        _WORLD = _WORLD_PATH = None


_WORLD: World | None = None
"""The world a worker process plays. A forked worker inherits the parent's (set just before
the pool starts), already loaded, checked and compiled; a spawned one loads it."""
_WORLD_PATH: str | None = None


def _init_worker(scenario_path: str, parent: int) -> None:
    global _WORLD, _WORLD_PATH
    die_with_parent(parent)
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


PARENT_CHECK_SECONDS = 0.5
"""How often a worker looks whether its parent is still there (where the system cannot kill
it with its parent)."""


def die_with_parent(parent: int) -> None:
    """Make this worker end when ``parent`` does, however it ends (SIGTERM, SIGKILL, the OOM
    killer, a subprocess timeout): otherwise a pool's workers outlive a killed simulation and
    wait for work for ever, 100 MB each.

    On Linux the kernel kills the worker (``prctl(PR_SET_PDEATHSIG)``); everywhere, a thread
    watches the parent's pid and ends the worker once it has changed (the worker was
    re-parented), which also covers a parent that died before the first.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


PR_SET_PDEATHSIG = 1
"""prctl's option: the signal the kernel sends this process when its parent ends."""


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
