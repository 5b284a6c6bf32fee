"""A compiled ``World`` in the shape the batch simulator needs: rows, masks and numpy closures.

Built once per scenario (``BatchWorld.build``), beside the World it comes from. Everything the
batch reads by id is turned into a row number here: flags (only those some effect sets; the
others are false forever), every (option, actor) way of taking an option, events. Conditions
are compiled by ``vector_expr``; effects keep the engine's compiled ``Op`` with the index
arrays of their possible reactions. ``build`` raises ``Unsupported`` for a scenario whose
numbers could leave the range where numpy and Python agree exactly.
"""

from __future__ import annotations

import attrs
import numpy as np

from game.engine.kernel import CompiledOption, Op, Step, Symbols, World, expr_reads
from game.scenario.expr import Expr
from game.scenario.refs import SELF
from game.sim.vector_expr import EXACT, Rows, Unsupported, VectorFn, compile_vector

_WIDE = 2**62
"""Largest effect amount accepted: sums of two stay within int64."""


@attrs.frozen
class VOp:
    """One effect, with the relation rows its reactions read (stances) and write (targets)."""

    op: Op
    row: int
    """Relation or stat index, or flag row."""
    stances: np.ndarray | None = None
    targets: np.ndarray | None = None


@attrs.frozen
class VStep:
    """A trace-plan step (``relevance.Step``) with its reactions as plain index lists."""

    op: Op
    stances: tuple[int, ...]
    targets: tuple[int, ...]


@attrs.frozen
class VOption:
    """An option as one actor takes it, ready for a batch."""

    compiled: CompiledOption
    position: int
    """Index among the actor's options (what a batch stores as the actor's choice)."""
    row: int
    """Its row in the batch's `taken` table."""
    requires: VectorFn | None
    effects: tuple[VOp, ...]
    otherwise: tuple[VOp, ...]
    offer_slot: int = -1
    """For an option that makes an offer: its row in the batch's offer tables."""


@attrs.frozen
class VOffer:
    """An offer as one actor makes it (``CompiledOffer``), ready for a batch.

    Attributes:
        slot: Its row in the games' offer tables (one per option that makes offers).
        option: The option's index; ``maker``: who makes it this way.
        parties, answers, expires: As ``CompiledOffer``'s.
        outcomes: Per answer, the effects that land when the offer ends with it.
        expired: The effects of running out of time.
        valued: Per answer, whether it has effects (``move_value`` is 0.0 without).
        plans: Per party, per answer: the trace plan the party values the answer by.
    """

    slot: int
    option: int
    maker: int
    parties: tuple[int, ...]
    answers: tuple[str, ...]
    expires: int
    outcomes: tuple[tuple[VOp, ...], ...]
    expired: tuple[VOp, ...]
    valued: tuple[bool, ...]
    plans: tuple[tuple[tuple[VStep, ...], ...], ...]


@attrs.frozen
class VEvent:
    index: int
    turn: int | None
    when: VectorFn | None
    chance: float
    once: bool
    effects: tuple[VOp, ...]


@attrs.frozen
class VEnding:
    index: int
    when: VectorFn | None
    any_turn: bool


@attrs.frozen
class VGoal:
    """A goal measure and the constants of ``CompiledGoal.score``, computed as Python does."""

    measure: VectorFn
    weight: float
    low: float
    high: float
    span: float
    reads_rel: frozenset[int]
    reads_stats: frozenset[int]
    reads_flags: frozenset[int]


@attrs.frozen
class BatchWorld:
    world: World
    rows: Rows
    flag_names: tuple[str, ...]
    taken_keys: tuple[tuple[int, int], ...]
    """(option index, actor index) of each row of the `taken` table."""
    moves: tuple[tuple[VOption, ...], ...]
    """Per actor, its options in scenario order."""
    events: tuple[VEvent, ...]
    endings: tuple[VEnding, ...]
    fallback: int
    goals: tuple[tuple[VGoal, ...], ...]
    """Per actor, its goals in order."""
    offers: dict[tuple[int, int], VOffer] = attrs.field(factory=dict)
    """Per (offer slot, maker): the offer as that government makes it."""
    offer_parties: tuple[tuple[int, ...], ...] = ()
    """Per offer slot, its parties (the same whoever makes it)."""
    plans: dict[tuple[int, int, bool], tuple[VStep, ...]] = attrs.field(factory=dict, eq=False)
    """Per (actor, option position, success): the trace plan (see ``plan``)."""

    @property
    def n(self) -> int:
        return self.world.size

    def plan(self, actor: int, position: int, success: bool) -> tuple[VStep, ...]:
        """The engine's trace plan for an actor valuing one of its own options."""
        key = (actor, position, success)
        found = self.plans.get(key)
        if found is None:
            option = self.moves[actor][position].compiled
            found = self.plans[key] = tuple(
                _vstep(step) for step in self.world.trace_plan(actor, option, success)
            )
        return found

    @classmethod
    def build(cls, world: World) -> BatchWorld:
        """Compile for batches; raises ``Unsupported`` when exactness cannot be promised."""
        return _build(world)


def _vstep(step: Step) -> VStep:
    return VStep(
        step.op,
        tuple(stance for stance, _ in step.reactions),
        tuple(target for _, target in step.reactions),
    )


