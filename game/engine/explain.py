"""A condition in words, clause by clause, against a position: why an option is closed, how
far an ending is.

A student should never read `not flag(s400_mothballed) and rel(RUS, SELF) > -20`. This module
walks the parsed condition (``game.scenario.expr``) and words each clause of its top-level
`and` from the scenario's labels ("Russia's view of you above -20"), with whether it holds
now and the value it reads ("it is -24"). ``failing`` keeps the clauses that do not hold,
which is why an option is unavailable; an ending's stakes show every clause. `not` is pushed
inwards (De Morgan), so `not (a and b)` is worded as "a fails or b fails" and a comparison
under `not` flips its operator. Pure and deterministic: each clause is compiled with the
engine's own compiler, so the words can never disagree with the rule.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from game.engine.compile import Compiled, Symbols, compile_expr
from game.engine.narrate import actor_name, flag_label, possessive, stat_label
from game.engine.position import Position
from game.engine.world import World
from game.scenario.expr import Binary, Bool, Call, Expr, Logic, Name, Node, Num, Unary
from game.scenario.refs import SELF

FLIPPED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
"""The comparison that holds exactly when the other does not."""

MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
"""The same comparison with its operands swapped (`3 < x` is `x > 3`)."""

ARITHMETIC_WORDS = {"+": "plus", "-": "minus", "*": "times", "/": "divided by"}

OP_WORDS = {
    "<": "below",
    "<=": "at most",
    ">": "above",
    ">=": "at least",
    "==": "exactly",
    "!=": "anything but",
}


@attrs.frozen
class Clause:
    """One requirement of a condition, worded, with how the position stands against it.

    Attributes:
        need: The requirement, as a phrase: "Russia's view of you above -20".
        holds: Whether it holds in the position.
        now: Where the position stands: "it is -24", "it is turn 2", "not yet", "yes".
        reason: Why it stops something when it fails: "Russia's view of you must be above
            -20; it is -24", "needs: Turkey has stored the S-400s (not yet)".
    """

    need: str
    holds: bool
    now: str
    reason: str


@attrs.frozen
class _Speaker:
    """What wording needs: the world, whose side the words take, and who SELF is."""

    world: World
    role: str
    symbols: Symbols
    self_actor: str | None

    def compiled(self, node: Node) -> Compiled:
        return compile_expr(Expr("", node), self.symbols)

    def actor(self, name: str) -> str:
        return (self.self_actor or name) if name == SELF else name

    def who(self, name: str) -> str:
        actor = self.actor(name)
        return "you" if actor == self.role else actor_name(self.world, actor)

    def whose(self, name: str) -> str:
        actor = self.actor(name)
        return "your" if actor == self.role else possessive(actor_name(self.world, actor))


def clauses(
    world: World, expr: Expr, view: Position, role: str, self_actor: str | None = None
) -> tuple[Clause, ...]:
    """Each clause of ``expr``'s top-level `and`, worded from ``role``'s side.

    ``self_actor`` is who SELF stands for (the actor taking an option); None outside options.
    """
    symbols = world.symbols
    if self_actor is not None:
        own = {**symbols.actors, SELF: world.actor_index[self_actor]}
        symbols = attrs.evolve(symbols, actors=own)
    speaker = _Speaker(world, role, symbols, self_actor)
    return tuple(_clauses(speaker, expr.node, True, view))


def failing(
    world: World, expr: Expr, view: Position, role: str, self_actor: str | None = None
) -> tuple[str, ...]:
    """Why ``expr`` does not hold: the reason of each clause that fails, in order."""
    return tuple(c.reason for c in clauses(world, expr, view, role, self_actor) if not c.holds)


def _clauses(s: _Speaker, node: Node, positive: bool, view: Position) -> list[Clause]:
    if isinstance(node, Unary) and node.op == "not":
        return _clauses(s, node.operand, not positive, view)
    if isinstance(node, Logic):
        conjunction = (node.op == "and") == positive
        if conjunction:
            return [c for o in node.operands for c in _clauses(s, o, positive, view)]
        return [_either(s, node, positive, view)]
    return [_atom(s, node, positive, view)]


def _either(s: _Speaker, node: Logic, positive: bool, view: Position) -> Clause:
    """A disjunction as one clause: it holds when any of its branches does."""
    branches = [_clauses(s, o, positive, view) for o in node.operands]
    holds = any(all(c.holds for c in branch) for branch in branches)
    need = " or ".join(" and ".join(c.need for c in branch) for branch in branches)
    standing = "; or ".join(
        " and ".join(f"{c.need} ({c.now})" for c in branch) for branch in branches
    )
    return Clause(
        f"either {need}", holds, "yes" if holds else "not yet", f"needs one of: {standing}"
    )


def _atom(s: _Speaker, node: Node, positive: bool, view: Position) -> Clause:
    if isinstance(node, Binary) and node.op in FLIPPED:
        return _comparison(s, node, positive, view)
    holds = bool(s.compiled(node)(view)) == positive
    if isinstance(node, Call) and node.func in _FACTS:
        fact = _FACTS[node.func](s, node)
        if positive:
            return Clause(fact, holds, "yes" if holds else "not yet", f"needs: {fact} (not yet)")
        return Clause(f"not: {fact}", holds, "not so" if holds else "it is so", f"closed: {fact}")
    if isinstance(node, Bool):
        need = "never" if node.value != positive else "always"
        return Clause(need, holds, "yes" if holds else "no", "never open")
    need = _amount(s, node)
    need = need if positive else f"not: {need}"
    return Clause(need, holds, "yes" if holds else "no", f"needs: {need}")


def _flag(s: _Speaker, node: Call) -> str:
    return flag_label(s.world, _name(node, 0))


def _taken(s: _Speaker, node: Call) -> str:
    label = s.world.option(_name(node, 0)).label
    who = s.who(_name(node, 1)) if len(node.args) > 1 else "someone"
    verb = "have" if who == "you" else "has"
    return f"{who} {verb} taken “{label}”"


def _fired(s: _Speaker, node: Call) -> str:
    event = next(e for e in s.world.scenario.events if e.id == _name(node, 0))
    return f"“{event.title}” has happened"


_FACTS: dict[str, Callable[[_Speaker, Call], str]] = {
    "flag": _flag,
    "taken": _taken,
    "fired": _fired,
}
"""The true-or-false functions, each worded as the fact it tests."""


def _comparison(s: _Speaker, node: Binary, positive: bool, view: Position) -> Clause:
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Num) and not isinstance(right, Num):
        left, right, op = right, left, MIRRORED[op]
    if not positive:
        op = FLIPPED[op]
    value, target = s.compiled(left)(view), s.compiled(right)(view)
    holds = bool(s.compiled(Binary(op, left, right, node.col))(view))
    if isinstance(left, Name) and left.name == "turn" and isinstance(right, Num):
        return _turn_clause(op, int(right.value), int(value), holds)
    signed = isinstance(left, Call) and left.func == "rel"
    subject = _amount(s, left)
    goal = _number(target, signed) if isinstance(right, Num) else _amount(s, right)
    now = f"it is {_number(value, signed)}"
    need = f"{subject} {OP_WORDS[op]} {goal}"
    return Clause(need, holds, now, f"{subject} must be {OP_WORDS[op]} {goal}; {now}")


def _turn_clause(op: str, turn: int, now_turn: int, holds: bool) -> Clause:
    need = {
        ">=": f"from turn {turn}",
        ">": f"from turn {turn + 1}",
        "<=": f"until turn {turn}",
        "<": f"until turn {turn - 1}",
        "==": f"only on turn {turn}",
        "!=": f"on any turn but {turn}",
    }[op]
    now = f"it is turn {now_turn}"
    return Clause(need, holds, now, f"{need}; {now}")


def _amount(s: _Speaker, node: Node) -> str:
    """A number the condition reads, as a phrase: "Russia's view of you", "turn"."""
    if isinstance(node, Num):
        return _number(node.value, False)
    if isinstance(node, Bool):
        return "yes" if node.value else "no"
    if isinstance(node, Name):
        return "the turn" if node.name == "turn" else "the number of turns"
    if isinstance(node, Unary):
        inner = _amount(s, node.operand)
        return f"minus {inner}" if node.op == "-" else f"not {inner}"
    if isinstance(node, Binary):
        op = ARITHMETIC_WORDS.get(node.op, node.op)
        return f"{_amount(s, node.left)} {op} {_amount(s, node.right)}"
    if isinstance(node, Logic):
        return f" {node.op} ".join(_amount(s, o) for o in node.operands)
    if node.func == "rel":
        return f"{s.whose(_name(node, 0))} view of {s.who(_name(node, 1))}"
    if node.func == "stat":
        # The seat's own stat by its label alone: "world food prices", not "your prices".
        actor, stat = s.actor(_name(node, 0)), _name(node, 1)
        label = stat_label(s.world, actor, stat)
        return label if actor == s.role else f"{s.whose(actor)} {label}"
    if node.func in _FACTS:
        return _FACTS[node.func](s, node)
    parts = [_amount(s, a) for a in node.args]
    if node.func == "abs":
        return f"the size of {parts[0]}"
    return f"the {'lower' if node.func == 'min' else 'higher'} of {' and '.join(parts)}"


def _name(node: Call, index: int) -> str:
    arg = node.args[index]
    return arg.name if isinstance(arg, Name) else ""


def _number(value: float, signed: bool) -> str:
    whole = int(value) if float(value).is_integer() else None
    if whole is None:
        return f"{value:+.1f}" if signed else f"{value:.1f}"
    return f"{whole:+d}" if signed and whole else str(whole)
