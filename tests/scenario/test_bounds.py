"""Interval analysis: what values an expression can take, judged from the bounds alone."""

from __future__ import annotations

import math

import pytest

from game.scenario import bounds
from game.scenario.bounds import Facts, Interval, interval, too_large, truth
from game.scenario.expr import parse

FACTS = Facts(
    relation=Interval(-100, 100),
    stat=Interval(0, 100),
    turns=8,
    flag_can_be_set=lambda name: name != "never",
)


def span(text: str) -> Interval:
    return interval(parse(text), FACTS)


def can(text: str) -> set[bool]:
    return set(truth(parse(text), FACTS))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("rel(A, B)", -100, 100),
        ("stat(A, s)", 0, 100),
        ("turn", 1, 8),
        ("turns", 8, 8),
        ("rel(A, B) + stat(A, s)", -100, 200),
        ("rel(A, B) - stat(A, s)", -200, 100),
        ("stat(A, s) * -2", -200, 0),
        ("-rel(A, B)", -100, 100),
        ("abs(rel(A, B))", 0, 100),
        ("abs(-stat(A, s))", 0, 100),
        ("min(stat(A, s), 50)", 0, 50),
        ("max(rel(A, B), 0)", 0, 100),
        ("stat(A, s) / 4", 0, 25),
    ],
)
def test_numeric_ranges(text: str, low: float, high: float) -> None:
    assert span(text) == Interval(low, high)


def test_division_by_a_range_containing_zero_is_unbounded() -> None:
    result = span("stat(A, s) / rel(A, B)")
    assert math.isinf(result.low) and math.isinf(result.high)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("rel(A, B) > 50", {True, False}),
        ("rel(A, B) > 100", {False}),
        ("rel(A, B) >= 100", {True, False}),
        ("rel(A, B) < -100", {False}),
        ("stat(A, s) >= 0", {True}),
        ("turn > 8", {False}),
        ("turn <= 8", {True}),
        ("turns == 8", {True}),
        ("turns != 8", {False}),
        ("flag(never)", {False}),
        ("flag(sometimes)", {True, False}),
        ("not flag(never)", {True}),
        ("flag(never) or turn > 2", {True, False}),
        ("flag(never) and turn > 2", {False}),
        ("rel(A, B) > 200 or stat(A, s) < 0", {False}),
        ("true", {True}),
        ("taken(o) and fired(e)", {True, False}),
    ],
)
def test_truth_values(text: str, values: set[bool]) -> None:
    assert can(text) == values


def test_products_that_blow_up_are_found_where_they_tip_over() -> None:
    expr = parse("stat(A, s) * 1000000000 * 1000000000 * 0.5")
    node = too_large(expr, FACTS)
    assert node is not None and node.col == 24  # the second factor tips it past 1e15
    assert too_large(parse("rel(A, B) * rel(C, D) * 1000"), FACTS) is None
    assert too_large(parse("stat(A, s) / rel(A, B) * 1000"), FACTS) is None


def test_no_overflow_on_long_chains_of_large_literals() -> None:
    chain = " * ".join(["1000000000"] * 40)
    assert can(f"rel(A, B) * {chain} * 0.5 > 1") <= {True, False}  # no OverflowError
    assert too_large(parse(f"{chain} * 0.5"), FACTS) is not None


def test_largest_is_within_exact_float_integers() -> None:
    assert bounds.LARGEST < 2**53
