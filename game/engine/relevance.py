"""Which of a move's effects an actor's goals can see, worked out once per move.

The AI values a move by tracing its effects (with propagation) and re-scoring its goals. A goal
reads a handful of numbers, but one relation change with propagation touches a whole column of
the relation matrix: every ally and enemy of the viewer reacts. With 193 governments nearly all
of that is invisible to the goals, and tracing it anyway made one turn cost a second.

A trace *plan* keeps only the work whose result a goal can read. It is a backward liveness pass
over the move's effects: an effect is kept when it writes a number that is read later (by a
goal, by a later effect of the move, or as a stance that decides a kept reaction), and a
reaction is kept when its target is read later. Every effect reads the number it changes, so
the set of live numbers only grows going backwards, and each number a goal reads receives
exactly the writes it receives in a full trace. ``valuation`` and the batch simulator both
trace plans; ``tests/engine/test_relevance.py`` checks plans against full traces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from game.scenario.expr import Call, Expr, Name

if TYPE_CHECKING:
    from game.engine.compile import Symbols
    from game.engine.world import Op, World


@attrs.frozen
class Reads:
    """The numbers and flags an actor's goal measures read (trace cannot change the rest)."""

    rel: frozenset[int]
    stats: frozenset[int]
    flags: frozenset[str]


@attrs.frozen
class Step:
    """One effect to trace, with the reactions to it that matter.

    Attributes:
        op: The effect.
        reactions: (stance index, target index) for each ally or enemy of the viewer whose
            reaction lands on a number that is read later, in actor order. Empty when the
            effect does not propagate or no reaction matters.
    """

    op: Op
    reactions: tuple[tuple[int, int], ...] = ()
    then: tuple[Step, ...] = ()
    """For an ``if`` effect: the plan of its `then:` branch (``orelse``: of its `else:`)."""
    orelse: tuple[Step, ...] = ()


def expr_reads(world: World, expr: Expr) -> Reads:
    """The relations, stats and flags an expression reads (its ids are resolved statically)."""
    return expr_reads_in(world.symbols, world.size, expr)


def expr_reads_in(symbols: Symbols, n: int, expr: Expr) -> Reads:
    """``expr_reads`` with the ids resolved by ``symbols`` (SELF bound, in an option)."""
    rel: set[int] = set()
    stats: set[int] = set()
    flags: set[str] = set()
    for node in expr.walk():
        if not isinstance(node, Call):
            continue
        names = [arg.name if isinstance(arg, Name) else "" for arg in node.args]
        if node.func == "rel":
            rel.add(symbols.actors[names[0]] * n + symbols.actors[names[1]])
        elif node.func == "stat":
            stats.add(symbols.stats[(symbols.actors[names[0]], names[1])])
        elif node.func == "flag":
            flags.add(names[0])
    return Reads(frozenset(rel), frozenset(stats), frozenset(flags))


def goal_reads(world: World, actor: int) -> tuple[Reads, ...]:
    """What each of the actor's goals reads. Goal measures name their ids outright (no SELF)."""
    return tuple(expr_reads(world, goal.measure) for goal in world.scenario.actors[actor].goals)


def merge(parts: tuple[Reads, ...]) -> Reads:
    """Everything any of ``parts`` reads."""
    return Reads(
        frozenset().union(*(p.rel for p in parts)),
        frozenset().union(*(p.stats for p in parts)),
        frozenset().union(*(p.flags for p in parts)),
    )


def plan(n: int, reads: Reads, ops: tuple[Op, ...]) -> tuple[Step, ...]:
    """The steps of ``ops`` whose results ``reads`` can see, in their original order."""
    return _plan(n, reads, ops, set(reads.rel), set(reads.stats), set(reads.flags))


def _plan(
    n: int,
    reads: Reads,
    ops: tuple[Op, ...],
    live_rel: set[int],
    live_stats: set[int],
    live_flags: set[str],
) -> tuple[Step, ...]:
    """``plan`` with the live sets given, and grown to what the steps before ``ops`` must
    keep (an ``if`` effect's branches are planned with copies, and its condition's reads are
    live before it: which branch lands depends on them)."""
    steps: list[Step] = []
    for op in reversed(ops):
        if op.kind == "if":
            branches = []
            rel_after, stats_after, flags_after = set(live_rel), set(live_stats), set(live_flags)
            for branch in (op.then, op.orelse):
                rel, stats, flags = set(rel_after), set(stats_after), set(flags_after)
                branches.append(_plan(n, reads, branch, rel, stats, flags))
                live_rel |= rel
                live_stats |= stats
                live_flags |= flags
            if branches[0] or branches[1]:
                assert op.reads is not None
                live_rel |= op.reads.rel
                live_stats |= op.reads.stats
                live_flags |= op.reads.flags
                steps.append(Step(op, (), branches[0], branches[1]))
        elif op.kind == "rel":
            reactions: tuple[tuple[int, int], ...] = ()
            if op.propagate:
                viewer, viewed = divmod(op.index, n)
                # Reactions land on (other, viewed) and are decided by other's stance toward
                # the viewer; other is never the viewer or the viewed.
                reactions = tuple(
                    sorted(
                        (other * n + viewer, target)
                        for target in live_rel
                        if target % n == viewed and (other := target // n) not in (viewer, viewed)
                    )
                )
            if op.index in live_rel or reactions:
                live_rel.add(op.index)
                live_rel.update(stance for stance, _ in reactions)
                steps.append(Step(op, reactions))
        elif op.kind == "stat":
            if op.index in live_stats:
                steps.append(Step(op))
        elif op.flag in live_flags:
            steps.append(Step(op))
    steps.reverse()
    return tuple(steps)


def full_plan(n: int, ops: tuple[Op, ...]) -> tuple[Step, ...]:
    """Every effect and every possible reaction: what an unpruned trace does."""
    steps = []
    for op in ops:
        if op.kind == "if":
            steps.append(Step(op, (), full_plan(n, op.then), full_plan(n, op.orelse)))
            continue
        reactions: tuple[tuple[int, int], ...] = ()
        if op.kind == "rel" and op.propagate:
            viewer, viewed = divmod(op.index, n)
            reactions = tuple(
                (other * n + viewer, other * n + viewed)
                for other in range(n)
                if other not in (viewer, viewed)
            )
        steps.append(Step(op, reactions))
    return tuple(steps)


def moved_goals(goals: tuple[Reads, ...], steps: tuple[Step, ...]) -> tuple[bool, ...]:
    """For each goal (given by what it reads), whether the steps write anything it reads.

    A goal they cannot reach keeps its score, so the AI reuses it instead of recomputing.
    """
    rel: set[int] = set()
    stats: set[int] = set()
    flags: set[str] = set()
    for step in flat_steps(steps):
        op = step.op
        if op.kind == "rel":
            rel.add(op.index)
            rel.update(target for _, target in step.reactions)
        elif op.kind == "stat":
            stats.add(op.index)
        elif op.kind == "flag":
            flags.add(op.flag)
    return tuple(
        not (reads.rel.isdisjoint(rel) and reads.stats.isdisjoint(stats))
        or not reads.flags.isdisjoint(flags)
        for reads in goals
    )


def flat_steps(steps: tuple[Step, ...]) -> list[Step]:
    """Every step of a plan, both branches of each ``if`` included (what it may write)."""
    found: list[Step] = []
    for step in steps:
        if step.op.kind == "if":
            found.extend(flat_steps(step.then))
            found.extend(flat_steps(step.orelse))
        else:
            found.append(step)
    return found
