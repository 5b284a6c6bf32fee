"""The numbers of many games at once, changed in place the way ``Board`` changes one game's.

Each table has one row per relation, stat, flag, (option, actor) and event, and one column per
game, so a row is a contiguous array over the games and a compiled condition reads it
directly. Effects are applied to a chosen set of columns (the games that took an option, the
games an event fired in), with the board's clamping, reactions and `touched` bookkeeping, so
each game goes through exactly the steps the scalar engine would take for it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine.kernel import Reaction
from game.sim.batch_world import BatchWorld, VOp

Columns = Any
"""Which games to change: an index array, or ``slice(None)`` for all of them."""

ALL: Columns = slice(None)


def clamp(x: Any, low: int, high: int) -> Any:
    """``x`` held within [low, high], in place when it is an array (it must be a fresh one).

    Two ufuncs: cheaper than ``np.clip``, whose argument checks cost more than the work on
    small batches. A plain number (a trace after an absolute effect) is clamped as such.
    """
    if not isinstance(x, np.ndarray):
        return bounded(x, low, high)
    np.maximum(x, low, out=x)
    np.minimum(x, high, out=x)
    return x


def bounded(value: int, low: int, high: int) -> int:
    """A plain number held within [low, high] (an absolute effect's target)."""
    return low if value < low else high if value > high else value


def round_half_away(x: np.ndarray) -> np.ndarray:
    """``rounding.round_half_away`` on arrays: halves away from zero, as int64."""
    return np.copysign(np.floor(np.abs(x) + 0.5), x).astype(np.int64)


class ArrayReaction(Reaction):
    """The engine's reaction rule (``game.engine.reaction``) on rows of games: the rule's own
    arithmetic, with numpy's rounding and clamping in place of Python's."""

    __slots__ = ()

    rounded = staticmethod(round_half_away)

    def clamp(self, value: Any) -> Any:
        return clamp(value, self.low, self.high)


class Games:
    """A batch of games of one scenario, all at the same turn.

    Attributes mirror ``State`` so compiled conditions read either: ``rel`` (n*n, games),
    ``stats`` (k, games), ``flags``, ``taken`` and ``fired`` (boolean tables), ``turn``.
    ``pending`` holds delayed moves: (turn made, actor) -> the actor's option position per
    game, -1 where it made none. ``ids`` says which of the caller's games each column is.
    Open offers, one row per option that makes offers (``BatchWorld.offer_parties``):
    ``offer_maker`` (-1 where none is open), ``offer_made`` (the turn it was made) and
    ``offer_answers`` (per offer, per party, the answer's index, -1 while unanswered).
    """

    __slots__ = (
        "fired",
        "flags",
        "ids",
        "offer_answers",
        "offer_made",
        "offer_maker",
        "pending",
        "rel",
        "rng",
        "stats",
        "taken",
        "touched",
        "turn",
    )

    def __init__(self, bw: BatchWorld, rng: np.ndarray) -> None:
        world = bw.world
        count = len(rng)
        self.rel = np.repeat(np.array(world.initial_rel, dtype=np.int64)[:, None], count, axis=1)
        self.stats = np.repeat(
            np.array(world.initial_stats, dtype=np.int64).reshape(-1, 1), count, axis=1
        )
        self.flags = np.zeros((len(bw.flag_names), count), dtype=bool)
        self.taken = np.zeros((len(bw.taken_keys), count), dtype=bool)
        self.fired = np.zeros((len(world.events), count), dtype=bool)
        self.touched = np.zeros(self.rel.shape, dtype=bool)
        self.rng = rng
        self.turn = 1
        self.pending: dict[tuple[int, int], np.ndarray] = {}
        self.ids = np.arange(count)
        slots = len(bw.offer_parties)
        self.offer_maker = np.full((slots, count), -1, dtype=np.int64)
        self.offer_made = np.zeros((slots, count), dtype=np.int64)
        self.offer_answers = [
            np.full((len(parties), count), -1, dtype=np.int64) for parties in bw.offer_parties
        ]

    @property
    def count(self) -> int:
        return len(self.rng)

    def take(self, columns: np.ndarray, rng: np.ndarray) -> Games:
        """A new batch of copies of the games in ``columns`` (repeats allowed), at the same
        turn, with the generator states ``rng``: the lookahead's rollouts start from it."""
        copy = Games.__new__(Games)
        for name in ("rel", "stats", "flags", "taken", "fired", "touched"):
            setattr(copy, name, getattr(self, name)[:, columns])
        copy.rng = rng
        copy.turn = self.turn
        copy.ids = np.arange(len(columns))
        copy.pending = {key: slot[columns] for key, slot in self.pending.items()}
        copy.offer_maker = self.offer_maker[:, columns]
        copy.offer_made = self.offer_made[:, columns]
        copy.offer_answers = [answers[:, columns] for answers in self.offer_answers]
        return copy

    def keep(self, which: np.ndarray) -> None:
        """Drop every game not in the boolean mask ``which`` (finished games)."""
        for name in ("rel", "stats", "flags", "taken", "fired", "touched"):
            setattr(self, name, getattr(self, name)[:, which])
        self.offer_maker = self.offer_maker[:, which]
        self.offer_made = self.offer_made[:, which]
        self.offer_answers = [answers[:, which] for answers in self.offer_answers]
        self.rng = self.rng[which]
        self.ids = self.ids[which]
        self.pending = {key: slot[which] for key, slot in self.pending.items()}


class Rules:
    """The scenario's rule constants, unpacked once."""

    def __init__(self, bw: BatchWorld) -> None:
        rules = bw.world.scenario.rules
        self.slow, self.shigh = rules.stat_bounds
        self.reaction = ArrayReaction(rules)
        self.decay = rules.decay
        self.baseline = np.array(bw.world.baseline_rel, dtype=np.int64)[:, None]


def apply(games: Games, rules: Rules, ops: tuple[VOp, ...], cols: Columns) -> None:
    """Apply effects in order to the games in ``cols`` (``Board.apply``)."""
    for vop in ops:
        op = vop.op
        row = vop.row
        if op.kind == "rel":
            before = games.rel[row, cols]
            if op.absolute:
                after = np.full(before.shape, rules.reaction.clamp(op.amount))
            else:
                after = rules.reaction.clamp(before + op.amount)
            delta = after - before
            games.rel[row, cols] = after
            moved = delta != 0
            games.touched[row, cols] |= moved
            if vop.stances is not None and moved.any():
                _react(games, rules, vop, delta, cols)
        elif op.kind == "stat":
            if op.absolute:
                games.stats[row, cols] = bounded(op.amount, rules.slow, rules.shigh)
            else:
                games.stats[row, cols] = clamp(
                    games.stats[row, cols] + op.amount, rules.slow, rules.shigh
                )
        else:
            games.flags[row, cols] = bool(op.amount)


def _react(games: Games, rules: Rules, vop: VOp, delta: np.ndarray, cols: Columns) -> None:
    """Allies and enemies of the viewer shift their view of the viewed (``Board.propagate``)."""
    assert vop.stances is not None and vop.targets is not None
    if isinstance(cols, slice):
        stance = games.rel[vop.stances]
        old = games.rel[vop.targets]
    else:
        stance = games.rel[vop.stances[:, None], cols]
        old = games.rel[vop.targets[:, None], cols]
    reaction = rules.reaction
    new = reaction.react(stance, old, reaction.shifts(delta))
    changed = new != old
    if isinstance(cols, slice):
        games.rel[vop.targets] = new
        games.touched[vop.targets] |= changed
    else:
        games.rel[vop.targets[:, None], cols] = new
        games.touched[vop.targets[:, None], cols] |= changed


def decay(games: Games, rules: Rules) -> None:
    """Relations nobody touched this turn drift toward their baseline (``Board.decay``)."""
    if rules.decay <= 0:
        return
    gap = rules.baseline - games.rel
    drifting = (gap != 0) & ~games.touched
    if not drifting.any():
        return
    size = np.abs(gap)
    step = np.minimum(np.ceil(size * rules.decay).astype(np.int64), size)
    drifted = rules.reaction.clamp(games.rel + np.sign(gap) * step)
    np.copyto(games.rel, drifted, where=drifting)
