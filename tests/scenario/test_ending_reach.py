"""Endings that cannot be chosen: shadowed by an earlier one, out of reach of the turns they
are tried on or of the stats play can reach. Each case puts a second ending before or after
the starter's `settled` and says whether the checker must call one of them impossible."""

from __future__ import annotations

import pytest

from tests.scenario.conftest import edit, load, starter_text

SETTLED = "    when: rel(NRL, STH) > 10 and rel(STH, NRL) > 10\n"


def with_ending(when: str, *, before: bool = False, at: str = "end") -> list[str]:
    """The errors of the starter with one more ending ``when`` (and ``at``), and the warning
    that the fallback can never happen."""
    extra = (
        f"  - id: extra\n    title: Extra\n    when: {when}\n    at: {at}\n"
        "    scores: {NRL: 1, STH: 1}\n"
    )
    text = starter_text()
    anchor = "  - id: settled\n" if before else "  - id: stalemate"
    text = edit(text, anchor, extra + anchor)
    result = load(text)
    return [d.message for d in result.diagnostics if d.is_error or "can never happen" in d.message]


@pytest.mark.parametrize(
    ("when", "shadowed"),
    [
        ("rel(NRL, STH) > 10 and rel(STH, NRL) > 10", True),  # the same condition
        ("rel(STH, NRL) > 10 and rel(NRL, STH) > 10 and turn > 2", True),  # more clauses
        ("rel(NRL, STH) > 50 and rel(STH, NRL) >= 11", True),  # stricter comparisons
        ("20 < rel(NRL, STH) and rel(STH, NRL) == 30", True),  # numbers on either side
        ("rel(NRL, STH) > 10", False),  # weaker: can hold without settled
        ("rel(NRL, STH) > 5 and rel(STH, NRL) > 10", False),
        ("rel(NRL, STH) > 10 or rel(STH, NRL) > 10", False),
        ("rel(NRL, STH) >= 10 and rel(STH, NRL) > 10", False),  # 10 itself is not > 10
    ],
)
def test_an_ending_after_one_it_implies_is_shadowed(when: str, shadowed: bool) -> None:
    errors = with_ending(when)
    hit = [m for m in errors if "'settled' holds too and is chosen first" in m]
    assert bool(hit) == shadowed, errors


def test_an_earlier_ending_at_end_does_not_shadow_a_later_one_at_any() -> None:
    """`at: any` may end the game on a turn before the last, when `settled` is not tried."""
    assert with_ending("rel(NRL, STH) > 50 and rel(STH, NRL) > 50", at="any") == []


def test_an_earlier_ending_implied_by_the_later_shadows_it_the_other_way_round() -> None:
    """Before `settled`, a weaker ending is fine, and `settled` is then the one shadowed."""
    assert with_ending("rel(NRL, STH) > 50 and rel(STH, NRL) > 50", before=True) == []
    errors = with_ending("rel(NRL, STH) > 0", before=True)
    assert any("ending 'settled' can never happen" in m for m in errors), errors


def test_an_ending_that_always_holds_at_the_end_leaves_the_fallback_nothing() -> None:
    errors = with_ending("turn >= turns")
    assert any("the fallback ending 'stalemate' can never happen" in m for m in errors)
    at_any = with_ending("turn >= turns", at="any")  # tried after the last turn too
    assert any("the fallback ending 'stalemate' can never happen" in m for m in at_any)
    assert with_ending("turn >= turns - 1 and rel(NRL, STH) > 0") == []


def test_an_at_end_ending_is_judged_at_the_last_turn_only() -> None:
    assert any("only after the last turn" in m for m in with_ending("turn <= 4"))
    assert with_ending("turn <= 4", at="any") == []


def test_a_stat_no_effect_raises_stays_below_its_start() -> None:
    """NRL's support starts at 60 and `open_sluices` only lowers it; STH's is never moved."""
    assert any("cannot get there in play" in m for m in with_ending("stat(NRL, support) > 60"))
    assert with_ending("stat(NRL, support) < 60") == []
    assert any("cannot get there in play" in m for m in with_ending("stat(STH, support) < 50"))
    assert with_ending("stat(STH, support) == 50") == []
