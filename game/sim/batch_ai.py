"""The computer governments' choices (``engine.ai.choose``) for a whole batch at once.

Same values, same noise, same order of draws as the scalar AI: each available option is
valued by its expected goal change (traced on an overlay of the goal-relevant numbers only,
``relevance``), plus its ``ai_weight``, plus the profile's noise; waiting is worth the
``wait_bias`` plus noise; an option the actor took before loses its ``repeat_penalty``;
the highest value wins and ties keep the earlier choice. The game's
generator gives one Gaussian draw for waiting and then one per *available* option, so in a
game where option 3 is the second available one, its noise is that game's draw number 2:
the batch draws every game's possible draws at once and picks each game's own.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.sim import vector_rng
from game.sim.batch_board import Games, Rules, bounded, clamp
from game.sim.batch_world import BatchWorld, VGoal, VOffer, VOption, VStep


class _Layer:
    """A table with some rows replaced: ``layer[i]`` is the overlay's row if it has one."""

    __slots__ = ("base", "over")

    def __init__(self, base: Any, over: dict[int, Any]) -> None:
        self.base = base
        self.over = over

    def __getitem__(self, index: Any) -> Any:
        over = self.over
        if index.__class__ is int and index in over:
            return over[index]
        return self.base[index]


class _Overlay:
    """The turn-start position with one move's goal-relevant effects laid over it."""

    __slots__ = ("fired", "flags", "rel", "stats", "taken", "turn")

    def __init__(self, games: Games, rel: dict, stats: dict, flags: dict) -> None:
        self.rel = _Layer(games.rel, rel)
        self.stats = _Layer(games.stats, stats)
        self.flags = _Layer(games.flags, flags)
        self.taken = games.taken
        self.fired = games.fired
        self.turn = games.turn


def available(option: VOption, actor: int, view: Any) -> Any:
    """Where the actor may take the option (``rules.is_available``): array or plain bool."""
    free: Any = True
    if option.compiled.model.once:
        free = ~view.taken[option.row]
    if option.offer_slot >= 0:  # not while that offer is open
        closed = view.offer_maker[option.offer_slot] >= 0
        free = ~closed if free is True else free & ~closed
    if option.requires is None:
        return free
    ok = option.requires(view)
    if free is True:
        return ok
    return free & ok


def goal_term(goal: VGoal, view: Any) -> Any:
    """weight × ``CompiledGoal.score`` (0..100), in the engine's order of operations."""
    measure = goal.measure(view)
    value: Any
    if isinstance(measure, np.ndarray):
        value = np.minimum(np.maximum(measure, goal.low), goal.high)
    else:
        value = min(max(measure, goal.low), goal.high)
    return goal.weight * (100.0 * (value - goal.low) / goal.span)


def ordered_total(terms: list[Any]) -> Any:
    """Left-to-right sum, as ``valuation.goal_total`` adds."""
    total: Any = 0.0
    for term in terms:
        total = total + term
    return total


def choose(
    bw: BatchWorld, rules: Rules, games: Games, actor: int, rng: np.ndarray
) -> tuple[np.ndarray, list[Any]]:
    """Each game's choice for the actor (option position, -1 to wait); advances ``rng``.

    Also returns where each option was available (the player's policies need it).
    """
    world = bw.world
    profile = world.scenario.actors[actor].ai
    options = bw.moves[actor]
    count = games.count
    offered = [available(option, actor, games) for option in options]
    noise = vector_rng.gauss_table(rng, 1 + len(options))
    goals = bw.goals[actor]
    terms = [goal_term(goal, games) for goal in goals]
    before = ordered_total(terms)
    finite = bool(np.all(np.isfinite(before)))
    best = np.full(count, -1, dtype=np.int64)
    best_value = profile.wait_bias + noise[0] * profile.noise
    drawn = np.zeros(count, dtype=np.int64)
    columns = np.arange(count)
    for position, option in enumerate(options):
        where = offered[position]
        if where is False or (isinstance(where, np.ndarray) and not where.any()):
            continue
        drawn = drawn + where
        value = _move_value(bw, rules, games, actor, option, terms, before, finite)
        value = value + option.compiled.model.ai_weight
        if profile.repeat_penalty:
            value = value - profile.repeat_penalty * games.taken[option.row]
        value = value + noise[drawn, columns] * profile.noise
        better = (value > best_value) & where
        best = np.where(better, position, best)
        best_value = np.where(better, value, best_value)
    vector_rng.advance(rng, 4 * (1 + drawn))
    return best, offered


