"""Shared helpers: the starter scenario as `detente new` writes it, and loading text."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import LoadResult, load_scenario_text

STARTER_TEMPLATE = Path(__file__).parents[2] / "game" / "data" / "starter.yaml"


def starter_text(scenario_id: str = "starter") -> str:
    """The starter scenario's text, filled in the way `detente new` fills it."""
    template = STARTER_TEMPLATE.read_text(encoding="utf-8")
    return template.format(scenario_id=scenario_id, title="Starter", filename="starter.yaml")


def load(text: str, filename: str = "test.yaml") -> LoadResult:
    return load_scenario_text(text, filename)


def errors(result: LoadResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.is_error]


def messages(result: LoadResult) -> list[str]:
    return [d.message for d in result.diagnostics]


def edit(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence, so a test cannot silently edit nothing."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """1-based line of the only line containing fragment."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, f"{fragment!r} on lines {hits}"
    return hits[0]


@pytest.fixture
def starter() -> str:
    return starter_text()