def _build(world: World) -> BatchWorld:
    s = world.scenario
    rules = s.rules
    n = world.size
    fallback = [i for i, e in enumerate(world.endings) if e.when is None]
    if not fallback:
        raise Unsupported(
            "no fallback ending: games could go on past the last turn", "no-fallback-ending"
        )
    if any(op.kind == "if" for ops in _all_ops(world) for op in ops):
        # A branch chosen per game would need masked application of each branch's effects;
        # until the batch plays them, such scenarios are played by the scalar engine.
        raise Unsupported(
            "conditional effects (`if:`): the batch engine does not play them yet",
            "conditional-effects",
        )
    bounds = (*rules.relation_bounds, *rules.stat_bounds)
    if any(abs(b) > EXACT for b in bounds):
        raise Unsupported("score bounds beyond 2**53")
    flag_names = sorted({op.flag for ops in _all_ops(world) for op in ops if op.kind == "flag"})
    taken_keys = tuple(
        (option.index, actor) for actor in range(n) for option in world.actor_options[actor]
    )
    rows = Rows(
        n=n,
        flags={name: row for row, name in enumerate(flag_names)},
        taken={key: row for row, key in enumerate(taken_keys)},
        rel_bound=float(max(abs(b) for b in rules.relation_bounds)),
        stat_bound=float(max(abs(b) for b in rules.stat_bounds)),
        turn_bound=s.turns + 1,
    )

    def cond(expr: Expr | None, symbols: Symbols) -> VectorFn | None:
        if expr is None:
            return None
        return compile_vector(expr, symbols, rows).fn

    def vops(ops: tuple[Op, ...]) -> tuple[VOp, ...]:
        return tuple(_vop(op, n, rows) for op in ops)

    slots = {i: k for k, i in enumerate(i for i, o in enumerate(s.options) if o.offer)}
    offers: dict[tuple[int, int], VOffer] = {}
    moves = []
    for actor in range(n):
        symbols = attrs.evolve(world.symbols, actors={**world.symbols.actors, SELF: actor})
        moves.append(
            tuple(
                VOption(
                    option,
                    position,
                    rows.taken[(option.index, actor)],
                    cond(option.model.requires, symbols),
                    vops(option.effects),
                    vops(option.otherwise),
                    slots.get(option.index, -1),
                )
                for position, option in enumerate(world.actor_options[actor])
            )
        )
        for option in world.actor_options[actor]:
            offer = option.offer
            if offer is not None:
                offers[(slots[option.index], actor)] = VOffer(
                    slot=slots[option.index],
                    option=option.index,
                    maker=actor,
                    parties=offer.parties,
                    answers=offer.answers,
                    expires=offer.expires,
                    outcomes=tuple(vops(ops) for ops in offer.outcomes),
                    expired=vops(offer.expired),
                    valued=tuple(bool(ops) for ops in offer.outcomes),
                    plans=tuple(
                        tuple(
                            tuple(_vstep(step) for step in world.trace_plan(party, move, True))
                            for move in offer.moves
                        )
                        for party in offer.parties
                    ),
                )
    parties: list[tuple[int, ...]] = [()] * len(slots)
    for (slot, _), voffer in offers.items():
        parties[slot] = voffer.parties
    events = tuple(
        VEvent(
            e.index,
            e.model.turn,
            cond(e.model.when, world.symbols),
            e.model.chance,
            e.model.once,
            vops(e.effects),
        )
        for e in world.events
    )
    endings = tuple(
        VEnding(i, cond(e.model.when, world.symbols), e.model.at == "any")
        for i, e in enumerate(world.endings)
    )
    goals = tuple(
        tuple(_vgoal(world, actor, index, rows) for index in range(len(world.goals[actor])))
        for actor in range(n)
    )
    return BatchWorld(
        world=world,
        rows=rows,
        flag_names=tuple(flag_names),
        taken_keys=taken_keys,
        moves=tuple(moves),
        events=events,
        endings=endings,
        fallback=fallback[-1],
        goals=goals,
        offers=offers,
        offer_parties=tuple(parties),
    )


def _all_ops(world: World) -> list[tuple[Op, ...]]:
    found = [e.effects for e in world.events]
    for options in world.actor_options:
        for option in options:
            found += [option.effects, option.otherwise]
            if option.offer is not None:
                found += [*option.offer.outcomes, option.offer.expired]
    return found


def _vop(op: Op, n: int, rows: Rows) -> VOp:
    if abs(op.amount) > _WIDE:
        raise Unsupported(
            f"effect amount {op.amount} is too large for int64 arithmetic", "int64-overflow"
        )
    if op.kind == "flag":
        return VOp(op, rows.flags[op.flag])
    if op.kind == "stat" or not op.propagate:
        return VOp(op, op.index)
    viewer, viewed = divmod(op.index, n)
    others = [o for o in range(n) if o not in (viewer, viewed)]
    return VOp(
        op,
        op.index,
        np.array([o * n + viewer for o in others], dtype=np.intp),
        np.array([o * n + viewed for o in others], dtype=np.intp),
    )


def _vgoal(world: World, actor: int, index: int, rows: Rows) -> VGoal:
    goal = world.goals[actor][index]
    model = world.scenario.actors[actor].goals[index]
    measure = compile_vector(model.measure, world.symbols, rows)
    low, high = goal.low, goal.high
    # score = 100.0 * (clamp(measure) - low) / (high - low): the subtraction must be exact
    # whenever Python's would be (integers).
    if max(abs(low), abs(high)) > EXACT or (
        measure.kind in ("int", "mixed") and max(abs(low), abs(high)) + measure.bound > EXACT
    ):
        raise Unsupported(f"goal '{goal.id}' has a range too wide for exact arithmetic")
    reads = expr_reads(world, model.measure)
    return VGoal(
        measure.fn,
        goal.weight,
        low,
        high,
        high - low,
        reads.rel,
        reads.stats,
        frozenset(rows.flags[f] for f in reads.flags if f in rows.flags),
    )
