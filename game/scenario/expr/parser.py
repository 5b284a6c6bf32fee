"""The condition language's syntax: tokens, the AST and the parser.

Conditions are what instructors write in `requires:`, `when:`, goal `measure:` and test
`expect:`. They read like arithmetic and logic over the game's state::

    rel(TUR, RUS) < -40 and flag(s400_sent) and turn >= 3

Text is parsed once, at load, into frozen AST nodes whose ``col`` is the 0-based offset in the
source text, so every problem can be reported at its column. The engine compiles the AST into
plain Python closures; nothing is ever ``eval``-ed. Whether the names a condition uses exist
and its operands have the right types is ``typecheck.py``'s job: parsing needs no scenario.
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


TokenKind = Literal["number", "name", "op", "end"]

_TOKEN_KINDS: dict[str, TokenKind] = {"number": "number", "name": "name", "op": "op"}
"""The groups of ``_TOKEN`` that make a token, by group name."""


@attrs.frozen
class Token:
    kind: TokenKind
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
        kind = _TOKEN_KINDS.get(match.lastgroup or "")
        if kind is not None:  # None: white space
            tokens.append(Token(kind, match.group(), pos))
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

    def at_end(self) -> bool:
        return self.token.kind == "end"

    def parse(self) -> Node:
        if self.at_end():
            raise ExprSyntaxError("empty condition", 0)
        node = self.logic("or")
        if not self.at_end():
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
        return Logic(op, tuple(operands), first_col(first))

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
        return self.chain(("+", "-"), self.multiplicative)

    def multiplicative(self) -> Node:
        return self.chain(("*", "/"), self.unary)

    def chain(self, ops: tuple[str, ...], operand: Callable[[], Node]) -> Node:
        """``a + b - c``: left-nested, each operator one level deeper than the one after it
        (the tree is that deep, and what walks it recurses), and all of them given back at the
        end, so that the next clause of `and`/`or` starts at the depth this one did."""
        node = operand()
        levels = 0
        while self.token.kind == "op" and self.token.text in ops:
            op = self.advance()
            self.nest(op.col)
            levels += 1
            node = Binary(op.text, node, operand(), op.col)
        self.depth -= levels
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


def first_col(node: Node) -> int:
    """The column where a node's text starts (an operator's left operand starts before it)."""
    while isinstance(node, (Binary, Logic)):
        node = node.left if isinstance(node, Binary) else node.operands[0]
    return node.col


def parse(text: str) -> Expr:
    """Parse condition text; raises ExprSyntaxError with the column of the first problem."""
    return Expr(text, _Parser(text).parse())
