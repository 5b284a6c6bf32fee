"""Small scenarios written inline, so each rule is tested on numbers one can follow by hand."""

from __future__ import annotations

import textwrap

import pytest

from game.engine import World
from game.scenario import load_scenario_text

BASE = """
format: 1
id: unit
title: Unit
summary: A scenario for testing one rule at a time.
start_date: "2030-01-01"
turns: {turns}
rules: {rules}
actors:
  - id: AAA
    name: Aland
    playable: true
    stats: {{support: 50}}
    goals:
      - {{id: friends, label: Be liked by Bland, measure: "rel(BBB, AAA)"}}
  - {{id: BBB, name: Bland, ai: {{noise: {noise}}}, goals: [{{id: g, label: g, measure: "rel(AAA, BBB)"}}]}}
  - {{id: CCC, name: Cland}}
  - {{id: DDD, name: Dland}}
relations: {relations}
options:
  - {{id: wait, by: [AAA], label: Wait}}
{options}
events: {events}
endings:
{endings}
  - {{id: fallback, title: Time runs out}}
"""


def build(
    options: str = "",
    *,
    relations: str = "[]",
    events: str = "[]",
    endings: str = "",
    rules: str = "{}",
    turns: int = 5,
    noise: float = 0,
) -> World:
    """A World from the base scenario with the given sections filled in (YAML text)."""
    text = BASE.format(
        turns=turns,
        noise=noise,
        rules=rules,
        relations=relations,
        options=textwrap.indent(textwrap.dedent(options).strip("\n"), "  ") if options else "",
        events=events,
        endings=textwrap.indent(textwrap.dedent(endings).strip("\n"), "  ") if endings else "",
    )
    result = load_scenario_text(text, "unit.yaml")
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert result.loaded is not None, "\n".join(errors)
    return World.build(result.loaded)


@pytest.fixture
def rel():
    """rel(world, state, 'AAA', 'BBB'): a relation score by ids."""

    def read(world: World, state, viewer: str, viewed: str) -> int:
        return state.rel[world.rel_index(viewer, viewed)]

    return read
