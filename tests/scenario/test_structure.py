"""The structurer: unknown keys (with suggestions), wrong types, missing keys, each at its place."""

from __future__ import annotations

import pytest

from game.scenario import structure as structure_module
from game.scenario.model import Effect, Ending, Option, Relation, Rules, Scenario, Transcript
from game.scenario.structure import INVALID, Structurer
from game.scenario.yamlread import Place, read_yaml


def structure(text: str, cls: type) -> tuple[object, list[tuple[int, int, str]]]:
    document = read_yaml(text)
    found: list[tuple[int, int, str]] = []
    structurer = Structurer(document.marks, lambda p, m: found.append((p.line, p.col, m)))
    return structurer.structure(document.data, cls, ()), found


def test_a_good_option_becomes_a_model_object() -> None:
    option, found = structure(
        "id: talk\nby: TUR\nlabel: Talk\nrequires: turn > 1\nchance: 1\n"
        "effects:\n  - {rel: TUR -> RUS, change: 5}\n",
        Option,
    )
    assert found == []
    assert isinstance(option, Option)
    assert option.by == ("TUR",)  # a single id reads as a list of one
    assert option.chance == 1.0 and isinstance(option.chance, float)
    assert option.effects == (Effect(rel="TUR -> RUS", change=5),)
    assert str(option.requires) == "turn > 1"


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    _, found = structure("id: talk\nby: [TUR]\nlabel: Talk\nrequire: turn > 1\n", Option)
    assert found == [(4, 1, "unknown key 'require' in the option; did you mean 'requires'?")]


def test_unknown_key_with_nothing_close_lists_the_allowed_keys() -> None:
    _, found = structure("score: 1\nfrom: A\nto: B\nzzz: 3\n", Relation)
    ((line, col, message),) = found
    assert (line, col) == (4, 1)
    assert "allowed keys: score, from, to, between, baseline" in message


def test_missing_required_key_is_reported_at_the_mapping() -> None:
    value, found = structure("id: talk\nlabel: Talk\n", Option)
    assert value is INVALID
    assert found == [(1, 1, "the option is missing required key 'by'")]


@pytest.mark.parametrize(
    ("yaml_value", "fragment"),
    [
        ("[1, 2]", "expected a number, got a list"),
        ("'0.5'", "expected a number, got text '0.5'; write the number without quotes"),
        ("1e3", "write 1.0e+3, not 1e3"),
        ("true", "expected a number, got true"),
        (".nan", "expected a number, got nan (not a usable number)"),
        (".inf", "not a usable number"),
        ("2", "2 is out of range; expected 0 to 1"),
        ("~", "expected a number, got nothing"),
    ],
)
def test_wrong_number_is_reported_at_the_value(yaml_value: str, fragment: str) -> None:
    _, found = structure(f"id: o\nby: [A]\nlabel: L\nchance: {yaml_value}\n", Option)
    ((line, col, message),) = found
    assert (line, col) == (4, 9)
    assert fragment in message


def test_whole_numbers_refuse_fractions_and_enormous_values() -> None:
    _, found = structure("score: 2.5\n", Relation)
    assert found == [(1, 8, "expected a whole number, got 2.5")]
    _, found = structure("score: 0x" + "f" * 4000 + "\n", Relation)  # 4,800 digits
    assert found == [(1, 8, "this number is far too large; keep numbers within ±1,000,000,000")]


def test_wrong_types_everywhere_are_all_reported() -> None:
    text = (
        "format: 1\nid: [x]\ntitle: {a: 1}\nsummary: 3\nstart_date: true\nturns: abc\n"
        "actors: 5\noptions: x\nendings: {}\n"
    )
    value, found = structure(text, Scenario)
    assert value is INVALID
    assert [line for line, _, _ in found] == [2, 3, 4, 5, 6, 7, 8, 9]


def test_text_fields_say_to_quote() -> None:
    _, found = structure("id: 12\nby: [A]\nlabel: yes\n", Option)
    assert found == [
        (1, 5, "expected text, got 12; put it in quotes"),
        (3, 8, "expected text, got true; put it in quotes"),
    ]


def test_ids_must_be_identifiers_of_reasonable_length() -> None:
    _, found = structure("id: my option\nby: [A]\nlabel: L\n", Option)
    assert "'my option' is not a valid id" in found[0][2]
    _, found = structure(f"id: {'a' * 65}\nby: [A]\nlabel: L\n", Option)
    assert "is not a valid id: use up to 64" in found[0][2]
    assert len(found[0][2]) < 200  # the id is clipped in the message
    _, found = structure(f"id: {'a' * 64}\nby: [A]\nlabel: L\n", Option)
    assert found == []


