"""The condition language: parsing to a small AST, and checking names and types.

Conditions are what instructors write in `requires:`, `when:`, goal `measure:` and test
`expect:`. They read like arithmetic and logic over the game's state::

    rel(TUR, RUS) < -40 and flag(s400_sent) and turn >= 3

Text is parsed once, at load, into frozen AST nodes whose ``col`` is the 0-based offset in the
source text, so every problem can be reported at its column. The engine compiles the AST into
plain Python closures; nothing is ever ``eval``-ed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Literal

import attrs

MAX_DEPTH = 64
"""Deepest nesting of parentheses and operators accepted (keeps the compiled form shallow)."""

MAX_NUMBER = 1_000_000_000
"""Largest number a condition may write: scores are small, and a literal like 1e400 would turn
into infinity (then NaN) at run time."""


class ExprSyntaxError(ValueError):
    """A condition that does not parse; ``col`` is the 0-based offset of the problem."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


# --- AST -----------------------------------------------------------------------------------


@attrs.frozen
class Num:
    value: float
    col: int


@attrs.frozen
class Bool:
    value: bool
    col: int


@attrs.frozen
class Name:
    """A bare word: a variable (`turn`) or, as a function argument, an id (`TUR`)."""

    name: str
    col: int


@attrs.frozen
class Call:
    func: str
    args: tuple[Node, ...]
    col: int


@attrs.frozen
class Unary:
    op: Literal["-", "not"]
    operand: Node
    col: int


@attrs.frozen
class Binary:
    """Arithmetic or comparison of two operands."""

    op: str
    left: Node
    right: Node
    col: int


@attrs.frozen
class Logic:
    """`and` / `or` over two or more operands (kept flat so long chains stay shallow)."""

    op: Literal["and", "or"]
    operands: tuple[Node, ...]
    col: int


Node = Num | Bool | Name | Call | Unary | Binary | Logic


@attrs.frozen
class Expr:
    """A parsed condition or numeric expression, with the text it came from.

    Attributes:
        source: The text as written, shown back to authors and players.
        node: The root of the parsed tree.
    """

    source: str
    node: Node

    def __str__(self) -> str:
        return self.source

    def walk(self) -> Iterator[Node]:
        """Every node of the tree, parents before children."""
        return walk(self.node)


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.right, current.left))
        elif isinstance(current, Logic):
            stack.extend(reversed(current.operands))


