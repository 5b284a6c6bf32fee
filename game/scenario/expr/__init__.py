"""The condition language: ``parser`` turns text into an AST, ``typecheck`` checks its names
and types against a scenario.

Callers import from here; the split into two modules is so that each has one job (the
engine and the batch simulator only ever need the AST, the checker needs both).
"""

from game.scenario.expr.parser import (
    COMPARISONS,
    KEYWORDS,
    MAX_DEPTH,
    MAX_NUMBER,
    Binary,
    Bool,
    Call,
    Expr,
    ExprSyntaxError,
    Logic,
    Name,
    Node,
    Num,
    Token,
    Unary,
    first_col,
    parse,
    tokenize,
    walk,
)
from game.scenario.expr.typecheck import (
    FUNCTIONS,
    VARIABLES,
    IdKind,
    Problem,
    Resolver,
    Signature,
    Type,
    check_types,
)

__all__ = [
    "COMPARISONS",
    "FUNCTIONS",
    "KEYWORDS",
    "MAX_DEPTH",
    "MAX_NUMBER",
    "VARIABLES",
    "Binary",
    "Bool",
    "Call",
    "Expr",
    "ExprSyntaxError",
    "IdKind",
    "Logic",
    "Name",
    "Node",
    "Num",
    "Problem",
    "Resolver",
    "Signature",
    "Token",
    "Type",
    "Unary",
    "check_types",
    "first_col",
    "parse",
    "tokenize",
    "walk",
]
