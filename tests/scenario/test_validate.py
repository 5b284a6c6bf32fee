"""The whole-scenario checks of validate.py, one case each, on one-defect copies of the starter.

Each case edits the starter (`old` -> `new`, each exactly once) and names the message it
must produce and the line it must be reported on (the line of ``at``, after the edit).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.checks.labels import MISSING_SHOWN
from game.scenario.loader import LoadResult, load_brief, load_scenario
from tests.scenario.conftest import edit, line_of, load, starter_text

TESTS = """
tests:
  - name: a test
    role: NRL
    steps:
      - choose: hold_firm
"""


def case(
    old: str, new: str, fragment: str, at: str, severity: str = "error", *, tests: bool = False
):
    return pytest.param(old, new, fragment, at, severity, tests, id=fragment[:40])


CASES = [
    # metadata
    case(
        'start_date: "2030-05-01"',
        'start_date: "May 2030"',
        "'May 2030' is not a date; write it as YYYY-MM-DD",
        "start_date",
    ),
    case(
        'start_date: "2030-05-01"',
        'start_date: "20300501"',
        "'20300501' is not a date; write it as YYYY-MM-DD",
        "start_date",
    ),
    case(
        'date: "2030-04-01"',
        'date: "April 2030"',
        "'April 2030' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-19",
        "April 2030",
    ),
    # rules
    case(
        "default_role: NRL\n",
        "default_role: NRL\nrules: {ally_threshold: -50}\n",
        "enemy_threshold -40 must be below ally_threshold -50: an actor cannot be both",
        "rules:",
    ),
    case(
        "default_role: NRL\n",
        "default_role: NRL\nrules:\n  enemy_threshold: 40\n",
        "enemy_threshold 40 must be below ally_threshold 40",
        "enemy_threshold: 40",
    ),
    case(
        "default_role: NRL\n",
        "default_role: NRL\nrules: {ally_threshold: 150}\n",
        "ally_threshold 150 is outside the relation bounds -100..100, so no actor is ever "
        "another's ally (to turn ally reactions off, set `ally_reaction: 0` instead)",
        "rules:",
    ),
    case(
        "default_role: NRL\n",
        "default_role: NRL\nrules:\n  relation_bounds: [-30, 30]\n",
        "enemy_threshold -40 is outside the relation bounds -30..30, so no actor is ever "
        "another's enemy",
        "relation_bounds",
    ),
    case(
        "default_role: NRL\n",
        "default_role: NRL\nrules:\n  enemy_threshold: 120\n  ally_threshold: 130\n",
        "enemy_threshold 120 is outside the relation bounds -100..100, so every actor is "
        "always every other's enemy",
        "enemy_threshold: 120",
    ),
    case(
        "default_role: NRL",
        "default_role: NLR",
        "unknown role 'NLR'; did you mean 'NRL'?",
        "default_role",
    ),
    case(
        "default_role: NRL",
        "default_role: RGC",
        "default_role 'RGC' is not playable",
        "default_role",
    ),
    # actors
    case(
        "  - id: STH\n",
        "  - id: NRL\n",
        "duplicate actor id 'NRL'; ids must be unique",
        "  - id: NRL\n    name: Southland",
    ),
    case(
        "kind: organisation",
        "kind: organisation\n    members: [NRL, STX]",
        "unknown actor 'STX'; did you mean 'STH'?",
        "members",
    ),
    case(
        "stats: {support: 60}",
        "stats: {support: 160}",
        "stat 'support' is 160, outside the stat bounds 0..100",
        "support: 160",
    ),
    case(
        "stats: {support: 60}",
        "stats: {support: 60, 'in favour': 3}",
        "'in favour' is not a valid stat name",
        "in favour",
    ),
    case(
        "      - id: good_neighbour",
        "      - id: keep_dam",
        "duplicate goal (of NRL) id 'keep_dam'",
        "- id: keep_dam\n        label: Stay",
    ),
    case(
        "        weight: 2",
        "        weight: 2\n        range: [10, 10]",
        "the range [10, 10] is empty",
        "range:",
    ),
    case(
        "measure: stat(NRL, support)",
        "measure: stat(NRL, suport)",
        "unknown stat `suport` of NRL; did you mean 'support'?",
        "suport",
    ),
    case(
        "measure: stat(NRL, support)",
        "measure: flag(talks)",
        "a measure must be a number",
        "measure: flag(talks)",
    ),
    case(
        "measure: stat(NRL, support)",
        "measure: stat(NRL, support) / (stat(NRL, support) - 50)",
        "cannot tell this measure's range; add `range: [worst, best]`",
        "measure: stat(NRL, support) /",
    ),
    case(
        "measure: stat(NRL, support)",
        "measure: stat(NRL, support) * 100000000 * 100000000",
        "this product can exceed 1e+15",
        "measure: stat(NRL, support) *",
    ),
    case(
        "  - id: RGC\n",
        "  - id: SELF\n",
        "'SELF' cannot be an actor id: conditions give it another meaning",
        "- id: SELF",
    ),
    case(
        "  - id: RGC\n",
        "  - id: not\n",
        "'not' cannot be an actor id",
        "- id: not",
    ),
    # relations
    case(
        "  - between: [NRL, STH]",
        "  - between: [NRL, STH]\n    from: NRL",
        "give either `between: [A, B]` or `from:` and `to:`, not both",
        "between: [NRL, STH]",
    ),
    case(
        "between: [NRL, STH]",
        "between: [NRL, STH, RGC]",
        "`between` names exactly two actors",
        "between:",
    ),
    case(
        "    to: NRL\n    score: 10",
        "    score: 10",
        "a relation needs `from:` and `to:` (or `between: [A, B]`)",
        "from: RGC",
    ),
    case(
        "between: [NRL, STH]",
        "between: [NRL, SHT]",
        "unknown actor 'SHT'; did you mean 'STH'?",
        "between:",
    ),
    case(
        "between: [NRL, STH]",
        "between: [NRL, NRL]",
        "a relation from 'NRL' to itself has no meaning",
        "between:",
    ),
    case(
        "score: -20",
        "score: -200",
        "score -200 is outside the relation bounds -100..100",
        "score: -200",
    ),
    case(
        "score: -20",
        "score: -20\n    baseline: 150",
        "baseline 150 is outside the relation bounds",
        "baseline",
    ),
    case(
        "from: RGC                     # one direction: the council's view of Northland\n    to: NRL",
        "from: NRL\n    to: STH",
        "the relation NRL -> STH is set twice (first at line 70)",
        "from: NRL",
    ),
    # labels: no id reaches a student's screen
    case(
        "  talks: both sides have accepted the council's talks\n",
        "  other: a flag nobody uses\n",
        "flag 'talks' has no label: add `talks: <what is true once it is set>`",
        "requires: flag(talks)",
        "warning",
    ),
    case(
        "  talks: both sides have accepted the council's talks\n",
        "  talks: both sides have accepted the council's talks\n  talk: a typo\n",
        "flag 'talk' is labelled but no option or event sets it and no condition reads it; "
        "did you mean 'talks'?",
        "talk: a typo",
        "warning",
    ),
    case(
        "    stat_labels: {support: public support}   # what players read instead of the name\n",
        "",
        "stat 'support' has no label: add `support: <what it means>` under the actor's "
        "`stat_labels:`",
        "stats: {support: 60}",
        "warning",
    ),
    case(
        "stat_labels: {support: public support}   # what players read instead of the name",
        "stat_labels: {support: public support, suport: typo}",
        "'suport' is labelled but NRL has no such stat; did you mean 'support'?",
        "suport: typo",
        "warning",
    ),
    # ids
    case(
        "  - id: hold_firm",
        "  - id: open_sluices",
        "duplicate option id 'open_sluices'",
        "- id: open_sluices\n    by: [NRL, STH]",
    ),
    case(
        "  - id: stalemate",
        "  - id: settled",
        "duplicate ending id 'settled'",
        "- id: settled                 #",
    ),
    # options
    case("    by: [RGC]", "    by: []", "`by` must name at least one actor", "by: []"),
    case("    by: [RGC]", "    by: [RCG]", "unknown actor 'RCG'; did you mean 'RGC'?", "by: [RCG]"),
    case(
        "requires: flag(talks)",
        "requires: rel(NRL, STH) > 100",
        "this condition can never hold, so the option can never happen",
        "requires:",
    ),
    case(
        "requires: flag(talks)",
        "requires: flag(talks) or flag(talk)",
        "flag 'talk' is read but never set by any option or event, so it is always false; did you mean 'talks'?",
        "requires:",
        "warning",
    ),
    case(
        "    chance: 0.5 ",
        "    chance: 1 ",
        "`otherwise` effects never happen because `chance` is 1",
        "otherwise:",
        "warning",
    ),
    case(
        "    once: true",
        "    once: true\n    delay: 9",
        "a delay of 9 turns outlasts the 5-turn game",
        "delay",
        "warning",
    ),
    case(
        "    requires: flag(talks)\n",
        "    requires: flag(talks) and turn >= 4\n    delay: 2\n",
        "taken on turn 4 or later, its effects land after the last turn (5), and its "
        "`requires:` rules out every earlier turn, so they never happen; shorten the delay or "
        "offer it earlier",
        "delay: 2",
        "warning",
    ),
    case(
        "    facts: [council_offer]\n  - id: protest",
        "    facts: [council_ofer]\n  - id: protest",
        "unknown fact 'council_ofer'; did you mean 'council_offer'?",
        "council_ofer",
    ),
    # events
    case(
        "    turn: 2\n",
        "    turn: 2\n    when: flag(talks)\n",
        "an event needs exactly one of `turn:` (scripted) or `when:` (triggered)",
        "- id: dry_spell",
    ),
    case(
        "    turn: 2\n",
        "    turn: 7\n",
        "turn 7 is after the last turn (5), so it never fires",
        "turn: 7",
    ),
    # effects
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> NRL, stat: NRL.support, change: -10}",
        "an effect names exactly one of `rel: A -> B`, `stat: A.name` or `flag: name` (this one has rel, stat)",
        "stat: NRL.support, change: -10",
    ),
    case(
        "{flag: talks}",
        "{flag: talks, change: 1}",
        "a flag has no amount; use `set: false` to clear it",
        "flag: talks",
    ),
    case("{flag: talks}", "{flag: talks, set: 3}", "a flag is set to true or false", "flag: talks"),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> NRL}",
        "a `rel` effect needs exactly one of `change:` or `set:`",
        "rel: STH -> NRL}",
    ),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> NRL, set: true}",
        "a rel is set to a number, not true",
        "set: true",
    ),
    case(
        "{stat: NRL.support, change: -5}",
        "{stat: NRL.support, set: false}",
        "a stat is set to a number, not false",
        "set: false",
    ),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH => NRL, change: -10}",
        "'STH => NRL' is not a relation; write `A -> B`",
        "STH => NRL",
    ),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> NLR, change: -10}",
        "unknown actor 'NLR'; did you mean 'NRL'?",
        "NLR",
    ),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> STH, change: -10}",
        "an actor's view of itself is not a relation",
        "STH -> STH",
    ),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> NRL, set: 300}",
        "300 is outside the bounds -100..100",
        "set: 300",
    ),
    case(
        "{stat: NRL.support, change: -5}",
        "{stat: NRL.support, change: -5, propagate: false}",
        "`propagate` only applies to `rel` effects",
        "propagate",
        "warning",
    ),
    case(
        "{stat: NRL.support, change: -5}",
        "{stat: NRL support, change: -5}",
        "'NRL support' is not a stat; write `ACTOR.name`",
        "NRL support",
    ),
    case(
        "{stat: NRL.support, change: -5}",
        "{stat: NRL.suport, change: -5}",
        "unknown stat 'suport' of NRL; did you mean 'support'?",
        "suport",
    ),
    case(
        "{rel: STH -> NRL, change: -10}",
        "{rel: SELF -> NRL, change: -10}",
        "SELF (the actor taking the option) is only meaningful in an option",
        "SELF -> NRL",
    ),
    case(
        "    turn: 2\n",
        "    when: rel(SELF, NRL) < 0\n",
        "in condition: SELF (the actor taking the option) is only meaningful in an option",
        "when: rel(SELF, NRL) < 0",
    ),
    case(
        "when: rel(NRL, STH) > 10 and rel(STH, NRL) > 10",
        "when: stat(SELF, support) > 10",
        "in condition: SELF (the actor taking the option) is only meaningful in an option",
        "when: stat(SELF, support) > 10",
    ),
    case(
        "{flag: talks}",
        "{flag: talks}\n      - {flag: talks held}",
        "'talks held' is not a valid flag name",
        "talks held",
    ),
    case(
        "{rel: RGC -> SELF, change: 10}",
        "{rel: NRL -> SELF, change: 10}",
        "when NRL takes this option, SELF is NRL, and an actor's view of itself is not a relation",
        "NRL -> SELF",
    ),
    case(
        "{stat: NRL.support, change: -5}",
        "{stat: NRX.support, change: -5}",
        "unknown actor 'NRX'; did you mean 'NRL'?",
        "NRX.support",
    ),
    case(
        "{stat: NRL.support, change: -5}",
        "{stat: NRL.support, set: 500}",
        "500 is outside the bounds 0..100",
        "set: 500",
    ),
    case(
        "    turn: 2\n",
        "    when: rel(STH, NRL) > 100\n",
        "this condition can never hold, so the event can never happen",
        "when: rel(STH, NRL) > 100",
    ),
    case(
        "events:\n  - id: dry_spell\n",
        "events:\n  - id: dry_spell\n    title: Dry\n    turn: 3\n  - id: dry_spell\n",
        "duplicate event id 'dry_spell'",
        "- id: dry_spell\n    title: A dry",
    ),
    # endings
    case(
        "    when: rel(NRL, STH) > 10 and rel(STH, NRL) > 10\n",
        "",
        "ending 'stalemate' has no `when:`, but 'settled' is already the fallback",
        "- id: stalemate",
    ),
    case(
        "    text: Nothing is settled; the dam stays a grievance.\n",
        "    text: Nothing is settled.\n    when: turn > 4\n",
        "no fallback ending: leave `when:` off exactly one ending",
        "endings:",
    ),
    case(
        "    text: Nothing is settled; the dam stays a grievance.\n",
        "    text: Nothing is settled.\n    at: any\n",
        "the fallback ending must be `at: end`",
        "at: any",
    ),
    case(
        "when: rel(NRL, STH) > 10 and rel(STH, NRL) > 10",
        "when: rel(NRL, STH) > 10 and rel(STH, NRL) < -100",
        "this condition can never hold, so the ending can never happen",
        "when: rel(NRL, STH) > 10 and",
    ),
    case(
        "scores: {NRL: 80, STH: 80}",
        "scores: {NRL: 80, STH: 180}",
        "score 180 is outside 0..100",
        "STH: 180",
    ),
    case(
        "scores: {NRL: 80, STH: 80}",
        "scores: {NRL: 80, SHT: 80}",
        "unknown role 'SHT'; did you mean 'STH'?",
        "SHT: 80",
    ),
    case(
        "scores: {NRL: 80, STH: 80}",
        "scores: {NRL: 80, RGC: 80}",
        "'RGC' is not playable, so its score is never shown",
        "RGC: 80",
        "warning",
    ),
    # flags
    case(
        "{flag: talks}",
        "{flag: talks}\n      - {flag: unused}",
        "flag 'unused' is set but no condition reads it",
        "flag: unused",
        "warning",
    ),
    # known_unreachable
    case(
        "\nendings:",
        "\nknown_unreachable: [mediat]\nendings:",
        "'mediat' is not an option, event or ending; did you mean 'mediate'?",
        "known_unreachable",
    ),
    # in-scenario tests
    case(
        "      - choose: hold_firm\n",
        "      - choose: hold_frim\n",
        "unknown option 'hold_frim'; did you mean 'hold_firm'?",
        "hold_frim",
        tests=True,
    ),
    case(
        "    role: NRL\n    steps",
        "    role: RGC\n    steps",
        "'RGC' is not playable",
        "role: RGC",
        tests=True,
    ),
    case(
        "    role: NRL\n    steps",
        "    role: NLR\n    steps",
        "unknown role 'NLR'; did you mean 'NRL'?",
        "role: NLR",
        tests=True,
    ),
    case(
        "      - choose: hold_firm\n",
        "      - {choose: hold_firm, ending: settled}\n",
        "each step has exactly one of choose, expect, available, unavailable, ending",
        "choose: hold_firm, ending",
        tests=True,
    ),
    case(
        "      - choose: hold_firm\n",
        "      - ending: setled\n",
        "unknown ending 'setled'; did you mean 'settled'?",
        "setled",
        tests=True,
    ),
    case(
        "      - choose: hold_firm\n",
        "      - expect: turn > 99\n",
        "this condition can never hold, so the expectation can never happen",
        "turn > 99",
        tests=True,
    ),
]


@pytest.mark.parametrize(("old", "new", "fragment", "at", "severity", "tests"), CASES)
def test_each_check(old: str, new: str, fragment: str, at: str, severity: str, tests: bool) -> None:
    text = edit(starter_text() + (TESTS if tests else ""), old, new)
    result = load(text)
    expected_line = _line(text, at)
    found = [(d.line, d.severity) for d in result.diagnostics if fragment in d.message]
    assert (expected_line, severity) in found, [d.format() for d in result.diagnostics]
    if severity == "error":
        assert result.loaded is None
    else:
        assert result.loaded is not None


def _line(text: str, at: str) -> int:
    """The line of ``at``; a fragment over several lines names the line it starts on."""
    if "\n" not in at:
        return line_of(text, at)
    assert text.count(at) == 1, at
    return text.count("\n", 0, text.index(at)) + 1


def test_every_problem_is_reported_in_one_pass() -> None:
    text = edit(starter_text(), "by: [RGC]", "by: [RCG]")
    text = edit(text, "score: -20", "score: -200")
    text = edit(text, "scores: {NRL: 80, STH: 80}", "scores: {NRL: 80, STH: 180}")
    result = load(text)
    assert len([d for d in result.diagnostics if d.is_error]) == 3


def test_one_actor_is_not_a_crisis() -> None:
    text = starter_text()
    start, end = text.index("  - id: STH"), text.index("relations:")
    result = load(text[:start] + text[end:])
    assert any("needs at least two actors (this one has" in m for m in map(str, result.diagnostics))


def test_playable_role_without_goals_and_without_options() -> None:
    text = edit(
        starter_text(), "    kind: organisation\n", "    kind: organisation\n    playable: true\n"
    )
    start, end = text.index("    goals:\n      - id: peace"), text.index("\nrelations:")
    text = text[:start] + text[end:]
    text = edit(text, "    by: [RGC]", "    by: [NRL]")
    shown = [(d.line, d.message) for d in load(text).diagnostics]
    playable = text.count("\n", 0, text.index("playable: true\n\nrelations")) + 1
    assert (playable, "playable role 'RGC' has no goals; the player could not be scored") in shown
    assert (
        line_of(text, "- id: RGC"),
        "playable role 'RGC' has no option; add options with `by: [RGC]`",
    ) in shown


def test_no_playable_actor() -> None:
    text = starter_text().replace("    playable: true\n", "")
    text = edit(text, "default_role: NRL\n", "")
    result = load(text)
    assert any(
        d.line == line_of(text, "actors:")
        and d.message == "no actor is playable; set `playable: true` on at least one"
        for d in result.diagnostics
    )


def test_a_clean_starter_has_no_diagnostics_at_all() -> None:
    assert load(starter_text()).diagnostics == ()


def test_suggestions_have_a_budget_so_thousands_of_typos_stay_fast() -> None:
    text = starter_text()
    typos = "".join(f"      - {{rel: NRL{i} -> STH, change: 1}}\n" for i in range(300))
    text = edit(text, "      - {rel: NRL <-> STH, change: 15}\n", typos)
    shown = [d.message for d in load(text).diagnostics if "unknown actor 'NRL" in d.message]
    assert len(shown) == 300
    assert shown[0] == "unknown actor 'NRL0'; did you mean 'NRL'?"
    assert shown[-1] == "unknown actor 'NRL299'; actors are NRL, STH, RGC"  # past the budget


def test_no_endings_at_all() -> None:
    text = starter_text()
    text = text[: text.index("endings:")] + "endings: []\n"
    found = [(d.line, d.message) for d in load(text).diagnostics]
    assert (line_of(text, "endings: []"), "a scenario needs at least one ending") in found


def test_a_fact_without_any_brief_says_to_list_one() -> None:
    text = starter_text()
    start, end = text.index("sources:"), text.index("actors:")
    text = text[:start] + text[end:]
    found = [d.message for d in load(text).diagnostics]
    assert "unknown fact 'dam_built'; list the brief that holds it under `sources:`" in found


def echo(what: str, old: str, new: str, only: str, *, tests: bool = False):
    return pytest.param(old, new, only, tests, id=what)


ECHOES = [
    echo(
        "a typo in the fallback ending's `at` leaves it the fallback",
        "    scores: {NRL: 50, STH: 30}",
        "    at: anytime\n    scores: {NRL: 50, STH: 30}",
        "expected one of 'end', 'any', got text 'anytime'; did you mean 'any'?",
    ),
    echo(
        "an ending that could not be read at all may have been the fallback",
        "    title: The quarrel goes on\n",
        "",
        "the ending is missing required key 'title'",
    ),
    echo(
        "a fractional change is not also a missing change",
        "{rel: STH -> NRL, change: -10}",
        "{rel: STH -> NRL, change: -2.5}",
        "expected a whole number, got -2.5",
    ),
    echo(
        "a fractional set is not also a missing set",
        "{stat: NRL.support, change: -5}",
        "{stat: NRL.support, set: 2.5}",
        "expected a whole number or true or false, got 2.5",
    ),
    echo(
        "a target that is not text is not also a missing target",
        "{rel: STH -> NRL, change: -10}",
        "{rel: 12, change: -10}",
        "expected text, got 12; put it in quotes",
    ),
    echo(
        "a flag read only in an option that could not be read is still read",
        "    label: Propose a water-sharing plan\n",
        "",
        "the option is missing required key 'label'",
    ),
    echo(
        "a flag read only in a condition that does not parse is still read",
        "requires: flag(talks)",
        "requires: flag(talks) &&",
        "in condition: unexpected character '&': write `and`",
    ),
    echo(
        "a flag set only in an option that could not be read is still set",
        "    label: Accept the council's talks\n",
        "",
        "the option is missing required key 'label'",
    ),
    echo(
        "an event whose `when` does not parse still has one",
        "    turn: 2\n",
        "    when: rel(STH, NRL) <\n",
        "in condition: expected a value, found the end of the condition",
    ),
    echo(
        "an event whose `turn` is out of range still has one",
        "    turn: 2\n",
        "    turn: 0\n",
        "0 is out of range; expected at least 1",
    ),
    echo(
        "a relation whose `from` is not text still has one",
        "  - from: RGC ",
        "  - from: 12 ",
        "expected text, got 12; put it in quotes",
    ),
    echo(
        "`otherwise` after a chance out of range",
        "    chance: 0.5 ",
        "    chance: 50 ",
        "50 is out of range; expected 0 to 1",
    ),
    echo(
        "an option whose only actor is not text still has one",
        "    by: [RGC]",
        "    by: [12]",
        "expected text, got 12; put it in quotes",
    ),
    echo(
        "a role whose only goal could not be read still has one",
        "measure: rel(STH, NRL) + stat(STH, support)",
        "measure: rel(STH, NRL) +",
        "in condition: expected a value, found the end of the condition",
    ),
    echo(
        "SELF's stat outside an option is not also an unknown stat",
        "when: rel(NRL, STH) > 10 and rel(STH, NRL) > 10",
        "when: stat(SELF, support) > 10",
        "in condition: SELF (the actor taking the option) is only meaningful in an option",
    ),
    echo(
        "a step whose option is not text still has its one key",
        "      - choose: hold_firm\n",
        "      - choose: 12\n",
        "expected text, got 12; put it in quotes",
        tests=True,
    ),
]


@pytest.mark.parametrize(("old", "new", "only", "tests"), ECHOES)
def test_a_problem_is_reported_once_and_not_echoed(
    old: str, new: str, only: str, tests: bool
) -> None:
    result = load(edit(starter_text() + (TESTS if tests else ""), old, new))
    assert [d.message for d in result.diagnostics] == [only]


def test_a_test_may_expect_the_turn_after_the_last() -> None:
    text = edit(starter_text() + TESTS, "      - choose: hold_firm\n", "      - expect: turn > 5\n")
    assert load(text).diagnostics == ()


def test_a_delay_that_can_still_land_is_not_warned_about() -> None:
    text = edit(
        starter_text(),
        "    requires: flag(talks)\n",
        "    requires: flag(talks) and turn >= 3\n    delay: 2\n",
    )
    assert load(text).diagnostics == ()
    text = edit(starter_text(), "    once: true", "    once: true\n    delay: 4")
    assert load(text).diagnostics == ()


def brief_file(facts: str, date: str = "2030-04-01") -> str:
    return f"citation:\n  outlet: Handout\n  title: T\n  date: '{date}'\nfacts:\n{facts}"


def with_brief_files(tmp_path: Path, briefs: dict[str, str], listed: list[str]) -> LoadResult:
    """The starter, citing brief files (written to tmp_path) before its inline brief."""
    for name, text in briefs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    sources = "".join(f"  - {name}\n" for name in listed)
    text = edit(starter_text(), "sources:\n", "sources:\n" + sources)
    scenario = tmp_path / "s.yaml"
    scenario.write_text(text, encoding="utf-8")
    return load_scenario(scenario)


def test_a_fact_id_in_two_briefs_is_an_error_naming_both(tmp_path: Path) -> None:
    one = "  - {id: leak, claim: A leak.}\n"
    two = "  - {id: other, claim: Other.}\n  - {id: leak, claim: Another leak.}\n"
    result = with_brief_files(
        tmp_path,
        {"one.yaml": brief_file(one), "two.yaml": brief_file(two)},
        ["one.yaml", "two.yaml"],
    )
    found = [(d.file, d.line, d.message, d.context) for d in result.diagnostics]
    assert found == [
        (
            str(tmp_path / "two.yaml"),
            7,
            f"fact id 'leak' is also in {tmp_path / 'one.yaml'} (line 6); the briefs a "
            "scenario cites must not share fact ids: rename one",
            f"in the sources of {tmp_path / 's.yaml'}",
        )
    ]


def test_a_fact_id_shared_with_an_inline_brief_is_reported_in_the_scenario(
    tmp_path: Path,
) -> None:
    result = with_brief_files(
        tmp_path, {"one.yaml": brief_file("  - {id: dam_built, claim: A dam.}\n")}, ["one.yaml"]
    )
    scenario = str(tmp_path / "s.yaml")
    assert [(d.file, d.message) for d in result.diagnostics] == [
        (
            scenario,
            f"fact id 'dam_built' is also in {tmp_path / 'one.yaml'} (line 6); the briefs a "
            "scenario cites must not share fact ids: rename one",
        )
    ]
    assert result.diagnostics[0].line == line_of(result.text or "", "- id: dam_built")


def test_a_brief_listed_twice_is_read_once(tmp_path: Path) -> None:
    result = with_brief_files(
        tmp_path, {"one.yaml": brief_file("  - {id: leak, claim: A leak.}\n")}, ["one.yaml"] * 2
    )
    assert [(d.severity, d.line, d.message) for d in result.diagnostics] == [
        ("warning", 21, "the brief 'one.yaml' is already listed at line 20; list each brief once")
    ]


def test_a_brief_with_a_bad_date_still_lends_its_facts(tmp_path: Path) -> None:
    facts = "  - {id: leak, claim: A leak.}\n"
    result = with_brief_files(
        tmp_path, {"one.yaml": brief_file(facts, date="19 March 2022")}, ["one.yaml"]
    )
    text = edit(
        result.text or "",
        "    facts: [council_offer]\n  - id: protest",
        "    facts: [leak]\n  - id: protest",
    )
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    result = load_scenario(tmp_path / "s.yaml")
    assert [(d.file, d.line, d.message) for d in result.diagnostics] == [
        (
            str(tmp_path / "one.yaml"),
            4,
            "'19 March 2022' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-19",
        )
    ]
    brief, problems = load_brief(tmp_path / "one.yaml")
    assert brief is None and [d.message for d in problems] == [result.diagnostics[0].message]


def test_missing_labels_are_reported_a_few_at_a_time_then_counted() -> None:
    """A large draft without labels gets a few reminders and a count, not one per stat, so
    its real problems stay in sight."""
    extra = ", ".join(f"s{i}: 1" for i in range(12))
    text = edit(
        starter_text(),
        "    stats: {support: 60}\n"
        "    stat_labels: {support: public support}   # what players read instead of the name\n",
        f"    stats: {{support: 60, {extra}}}\n",
    )
    found = [d.message for d in load(text).diagnostics if "no label" in d.message]
    assert len(found) == MISSING_SHOWN + 1
    assert found[-1].startswith(f"{13 - MISSING_SHOWN} more stat(s) or flag(s) have no label")
