"""Reflection prompts in a scenario: where they may be asked, and what the checker says."""

from __future__ import annotations

from tests.scenario.conftest import edit, errors, line_of, load, starter_text

PROMPTS = """default_role: NRL
reflection:
  - turn: 2
    prompt: Why this move rather than waiting?
  - prompt: What would you do differently?
"""


def with_prompts(prompts: str = PROMPTS) -> str:
    return edit(starter_text(), "default_role: NRL\n", prompts)


def test_prompts_after_a_turn_and_at_the_end_load_in_order():
    result = load(with_prompts())
    assert not errors(result), [d.message for d in errors(result)]
    assert result.loaded is not None
    asked = [(p.turn, p.prompt) for p in result.loaded.scenario.reflection]
    assert asked == [
        (2, "Why this move rather than waiting?"),
        (None, "What would you do differently?"),
    ]


def test_a_prompt_after_the_last_turn_is_an_error_on_its_line():
    text = with_prompts(PROMPTS.replace("turn: 2", "turn: 9"))
    (problem,) = errors(load(text))
    assert problem.message == "turn 9 is after the last turn (5), so it is never asked"
    assert problem.line == line_of(text, "turn: 9")


def test_two_prompts_on_one_turn_are_an_error():
    text = with_prompts(PROMPTS + "  - turn: 2\n    prompt: Again?\n")
    (problem,) = errors(load(text))
    assert "a second prompt after turn 2 (the first is reflection item 1)" in problem.message
    text = with_prompts(PROMPTS + "  - prompt: And at the end, again?\n")
    (problem,) = errors(load(text))
    assert "a second prompt at the end" in problem.message


def test_a_misspelt_key_and_an_empty_prompt_are_named():
    text = with_prompts(PROMPTS.replace("prompt: Why", "promt: Why"))
    assert any("promt" in d.message for d in errors(load(text)))
    text = with_prompts(PROMPTS.replace("prompt: What would you do differently?", 'prompt: " "'))
    assert [d.message for d in errors(load(text))] == ["the prompt is empty: write the question"]
