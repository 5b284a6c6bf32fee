"""The AI's yardstick, made cheap: what a move is worth to an actor, without copying the board.

A move's value to an actor is the expected change of its weighted mean goal score — the same
number ``preview`` gives for the advisor, which applies the move to a full copy of the board
and records every change. The AI asks this for every option of every government every turn,
so here the move is traced on an *overlay* (a small dict of the entries it changes, with
clamping and propagation exactly as ``Board`` applies them), and the compiled goal measures
are evaluated through a view that reads the overlay first and the position second. Nothing
is copied and no change records are built. ``tests/engine`` checks both paths agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine.rounding import round_half_away

if TYPE_CHECKING:
    from game.engine.world import CompiledOption, Op, World


class _Layer:
    """Reads an array with some entries replaced: ``layer[i]`` is the new value if any."""

    __slots__ = ("base", "changes")

    def __init__(self, base: Any, changes: dict[int, int]) -> None:
        self.base = base
        self.changes = changes

    def __getitem__(self, index: int) -> int:
        changes = self.changes
        return changes[index] if index in changes else self.base[index]


class _View:
    """A position with a move's effects laid over it, shaped like ``State`` for conditions."""

    __slots__ = ("fired", "flags", "rel", "stats", "taken", "turn")

    def __init__(self, view: Any, rel: dict[int, int], stats: dict[int, int], flags: Any) -> None:
        self.rel = _Layer(view.rel, rel)
        self.stats = _Layer(view.stats, stats)
        self.flags = flags
        self.taken = view.taken
        self.fired = view.fired
        self.turn = view.turn


def goal_total(world: World, view: Any, actor: int) -> float:
    """The actor's weighted goal score (sum of weight × score) in a position."""
    return sum(goal.weight * goal.score(view) for goal in world.goals[actor])


def move_value(world: World, view: Any, actor: int, option: CompiledOption, before: float) -> float:
    """Expected weighted-mean goal points a move gains; ``before`` is ``goal_total`` now."""
    total_weight = world.goal_weights[actor]
    if not total_weight:
        return 0.0
    chance = option.model.chance
    value = 0.0
    if chance > 0 and option.effects:
        value += chance * (goal_total(world, trace(world, view, option.effects), actor) - before)
    if chance < 1 and option.otherwise:
        value += (1 - chance) * (
            goal_total(world, trace(world, view, option.otherwise), actor) - before
        )
    return value / total_weight


def trace(world: World, view: Any, ops: tuple[Op, ...]) -> _View:
    """The position after ``ops``, as an overlay view (rules as in ``Board.apply``)."""
    rules = world.scenario.rules
    low, high = rules.relation_bounds
    slow, shigh = rules.stat_bounds
    n = world.size
    base_rel, base_stats = view.rel, view.stats
    rel: dict[int, int] = {}
    stats: dict[int, int] = {}
    flags = view.flags
    for op in ops:
        if op.kind == "rel":
            current = rel[op.index] if op.index in rel else base_rel[op.index]
            target = op.amount if op.absolute else current + op.amount
            target = low if target < low else high if target > high else target
            delta = target - current
            if not delta:
                continue
            rel[op.index] = target
            if op.propagate:
                _propagate(rules, n, base_rel, rel, op.index, delta, low, high)
        elif op.kind == "stat":
            current = stats[op.index] if op.index in stats else base_stats[op.index]
            target = op.amount if op.absolute else current + op.amount
            stats[op.index] = slow if target < slow else shigh if target > shigh else target
        else:
            flags = flags | {op.flag} if op.amount else flags - {op.flag}
    return _View(view, rel, stats, flags)


def _propagate(
    rules: Any, n: int, base: Any, rel: dict[int, int], index: int, delta: int, low: int, high: int
) -> None:
    viewer, viewed = divmod(index, n)
    shifts = []
    for other in range(n):
        if other in (viewer, viewed):
            continue
        stance_index = other * n + viewer
        stance = rel[stance_index] if stance_index in rel else base[stance_index]
        if stance >= rules.ally_threshold:
            shift = round_half_away(delta * rules.ally_reaction)
        elif stance <= rules.enemy_threshold:
            shift = round_half_away(-delta * rules.enemy_reaction)
        else:
            continue
        if shift:
            shifts.append((other * n + viewed, shift))
    for target, shift in shifts:
        moved = (rel[target] if target in rel else base[target]) + shift
        rel[target] = low if moved < low else high if moved > high else moved
