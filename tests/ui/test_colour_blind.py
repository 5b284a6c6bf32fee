"""Colour is never the only carrier of a meaning (issue 15): the turn screen is exported as
an SVG, its colours are mapped through the Machado 2009 protanopia and deuteranopia
simulation, and every meaning the colours carry (a relation's stance, an option available
or not, a gain or a loss) must also be on screen as a word or a sign."""

from __future__ import annotations

import re

import pytest

from game.ui import screens
from game.ui.app import make_app
from game.ui.text import signed
from tests.ui.colour_blind import MACHADO_2009, hue_apart, line_text, spans

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SCENES = {
    "second turn": ["enter", "enter", "enter"],  # relations moved, a forecast with + and -
    "an option taken": ["enter", "3", "enter", "enter"],  # a once-only move: now ✗
}
NUMBER = re.compile(r"\d")


async def turn_screen_svg(river, size, keys):
    """The turn screen after some keys: its SVG, the theme's colours, where each relation and
    option is drawn, and the views they show."""
    world, path = river
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, screens.TurnScreen)
        colours = {k: v[:7].lower() for k, v in app.get_css_variables().items()}
        rows = []
        for row in screen.view.relations:
            line = screen.query_one(f"#relation-{row.actor}")
            rows.append((row, line.region))
        options = screen.options_list
        top = options.content_region.y - options.scroll_offset.y
        svg = app.export_screenshot()
        return svg, colours, rows, screen.rows, (top, options.content_region)


@pytest.mark.parametrize("scene", SCENES)
@pytest.mark.parametrize("size", SIZES)
async def test_every_meaning_in_colour_is_also_a_word_or_a_sign(river, size, scene):
    svg, colours, relations, options, (top, box) = await turn_screen_svg(river, size, SCENES[scene])
    drawn = spans(svg)
    stance_fill: dict[str, set[str]] = {}
    stance_scores = {
        (region.y + 1, signed(value))
        for row, region in relations
        for value in (row.theirs, row.yours)
    }
    for row, region in relations:
        # The name line carries the stances in words: 'friendly / cool', or one word.
        name_line = line_text(drawn, region.y, region.x, region.right)
        words = (
            row.theirs_stance
            if row.theirs_stance == row.yours_stance
            else f"{row.theirs_stance} / {row.yours_stance}"
        )
        assert name_line.rstrip().endswith(words), (row.name, name_line)
        for span in drawn:
            if span.line == region.y and span.text in (row.theirs_stance, row.yours_stance):
                stance_fill.setdefault(span.text, set()).add(span.fill)
        # The score line: each change has its arrow, each score its sign.
        score_line = line_text(drawn, region.y + 1, region.x, region.right)
        for change in (row.theirs_change, row.yours_change):
            mark = f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "·"
            assert mark in score_line, (row.name, score_line)
    assert all(len(fills) == 1 for fills in stance_fill.values())  # one colour a stance
    # Available or not: the dimmed rows say so with ✗ (and why), the others do not.
    for index, option in enumerate(options):
        line = top + index
        if not box.y <= line < box.bottom:
            continue
        text = line_text(drawn, line, box.x, box.right)
        assert text.strip().startswith(str(option.number)), (option, text)
        assert ("✗" in text) == (not option.available), (option, text)
    # Gains and losses: every green or red number carries its sign or arrow.
    gain, loss = colours["text-success"], colours["text-error"]
    for span in drawn:
        if (span.line, span.text.strip()) in stance_scores:
            continue  # a relation's score is coloured by its stance, worded above it
        if span.fill in (gain, loss) and NUMBER.search(span.text):
            signs = "+▲" if span.fill == gain else "-▼"
            assert span.text.strip()[0] in signs, span


async def test_the_stance_colours_are_confusable_under_the_simulation(river):
    """Why the words matter: through the simulation, green (friendly, gains) and amber (cool)
    move closer in hue than a trichromat sees them, so colour alone would not tell them
    apart; the test above requires the word wherever either colour is used."""
    _svg, colours, *_ = await turn_screen_svg(river, (120, 40), SCENES["second turn"])
    green, amber, red = colours["text-success"], colours["text-warning"], colours["text-error"]
    for kind in MACHADO_2009:
        assert hue_apart(green, amber, kind) < hue_apart(green, amber, "normal")
        assert hue_apart(green, red, kind) < hue_apart(green, red, "normal")