# --- Tokens --------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)|,)
    """,
    re.VERBOSE,
)

KEYWORDS = {"and", "or", "not", "true", "false"}

COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")


@attrs.frozen
class Token:
    kind: Literal["number", "name", "op", "end"]
    text: str
    col: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            hint = {
                "&": "write `and`",
                "|": "write `or`",
                "!": "write `not`, or `!=` for 'not equal'",
                "=": "write `==` to compare",
            }.get(char, "conditions use names, numbers, ( ) , and + - * / < <= > >= == !=")
            raise ExprSyntaxError(f"unexpected character {char!r}: {hint}", pos)
        kind = match.lastgroup
        assert kind is not None
        if kind != "space":
            tokens.append(Token(kind, match.group(), pos))  # type: ignore[arg-type]
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# --- Parser (precedence climbing) ----------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def accept(self, text: str) -> Token | None:
        if self.token.text == text and self.token.kind in ("op", "name"):
            return self.advance()
        return None

    def expect(self, text: str, what: str) -> Token:
        token = self.accept(text)
        if token is None:
            raise ExprSyntaxError(f"expected {what}, found {_describe(self.token)}", self.token.col)
        return token

    def nest(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprSyntaxError(f"nested more than {MAX_DEPTH} levels deep; simplify it", col)

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise ExprSyntaxError("empty condition", 0)
        node = self.logic("or")
        if self.token.kind != "end":
            raise ExprSyntaxError(
                f"unexpected {_describe(self.token)}; join conditions with `and` or `or`",
                self.token.col,
            )
        return node

    def logic(self, op: Literal["and", "or"]) -> Node:
        lower = self.negation if op == "and" else lambda: self.logic("and")
        first = lower()
        operands = [first]
        while self.accept(op):
            operands.append(lower())
        if len(operands) == 1:
            return first
        return Logic(op, tuple(operands), _col(first))

    def negation(self) -> Node:
        token = self.accept("not")
        if token is None:
            return self.comparison()
        self.nest(token.col)
        node = Unary("not", self.negation(), token.col)
        self.depth -= 1
        return node

    def comparison(self) -> Node:
        left = self.additive()
        if self.token.kind == "op" and self.token.text in COMPARISONS:
            op = self.advance()
            right = self.additive()
            if self.token.kind == "op" and self.token.text in COMPARISONS:
                raise ExprSyntaxError(
                    "comparisons cannot be chained; write `a < b and b < c`", self.token.col
                )
            return Binary(op.text, left, right, op.col)
        return left

    def additive(self) -> Node:
        node = self.multiplicative()
        while self.token.kind == "op" and self.token.text in ("+", "-"):
            op = self.advance()
            self.nest(op.col)
            node = Binary(op.text, node, self.multiplicative(), op.col)
        return node

    def multiplicative(self) -> Node:
        node = self.unary()
        while self.token.kind == "op" and self.token.text in ("*", "/"):
            op = self.advance()
            self.nest(op.col)
            node = Binary(op.text, node, self.unary(), op.col)
        return node

    def unary(self) -> Node:
        token = self.accept("-")
        if token is None:
            return self.atom()
        self.nest(token.col)
        operand = self.unary()
        self.depth -= 1
        if isinstance(operand, Num):
            return Num(-operand.value, token.col)
        return Unary("-", operand, token.col)

    def atom(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            return Num(_number(token), token.col)
        if token.kind == "name":
            self.advance()
            if token.text in ("true", "false"):
                return Bool(token.text == "true", token.col)
            if token.text in KEYWORDS:
                raise ExprSyntaxError(f"expected a value, found `{token.text}`", token.col)
            if self.accept("("):
                return self.call(token)
            return Name(token.text, token.col)
        if token.text == "(":
            self.advance()
            self.nest(token.col)
            node = self.logic("or")
            self.depth -= 1
            self.expect(")", "`)` to close the `(`")
            return node
        raise ExprSyntaxError(f"expected a value, found {_describe(token)}", token.col)

    def call(self, name: Token) -> Node:
        self.nest(name.col)
        args: list[Node] = []
        if not self.accept(")"):
            args.append(self.logic("or"))
            while self.accept(","):
                args.append(self.logic("or"))
            self.expect(")", f"`,` or `)` in the call to {name.text}()")
        self.depth -= 1
        return Call(name.text, tuple(args), name.col)


def _number(token: Token) -> int | float:
    """The value of a number token, refused beyond MAX_NUMBER before it can overflow."""
    whole = token.text.split(".")[0].lstrip("0")
    if len(whole) > len(str(MAX_NUMBER)) or float(token.text) > MAX_NUMBER:
        raise ExprSyntaxError(
            f"{token.text[:20]}{'…' if len(token.text) > 20 else ''} is far too large; keep "
            f"numbers within ±{MAX_NUMBER:,}",
            token.col,
        )
    value = float(token.text)
    return int(value) if value.is_integer() else value


def _describe(token: Token) -> str:
    return "the end of the condition" if token.kind == "end" else f"`{token.text}`"


def _col(node: Node) -> int:
    while isinstance(node, (Binary, Logic)):
        node = node.left if isinstance(node, Binary) else node.operands[0]
    return node.col


def parse(text: str) -> Expr:
    """Parse condition text; raises ExprSyntaxError with the column of the first problem."""
    return Expr(text, _Parser(text).parse())


# --- Names and types -----------------------------------------------------------------------

Type = Literal["bool", "number"]

IdKind = Literal["actor", "stat", "flag", "option", "event"]


@attrs.frozen
class Signature:
    """What a function takes and gives. Id arguments are bare names; others are expressions."""

    params: tuple[IdKind | Type, ...]
    result: Type
    doc: str
    optional: int = 0
    """How many trailing parameters may be left out."""


FUNCTIONS: dict[str, Signature] = {
    "rel": Signature(("actor", "actor"), "number", "rel(A, B): A's view of B"),
    "stat": Signature(("actor", "stat"), "number", "stat(A, name): A's stat"),
    "flag": Signature(("flag",), "bool", "flag(name): whether the flag is set"),
    "taken": Signature(
        ("option", "actor"), "bool", "taken(option[, A]): taken by anyone (or by A)", optional=1
    ),
    "fired": Signature(("event",), "bool", "fired(event): whether the event has happened"),
    "abs": Signature(("number",), "number", "abs(x): x without its sign"),
    "min": Signature(("number", "number"), "number", "min(x, y): the smaller"),
    "max": Signature(("number", "number"), "number", "max(x, y): the larger"),
}

VARIABLES: dict[str, str] = {
    "turn": "the current turn, from 1",
    "turns": "the scenario's number of turns",
}


@attrs.frozen
class Problem:
    """A problem found in an expression, at a 0-based column of its text."""

    col: int
    message: str
    unknown: str | None = None
    """The misspelt name, when the problem is an unknown name (for suggestions)."""
    kind: str | None = None
    """What sort of name was expected there (actor, flag, ...)."""


Resolver = Callable[[IdKind, str, tuple[str, ...]], bool]
"""Answers whether an id of a kind exists; the tuple gives earlier id args (stat's actor)."""


def check_types(expr: Expr, want: Type, known: Resolver) -> list[Problem]:
    """Check names, argument counts and types; return every problem found."""
    problems: list[Problem] = []

    def visit(node: Node) -> Type | None:
        if isinstance(node, Num):
            return "number"
        if isinstance(node, Bool):
            return "bool"
        if isinstance(node, Name):
            if node.name in VARIABLES:
                return "number"
            problems.append(
                Problem(
                    node.col,
                    f"unknown name `{node.name}`; conditions know "
                    + ", ".join(f"`{v}`" for v in VARIABLES)
                    + " and functions like rel(A, B)",
                )
            )
            return None
        if isinstance(node, Call):
            return visit_call(node)
        if isinstance(node, Unary):
            need: Type = "bool" if node.op == "not" else "number"
            expect(node.operand, need, f"`{node.op}`")
            return need
        if isinstance(node, Logic):
            for operand in node.operands:
                expect(operand, "bool", f"`{node.op}`")
            return "bool"
        if node.op in COMPARISONS:
            left, right = visit(node.left), visit(node.right)
            if left and right and left != right:
                problems.append(Problem(node.col, f"`{node.op}` compares a {left} with a {right}"))
            elif node.op not in ("==", "!=") and "bool" in (left, right):
                problems.append(Problem(node.col, f"`{node.op}` needs numbers on both sides"))
            return "bool"
        expect(node.left, "number", f"`{node.op}`")
        expect(node.right, "number", f"`{node.op}`")
        return "number"

    def expect(node: Node, need: Type, context: str) -> None:
        got = visit(node)
        if got is not None and got != need:
            hint = " (compare it, e.g. `rel(A, B) > 0`)" if need == "bool" else ""
            problems.append(Problem(_col(node), f"{context} needs a {need}, not a {got}{hint}"))

    def visit_call(node: Call) -> Type | None:
        sig = FUNCTIONS.get(node.func)
        if sig is None:
            names = ", ".join(f"{name}()" for name in FUNCTIONS)
            problems.append(
                Problem(node.col, f"unknown function `{node.func}`; known: {names}", node.func)
            )
            return None
        low, high = len(sig.params) - sig.optional, len(sig.params)
        if not low <= len(node.args) <= high:
            problems.append(Problem(node.col, f"{sig.doc}: takes {_count(low, high)}"))
            return sig.result
        ids: list[str] = []
        for i, (arg, param) in enumerate(zip(node.args, sig.params, strict=False)):
            if param in ("number", "bool"):
                expect(arg, param, f"{node.func}()")
            elif not isinstance(arg, Name):
                problems.append(Problem(_col(arg), f"{node.func}() needs a bare {param} id here"))
            elif param == "stat" and len(ids) < i:
                pass  # whose stat it is could not be read (reported): nothing to look it up in
            elif not known(param, arg.name, tuple(ids)):
                owner = f" of {ids[0]}" if param == "stat" and ids else ""
                if ids and ids[0] == "SELF":
                    owner = " of every actor who may take this option"
                problems.append(
                    Problem(arg.col, f"unknown {param} `{arg.name}`{owner}", arg.name, param)
                )
            else:
                ids.append(arg.name)
        return sig.result

    got = visit(expr.node)
    if got is not None and got != want:
        if want == "bool":
            message = "this is a number; a condition must be true or false (compare it with < >)"
        else:
            message = "this is true/false; a measure must be a number"
        problems.append(Problem(0, message))
    return problems


def _count(low: int, high: int) -> str:
    if low == high:
        return f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} or {high} arguments"
