"""The mutable working copy of a state while effects are applied.

Resolving a turn changes many numbers in a row; doing that on immutable tuples would copy
them at every step. A ``Board`` copies the state once, is changed in place, and is frozen
back into a ``State`` at the end. It is also the scratch pad of ``preview``. It has the same
attribute names as ``State`` so compiled conditions read either.
"""

from __future__ import annotations

import math
from itertools import compress
from operator import ne

import attrs

from game.engine.reaction import reaction_of
from game.engine.state import Cause, Change, State
from game.engine.world import Op, World


class Board:
    """Numbers of one game being changed in place; records changes when asked to."""

    __slots__ = (
        "_strong",
        "changes",
        "fired",
        "flags",
        "n",
        "reaction",
        "rel",
        "rng",
        "stats",
        "taken",
        "touched",
        "turn",
        "world",
    )

    def __init__(self, world: World, state: State, *, record: bool) -> None:
        self.world = world
        self.n = world.size
        self.turn = state.turn
        self.rel = list(state.rel)
        self.stats = list(state.stats)
        self.flags = set(state.flags)
        self.taken = set(state.taken)
        self.fired = set(state.fired)
        self.rng = state.rng
        self.reaction = reaction_of(world)
        self.touched: set[int] = set()
        """Relation indexes changed this turn (exempt from decay)."""
        self.changes: list[Change] | None = [] if record else None
        self._strong: dict[int, set[int]] = {}
        """Per viewer, worked out on first use: the others whose stance toward it is strong
        enough to react (``propagate``); kept up to date by ``set_rel``."""

    def apply(self, ops: tuple[Op, ...], cause: Cause) -> None:
        """Apply compiled effects in order; relations propagate to allies and enemies.

        An ``if`` effect reads its condition on the board as it stands when the effect lands
        (after the effects listed before it) and applies one branch, whose changes carry
        which branch it was (``Cause.branch``)."""
        for op in ops:
            if op.kind == "if":
                assert op.when is not None
                holds = bool(op.when(self))
                branch = attrs.evolve(cause, branch="then" if holds else "else")
                self.apply(op.then if holds else op.orelse, branch)
            elif op.kind == "rel":
                before = self.rel[op.index]
                target = op.amount if op.absolute else before + op.amount
                delta = self.set_rel(op.index, target, cause)
                if delta and op.propagate:
                    self.propagate(op.index, delta, cause)
            elif op.kind == "stat":
                before = self.stats[op.index]
                self.set_stat(op.index, op.amount if op.absolute else before + op.amount, cause)
            else:
                self.set_flag(op.flag, bool(op.amount), cause)

    def set_rel(self, index: int, value: int, cause: Cause) -> int:
        """Set a relation within bounds; return how much it actually moved."""
        value = self.reaction.clamp(value)
        before = self.rel[index]
        if value == before:
            return 0
        self.rel[index] = value
        if self._strong:
            strong = self._strong.get(index % self.n)
            if strong is not None:
                if value in self.reaction.reacting:
                    strong.add(index // self.n)
                else:
                    strong.discard(index // self.n)
        if cause.kind != "decay":
            self.touched.add(index)
        if self.changes is not None:
            subject = (self.world.actor_ids[index // self.n], self.world.actor_ids[index % self.n])
            self.changes.append(Change("rel", subject, before, value, cause))
        return value - before

    def set_stat(self, index: int, value: int, cause: Cause) -> None:
        low, high = self.world.rules.stat_bounds
        value = low if value < low else high if value > high else value
        before = self.stats[index]
        if value == before:
            return
        self.stats[index] = value
        if self.changes is not None:
            self.changes.append(Change("stat", self.world.stat_keys[index], before, value, cause))

    def set_flag(self, name: str, value: bool, cause: Cause) -> None:
        if (name in self.flags) == value:
            return
        if value:
            self.flags.add(name)
        else:
            self.flags.discard(name)
        if self.changes is not None:
            self.changes.append(Change("flag", ("", name), int(not value), int(value), cause))

    def propagate(self, index: int, delta: int, cause: Cause) -> None:
        """Allies of the viewer shift their view of the viewed the same way; enemies the other.

        Only first-hand changes propagate: a reaction does not set off further reactions,
        which keeps a move's consequences readable and bounded. Only the others with a strong
        stance toward the viewer can react, so only they are visited (in actor order).
        """
        n = self.n
        viewer, viewed = divmod(index, n)
        rel = self.rel
        reaction = self.reaction
        shifts = reaction.shifts_for[delta]
        if not (shifts[0] or shifts[1]):
            return
        reactions = []
        for other in sorted(self._strong_toward(viewer)):
            if other in (viewer, viewed):
                continue
            shift = reaction.shift(rel[other * n + viewer], rel[other * n + viewed], shifts)
            if shift:
                reactions.append((other * n + viewed, shift))
        if not reactions:
            return
        via = self.world.actor_ids[viewer]
        because = Cause(cause.kind, cause.source, cause.actor, via, cause.delayed, cause.branch)
        for target, shift in reactions:
            self.set_rel(target, rel[target] + shift, because)

    def _strong_toward(self, viewer: int) -> set[int]:
        """Others whose view of ``viewer`` is at or past the ally or enemy threshold."""
        found = self._strong.get(viewer)
        if found is None:
            reacting = self.reaction.reacting
            column = self.rel[viewer :: self.n]
            found = {o for o, s in enumerate(column) if s in reacting}
            self._strong[viewer] = found
        return found

    def decay(self) -> None:
        """Relations nobody touched this turn drift toward their baseline.

        Only entries off their baseline can move; ``compress`` finds them at C speed (a
        193-government scenario has 37,249 relations, most of them at rest). Decay is the
        last change of a turn, never propagates and never marks an entry touched, so it
        writes directly (``set_rel``'s clamp and record, without the rest) and drops the
        stance cache, which nothing reads after it.
        """
        rate = self.world.rules.decay
        if rate <= 0:
            return
        self._strong.clear()
        baseline = self.world.baseline_rel
        low, high = self.reaction.low, self.reaction.high
        rel = self.rel
        touched = self.touched
        changes = self.changes
        ids, n = self.world.actor_ids, self.n
        cause = Cause("decay")
        for index in compress(range(len(rel)), map(ne, baseline, rel)):
            if index in touched:
                continue
            current = rel[index]
            gap = baseline[index] - current
            step = min(math.ceil(abs(gap) * rate), abs(gap))
            value = current + (step if gap > 0 else -step)
            value = low if value < low else high if value > high else value
            if value == current:
                continue
            rel[index] = value
            if changes is not None:
                subject = (ids[index // n], ids[index % n])
                changes.append(Change("rel", subject, current, value, cause))