def test_literal_choices_suggest_the_closest() -> None:
    _, found = structure("id: e\ntitle: T\nat: ned\n", Ending)
    assert found == [(3, 5, "expected one of 'end', 'any', got text 'ned'; did you mean 'end'?")]


def test_pairs_need_two_ordered_values() -> None:
    _, found = structure("relation_bounds: [100, -100]\nstat_bounds: [1]\n", Rules)
    assert found == [
        (1, 18, "the first value must not exceed the second, got [100, -100]"),
        (2, 14, "expected a list of 2 values, got a list"),
    ]


def test_condition_syntax_error_is_placed_at_its_column_in_the_file() -> None:
    text = "id: o\nby: [A]\nlabel: L\nrequires: turn >= 2 && flag(x)\n"
    _, found = structure(text, Option)
    assert found == [(4, 21, "in condition: unexpected character '&': write `and`")]


@pytest.mark.parametrize(
    ("requires", "place"),
    [
        ("'turn >= 2 && flag(x)'", Place(4, 22)),
        ('"turn >= 2 && flag(x)"', Place(4, 22)),
        (">-\n  flag(y) and\n  turn >= 2 && flag(x)", Place(6, 13)),
        ("|\n    flag(y) and\n\n    turn >= 2 && flag(x)", Place(7, 15)),
        ("flag(y) and\n  turn >= 2 && flag(x)", Place(5, 13)),
    ],
)
def test_condition_columns_inside_quoted_and_multi_line_text(requires: str, place: Place) -> None:
    text = f"id: o\nby: [A]\nlabel: L\nrequires: {requires}\n"
    _, found = structure(text, Option)
    ((line, col, message),) = found
    assert (line, col) == (place.line, place.col), text
    assert text.splitlines()[line - 1][col - 1] == "&"
    assert "write `and`" in message


def test_a_bad_optional_field_damages_but_keeps_the_object() -> None:
    document = read_yaml("id: o\nby: [A]\nlabel: L\nonce: maybe\n")
    found: list[str] = []
    structurer = Structurer(document.marks, lambda p, m: found.append(m))
    option = structurer.structure(document.data, Option, ())
    assert isinstance(option, Option) and option.once is False
    assert structurer.damaged == {(id(option), "once")}
    assert found == ["expected true or false, got text 'maybe'"]


def test_a_ten_thousand_character_condition_is_refused_at_its_line() -> None:
    condition = " and ".join(["turn > 1"] * 800)  # 10,396 characters
    _, found = structure(f"id: o\nby: [A]\nlabel: L\nrequires: {condition}\n", Option)
    assert found == [
        (
            4,
            11,
            f"this condition is {len(condition):,} characters long; keep each under 2,000 "
            "(set a flag in an event or option and test the flag instead)",
        )
    ]


def test_condition_text_has_a_budget_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(structure_module, "MAX_CONDITION_TEXT", 100)
    steps = "".join(f"  - expect: turn > {i:03d} or turn < 2\n" for i in range(10))  # 22 each
    _, found = structure(f"scenario: s.yaml\nrole: A\nsteps:\n{steps}", Transcript)
    assert found == [
        (
            8,
            13,
            "the conditions in this file add up to more than 100 characters; no crisis "
            "needs that many (is the file generated?)",
        )
    ]


def test_a_blank_line_in_a_folded_block_starts_a_paragraph() -> None:
    """docs/authoring.md 2.4: in a `>-` block a blank line starts a paragraph. YAML alone
    leaves one line break there, which reads as a wrapped line; the structurer makes it the
    blank line the author wrote. Two blank lines stay one paragraph break; `|` blocks and
    quoted text are left as written."""
    folded, found = structure(
        "id: a\nby: TUR\nlabel: A\ndescription: >-\n  One line\n  and its wrap.\n\n"
        "  A second paragraph.\n\n\n  A third.\n",
        Option,
    )
    assert found == []
    assert isinstance(folded, Option)
    assert folded.description == "One line and its wrap.\n\nA second paragraph.\n\nA third."
    literal, _ = structure(
        "id: a\nby: TUR\nlabel: A\ndescription: |\n  One line\n  and its wrap.\n", Option
    )
    assert isinstance(literal, Option)
    assert literal.description == "One line\nand its wrap.\n"
