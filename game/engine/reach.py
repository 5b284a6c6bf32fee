"""How far a move can shift an actor's goal total: a bound worked out once, from the scenario.

With 193 governments the AI values over a thousand options a turn, and most of them cannot win:
an option's value is its expected goal gain, plus its ``ai_weight``, plus noise, and the noise
is drawn before any option is valued. If even the largest gain the option could possibly bring
leaves it below the best value so far, valuing it exactly cannot change the choice, so
``ai.pick`` skips it. That needs a bound that is *sound*, never one that is merely likely:

* every effect in a trace plan changes a number by at most its amount (the whole score range
  for an absolute `set`), and a reaction by at most that change times the larger reaction
  share plus one half (rounding); clamping only ever shrinks a change;
* a goal measure changes by at most ``sum(c_i * |change of input i|)``, with coefficients from
  its formula (``sensitivity``): 1 for a read, sums for + and -, the larger for min and max,
  ``|a| * c_b + |b| * c_a`` for a product (with bounds on |a| and |b| from the score bounds),
  ``c / |k|`` for division by a constant. Division by anything else has no such bound, and an
  option whose goals have none is always valued exactly;
* a goal's score moves by at most 100 × (measure change) / (high − low).

The bound is inflated by a relative and an absolute 1e-9 to cover floating-point rounding in
the exact valuation (errors there are around 1e-13 points).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.engine.relevance import flat_steps
from game.scenario.expr import Binary, Call, Name, Node, Num, Unary

if TYPE_CHECKING:
    from game.engine.relevance import Step
    from game.engine.world import World

Inputs = dict[tuple[str, int], float]
"""Coefficient of each input, ("rel" | "stat", index) -> c."""

SLACK = 1e-9


def sensitivity(world: World, node: Node) -> tuple[Inputs, float] | None:
    """(coefficients, largest magnitude) of a numeric expression, or None if unbounded."""
    rules = world.rules
    if isinstance(node, Num):
        return {}, abs(float(node.value))
    if isinstance(node, Name):
        if node.name == "turns":
            return {}, float(world.scenario.turns)
        # Games end by turn `turns` when there is a fallback ending; without one they may not.
        ends = any(ending.when is None for ending in world.endings)
        return {}, float(world.scenario.turns + 1) if ends else math.inf
    if isinstance(node, Unary):
        return sensitivity(world, node.operand) if node.op == "-" else None
    if isinstance(node, Binary):
        return _binary(world, node)
    if isinstance(node, Call):
        names = [arg.name if isinstance(arg, Name) else "" for arg in node.args]
        symbols = world.symbols
        if node.func == "rel":
            index = symbols.actors[names[0]] * world.size + symbols.actors[names[1]]
            return {("rel", index): 1.0}, float(max(map(abs, rules.relation_bounds)))
        if node.func == "stat":
            index = symbols.stats[(symbols.actors[names[0]], names[1])]
            return {("stat", index): 1.0}, float(max(map(abs, rules.stat_bounds)))
        parts = [sensitivity(world, arg) for arg in node.args]
        if any(part is None for part in parts) or node.func not in ("abs", "min", "max"):
            return None
        found = [part for part in parts if part is not None]
        coefficients: Inputs = {}
        for inputs, _ in found:
            for key, c in inputs.items():
                coefficients[key] = max(coefficients.get(key, 0.0), c)
        return coefficients, max(size for _, size in found)
    return None


def _binary(world: World, node: Binary) -> tuple[Inputs, float] | None:
    left, right = sensitivity(world, node.left), sensitivity(world, node.right)
    if left is None or right is None:
        return None
    (lc, lm), (rc, rm) = left, right
    if node.op in ("+", "-"):
        return _combine(lc, 1.0, rc, 1.0), lm + rm
    if node.op == "*":
        return _combine(lc, rm, rc, lm), lm * rm
    if node.op == "/" and isinstance(node.right, Num) and node.right.value:
        k = abs(float(node.right.value))
        return {key: c / k for key, c in lc.items()}, lm / k
    return None


def _combine(a: Inputs, wa: float, b: Inputs, wb: float) -> Inputs:
    out = {key: c * wa for key, c in a.items()}
    for key, c in b.items():
        out[key] = out.get(key, 0.0) + c * wb
    return out


def largest_changes(world: World, steps: tuple[Step, ...]) -> Inputs:
    """The most each number can move over a trace plan, all its changes added up."""
    rules = world.rules
    rel_span = float(rules.relation_bounds[1] - rules.relation_bounds[0])
    stat_span = float(rules.stat_bounds[1] - rules.stat_bounds[0])
    share = max(rules.ally_reaction, rules.enemy_reaction)
    moves: Inputs = {}
    for step in flat_steps(steps):  # both branches of an `if`: an upper bound either way
        op = step.op
        if op.kind == "flag":
            continue
        span = rel_span if op.kind == "rel" else stat_span
        change = span if op.absolute else min(abs(float(op.amount)), span)
        key = (op.kind, op.index)
        moves[key] = moves.get(key, 0.0) + change
        for _, target in step.reactions:
            moves[("rel", target)] = moves.get(("rel", target), 0.0) + change * share + 0.5
    return moves


def gain_bound(world: World, actor: int, steps: tuple[Step, ...], moved: tuple[bool, ...]) -> float:
    """The most ``sum(weight × score)`` over the actor's goals can change along the plan.

    ``inf`` when a moved goal's measure has no bound (or a flag it reads is set by the plan).
    """
    moves = largest_changes(world, steps)
    flags = {step.op.flag for step in flat_steps(steps) if step.op.kind == "flag"}
    total = 0.0
    for goal, model, changed in zip(
        world.goals[actor], world.scenario.actors[actor].goals, moved, strict=True
    ):
        if not changed:
            continue
        found = sensitivity(world, model.measure.node)
        if found is None or flags:
            return math.inf
        inputs, _ = found
        shift = sum(c * moves.get(key, 0.0) for key, c in inputs.items())
        total += goal.weight * 100.0 * shift / goal.span
    if not math.isfinite(total):
        return math.inf
    return total * (1 + SLACK) + SLACK
