"""The AI's yardstick, made cheap: what a move is worth to an actor, without copying the board.

A move's value to an actor is the expected change of its weighted mean goal score — the same
number ``preview`` gives for the advisor, which applies the move to a full copy of the board
and records every change. The AI asks this for every option of every government every turn,
so here the move is traced on an *overlay* (a small dict of the entries it changes, with
clamping and propagation exactly as ``Board`` applies them), and the compiled goal measures
are evaluated through a view that reads the overlay first and the position second. Nothing
is copied and no change records are built, and only the effects and reactions the goals can
see are traced (``relevance``). ``tests/engine`` checks both paths agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.reaction import Reaction, reaction_of

if TYPE_CHECKING:
    from collections.abc import Set

    from game.engine.position import Entries, Position
    from game.engine.relevance import Step
    from game.engine.world import CompiledOption, World


class _Layer(dict[int, int]):
    """An array with some entries replaced: the replacements are the dict's own items (read at
    C speed), and any other index falls through to the array."""

    __slots__ = ("base",)

    def __init__(self, base: Entries) -> None:
        self.base = base

    def __missing__(self, index: int) -> int:
        return self.base[index]


class _View:
    """A position with a move's effects laid over it, shaped like ``State`` for conditions."""

    __slots__ = ("fired", "flags", "rel", "stats", "taken", "turn")

    def __init__(self, view: Position, rel: _Layer, stats: _Layer, flags: Set[str]) -> None:
        self.rel = rel if rel else view.rel
        self.stats = stats if stats else view.stats
        self.flags = flags
        self.taken = view.taken
        self.fired = view.fired
        self.turn = view.turn


def goal_total(world: World, view: Position, actor: int) -> float:
    """The actor's weighted goal score (sum of weight × score) in a position.

    Added left to right in an explicit loop rather than with ``sum()``, whose float rounding
    changed in Python 3.12: the AI compares these totals, so they must be the same on every
    Python and in the batch simulator, which adds them in the same order.
    """
    total = 0.0
    for goal in world.goals[actor]:
        total += goal.weight * goal.score(view)
    return total


def goal_terms(world: World, view: Position, actor: int) -> list[float]:
    """weight × score of each of the actor's goals: what ``goal_total`` adds up."""
    return [goal.weight * goal.score(view) for goal in world.goals[actor]]


def move_value(
    world: World,
    view: Position,
    actor: int,
    option: CompiledOption,
    before: float,
    terms: list[float] | None = None,
) -> float:
    """Expected weighted-mean goal points a move gains; ``before`` is ``goal_total`` now.

    ``terms`` (``goal_terms`` now, which the AI has anyway) lets goals the move cannot reach
    keep their term instead of being scored again; the sum is the same either way.
    A branch whose trace plan is empty changes nothing the goals read, so its goal total
    equals ``before`` exactly and it adds nothing: it is skipped (unless ``before`` is not
    finite, where inf - inf would have made the value NaN).
    """
    total_weight = world.goal_weights[actor]
    if not total_weight:
        return 0.0
    chance = option.model.chance
    value = 0.0
    skip_empty = before - before == 0.0
    if chance > 0 and option.effects:
        steps, moved, _ = world.value_plan(actor, option, True)
        if steps or not skip_empty:
            after = _total_after(world, view, actor, steps, moved, terms)
            value += chance * (after - before)
    if chance < 1 and option.otherwise:
        steps, moved, _ = world.value_plan(actor, option, False)
        if steps or not skip_empty:
            after = _total_after(world, view, actor, steps, moved, terms)
            value += (1 - chance) * (after - before)
    return value / total_weight


def _total_after(
    world: World,
    view: Position,
    actor: int,
    steps: tuple[Step, ...],
    moved: tuple[bool, ...],
    terms: list[float] | None,
) -> float:
    """``goal_total`` after the steps, added in the same order."""
    after = trace(world, view, steps)
    if terms is None:
        return goal_total(world, after, actor)
    total = 0.0
    for goal, term, changed in zip(world.goals[actor], terms, moved, strict=True):
        total += goal.weight * goal.score(after) if changed else term
    return total


def trace(world: World, view: Position, steps: tuple[Step, ...]) -> _View:
    """The position after a move, as an overlay view (rules as in ``Board.apply``).

    ``steps`` is a trace plan (``relevance``): the effects in order, each with the reactions
    to follow; ``relevance.full_plan`` traces everything.
    """
    rel = _Layer(view.rel)
    stats = _Layer(view.stats)
    flags = _trace(world, view, steps, rel, stats, view.flags)
    return _View(view, rel, stats, flags)


def _trace(
    world: World,
    view: Position,
    steps: tuple[Step, ...],
    rel: _Layer,
    stats: _Layer,
    flags: Set[str],
) -> Set[str]:
    """Trace ``steps`` into the layers; return the flags after them. An ``if`` step reads
    its condition on the overlay as it stands, as ``Board.apply`` reads the board."""
    reaction = reaction_of(world)
    clamp = reaction.clamp
    slow, shigh = world.rules.stat_bounds
    for step in steps:
        op = step.op
        if op.kind == "if":
            assert op.when is not None
            holds = op.when(_View(view, rel, stats, flags))
            flags = _trace(world, view, step.then if holds else step.orelse, rel, stats, flags)
        elif op.kind == "rel":
            current = rel[op.index]
            target = clamp(op.amount if op.absolute else current + op.amount)
            delta = target - current
            if not delta:
                continue
            rel[op.index] = target
            if step.reactions:
                _react(reaction, rel, step.reactions, delta)
        elif op.kind == "stat":
            target = op.amount if op.absolute else stats[op.index] + op.amount
            stats[op.index] = slow if target < slow else shigh if target > shigh else target
        else:
            flags = flags | {op.flag} if op.amount else flags - {op.flag}
    return flags


def _react(
    reaction: Reaction, rel: _Layer, reactions: tuple[tuple[int, int], ...], delta: int
) -> None:
    """Allies and enemies of the viewer shift their view, as ``Board.propagate`` does.

    A stance is never a target of the same reaction set (targets are views of the viewed,
    stances views of the viewer), so reading and writing in one pass is the same as the
    board's read-all-then-write.
    """
    shifts = reaction.shifts_for[delta]
    shift, clamp = reaction.shift, reaction.clamp
    if not (shifts[0] or shifts[1]):
        return
    for stance_index, target in reactions:
        moved = shift(rel[stance_index], rel[target], shifts)
        if moved:
            rel[target] = clamp(rel[target] + moved)