def _move_value(
    bw: BatchWorld,
    rules: Rules,
    games: Games,
    actor: int,
    option: VOption,
    terms: list[Any],
    before: Any,
    finite: bool,
) -> Any:
    """``valuation.move_value`` for every game; a plain 0.0 when no goal can move."""
    total_weight = bw.world.goal_weights[actor]
    if not total_weight:
        return 0.0
    model = option.compiled.model
    chance = model.chance
    value: Any = 0.0
    if chance > 0 and option.compiled.effects:
        steps = bw.plan(actor, option.position, True)
        if steps or not finite:
            after = _traced_total(bw, rules, games, actor, steps, terms)
            value = value + chance * (after - before)
    if chance < 1 and option.compiled.otherwise:
        steps = bw.plan(actor, option.position, False)
        if steps or not finite:
            after = _traced_total(bw, rules, games, actor, steps, terms)
            value = value + (1 - chance) * (after - before)
    return value / total_weight


def answer_values(
    bw: BatchWorld, rules: Rules, games: Games, party: int, offer: VOffer
) -> list[Any]:
    """``valuation.move_value`` of each answer's effects for the party, in every game, as
    ``offers.computer_answer`` asks it (a move of chance 1)."""
    total_weight = bw.world.goal_weights[party]
    if not total_weight:
        return [0.0] * len(offer.answers)
    terms = [goal_term(goal, games) for goal in bw.goals[party]]
    before = ordered_total(terms)
    finite = bool(np.all(np.isfinite(before)))
    plans = offer.plans[offer.parties.index(party)]
    values = []
    for valued, steps in zip(offer.valued, plans, strict=True):
        value: Any = 0.0
        if valued and (steps or not finite):
            after = _traced_total(bw, rules, games, party, steps, terms)
            value = value + 1.0 * (after - before)
        values.append(value / total_weight)
    return values


def computer_answers(
    bw: BatchWorld, rules: Rules, games: Games, party: int, offer: VOffer
) -> np.ndarray:
    """``offers.computer_answer`` in every game: the answer's index, declining unless another
    is worth strictly more, judged in the answers' order."""
    values = answer_values(bw, rules, games, party, offer)
    decline = offer.answers.index("decline")
    best = np.full(games.count, decline, dtype=np.int64)
    best_value = values[decline]
    for k, value in enumerate(values):
        if k == decline:
            continue
        better = np.asarray(value > best_value) & np.ones(games.count, dtype=bool)
        best = np.where(better, k, best)
        best_value = np.where(better, value, best_value)
    return best


def _traced_total(
    bw: BatchWorld,
    rules: Rules,
    games: Games,
    actor: int,
    steps: tuple[VStep, ...],
    terms: list[Any],
) -> Any:
    """The actor's goal total after the traced steps; goals the steps cannot reach reuse
    their term from the position (same inputs, same float)."""
    rel, stats, flags = _trace(bw, rules, games, steps)
    view = _Overlay(games, rel, stats, flags)
    after = []
    for goal, term in zip(bw.goals[actor], terms, strict=True):
        if (
            goal.reads_rel.isdisjoint(rel)
            and goal.reads_stats.isdisjoint(stats)
            and goal.reads_flags.isdisjoint(flags)
        ):
            after.append(term)
        else:
            after.append(goal_term(goal, view))
    return ordered_total(after)


def _trace(
    bw: BatchWorld, rules: Rules, games: Games, steps: tuple[VStep, ...]
) -> tuple[dict[int, Any], dict[int, Any], dict[int, Any]]:
    """``valuation.trace`` on arrays: the overlay rows a move's plan writes."""
    rel: dict[int, Any] = {}
    stats: dict[int, Any] = {}
    flags: dict[int, Any] = {}
    base_rel = games.rel
    reaction = rules.reaction
    for step in steps:
        op = step.op
        if op.kind == "rel":
            index = op.index
            current = rel[index] if index in rel else base_rel[index]
            target = reaction.clamp(op.amount if op.absolute else current + op.amount)
            rel[index] = target
            if step.stances:
                shifts = reaction.shifts(target - current)
                for stance_index, target_index in zip(step.stances, step.targets, strict=True):
                    stance = rel[stance_index] if stance_index in rel else base_rel[stance_index]
                    old = rel[target_index] if target_index in rel else base_rel[target_index]
                    rel[target_index] = reaction.react(stance, old, shifts)
        elif op.kind == "stat":
            index = op.index
            current = stats[index] if index in stats else games.stats[index]
            if op.absolute:
                stats[index] = bounded(op.amount, rules.slow, rules.shigh)
            else:
                stats[index] = clamp(current + op.amount, rules.slow, rules.shigh)
        else:
            flags[bw.rows.flags[op.flag]] = bool(op.amount)
    return rel, stats, flags
