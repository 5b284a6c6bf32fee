"""The condition language: parsing (with columns for every syntax error) and type checking."""

from __future__ import annotations

import pytest

from game.scenario.expr import (
    MAX_DEPTH,
    Binary,
    Bool,
    Call,
    ExprSyntaxError,
    Logic,
    Name,
    Num,
    Unary,
    check_types,
    parse,
)


def syntax_error(text: str) -> ExprSyntaxError:
    with pytest.raises(ExprSyntaxError) as caught:
        parse(text)
    return caught.value


def test_parses_the_documented_example() -> None:
    expr = parse("rel(TUR, RUS) < -40 and flag(s400_sent) and turn >= 3")
    assert str(expr) == "rel(TUR, RUS) < -40 and flag(s400_sent) and turn >= 3"
    node = expr.node
    assert isinstance(node, Logic) and node.op == "and" and len(node.operands) == 3
    first = node.operands[0]
    assert first == Binary("<", Call("rel", (Name("TUR", 4), Name("RUS", 9)), 0), Num(-40, 16), 14)


def test_precedence_and_binds_tighter_than_or_and_times_than_plus() -> None:
    node = parse("a or b and c").node
    assert isinstance(node, Logic) and node.op == "or"
    assert isinstance(node.operands[1], Logic) and node.operands[1].op == "and"
    arith = parse("1 + 2 * 3").node
    assert isinstance(arith, Binary) and arith.op == "+"
    assert isinstance(arith.right, Binary) and arith.right.op == "*"


def test_long_and_chains_stay_flat() -> None:
    node = parse(" and ".join(["flag(x)"] * 1000)).node
    assert isinstance(node, Logic) and len(node.operands) == 1000


def test_literals() -> None:
    assert parse("true").node == Bool(True, 0)
    assert parse("0.25").node == Num(0.25, 0)
    assert parse("-3").node == Num(-3, 0)
    assert isinstance(parse("not false").node, Unary)


@pytest.mark.parametrize(
    ("text", "col", "fragment"),
    [
        ("rel(A, B) > ", 12, "expected a value, found the end"),
        ("flag(x) && turn > 1", 8, "write `and`"),
        ("flag(x) || turn > 1", 8, "write `or`"),
        ("!flag(x)", 0, "write `not`"),
        ("turn = 3", 5, "write `==`"),
        ("turn > 1 flag(x)", 9, "join conditions with `and` or `or`"),
        ("(turn > 1", 9, "`)` to close the `(`"),
        ("rel(A B) > 0", 6, "`,` or `)` in the call to rel()"),
        ("1 < turn < 3", 9, "comparisons cannot be chained"),
        ("", 0, "empty condition"),
        ("turn > and", 7, "expected a value, found `and`"),
        ("turn @ 3", 5, "unexpected character '@'"),
        ("turn > ٣", 7, "unexpected character"),
        ("turn > 10000000000", 7, "far too large"),
        ("turn * 1" + "0" * 400 + " > 1", 7, "far too large"),
    ],
)
def test_syntax_errors_point_at_their_column(text: str, col: int, fragment: str) -> None:
    error = syntax_error(text)
    assert error.col == col
    assert fragment in error.message


@pytest.mark.parametrize(
    "text",
    [
        "(" * 100 + "true" + ")" * 100,
        "not " * 100 + "true",
        "-" * 100 + "1 > 0",
        " + ".join(["1"] * 100) + " > 0",
    ],
)
def test_nesting_is_bounded(text: str) -> None:
    assert f"nested more than {MAX_DEPTH} levels" in syntax_error(text).message


def test_moderate_nesting_is_fine() -> None:
    parse("(" * 30 + "true" + ")" * 30)


def everything_known(kind: str, name: str, earlier: tuple[str, ...]) -> bool:
    return not name.startswith("X")


def types(text: str, want: str = "bool") -> list[tuple[int, str]]:
    return [(p.col, p.message) for p in check_types(parse(text), want, everything_known)]


def test_well_typed_conditions_have_no_problems() -> None:
    assert types("rel(A, B) > 0 and not flag(f) or taken(o, A) and fired(e)") == []
    assert types("abs(rel(A, B)) + min(stat(A, s), 3) * max(1, turns)", "number") == []
    assert types("taken(o)") == []


@pytest.mark.parametrize(
    ("text", "want", "col", "fragment"),
    [
        ("rel(A, B)", "bool", 0, "this is a number; a condition must be true or false"),
        ("flag(f)", "number", 0, "a measure must be a number"),
        ("flag(f) > 1", "bool", 8, "`>` compares a bool with a number"),
        ("flag(f) and 3", "bool", 12, "`and` needs a bool, not a number"),
        ("not rel(A, B)", "bool", 4, "`not` needs a bool"),
        ("flag(f) + 1 > 0", "bool", 0, "`+` needs a number, not a bool"),
        ("rel(A) > 0", "bool", 0, "takes 2 arguments"),
        ("taken(o, A, B)", "bool", 0, "takes 1 or 2 arguments"),
        ("rel(A, XB) > 0", "bool", 7, "unknown actor `XB`"),
        ("stat(A, Xs) > 0", "bool", 8, "unknown stat `Xs` of A"),
        ("rel(A, 3) > 0", "bool", 7, "rel() needs a bare actor id here"),
        ("foo(A) > 0", "bool", 0, "unknown function `foo`"),
        ("days > 3", "bool", 0, "unknown name `days`"),
        ("abs(flag(f)) > 0", "bool", 4, "abs() needs a number"),
    ],
)
def test_type_errors_point_at_their_column(text: str, want: str, col: int, fragment: str) -> None:
    found = types(text, want)
    assert any(c == col and fragment in m for c, m in found), found


def test_every_type_problem_is_reported_not_just_the_first() -> None:
    assert len(types("rel(XA, XB) > 0 and flag(f) > 1")) == 3
