"""`detente check --deep`: search the game tree for what can never happen.

For every playable role and a few seeds, the search plays every available option at every turn,
level by level, merging positions that are equal (ignoring the random generator and the
history), and records what it sees: each option taken by anyone, with its success and failure
sides, each event and each ending, each position where the role has nothing to do while the
game goes on (a loose end). Every path is a real game — a role, a seed and a list of choices —
so each first sighting keeps a *witness* that `detente run` replays exactly.

Real games branch fast (seven options over ten turns is 282 million paths), so the search runs
in passes: each keeps a few positions per level (preferring those whose last move showed
something new) and plays on to the end; the next pass keeps twice as many, up to ``beam``,
until a pass misses nothing or the budget of positions runs out. What it did not reach is
reported with how much was searched: an instructor can raise the budget, or list a deliberate
exception under ``known_unreachable``.

The budget is a number of positions, not seconds, so the same file gets the same answer on
every machine, loaded or not: each (role, seed) search gets an equal share of what the
earlier ones left, and which positions a pass keeps is drawn from a generator seeded by the
search's seed. A time limit stays only as a safety cap; when it stops a search, the
exploration says so (``timed_out``) and what it found depends on the machine.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable

import attrs

from game.engine import State, World, available_options, new_game, play_turn

Item = tuple[str, str]
"""What was seen: ("option", id) when taken, ("option-success", id) and ("option-failure", id)
for how its chance fell, ("event", id), ("ending", id)."""


@attrs.frozen
class Witness:
    """A real game that shows something: replay it with this role, seed and choices."""

    role: str
    seed: int
    choices: tuple[str | None, ...]


@attrs.frozen
class LooseEnd:
    witness: Witness
    turn: int


@attrs.frozen
class Exploration:
    """What a deep check saw.

    Attributes:
        seen: Every item seen, with the first game that showed it.
        loose_ends: Positions where the role had no option and the game went on.
        states: Distinct positions explored.
        elapsed: Seconds spent.
        exhaustive: True when no level was cut and no budget ran out: what was not seen
            cannot happen for these seeds.
        timed_out: True when the time limit, not the budget of positions, stopped a search:
            the result then depends on the machine's speed.
    """

    seen: dict[Item, Witness]
    loose_ends: tuple[LooseEnd, ...]
    states: int
    elapsed: float
    exhaustive: bool
    timed_out: bool = False


@attrs.define
class _Clock:
    """The safety cap on a whole exploration, and whether it struck."""

    deadline: float
    struck: bool = False

    def up(self) -> bool:
        if time.perf_counter() > self.deadline:
            self.struck = True
        return self.struck


def _key(state: State) -> tuple:
    """What makes two positions the same for the search: everything but luck and history."""
    return (
        state.turn,
        state.rel,
        state.stats,
        state.flags,
        state.taken,
        state.fired,
        state.pending,
    )


def explore(
    world: World,
    *,
    roles: Iterable[str] | None = None,
    seeds: Iterable[int] = (0, 1, 2),
    beam: int = 300,
    max_states: int | None = None,
    time_limit: float = 3_600.0,
) -> Exploration:
    """Search every role's game tree within ``max_states`` positions (None: until every pass
    is done) and, as a safety cap only, ``time_limit`` seconds; see the module docstring."""
    roles = tuple(roles or world.playable)
    seeds = tuple(seeds)
    start = time.perf_counter()
    clock = _Clock(start + time_limit)
    seen: dict[Item, Witness] = {}
    loose: dict[tuple[str, int], LooseEnd] = {}
    states = 0
    exhaustive = True
    searches = [(role, seed) for seed in seeds for role in roles]
    for number, (role, seed) in enumerate(searches):
        # Each search gets an equal share of what is left, so no role starves the others.
        share_states = (
            None if max_states is None else (max_states - states) // (len(searches) - number)
        )
        count, complete = _search(world, role, seed, beam, clock, share_states, seen, loose)
        states += count
        exhaustive = exhaustive and complete
    elapsed = time.perf_counter() - start
    return Exploration(seen, tuple(loose.values()), states, elapsed, exhaustive, clock.struck)


def _search(
    world: World,
    role: str,
    seed: int,
    beam: int,
    clock: _Clock,
    max_states: int | None,
    seen: dict[Item, Witness],
    loose: dict[tuple[str, int], LooseEnd],
) -> tuple[int, bool]:
    """Passes of widening beams, each played to the end, until one is complete or the budget
    is spent.

    A narrow pass reaches the last turn in a fraction of a second, so endings are found early;
    wider passes then look at more of each level. Returns (positions, exhaustive).
    """
    states = 0
    width = min(8, beam)
    while True:
        budget = None if max_states is None else max_states - states
        count, cut, finished = _pass(world, role, seed, width, clock, budget, seen, loose)
        states += count
        if finished and not cut:
            return states, True
        if not finished or width >= beam:
            return states, False
        width = min(width * 2, beam)


def _pass(
    world: World,
    role: str,
    seed: int,
    width: int,
    clock: _Clock,
    max_states: int | None,
    seen: dict[Item, Witness],
    loose: dict[tuple[str, int], LooseEnd],
) -> tuple[int, bool, bool]:
    """One level-by-level pass keeping ``width`` positions a level: (positions, cut, finished)."""
    rng = random.Random(seed)
    frontier = [new_game(world, role, seed)]
    visited = {_key(frontier[0])}
    states = 1
    cut = False
    while frontier:
        novel: list[State] = []
        plain: list[State] = []
        for state in frontier:
            offered = [o.id for o in available_options(world, state, role)]
            if not offered:
                loose.setdefault(
                    (role, state.turn), LooseEnd(Witness(role, seed, state.choices), state.turn)
                )
            moves: list[str | None] = [*offered] if offered else [None]
            for choice in moves:
                if (max_states is not None and states >= max_states) or clock.up():
                    return states, True, False
                after = play_turn(world, state, choice)
                found = _record(after, Witness(role, seed, after.choices), seen)
                if after.over:
                    continue
                key = _key(after)
                if key in visited:
                    continue
                visited.add(key)
                states += 1
                (novel if found else plain).append(after)
        if len(novel) + len(plain) > width:
            cut = True
            room = max(width - len(novel), 0)
            frontier = novel[:width] + (rng.sample(plain, room) if room < len(plain) else plain)
        else:
            frontier = novel + plain
    return states, cut, True


def _record(state: State, witness: Witness, seen: dict[Item, Witness]) -> bool:
    """Note what the last turn showed; True when something was seen for the first time."""
    report = state.log[-1]
    items: list[Item] = []
    for choice in (*report.choices, *report.landed):
        if choice.option is None:
            continue
        items.append(("option", choice.option))
        if choice.outcome in ("success", "failure"):
            items.append((f"option-{choice.outcome}", choice.option))
    items += [("event", e) for e in report.events]
    if report.ending:
        items.append(("ending", report.ending))
    new = False
    for item in items:
        if item not in seen:
            seen[item] = witness
            new = True
    return new
