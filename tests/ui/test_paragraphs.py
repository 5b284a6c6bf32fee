"""A blank line in an author's `>-` block starts a paragraph on every screen that shows
author prose (docs/authoring.md 2.4; issue 16): the role picker, the briefing, the option
detail and the end screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from game.launch import load_world
from game.ui.app import make_app
from game.ui.screens.end import EndScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.widgets.option_detail import OptionDetail

from .conftest import RIVER
from .helpers import picker_details, play_to_end, text_of

FOLDED = {
    "summary: |\n  Two neighbours, Northland and Southland, quarrel over a river dam. A "
    "regional\n  council tries to keep the peace. You have five weeks to settle it.\n": (
        "summary: >-\n  Two neighbours, Northland and Southland,\n  quarrel over a river dam."
        "\n\n  A regional council tries to keep the peace.\n"
    ),
    "    briefing: |\n      You govern Northland. The new dam powers your cities, but "
    "Southland is angry.\n": (
        "    briefing: >-\n      You govern Northland.\n\n      Southland is angry.\n"
    ),
    "    description: Let more water through; it costs you some electricity and support.\n": (
        "    description: >-\n      Let more water through.\n\n      It costs you support.\n"
    ),
    "    text: Both sides sign a water-sharing plan.\n": (
        "    text: >-\n      Both sides sign.\n\n      The water is shared.\n"
    ),
    "    text: Nothing is settled; the dam stays a grievance.\n": (
        "    text: >-\n      Nothing is settled.\n\n      The dam stays a grievance.\n"
    ),
}


def folded_river(folder: Path) -> str:
    """The river scenario with its prose in `>-` blocks, paragraphs split by one blank line."""
    text = RIVER.read_text(encoding="utf-8")
    for plain, folded in FOLDED.items():
        assert plain in text
        text = text.replace(plain, folded)
    path = folder / "river_folded.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


async def test_one_blank_line_in_a_folded_block_is_a_paragraph_on_screen(tmp_path: Path):
    path = folded_river(tmp_path)
    world, _ = load_world(path)
    app = make_app(world, scenario_path=path, seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, RolePickerScreen)
        await picker_details(pilot)
        picker = text_of(app.screen.query_one("#role-text", Static))
        assert "You govern Northland.\n\nSouthland is angry." in picker
        await pilot.press("enter")  # Northland, the default role
        briefing = text_of(app.screen.query_one("#briefing Static", Static))
        assert "quarrel over a river dam.\n\nA regional council" in briefing
        assert "You govern Northland.\n\nSouthland is angry." in briefing
        await pilot.press("enter")  # the first turn
        screen = app.screen
        number = next(r.number for r in screen.rows if r.id == "open_sluices")  # type: ignore[attr-defined]
        await pilot.press(str(number))
        detail = text_of(screen.query_one(OptionDetail).query_one("#detail-body", Static))
        assert "Let more water through.\n\nIt costs you support." in detail
        await play_to_end(pilot)
        assert isinstance(app.screen, EndScreen)
        ending = text_of(app.screen.query_one("#end-ending", Static))
        assert (
            "Nothing is settled.\n\nThe dam stays a grievance." in ending
            or "Both sides sign.\n\nThe water is shared." in ending
        )
