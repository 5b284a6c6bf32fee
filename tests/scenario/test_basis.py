"""Honest history: `basis:` on options, events and endings, and a scenario's `history:`."""

from __future__ import annotations

import yaml

from game.debrief import debrief_markdown, relation_history
from game.engine import World, new_game, play_turn
from game.scenario import load_scenario, load_scenario_text
from game.ui.view import end_view, option_view
from tests.sim.conftest import ROOT

TEXT = """
format: 1
id: honest
title: Honest
summary: A scenario for the basis rule.
start_date: "2030-01-01"
turns: 1
actors:
  - {id: AAA, name: Aland, playable: true, goals: [{id: g, label: g, measure: "rel(BBB, AAA)"}]}
  - {id: BBB, name: Bland}
options:
  - {id: talk, by: [AAA], label: Talk, basis: documented}
  - {id: bluff, by: [AAA], label: Bluff}
events:
  - {id: storm, title: A storm, turn: 1}
endings:
  - {id: fallback, title: Time runs out, basis: invented, scores: {AAA: 50}}
history:
  - {date: "2030-01-08", text: The talks began., source: brief fact talks}
"""


def messages(text: str) -> list[str]:
    result = load_scenario_text(text, "honest.yaml")
    return [d.format() for d in result.diagnostics]


def test_a_missing_basis_is_one_warning_naming_the_elements():
    found = messages(TEXT)
    assert len(found) == 1, found
    assert "warning: 2 option(s), event(s) or ending(s) have no `basis:`" in found[0]
    assert "option 'bluff', event 'storm'" in found[0]
    line = next(i for i, t in enumerate(TEXT.split("\n"), 1) if "id: bluff" in t)
    assert found[0].startswith(f"honest.yaml:{line}:")  # at the first one, bluff's id


def test_every_element_with_a_basis_checks_clean_and_a_wrong_value_is_an_error():
    clean = TEXT.replace("label: Bluff}", "label: Bluff, basis: invented}").replace(
        "turn: 1}", "turn: 1, basis: plausible}"
    )
    assert messages(clean) == []
    wrong = clean.replace("basis: documented", "basis: true-story")
    assert any("error" in m and "true-story" in m for m in messages(wrong))


def test_a_history_date_must_be_a_date():
    bad = TEXT.replace('date: "2030-01-08"', "date: last spring")
    assert any("error" in m and "history date 'last spring'" in m for m in messages(bad))


def test_every_element_of_the_shipped_scenarios_says_its_basis():
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("options", "events", "endings"):
            for element in data.get(kind, []):
                assert element.get("basis") in ("documented", "plausible", "invented"), (
                    path.name,
                    element["id"],
                )


def test_the_turn_screen_the_end_screen_and_the_debrief_show_it():
    world = World.build(load_scenario_text(TEXT, "honest.yaml").loaded)
    state = new_game(world, "AAA", 0)
    assert option_view(world, "talk").basis == "documented: the cited sources state it"
    assert option_view(world, "bluff").basis == ""
    state = play_turn(world, state, "talk")
    end = end_view(world, state, relation_history(world, state))
    assert end.ending_basis == "invented: a what-if"
    assert end.history == ("2030-01-08: The talks began. (brief fact talks)",)
    text = debrief_markdown(world, state)
    assert "*This ending is invented: a what-if.*" in text
    assert "## What actually happened" in text
    assert "- **2030-01-08**: The talks began. (brief fact talks)" in text
    assert "| Talk | done | documented |" in text


def test_the_s400_scenario_tells_what_happened_in_its_debrief():
    world = World.build(load_scenario(ROOT / "scenarios" / "s400_transfer.yaml").loaded)
    state = new_game(world, "TUR", 0)
    while not state.over:
        state = play_turn(world, state, "tur_wait")
    text = debrief_markdown(world, state)
    history = text.split("## What actually happened", 1)[1].split("##", 1)[0]
    assert "Montreux" in history and "Antalya" in history and "Dolmabahce" in history
